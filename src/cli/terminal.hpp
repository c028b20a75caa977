// What standard output is: a terminal or not, and how many columns it has. Both are read once,
// before a pager takes standard output over (pager.hpp), and hold for the whole command.
#pragma once

#include <cstddef>
#include <optional>

namespace escalate::cli {

// Whether standard output is a terminal, or was one before the pager took it.
[[nodiscard]] bool stdout_is_terminal();

// The columns a line of output may take, as git and ls decide it: COLUMNS when set to a
// positive number, else the terminal's width when standard output is one, else nullopt (no
// terminal, no COLUMNS: a pipe or a file, where a table keeps its one-line rows at the widths
// it has always printed, so that scripts see the same text wherever they run).
[[nodiscard]] std::optional<std::size_t> output_width();

} // namespace escalate::cli
