// What to tell someone who typed what escalate does not know: the word meant ("did you mean
// log?", as git suggests a command), the accepted ones, and the help to read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace escalate::cli {

// The fewest single-character edits (insert, delete, replace, swap of two neighbours) that
// turn a into b, ignoring ASCII case: the optimal-string-alignment Damerau-Levenshtein distance.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates close enough to what was typed to be what was meant: within one edit of a word
// of up to 3 characters, two of a longer one, or starting with it (2 characters at least).
// Only the closest are kept, at most three, in the candidates' order.
[[nodiscard]] std::vector<std::string> close_matches(std::string_view typed,
                                                     const std::vector<std::string>& candidates);

// "did you mean log?", "did you mean promise or promises?", or "" when there are no matches.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& matches);
// The same for the candidates close to what was typed.
[[nodiscard]] std::string did_you_mean(std::string_view typed,
                                       const std::vector<std::string>& candidates);

// "a, b, c": the accepted values, as error messages list them.
[[nodiscard]] std::string join_names(const std::vector<std::string>& names);

// CLI11's failure hook (App::failure_message): a parse error in escalate's words, without the
// "escalate: " prefix. root is the whole command line; the message names the bad word, what was
// probably meant, and the help of the command being parsed (`see escalate log --help`).
[[nodiscard]] std::string describe_parse_error(const CLI::App* root, const CLI::Error& e);

} // namespace escalate::cli
