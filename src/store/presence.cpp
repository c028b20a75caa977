#include "presence.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "escalate/errors.hpp"

namespace escalate::store_detail {

std::optional<Presence> Presence::hold(const std::filesystem::path& path, bool exclusive) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt; // removed between the caller's look and this open
        }
        throw StorageError(fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
    }
    Presence presence(fd);
    int rc = 0;
    do {
        rc = ::flock(fd, exclusive ? LOCK_EX : LOCK_SH);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        throw StorageError(fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno)));
    }
    // The file locked must still be the one the path names: a creator that failed may have
    // removed it while this waited.
    struct stat held {};
    struct stat named {};
    if (::fstat(fd, &held) != 0 || ::stat(path.c_str(), &named) != 0 ||
        held.st_dev != named.st_dev || held.st_ino != named.st_ino) {
        return std::nullopt;
    }
    return presence;
}

Presence::~Presence() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void Presence::share() noexcept {
    (void)::flock(fd_, LOCK_SH);
}

bool Presence::alone() noexcept {
    return ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
}

} // namespace escalate::store_detail
