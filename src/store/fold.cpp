#include "fold.hpp"

#include <sqlite3.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"
#include "escalate/text.hpp"

namespace escalate::store_detail {

std::string fold_name(std::string_view text) {
    return case_fold(text);
}

namespace {

void sql_fold(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int size = sqlite3_value_bytes(argv[0]);
    if (text == nullptr) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    try {
        const std::string folded =
            fold_name(std::string_view(text, static_cast<std::size_t>(size)));
        sqlite3_result_text64(ctx, folded.data(), folded.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
    }
}

} // namespace

void register_functions(SQLite::Database& db) {
    const int rc = sqlite3_create_function(db.getHandle(), "escalate_fold", 1,
                                           SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, &sql_fold,
                                           nullptr, nullptr);
    if (rc != SQLITE_OK) {
        throw StorageError("cannot register escalate_fold on the case log's connection");
    }
}

} // namespace escalate::store_detail

namespace escalate {

void Store::register_functions(SQLite::Database& db) {
    store_detail::register_functions(db);
}

} // namespace escalate
