// Waiting for another process's lock: SQLite's busy handler, with a word to a person at a
// terminal after a second, and an error after the timeout that names the process holding the
// lock where the system can tell. Private to src/store.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

struct sqlite3;

namespace escalate::store_detail {

// How long a command waits for another's lock unless ESCALATE_BUSY_TIMEOUT says otherwise.
inline constexpr std::chrono::milliseconds default_busy_timeout{30000};

class BusyWait {
public:
    BusyWait(std::filesystem::path log, std::chrono::milliseconds timeout);
    ~BusyWait(); // closes the descriptors used to ask who holds the lock
    BusyWait(const BusyWait&) = delete;
    BusyWait& operator=(const BusyWait&) = delete;

    // Installs this as the connection's busy handler. The object must outlive the connection.
    void install(sqlite3* db);
    // The error for a lock that was not released in time: names the log, the holder's pid
    // when known, how long it was held, and what to do.
    [[nodiscard]] std::string timed_out_message() const;

private:
    static int on_busy(void* self, int count);
    int wait(int count);
    // The pid holding the write lock (WAL: byte 120 of the -shm file; otherwise SQLite's
    // RESERVED or PENDING byte of the log), or nullopt when the system cannot tell.
    std::optional<long> holder();
    std::optional<long> holder_of(int& fd, const std::filesystem::path& file, long start, long len);

    std::filesystem::path log_;
    std::chrono::milliseconds timeout_;
    std::chrono::steady_clock::time_point started_{};
    bool told_ = false;
    std::optional<long> pid_;
    // Kept open until the connection has closed: closing any descriptor of a file drops every
    // POSIX lock this process holds on it, SQLite's own included.
    int shm_fd_ = -1;
    int db_fd_ = -1;
};

} // namespace escalate::store_detail
