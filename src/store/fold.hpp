// Unicode case folding of org names: "Électricité", "ÉLECTRICITÉ" and "électricité" are one
// org. SQLite's NOCASE folds ASCII only, so every connection gets escalate_fold(text), and
// orgs are compared by their folded names. Private to src/store.
#pragma once

#include <string>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

namespace escalate::store_detail {

// NFC, then full Unicode case folding (utf8proc). Text that is not UTF-8 is returned as it is.
[[nodiscard]] std::string fold_name(std::string_view text);

// Registers escalate_fold(text) on this connection: deterministic, UTF-8, NULL for NULL.
void register_functions(SQLite::Database& db);

} // namespace escalate::store_detail
