// Where an export goes: standard output, a device or FIFO written directly, or a regular file
// written through a private temporary file and renamed into place. Every write is checked.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace escalate::cli {

class Output {
public:
    // path: nothing or "-" for standard output. Throws UsageError for a folder or a block
    // device, StorageError when the file cannot be made (a missing folder, say).
    explicit Output(const std::optional<std::string>& path);
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    ~Output(); // an uncommitted temporary file is removed

    // Writes all of text, or throws StorageError naming the target and why.
    void write(std::string_view text);
    // Makes the output whole: flushes standard output, or syncs the temporary file and renames
    // it over the target. Returns the path written, or nothing for standard output.
    std::optional<std::string> commit();
    [[nodiscard]] std::size_t bytes() const { return bytes_; }

private:
    [[noreturn]] void fail(int err) const;
    std::string path_; // empty: standard output
    std::string tmp_;  // empty: written in place (standard output, a device, a FIFO)
    int fd_ = -1;
    bool own_fd_ = false;
    std::size_t bytes_ = 0;
};

} // namespace escalate::cli
