// The subcommands, one file each under commands/. Each declares its flags on its own
// CLI::App and returns what runs it; registry.cpp lists them all in one place.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace escalate::cli {

struct Command {
    CLI::App* app;
    std::function<void(Context&)> run;
    // Whether the command needs the policy: then it is read and checked before the command
    // starts, so that a bad policy file fails the command before it writes anything.
    bool needs_policy = true;
    // Whether the command reads the clock (--now is then checked before it starts); help and
    // completion do not, so that a bad ESCALATE_NOW cannot break them.
    bool needs_clock = true;
};

Command setup_open(CLI::App& app);
Command setup_case(CLI::App& app);
Command setup_log(CLI::App& app);
Command setup_next(CLI::App& app);
Command setup_show(CLI::App& app);
Command setup_list(CLI::App& app);
Command setup_close(CLI::App& app);
Command setup_reopen(CLI::App& app);
Command setup_promise(CLI::App& app);
Command setup_promises(CLI::App& app);
Command setup_org(CLI::App& app);
Command setup_edit(CLI::App& app);
Command setup_undo(CLI::App& app);
Command setup_draft(CLI::App& app);
Command setup_stats(CLI::App& app);
Command setup_policy(CLI::App& app);
Command setup_export(CLI::App& app);
Command setup_import(CLI::App& app);
Command setup_search(CLI::App& app);
Command setup_backup(CLI::App& app);
Command setup_rebuild(CLI::App& app);
// help and completion read the whole command tree: app is the root, every command on it.
Command setup_help(CLI::App& app);
Command setup_completion(CLI::App& app);
// The hidden __complete: the values completion scripts offer, read from the log and policy.
Command setup_complete(CLI::App& app);

// The first word of the command line that is not an option or an option's value: the command
// named, or "" (registry.cpp).
std::string_view first_word(const CLI::App& app, int argc, const char* const* argv);
// Registers on app the command argv names, or every command when it names none, names one
// that does not exist, or names help or completion, which read the whole tree.
std::vector<Command> register_commands(CLI::App& app, int argc, const char* const* argv);

} // namespace escalate::cli
