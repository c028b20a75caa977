// escalate log CHANNEL [CASE]: record a contact, right after it happened.
#include <fmt/format.h>

#include "../advice.hpp"
#include "../commands.hpp"
#include "../contact_flags.hpp"
#include "../editor.hpp"
#include "../parse_flags.hpp"
#include "../render.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct LogOptions {
    std::string channel;
    std::optional<std::string> case_ref;
    ContactFlags flags;
};

void run_log(const LogOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    const Policy& policy = ctx.policy();
    // Everything the user typed is checked before the log is opened: a bad flag writes nothing.
    Contact c;
    c.channel = channel_arg(policy, o.channel).name;
    c.at = now;
    c.direction = o.flags.in ? Direction::In : Direction::Out;
    c.is_private = o.flags.is_private;
    ContactFlags flags = o.flags;
    if (flags.edit_note) { // before the log is opened: nothing waits on the person typing
        flags.note = note_from_editor("", fmt::format("the {} to log", c.channel));
    }
    const PromiseChange promise = apply_contact_flags(flags, c, now);
    if (promise.text.has_value() != promise.due.has_value()) {
        throw UsageError(promise.text ? "--promise needs --due: when is it due? (--due fri, "
                                        "--due 2026-12-01, --due \"in 3d\")"
                                      : "--due goes with --promise: what was promised?");
    }
    if (promise.text && !c.outcome) {
        c.outcome = Outcome::Promised;
    }

    Store& store = ctx.store(Access::Write);
    auto tx = store.write("log", now);
    const Case k = ctx.case_or_default(store, o.case_ref);
    c.case_id = k.id;
    // A contact from before the case's opening (back-filled with --at) moves the opening to it:
    // the case began then, and no day of its timeline comes before day 1.
    const bool moved = c.at < k.opened_at;
    if (moved) {
        Case opening = k;
        opening.opened_at = c.at;
        store.update_case(opening);
    }
    c.id = store.insert_contact(c);
    std::optional<Promise> made;
    if (promise.text) {
        Promise p{0, k.id, c.id, *promise.text, *promise.due, PromiseStatus::Pending};
        p.id = store.insert_promise(p);
        c.promise_id = p.id;
        made = p;
    }
    const CaseAdvice ca = advise_case(ctx, store, k.id);
    const CaseFile& file = ca.file;
    const std::string attempt = attempt_phrase(policy, file, c);
    tx.commit(fmt::format("log {} on #{} (contact {})", attempt, k.id, c.id));
    if (moved) {
        fmt::print(stderr,
                   "escalate: note: case #{} now opens {}, at this contact (it opened {})\n", k.id,
                   format_local(c.at), format_local(k.opened_at));
    }

    if (ctx.json()) {
        print_json(logged_json(c, made, ca, policy, now));
        return;
    }
    if (ctx.quiet()) {
        fmt::print("{}\n", c.id);
        return;
    }
    const std::string details = contact_details(c);
    fmt::print("Logged the {} (case #{}, contact {}){}{}\n", attempt, k.id, c.id,
               details.empty() ? "" : ": ", details);
    if (made) {
        fmt::print("Promise {}: \"{}\", due {}\n", made->id, made->text, format_local(made->due));
    }
    if (const std::string next = next_line(ca.advice, ctx.style()); !next.empty()) {
        fmt::print("{}\n", next);
    }
}

} // namespace

Command setup_log(CLI::App& app) {
    auto o = std::make_shared<LogOptions>();
    CLI::App* sub = app.add_subcommand("log", "Record a contact: a call, email, chat, post...");
    sub->add_option("CHANNEL", o->channel,
                    "call, chat, email, form, visit, supervisor, letter, social, dm, review, "
                    "exec, regulator, chargeback, legal")
        ->required();
    sub->add_option(
        "CASE", o->case_ref,

        "12, #12 or an org name prefix (default: the only open case, or the last touched)");
    add_contact_flags(*sub, o->flags, FlagUse::Log);
    sub->footer(R"(Examples:
  escalate log call --hold 10m --outcome hung-up
  escalate log call meterco --duration 18m --agent Dana --outcome promised \
      --promise "no more bills" --due 2026-09-30
  escalate log email 3 -m "Asked for a written final bill"
  escalate log letter --in -m "Another bill arrived"
  escalate log email -e              (writes the note in $VISUAL or $EDITOR)
  pbpaste | escalate log chat --agent "Lucy G." --outcome refused -m -)");
    return {sub, [o](Context& ctx) { run_log(*o, ctx); }};
}

} // namespace escalate::cli
