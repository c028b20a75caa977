// The schema as an ordered list of migrations, and the triggers that keep the undo journal.
// Private to src/store.
#pragma once

#include <cstdint>

#include <SQLiteCpp/SQLiteCpp.h>

namespace escalate::store_detail {

// "ESC1": marks a file as an escalate case log (PRAGMA application_id).
inline constexpr int application_id = 0x45534331;

// Runs every migration after from_version, each in its own savepoint, and leaves user_version
// at the newest. The caller holds the write transaction (BEGIN IMMEDIATE) in which it read
// from_version, and commits it. Throws StorageError when one fails.
void migrate(SQLite::Database& db, int from_version);

// Fills the derived tables of schema 4 from the log (src/store/state.cpp): every case's
// channel tallies, and a state row yet to be computed for every open case.
void fill_derived(SQLite::Database& db);

// Fills the full-text indexes (search_index, promise_index) afresh from the log: schema 6's
// migration and `escalate rebuild`.
void fill_search(SQLite::Database& db);
// Adds to them the cases, contacts and promises whose ids are above these (a bulk change).
void fill_search_after(SQLite::Database& db, std::int64_t cases, std::int64_t contacts,
                       std::int64_t promises);
// How many rows of the full-text indexes differ from what the record says they hold, either
// way (`rebuild --check`).
[[nodiscard]] std::int64_t search_differences(SQLite::Database& db);

} // namespace escalate::store_detail
