// escalate undo: revert the last change, whatever command made it.
#include <iostream>
#include <optional>

#include <fmt/format.h>
#include <unistd.h>

#include "../commands.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

struct UndoOptions {
    bool yes = false;
};

// The question goes to stderr, so that it reaches the person even when stdout is redirected.
bool confirm(const JournalEntry& entry) {
    fmt::print(stderr, "Undo \"{}\" ({})? [y/N] ", entry.summary, format_local(entry.at));
    std::fflush(stderr);
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

// After the question: the entry that was shown must still be the newest, or the answer was
// about another change. Journal ids are reused once an entry is undone, so the entry is
// compared whole.
void check_still_newest(const JournalEntry& shown, const std::optional<JournalEntry>& now) {
    if (now && now->id == shown.id && now->at == shown.at && now->command == shown.command &&
        now->summary == shown.summary) {
        return;
    }
    throw StorageError(fmt::format(
        "the log changed while you were answering: \"{}\" is no longer the newest change{}; run "
        "undo again",
        shown.summary,
        now ? fmt::format(" (\"{}\" is)", now->summary) : std::string(" (it was undone)")));
}

void run_undo(const UndoOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Write);
    // Ask only a person at a terminal (standard input is where the answer comes from); scripts
    // and pipes get no question. The question is asked before taking the write lock, so that
    // other commands are not kept waiting for the answer.
    const bool ask = !o.yes && !ctx.json() && ::isatty(STDIN_FILENO) == 1;
    std::optional<JournalEntry> shown;
    if (ask) {
        {
            auto look = store.read();
            shown = store.last_journal_entry();
        }
        if (!shown) {
            throw NotFoundError("nothing to undo");
        }
        if (!confirm(*shown)) {
            fmt::print("Nothing changed.\n");
            return;
        }
    }
    auto tx = store.write("undo", now, Journal::Skip);
    const auto entry = store.last_journal_entry();
    if (shown) {
        check_still_newest(*shown, entry);
    }
    if (!entry) {
        throw NotFoundError("nothing to undo");
    }
    store.revert(*entry);
    tx.commit(fmt::format("undo of \"{}\"", entry->summary));
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
