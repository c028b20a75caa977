#include "editor.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/text.hpp"

extern char** environ;

namespace escalate::cli {

namespace {

std::string chosen_editor() {
    for (const char* name : {"VISUAL", "EDITOR"}) {
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
            return value;
        }
    }
    // Debian's alternatives name the system's editor `editor`; vi is POSIX's.
    return ::access("/usr/bin/editor", X_OK) == 0 ? "editor" : "vi";
}

// The temporary file, removed when the note has been read or the command fails.
class TempFile {
public:
    TempFile() {
        const char* tmp = std::getenv("TMPDIR");
        std::string dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
        path_ = dir + "/escalate-note-XXXXXX.txt";
        const int fd = ::mkstemps(path_.data(), 4); // mode 0600: the note is personal
        if (fd < 0) {
            throw Error(fmt::format("cannot create a file for the note in {}: {}", dir,
                                    std::strerror(errno)));
        }
        ::close(fd);
    }
    ~TempFile() { ::unlink(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Runs the editor as git does: through the shell, so that "code --wait" or "vim -u NONE" work,
// with the file as its last argument.
int run_editor(const std::string& editor, const std::string& path) {
    const std::string script = editor + " \"$@\"";
    std::string sh = "sh";
    std::string dash_c = "-c";
    std::string file = path;
    std::string script_copy = script;
    char* argv[] = {sh.data(), dash_c.data(), script_copy.data(), sh.data(), file.data(), nullptr};
    pid_t pid = 0;
    if (const int failed = ::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv, environ);
        failed != 0) {
        throw Error(fmt::format("cannot run the editor \"{}\": {}", editor, std::strerror(failed)));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw Error(fmt::format("lost the editor \"{}\": {}", editor, std::strerror(errno)));
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

} // namespace

std::string note_from_editor(const std::string& initial, std::string_view about) {
    const std::string editor = chosen_editor();
    TempFile file;
    {
        std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
        out << initial << (initial.empty() || initial.ends_with('\n') ? "" : "\n") << "\n"
            << "# Write the note for " << about << ". Lines starting with # are left out;\n"
            << "# an empty note writes nothing.\n";
        if (!out.flush()) {
            throw Error(fmt::format("cannot write the note's file {}", file.path()));
        }
    }
    if (const int code = run_editor(editor, file.path()); code != 0) {
        throw Error(
            fmt::format("the editor \"{}\" exited with {}: nothing was written", editor, code));
    }
    std::ifstream in(file.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw Error(fmt::format("cannot read the note back from {}", file.path()));
    }
    std::vector<std::string> lines;
    std::istringstream lines_in(normalise_newlines(text.str()));
    for (std::string line; std::getline(lines_in, line);) {
        if (!line.starts_with('#')) {
            lines.push_back(std::move(line));
        }
    }
    while (!lines.empty() && blank(lines.back())) {
        lines.pop_back();
    }
    std::size_t first = 0;
    while (first < lines.size() && blank(lines[first])) {
        ++first;
    }
    std::string note;
    for (std::size_t i = first; i < lines.size(); ++i) {
        note += (i == first ? "" : "\n") + lines[i];
    }
    if (note.empty()) {
        throw UsageError("the note is empty: nothing was written (leave out -e to write no note)");
    }
    return note;
}

} // namespace escalate::cli
