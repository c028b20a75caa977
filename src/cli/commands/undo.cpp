// escalate undo: revert the last change, whatever command made it.
#include <iostream>

#include <fmt/format.h>
#include <unistd.h>

#include "../commands.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

struct UndoOptions {
    bool yes = false;
};

bool confirm(const JournalEntry& entry) {
    fmt::print("Undo \"{}\" ({})? [y/N] ", entry.summary, format_local(entry.at));
    std::fflush(stdout);
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

void run_undo(const UndoOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Write);
    auto tx = store.write("undo", now, Journal::Skip);
    const auto entry = store.last_journal_entry();
    if (!entry) {
        throw NotFoundError("nothing to undo");
    }
    // Ask only a person at a terminal; scripts and pipes get no question.
    if (!o.yes && !ctx.json() && ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1 &&
        !confirm(*entry)) {
        fmt::print("Nothing changed.\n");
        return;
    }
    store.revert(*entry);
    tx.commit();
    if (ctx.json()) {
        print_json({{"undone",
                     {{"id", entry->id},
                      {"command", entry->command},
                      {"summary", entry->summary},
                      {"at", format_rfc3339(entry->at)}}}});
    } else if (!ctx.quiet()) {
        fmt::print("Undid: {}\n", entry->summary);
    }
}

} // namespace

Command setup_undo(CLI::App& app) {
    auto o = std::make_shared<UndoOptions>();
    CLI::App* sub = app.add_subcommand("undo", "Revert the last change (log, edit, close, ...)");
    sub->add_flag("-y,--yes", o->yes, "Do not ask");
    sub->footer(
        "Each undo reverts one more change, newest first.\n\nExample:\n  escalate undo --yes");
    return {sub, [o](Context& ctx) { run_undo(*o, ctx); }};
}

} // namespace escalate::cli
