#include "files.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "escalate/errors.hpp"

namespace escalate::store_detail {

namespace fs = std::filesystem;

// Creates the folders leading to the case log, each new one private to the user, and adds
// each folder it made to `made`, the innermost first.
void make_private_dirs(const fs::path& dir, std::vector<fs::path>& made) {
    if (dir.empty() || fs::exists(dir)) {
        return;
    }
    make_private_dirs(dir.parent_path(), made);
    if (::mkdir(dir.c_str(), 0700) != 0) {
        if (errno == EEXIST) {
            return;
        }
        throw StorageError(
            fmt::format("cannot create folder {}: {}", dir.string(), std::strerror(errno)));
    }
    made.insert(made.begin(), dir);
}

// Removes what a failed command created: the file with SQLite's companions, then the folders.
void remove_created(const std::vector<fs::path>& created) noexcept {
    for (std::size_t i = 0; i < created.size(); ++i) {
        const fs::path& p = created[i];
        if (i == 0) {
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
                ::unlink((p.string() + suffix).c_str());
            }
        } else {
            ::rmdir(p.c_str()); // only when empty
        }
    }
}

// Creates an empty file readable by the user alone; SQLite gives its -wal and -shm files the
// same mode. Returns false when the file exists already (another command made it first).
bool create_private_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) {
        return false;
    }
    if (fd < 0) {
        throw StorageError(
            fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
    }
    ::close(fd);
    return true;
}

// Reads the first bytes without opening the file through SQLite, which could write to it.
void check_sqlite_header(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw StorageError(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    }
    std::array<char, 16> header{};
    in.read(header.data(), header.size());
    if (in.gcount() == 0) {
        throw StorageError(fmt::format(
            "{} is an empty file, not an escalate case log; remove it or choose another --db",
            path.string()));
    }
    if (in.gcount() < 16 || std::memcmp(header.data(), "SQLite format 3", 16) != 0) {
        throw StorageError(
            fmt::format("{} is not an escalate case log (not an SQLite database)", path.string()));
    }
}
} // namespace escalate::store_detail
