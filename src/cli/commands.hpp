// The subcommands, one file each under commands/. Each declares its flags on its own
// CLI::App and returns what runs it; app.cpp lists them all in one place.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace escalate::cli {

struct Command {
    CLI::App* app;
    std::function<void(Context&)> run;
    // Whether the command needs the policy: then it is read and checked before the command
    // starts, so that a bad policy file fails the command before it writes anything.
    bool needs_policy = true;
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

} // namespace escalate::cli
