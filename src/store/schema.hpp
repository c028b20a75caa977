// The schema as an ordered list of migrations, and the triggers that keep the undo journal.
// Private to src/store.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

namespace escalate::store_detail {

// "ESC1": marks a file as an escalate case log (PRAGMA application_id).
inline constexpr int application_id = 0x45534331;

// Runs every migration after from_version, each in its own savepoint, and leaves user_version
// at the newest. The caller holds the write transaction (BEGIN IMMEDIATE) in which it read
// from_version, and commits it. Throws StorageError when one fails.
void migrate(SQLite::Database& db, int from_version);

// The journal triggers ask, for every row written, whether an entry is open; without this
// partial index that question scans the whole journal (up to 500 entries). Not part of a schema
// version: created by migrate for new logs and, idempotently, by each write transaction for logs
// made before it (a cheap no-op once it exists).
void ensure_journal_index(SQLite::Database& db);

} // namespace escalate::store_detail
