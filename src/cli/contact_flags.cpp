#include "contact_flags.hpp"

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/text.hpp"
#include "parse_flags.hpp"

namespace escalate::cli {

namespace {

// A contact logged more than this far ahead of now is a typo, not a plan.
constexpr Seconds future_slack_s = 300;

std::optional<std::string> cleared_if_empty(const std::string& v) {
    return v.empty() ? std::nullopt : std::optional<std::string>(v);
}

} // namespace

void add_contact_flags(CLI::App& sub, ContactFlags& f, FlagUse use) {
    sub.add_option("--at", f.at,
                   use == FlagUse::Log
                       ? "When it happened (default: now): 14:30, yesterday 15:30, 2h ago"
                       : "When it really happened: 14:30, yesterday 15:30, 2h ago")
        ->type_name("WHEN");
    sub.add_option("--duration", f.duration, "Talk time: 25m, 1h30m, 3.5h, 1:05:00")
        ->type_name("D");
    sub.add_option("--hold", f.hold, "Time on hold: 10m, 1:05:00")->type_name("D");
    sub.add_option("--agent", f.agent, "Who you dealt with: \"Dana\", \"Lucy G.\"")
        ->type_name("NAME");
    sub.add_option("--ref", f.ref, "Ticket or reference number they gave")->type_name("REF");
    sub.add_option("--outcome", f.outcome,
                   "no-answer, hung-up, stock-reply, transferred, refused, promised, escalated, "
                   "partial, resolved, info")
        ->type_name("O");
    sub.add_option("--promise", f.promise, "What they promised (with --due)")->type_name("TEXT");
    sub.add_option("--due", f.due, "When the promise is due: 2026-12-01, fri, in 3d")
        ->type_name("WHEN");
    auto* note =
        sub.add_option("-m,--note", f.note, "What happened; - reads it from standard input")
            ->type_name("TEXT");
    sub.add_flag("-e,--edit", f.edit_note,
                 use == FlagUse::Log ? "Write the note in $VISUAL or $EDITOR, as git commit does"
                                     : "Change the note in $VISUAL or $EDITOR")
        ->excludes(note);
    if (use == FlagUse::Log) {
        sub.add_flag("--in", f.in, "They contacted you (default: you contacted them)");
        sub.add_flag("--private", f.is_private, "Never include this contact in public exports");
    }
}

PromiseChange apply_contact_flags(const ContactFlags& f, Contact& c, Timestamp now) {
    if (f.at) {
        c.at = time_flag("--at", *f.at, now, TimeRole::At);
        if (c.at > now + future_slack_s) {
            throw UsageError(fmt::format("--at \"{}\" is in the future ({}); log contacts after "
                                         "they happen",
                                         *f.at, format_local(c.at)));
        }
    }
    if (f.duration) {
        c.duration_s = duration_flag("--duration", *f.duration);
    }
    if (f.hold) {
        c.hold_s = duration_flag("--hold", *f.hold);
    }
    if (f.agent) {
        check_text("--agent", *f.agent, Lines::Single);
        c.agent = cleared_if_empty(*f.agent);
    }
    if (f.ref) {
        check_text("--ref", *f.ref, Lines::Single);
        c.ref = cleared_if_empty(*f.ref);
    }
    if (f.outcome) {
        c.outcome = outcome_flag(*f.outcome);
    }
    if (f.note) {
        const std::string note = normalise_newlines(note_flag(*f.note));
        check_text("the note", note, Lines::Multi, max_note_bytes);
        c.note = cleared_if_empty(note);
    }
    PromiseChange promise;
    if (f.promise) {
        check_text("--promise", *f.promise, Lines::Single);
        if (f.promise->empty()) {
            throw UsageError("--promise is empty; say what they promised");
        }
        promise.text = *f.promise;
    }
    if (f.due) {
        promise.due = time_flag("--due", *f.due, c.at, TimeRole::Due); // relative to the contact
        if (*promise.due < c.at) {
            throw UsageError(fmt::format("--due \"{}\" ({}) is before the contact it was made on",
                                         *f.due, format_local(*promise.due)));
        }
    }
    return promise;
}

} // namespace escalate::cli
