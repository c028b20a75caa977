// Copies of the case log with SQLite's online backup API: `backup FILE`, and the copy written
// before an upgrade. Each goes to a private temporary file beside its target first.
#include "backup.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"

namespace escalate {

namespace fs = std::filesystem;

namespace store_detail {

namespace {

// Pages per backup step: small enough for a progress line that moves, large enough that a
// log of thousands of cases takes a few dozen steps.
constexpr int pages_per_step = 256;

void remove_temp(const fs::path& temp) noexcept {
    ::unlink(temp.c_str());
    ::unlink((temp.string() + "-journal").c_str());
}

// Runs the backup from src into the (empty) file at dest; returns "" or what went wrong.
std::string copy_into(sqlite3* src, const fs::path& dest,
                      const std::function<void(int, int)>& progress) {
    sqlite3* out = nullptr;
    int rc = sqlite3_open_v2(dest.c_str(), &out, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = out != nullptr ? sqlite3_errmsg(out) : sqlite3_errstr(rc);
        sqlite3_close(out);
        return why;
    }
    sqlite3_backup* b = sqlite3_backup_init(out, "main", src, "main");
    if (b == nullptr) {
        std::string why = sqlite3_errmsg(out);
        sqlite3_close(out);
        return why;
    }
    do {
        rc = sqlite3_backup_step(b, pages_per_step);
        if (progress) {
            const int total = sqlite3_backup_pagecount(b);
            progress(total - sqlite3_backup_remaining(b), total);
        }
    } while (rc == SQLITE_OK);
    const int step_rc = rc;
    rc = sqlite3_backup_finish(b);
    std::string why;
    if (step_rc != SQLITE_DONE) {
        why = sqlite3_errstr(step_rc);
        const int sys = sqlite3_system_errno(out);
        if (step_rc == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT) {
            why = "the disk is full";
        }
    } else if (rc != SQLITE_OK) {
        why = sqlite3_errmsg(out);
    }
    if (sqlite3_close(out) != SQLITE_OK && why.empty()) {
        why = "cannot close the copy";
    }
    return why;
}

} // namespace

fs::path write_temp_copy(sqlite3* src, const fs::path& target,
                         const std::function<void(int, int)>& progress) {
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string templ = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(templ.data()); // 0600, O_EXCL: never follows a planted name
    if (fd < 0) {
        throw StorageError(
            fmt::format("cannot write a copy in {}: {}", folder.string(), std::strerror(errno)));
    }
    const fs::path temp = templ;
    std::string why = copy_into(src, temp, progress);
    if (why.empty() && ::fsync(fd) != 0) {
        why = std::strerror(errno);
    }
    ::close(fd); // after SQLite closed its own: closing drops this process's locks on the file
    if (!why.empty()) {
        remove_temp(temp);
        throw StorageError(fmt::format("cannot write {}: {}", target.string(), why));
    }
    return temp;
}

void sync_folder(const fs::path& folder) noexcept {
    const int fd =
        ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void backup_before_migration(const fs::path& log, int version) {
    const fs::path first = log.string() + fmt::format(".v{}.bak", version);
    // From a connection of its own: the caller's holds the write transaction, which SQLite's
    // backup will not read from. The lock it holds keeps the log as it is meanwhile.
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(log.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) {
        const std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw StorageError(
            fmt::format("cannot read {} to back it up before upgrading: {}", log.string(), why));
    }
    sqlite3_busy_timeout(db, 10000); // a checkpoint of another process's, at most
    fs::path temp;
    try {
        temp = write_temp_copy(db, first, {});
    } catch (...) {
        sqlite3_close(db);
        throw;
    }
    sqlite3_close(db);
    // link() never replaces: an existing backup (of an earlier upgrade) stays as it was.
    for (int n = 1;; ++n) {
        const fs::path name =
            n == 1 ? first : fs::path(log.string() + fmt::format(".v{}.{}.bak", version, n));
        if (::link(temp.c_str(), name.c_str()) == 0) {
            break;
        }
        if (errno != EEXIST || n >= 1000) {
            const int err = errno;
            remove_temp(temp);
            throw StorageError(fmt::format("cannot write the backup {} before upgrading: {}",
                                           name.string(), std::strerror(err)));
        }
    }
    remove_temp(temp);
    sync_folder(log.parent_path());
}

} // namespace store_detail

BackupResult Store::backup_to(const fs::path& target,
                              const std::function<void(int, int)>& progress) {
    // One read transaction for the counts and the copy: one snapshot, which writers in other
    // processes (WAL) neither block nor change, so the backup never restarts.
    auto tx = read();
    BackupResult result;
    SQLite::Statement counts(*db_, "SELECT (SELECT count(*) FROM orgs), (SELECT count(*) FROM "
                                   "cases), (SELECT count(*) FROM contacts), (SELECT count(*) "
                                   "FROM promises)");
    if (counts.executeStep()) {
        result.orgs = counts.getColumn(0).getInt64();
        result.cases = counts.getColumn(1).getInt64();
        result.contacts = counts.getColumn(2).getInt64();
        result.promises = counts.getColumn(3).getInt64();
    }
    counts.reset();
    const fs::path temp = store_detail::write_temp_copy(db_->getHandle(), target, progress);
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        throw StorageError(fmt::format("cannot write {}: {}", target.string(), std::strerror(err)));
    }
    store_detail::sync_folder(target.parent_path());
    std::error_code ec;
    result.bytes = fs::file_size(target, ec);
    return result;
}

} // namespace escalate
