// Reading a file line by line with a bound: a line longer than the limit is refused after
// reading at most limit + 1 of its bytes, so memory stays bounded whatever the input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace escalate::cli {

class LineReader {
public:
    // fd stays the caller's. name is how errors call the input ("dump.jsonl").
    LineReader(int fd, std::string name, std::size_t limit);

    enum class Status { Line, TooLong, End };
    // The next line without its line break (a last line without one counts too). TooLong
    // leaves the rest of the line unread. Throws StorageError when reading fails.
    Status next(std::string& line);
    // Whether the last line returned ended without a line break (the input stopped in it).
    [[nodiscard]] bool last_unterminated() const { return unterminated_; }
    [[nodiscard]] std::size_t bytes_read() const { return consumed_; }
    // The input's size when it is a regular file, for progress.
    [[nodiscard]] std::optional<std::size_t> size() const { return size_; }

private:
    bool fill();
    int fd_;
    std::string name_;
    std::size_t limit_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0, end_ = 0;
    std::size_t consumed_ = 0;
    bool eof_ = false;
    bool unterminated_ = false;
    std::optional<std::size_t> size_;
};

} // namespace escalate::cli
