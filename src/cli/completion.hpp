// Shell completion: the command tree as completion scripts see it, read from the CLI::App
// (so the scripts cannot drift from the flags), and one script writer per shell.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace escalate::cli {

// What the value of an option or positional is, for completion: "cases", "orgs", "channels",
// "outcomes" (asked of `escalate __complete KIND` at completion time), "files", "=a b c" (a
// fixed list), or "" (free text: nothing is offered).
struct CompletionOption {
    std::vector<std::string> names; // every spelling: -q, --quiet
    std::string help;
    bool takes_value = false;
    std::string values;
};

struct CompletionCommand {
    std::string path; // "escalate", "escalate log", "escalate policy check"
    std::string help;
    std::vector<std::string> subcommands; // names, in help order
    std::vector<CompletionOption> options;
    std::vector<std::string> positionals; // the values of each, in order
    bool last_repeats = false;            // the last positional takes any number of words
};

// The whole visible tree, the root first (hidden commands left out).
std::vector<CompletionCommand> completion_tree(CLI::App& root);

std::string bash_script(const std::vector<CompletionCommand>& tree);
std::string zsh_script(const std::vector<CompletionCommand>& tree);
std::string fish_script(const std::vector<CompletionCommand>& tree);

// The first line of a help text, for a shell's one-line description.
std::string first_line(const std::string& text);
// The dynamic kinds, which `escalate __complete` lists.
bool is_dynamic_kind(const std::string& kind);

} // namespace escalate::cli
