#include "busy.hpp"

#include <cerrno>
#include <cstdio>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include <fmt/format.h>

namespace escalate::store_detail {

namespace {

// SQLite's lock bytes (os_unix.c): in WAL mode the writer holds byte 120 of the -shm file
// (WALINDEX_LOCK_OFFSET + slot 0); in rollback mode a writer holds RESERVED_BYTE and a
// committing one PENDING_BYTE of the database file.
constexpr long wal_write_lock = 120;
constexpr long pending_byte = 0x40000000;

std::string seconds_text(std::chrono::milliseconds ms) {
    const double s = static_cast<double>(ms.count()) / 1000.0;
    return fmt::format("{:g} s", s);
}

} // namespace

BusyWait::BusyWait(std::filesystem::path log, std::chrono::milliseconds timeout)
    : log_(std::move(log)), timeout_(timeout) {}

BusyWait::~BusyWait() {
    for (const int fd : {shm_fd_, db_fd_}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

void BusyWait::install(sqlite3* db) {
    sqlite3_busy_handler(db, &BusyWait::on_busy, this);
}

int BusyWait::on_busy(void* self, int count) {
    return static_cast<BusyWait*>(self)->wait(count);
}

int BusyWait::wait(int count) {
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) {
        started_ = now;
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - started_);
    if (waited >= timeout_) {
        pid_ = holder();
        return 0; // give up: SQLite returns SQLITE_BUSY
    }
    if (!told_ && waited >= std::chrono::seconds(1) && ::isatty(STDERR_FILENO) == 1) {
        told_ = true;
        pid_ = holder();
        const std::string who = pid_ ? fmt::format("another escalate command (pid {})", *pid_)
                                     : "another escalate command";
        std::fputs(fmt::format("escalate: waiting for {} to finish...\n", who).c_str(), stderr);
        std::fflush(stderr);
    }
    // Short sleeps first, so that a lock held for a moment costs a moment.
    const int step_ms = count < 10 ? 1 + count : (count < 30 ? 10 : 50);
    const auto left = timeout_ - waited;
    std::this_thread::sleep_for(
        std::min<std::chrono::milliseconds>(std::chrono::milliseconds(step_ms), left));
    return 1;
}

std::optional<long> BusyWait::holder_of(int& fd, const std::filesystem::path& file, long start,
                                        long len) {
    if (fd < 0) {
        fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        if (fd < 0) {
            return std::nullopt;
        }
    }
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = start;
    lock.l_len = len;
    if (::fcntl(fd, F_GETLK, &lock) != 0 || lock.l_type == F_UNLCK || lock.l_pid <= 0) {
        return std::nullopt;
    }
    return static_cast<long>(lock.l_pid);
}

std::optional<long> BusyWait::holder() {
    std::filesystem::path shm = log_;
    shm += "-shm";
    if (auto pid = holder_of(shm_fd_, shm, wal_write_lock, 1)) {
        return pid;
    }
    return holder_of(db_fd_, log_, pending_byte, 2); // PENDING and RESERVED
}

std::string BusyWait::timed_out_message() const {
    const std::string who =
        pid_ ? fmt::format("another escalate command (pid {})", *pid_) : "another escalate command";
    return fmt::format("the case log {} is busy: {} held it for all of the {} waited; try again "
                       "when it has finished (ESCALATE_BUSY_TIMEOUT sets the wait, in seconds)",
                       log_.string(), who, seconds_text(timeout_));
}

} // namespace escalate::store_detail
