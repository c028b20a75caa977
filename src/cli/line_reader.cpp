#include "line_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {
constexpr std::size_t chunk = std::size_t{1} << 16;
}

LineReader::LineReader(int fd, std::string name, std::size_t limit)
    : fd_(fd), name_(std::move(name)), limit_(limit), buffer_(chunk) {
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
        size_ = static_cast<std::size_t>(st.st_size);
    }
}

bool LineReader::fill() {
    if (eof_) {
        return false;
    }
    for (;;) {
        const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw StorageError(fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
        }
        begin_ = 0;
        end_ = static_cast<std::size_t>(n);
        eof_ = n == 0;
        return n > 0;
    }
}

LineReader::Status LineReader::next(std::string& line) {
    line.clear();
    unterminated_ = false;
    for (;;) {
        if (begin_ == end_ && !fill()) {
            if (line.empty()) {
                return Status::End;
            }
            unterminated_ = true;
            return Status::Line;
        }
        const char* start = buffer_.data() + begin_;
        const std::size_t available = end_ - begin_;
        const auto* nl = static_cast<const char*>(std::memchr(start, '\n', available));
        const std::size_t take = nl != nullptr ? static_cast<std::size_t>(nl - start) : available;
        if (line.size() + take > limit_) {
            const std::size_t keep = limit_ + 1 - line.size();
            line.reserve(limit_ + 1);
            line.append(start, keep);
            begin_ += keep;
            consumed_ += keep;
            return Status::TooLong;
        }
        if (const std::size_t needed = line.size() + take; needed > line.capacity()) {
            // Doubling, until a quarter of the limit; then the limit exactly (libstdc++ would
            // double a smaller request): a long line costs its bytes, not twice them.
            line.reserve(needed <= limit_ / 4 ? std::max(line.capacity() * 2, needed) : limit_ + 1);
        }
        line.append(start, take);
        begin_ += take;
        consumed_ += take;
        if (nl != nullptr) {
            ++begin_;
            ++consumed_;
            return Status::Line;
        }
    }
}

} // namespace escalate::cli
