#include "output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

namespace fs = std::filesystem;

// /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the descriptor this process already
// holds, or -1. Written through a copy of it, so that a shell's ">>" still appends.
int named_descriptor(std::string_view path) {
    if (path == "/dev/stdout") {
        return STDOUT_FILENO;
    }
    if (path == "/dev/stderr") {
        return STDERR_FILENO;
    }
    for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        if (path.starts_with(prefix) && path.size() > prefix.size() &&
            path.size() < prefix.size() + 8 &&
            path.substr(prefix.size()).find_first_not_of("0123456789") == std::string_view::npos) {
            return std::atoi(std::string(path.substr(prefix.size())).c_str());
        }
    }
    return -1;
}

void sync_folder(const fs::path& folder) {
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        (void)::fsync(dir); // the rename is durable; a folder that cannot sync still has it
        ::close(dir);
    }
}

} // namespace

Output::Output(const std::optional<std::string>& path) {
    if (!path || *path == "-") {
        return;
    }
    path_ = *path;
    if (const int fd = named_descriptor(path_); fd >= 0) {
        fd_ = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (fd_ < 0) {
            fail(errno);
        }
        own_fd_ = true;
        return;
    }
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            throw UsageError(fmt::format("-o {} is a folder; give a file name", path_));
        }
        if (S_ISBLK(st.st_mode)) {
            throw UsageError(
                fmt::format("-o {} is a disk (a block device); give a file name", path_));
        }
        if (!S_ISREG(st.st_mode)) {
            // A terminal, /dev/null, a FIFO: written as it is, never replaced or truncated.
            fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
            if (fd_ < 0) {
                fail(errno);
            }
            own_fd_ = true;
            return;
        }
    }
    // A regular file, or none yet: a new private file beside it (mkstemp never follows a
    // symlink and never reuses a name), renamed over it once whole.
    const fs::path target(path_);
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string pattern = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) {
        fail(errno);
    }
    own_fd_ = true;
    tmp_ = name.data();
    if (::fchmod(fd_, 0600) != 0) {
        const int err = errno;
        ::close(fd_);
        ::unlink(tmp_.c_str()); // the destructor does not run for a constructor that throws
        fail(err);
    }
}

Output::~Output() {
    if (own_fd_ && fd_ >= 0) {
        ::close(fd_);
    }
    if (!tmp_.empty()) {
        ::unlink(tmp_.c_str());
    }
}

void Output::write(std::string_view text) {
    bytes_ += text.size();
    if (fd_ < 0) {
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
            // As fmt::print does: app.cpp tells a failed result from other errors by this.
            throw std::system_error(errno != 0 ? errno : EIO, std::generic_category(),
                                    "cannot write standard output");
        }
        return;
    }
    while (!text.empty()) {
        const ssize_t n = ::write(fd_, text.data(), text.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fail(n == 0 ? EIO : errno);
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::optional<std::string> Output::commit() {
    if (fd_ < 0) {
        if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
            throw std::system_error(errno != 0 ? errno : EIO, std::generic_category(),
                                    "cannot write standard output");
        }
        return std::nullopt;
    }
    const int fd = fd_;
    fd_ = -1;
    if (tmp_.empty()) { // a device or FIFO: nothing to sync or rename
        if (::close(fd) != 0) {
            fail(errno);
        }
        return path_;
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        fail(err);
    }
    if (::close(fd) != 0 || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
        fail(errno);
    }
    tmp_.clear();
    const fs::path folder = fs::path(path_).parent_path();
    sync_folder(folder.empty() ? fs::path(".") : folder);
    return path_;
}

void Output::fail(int err) const {
    const std::string target = path_.empty() ? std::string("standard output") : path_;
    throw StorageError(fmt::format("cannot write {}: {}", target, std::strerror(err)));
}

} // namespace escalate::cli
