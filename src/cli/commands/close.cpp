// escalate close CASE (--resolved|--abandoned): end a case.
#include <fmt/format.h>

#include "../commands.hpp"
#include "../parse_flags.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"
#include "escalate/text.hpp"

namespace escalate::cli {

namespace {

struct CloseOptions {
    std::optional<std::string> case_ref;
    bool resolved = false;
    bool abandoned = false;
    std::optional<std::string> note, at;
};

void run_close(const CloseOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    if (o.resolved == o.abandoned) {
        throw UsageError("say how it ended: --resolved or --abandoned");
    }
    std::optional<std::string> resolution;
    if (o.note) {
        const std::string text = normalise_newlines(note_flag(*o.note));
        check_text("the resolution", text, Lines::Multi, max_note_bytes);
        if (!text.empty()) {
            resolution = text;
        }
    }
    const Timestamp closed_at = o.at ? time_flag("--at", *o.at, now, TimeRole::At) : now;

    Store& store = ctx.store(Access::Write);
    auto tx = store.write("close", now);
    Case k = ctx.case_or_default(store, o.case_ref);
    if (k.status != CaseStatus::Open) {
        throw UsageError(fmt::format("case #{} is already {}; reopen it first: escalate reopen {}",
                                     k.id, to_string(k.status), k.id));
    }
    if (closed_at < k.opened_at) {
        throw UsageError(fmt::format("--at \"{}\" is before the case was opened ({})", *o.at,
                                     format_local(k.opened_at)));
    }
    k.status = o.resolved ? CaseStatus::Resolved : CaseStatus::Abandoned;
    k.closed_at = closed_at;
    k.resolution = resolution;
    store.update_case(k);
    const CaseFile file = store.load_case_file(k.id);
    tx.commit(fmt::format("close case #{} ({}) as {}", k.id, k.org, to_string(k.status)));

    if (ctx.json()) {
        print_json(to_json(file, ctx.policy(), now));
    } else if (!ctx.quiet()) {
        fmt::print("Closed case #{} ({}) as {} on day {}\n", k.id, k.org, to_string(k.status),
                   case_day(k.opened_at, closed_at));
    }
}

struct ReopenOptions {
    std::string case_ref;
};

void run_reopen(const ReopenOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Write);
    auto tx = store.write("reopen", now);
    Case k = store.resolve_case(o.case_ref);
    if (k.status == CaseStatus::Open) {
        throw UsageError(fmt::format("case #{} is already open", k.id));
    }
    k.status = CaseStatus::Open;
    k.closed_at.reset();
    k.resolution.reset();
    store.update_case(k);
    const CaseFile file = store.load_case_file(k.id);
    tx.commit(fmt::format("reopen case #{} ({})", k.id, k.org));
    if (ctx.json()) {
        print_json(to_json(file, ctx.policy(), now));
    } else if (!ctx.quiet()) {
        fmt::print("Reopened case #{} ({})\n", k.id, k.org);
    }
}

} // namespace

Command setup_close(CLI::App& app) {
    auto o = std::make_shared<CloseOptions>();
    CLI::App* sub = app.add_subcommand("close", "Close a case as resolved or abandoned");
    sub->add_option(
        "CASE", o->case_ref,
        "12, #12 or an org name prefix (default: the only open case, or the last touched)");
    auto* resolved = sub->add_flag("--resolved", o->resolved, "They fixed it");
    sub->add_flag("--abandoned", o->abandoned, "You gave up on it")->excludes(resolved);
    sub->add_option("-m,--note", o->note, "How it ended; - reads standard input")
        ->type_name("TEXT");
    sub->add_option("--at", o->at, "When it ended (default: now)")->type_name("WHEN");
    sub->footer("Examples:\n  escalate close 12 --resolved -m \"Account closed, refund of "
                "$84 received\"\n  escalate close parcelco --abandoned");
    return {sub, [o](Context& ctx) { run_close(*o, ctx); }};
}

Command setup_reopen(CLI::App& app) {
    auto o = std::make_shared<ReopenOptions>();
    CLI::App* sub = app.add_subcommand("reopen", "Reopen a closed case");
    sub->add_option("CASE", o->case_ref, "12, #12 or an org name prefix")->required();
    sub->footer("Example:\n  escalate reopen 12");
    return {sub, [o](Context& ctx) { run_reopen(*o, ctx); }};
}

} // namespace escalate::cli
