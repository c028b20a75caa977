// Who has the case log open. Every process holds a shared flock(2) on the log file while its
// connection is open; the process that creates the log holds it exclusively until the schema
// is written. So a command that created a log and then failed can tell whether anyone else
// opened it meanwhile (it removes the log only when no one did), and no one reads a log
// whose schema is still being written. SQLite's own locks are fcntl(2) locks, which flock
// does not touch. Private to src/store.
#pragma once

#include <filesystem>
#include <optional>

namespace escalate::store_detail {

class Presence {
public:
    // Opens path and takes the lock (exclusive for a creator), waiting while a creator holds
    // it. Returns nothing when path no longer names the file locked (a creator removed it
    // meanwhile): the caller starts again.
    static std::optional<Presence> hold(const std::filesystem::path& path, bool exclusive);
    Presence(Presence&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Presence& operator=(Presence&&) = delete;
    Presence(const Presence&) = delete;
    ~Presence();

    // From exclusive to shared, once the new log is ready for others.
    void share() noexcept;
    // Whether this process is the only one holding the log (then it holds it exclusively).
    [[nodiscard]] bool alone() noexcept;

private:
    explicit Presence(int fd) : fd_(fd) {}
    int fd_ = -1;
};

} // namespace escalate::store_detail
