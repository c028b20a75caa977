// SQLite's failures in words a user can act on: a full disk (on reads as on writes), an I/O
// error naming the system's error.
#include <cerrno>
#include <cstring>

#include <sys/statvfs.h>

#include <sqlite3.h>

#include <fmt/format.h>

#include "escalate/store.hpp"

namespace escalate {

namespace fs = std::filesystem;

namespace {

// Whether the filesystem holding the log has no room left: SQLite does not always keep the
// errno of a failed write (growing its -shm file, for one), so an I/O error is checked here.
bool folder_is_full(const fs::path& log) {
    struct statvfs fs_stat {};
    const fs::path folder = log.parent_path().empty() ? fs::path(".") : log.parent_path();
    if (::statvfs(folder.c_str(), &fs_stat) != 0) {
        return false;
    }
    constexpr unsigned long long room_sqlite_needs = 64 * 1024; // a -shm file's first pages
    return static_cast<unsigned long long>(fs_stat.f_bavail) * fs_stat.f_frsize < room_sqlite_needs;
}

} // namespace

std::string describe_storage_failure(int sqlite_code, int sys_errno, std::string_view what,
                                     const fs::path& log) {
    if (sqlite_code == SQLITE_FULL || sys_errno == ENOSPC || sys_errno == EDQUOT ||
        (sqlite_code == SQLITE_IOERR && folder_is_full(log))) {
        return fmt::format("the disk is full: SQLite cannot write {} or the -wal and -shm files "
                           "beside it, which reading needs too; free some space and try again",
                           log.string());
    }
    if (sqlite_code == SQLITE_IOERR) {
        return fmt::format("I/O error on {}: {}{}; check the disk, and restore the log from a "
                           "backup if it persists",
                           log.string(), what,
                           sys_errno != 0 ? fmt::format(" ({})", std::strerror(sys_errno))
                                          : std::string());
    }
    return fmt::format("error on {}: {}", log.string(), what);
}

} // namespace escalate
