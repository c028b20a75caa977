// The case log's file on disk, before SQLite opens it: creating it and its folders privately,
// looking at its header without writing, and removing what a failed command created. Private
// to src/store.
#pragma once

#include <filesystem>
#include <vector>

namespace escalate::store_detail {

// Creates the folders leading to the case log, each new one private to the user (0700), and
// adds each folder it made to `made`, the innermost first.
void make_private_dirs(const std::filesystem::path& dir, std::vector<std::filesystem::path>& made);
// Removes what a failed command created: the file with SQLite's companions, then the folders.
void remove_created(const std::vector<std::filesystem::path>& created) noexcept;
// Creates an empty file readable by the user alone (0600); SQLite gives its -wal and -shm
// files the same mode. Returns false when the file exists already (another command made it
// first).
bool create_private_file(const std::filesystem::path& path);
// Refuses (StorageError) a file that is empty or not SQLite, reading its first bytes without
// opening it through SQLite, which could write to it.
void check_sqlite_header(const std::filesystem::path& path);

} // namespace escalate::store_detail
