#include "app.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <system_error>
#include <vector>

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include "commands.hpp"
#include "escalate/errors.hpp"
#include "suggest.hpp"

#ifndef ESCALATE_VERSION
#define ESCALATE_VERSION "0.0.0"
#endif

namespace escalate::cli {

namespace {

// The examples start "$ " so that help2man sets them as commands in the man page.
constexpr const char* overview = R"(escalate: a complaint-escalation tracker.

Log every contact with a company; ask what to try next; export the timeline.

Examples:
  $ escalate open Meterco --title "Billing after contract end" --want "Close the account"
  $ escalate log call --hold 10m --duration 25m --outcome hung-up
  $ escalate log call meterco --outcome promised --promise "no more bills" --due 2026-12-01
  $ escalate show 1
  $ escalate list)";

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
    app.add_flag("--no-pager", g.no_pager, "Never send output to a pager ($PAGER, less)");
}

// One line on stderr: CLI11's messages can span lines, and what a message quotes from the log
// (an org's name, a case's title: hostile text) is shown, never sent raw (output.hpp, visible).
// Never throws: a closed or full stderr must not turn an error into an abort.
int fail(const std::string& message, int code) noexcept {
    std::fflush(stdout);
    try {
        std::string line = one_line(message);
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        std::fprintf(stderr, "escalate: %s\n", line.c_str());
    } catch (...) {
        std::fputs("escalate: out of memory\n", stderr);
    }
    return code;
}

// Standard output is flushed and checked before a command reports success: a result cut
// short (a full disk, a closed descriptor) is an error, never exit 0. Returns 0, or the errno
// of the failed write.
int flush_stdout() {
    if (std::fflush(stdout) != 0) {
        return errno != 0 ? errno : EIO;
    }
    return std::ferror(stdout) != 0 ? EIO : 0;
}

// A failure after the command committed its change: the change stays, and the message says
// what was saved, with its own exit code, so that a script does not retry a write that
// happened (SPEC section 8).
constexpr int exit_saved_unprinted = 5;

int output_failed(Context& ctx, int err) {
    std::clearerr(stdout);
    const std::string why = std::strerror(err);
    if (err == EPIPE && ctx.paged()) {
        return 0; // the person left the pager before the end: what they asked for, not a failure
    }
    if (err == EPIPE && !ctx.committed()) {
        // The reader went away (`escalate list | head -1`): end quietly, by SIGPIPE, as git and
        // the shell's own tools do. (SIGPIPE is ignored while a command runs, so that a change
        // already saved is reported, exit 5, rather than the process dying in silence.)
        ctx.discard_unsaved();
        std::signal(SIGPIPE, SIG_DFL);
        std::raise(SIGPIPE);
        return 128 + SIGPIPE;
    }
    if (const auto saved = ctx.committed()) {
        return fail(fmt::format("saved: {}; could not print the result to standard output: {}",
                                *saved, why),
                    exit_saved_unprinted);
    }
    ctx.discard_unsaved();
    return fail(fmt::format("cannot write to standard output: {}", why), 1);
}

int finish(Context& ctx) {
    const int err = flush_stdout();
    return err == 0 ? ctx.exit_code() : output_failed(ctx, err);
}

int failed(Context& ctx, const std::string& message, int code) {
    if (std::ferror(stdout) != 0) { // the error came from printing the result
        const int err = flush_stdout();
        return output_failed(ctx, err != 0 ? err : EIO);
    }
    if (const auto saved = ctx.committed()) {
        return fail(fmt::format("saved: {}; then: {}", *saved, message), exit_saved_unprinted);
    }
    ctx.discard_unsaved();
    return fail(message, code);
}

// SQLite's failures in words a user can act on: a full disk, an I/O error (on reads as on
// writes: reading needs SQLite's -wal and -shm files), a lock held past the wait.
std::string storage_failure(const SQLite::Exception& e, const Context& ctx) {
    const int code = e.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return ctx.busy_message();
    }
    const int sys = ctx.system_errno();
    if (code == SQLITE_FULL || code == SQLITE_IOERR || sys == ENOSPC || sys == EDQUOT) {
        return describe_storage_failure(code, sys, e.what(), ctx.db_path());
    }
    return fmt::format("error: {}", e.what());
}

} // namespace

int run(int argc, char** argv) {
    // A write to a closed pipe is an error to report (see output_failed), not a silent death.
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{overview, "escalate"};
    app.fallthrough(); // global options are accepted after the subcommand too
    // The SQLite the binary runs with, which may be newer than the one it was built against.
    app.set_version_flag(
        "-V,--version",
        [] {
            return fmt::format("escalate {}\nSQLite {}", ESCALATE_VERSION, sqlite3_libversion());
        },
        "Print the versions of escalate and of SQLite, and exit");
    app.get_formatter()->column_width(34);
    GlobalOptions global;
    add_global_options(app, global);

    // Only the command named is built (see registry.cpp): start-up stays small.
    app.failure_message(describe_parse_error); // before the commands: they copy it
    const std::vector<Command> commands = register_commands(app, argc, argv);
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
        std::ostringstream message; // written by describe_parse_error, the failure hook
        app.exit(e, std::cout, message);
        return fail(message.str(), 2);
    }

    Context ctx(global);
    try {
        (void)ctx.style(); // a bad --color is bad usage, whatever the command
        for (const auto& command : commands) {
            if (command.app->parsed()) {
                // Everything a command needs is read and checked before it starts, so that a
                // bad clock or policy fails it before it writes anything.
                if (command.needs_clock) {
                    (void)ctx.now();
                }
                if (command.needs_policy) {
                    (void)ctx.policy();
                }
                command.run(ctx);
                return finish(ctx);
            }
        }
        fmt::print("{}", app.help());
        return finish(ctx);
    } catch (const Error& e) {
        return failed(ctx, e.what(), e.exit_code());
    } catch (const SQLite::Exception& e) {
        return failed(ctx, storage_failure(e, ctx), 1);
    } catch (const std::system_error& e) { // a failed write (fmt::print, Output) among others
        if (std::ferror(stdout) != 0) {
            return output_failed(ctx, e.code().value() != 0 ? e.code().value() : EIO);
        }
        return failed(ctx, fmt::format("error: {}", e.what()), 1);
    } catch (const std::exception& e) {
        return failed(ctx, fmt::format("error: {}", e.what()), 1);
    }
}

} // namespace escalate::cli
