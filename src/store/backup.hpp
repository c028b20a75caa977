// Private copies of the case log: the pre-upgrade backup and `backup FILE`, both written to a
// temporary file (mkstemp, 0600) in the target's folder, fsynced, then moved into place.
// Private to src/store.
#pragma once

#include <filesystem>
#include <functional>

struct sqlite3;

namespace escalate::store_detail {

// Copies the main database of src (in the transaction it holds, if any) into a new private
// temporary file in target's folder, with SQLite's online backup, in steps; fsynced. Returns
// the temporary file's path; the caller moves it into place. Throws StorageError.
std::filesystem::path write_temp_copy(sqlite3* src, const std::filesystem::path& target,
                                      const std::function<void(int, int)>& progress);

// The copy of the log written before upgrading it from `version`: log.vN.bak, written once.
// An existing backup is never replaced: the copy then takes the next free name
// (log.vN.2.bak, ...).
// Called under the write lock, before any migration step writes.
void backup_before_migration(const std::filesystem::path& log, int version);

// fsyncs a folder, so that a rename or link in it survives a power cut.
void sync_folder(const std::filesystem::path& folder) noexcept;

} // namespace escalate::store_detail
