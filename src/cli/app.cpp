#include "app.hpp"

#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "escalate/errors.hpp"

#ifndef ESCALATE_VERSION
#define ESCALATE_VERSION "0.0.0"
#endif

namespace escalate::cli {

namespace {

constexpr const char* overview = R"(escalate: a complaint-escalation tracker.

Log every contact with a company; ask what to try next; export the timeline.

Examples:
  escalate open Meterco --title "Billing after contract end" --want "Close the account"
  escalate log call --hold 10m --duration 25m --outcome hung-up
  escalate log call meterco --outcome promised --promise "no more bills" --due 2026-12-01
  escalate show 1
  escalate list)";

void add_global_options(CLI::App& app, GlobalOptions& g) {
    app.add_option("--db", g.db, "Case log file (default: $XDG_DATA_HOME/escalate/cases.db)")
        ->envname("ESCALATE_DB")
        ->type_name("PATH");
    app.add_option("--policy", g.policy,
                   "Policy file (default: $XDG_CONFIG_HOME/escalate/policy.json if it exists)")
        ->envname("ESCALATE_POLICY")
        ->type_name("PATH");
    app.add_option("--now", g.now, "Pin the clock: 2026-11-20T14:30, yesterday 9:00, 2h ago")
        ->envname("ESCALATE_NOW")
        ->type_name("TIME");
    app.add_flag("--json", g.json, "Machine-readable output: one JSON document on stdout");
    app.add_option("--color", g.color,
                   "Colour: auto (on a terminal, unless NO_COLOR), always, never")
        ->type_name("WHEN");
    app.add_flag("-q,--quiet", g.quiet, "Print only what was asked for (ids, data)");
}

// CLI11's messages can span lines; the contract is one line on stderr.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    return text;
}

int fail(const std::string& message, int code) {
    std::fflush(stdout);
    fmt::print(stderr, "escalate: {}\n", one_line(message));
    return code;
}

} // namespace

int run(int argc, char** argv) {
    CLI::App app{overview, "escalate"};
    app.fallthrough(); // global options are accepted after the subcommand too
    app.set_version_flag("--version", ESCALATE_VERSION);
    app.get_formatter()->column_width(34);
    GlobalOptions global;
    add_global_options(app, global);

    const std::vector<Command> commands{
        setup_open(app),     setup_log(app),    setup_next(app),   setup_show(app),
        setup_list(app),     setup_close(app),  setup_reopen(app), setup_promise(app),
        setup_promises(app), setup_org(app),    setup_edit(app),   setup_undo(app),
        setup_draft(app),    setup_stats(app),  setup_policy(app), setup_export(app),
        setup_import(app),   setup_search(app), setup_case(app),
    };
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(fmt::format("{} (see escalate --help)", e.what()), 2);
    }

    try {
        Context ctx(global);
        (void)ctx.style(); // a bad --color is bad usage, whatever the command
        for (const auto& command : commands) {
            if (command.app->parsed()) {
                command.run(ctx);
                return 0;
            }
        }
        fmt::print("{}", app.help());
        return 0;
    } catch (const Error& e) {
        return fail(e.what(), e.exit_code());
    } catch (const std::exception& e) {
        return fail(fmt::format("error: {}", e.what()), 1);
    }
}

} // namespace escalate::cli
