// -e/--edit: a note written in the person's own editor, as `git commit` does.
#pragma once

#include <string>
#include <string_view>

namespace escalate::cli {

// Opens $VISUAL, else $EDITOR, else Debian's `editor`, else vi, on a private temporary file
// (mode 0600, in $TMPDIR) holding `initial` and a few lines of help starting with "#", waits
// for it, and returns what was written without the "#" lines and the blank lines at either end.
// `about` names what the note is for ("the call to log"). The file is removed whatever happens.
// Throws Error when the editor cannot be run or fails, UsageError when the note comes back empty:
// either way the command writes nothing.
[[nodiscard]] std::string note_from_editor(const std::string& initial, std::string_view about);

} // namespace escalate::cli
