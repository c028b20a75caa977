#include "render.hpp"

#include <fmt/format.h>

#include "output.hpp"

namespace escalate::cli {

std::string attempt_phrase(const Policy& policy, const CaseFile& file, const Contact& contact) {
    const ChannelPolicy* channel = policy.find_channel(contact.channel);
    const std::string noun = channel ? channel->noun : contact.channel;
    return fmt::format("{} {} {} {}", ordinal(attempt_number(file, contact)), noun,
                       contact.direction == Direction::Out ? "to" : "from", file.kase.org);
}

std::string contact_details(const Contact& c) {
    std::vector<std::string> parts;
    if (c.duration_s) {
        parts.push_back(format_duration(*c.duration_s) + " talk");
    }
    if (c.hold_s && *c.hold_s > 0) { // no "0 s on hold": a call answered at once
        parts.push_back(format_duration(*c.hold_s) + " on hold");
    }
    if (c.outcome) { // in words; info and notice have none and are plain words already
        const std::string words = outcome_words(*c.outcome);
        parts.push_back(words.empty() ? std::string(to_string(*c.outcome)) : words);
    }
    if (c.agent) {
        parts.push_back("agent " + *c.agent);
    }
    if (c.ref) {
        parts.push_back("ref " + *c.ref);
    }
    if (c.is_private) {
        parts.emplace_back("private");
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string promise_state(const Promise& p, bool overdue, const Style& style) {
    const std::string due = "due " + format_local(p.due);
    if (p.status == PromiseStatus::Kept) {
        return style.green("kept") + ", " + due;
    }
    if (p.status == PromiseStatus::Broken) {
        return style.red("broken") + ", " + due;
    }
    if (overdue) {
        return style.red("overdue") + ", " + due + " (counts as broken)";
    }
    return style.yellow("pending") + ", " + due;
}

std::string clock_phrase(const DeadlineClock& c, Timestamp now, const Style& style) {
    const std::string date = format_local(c.ends_at, TimeStyle::Date);
    if (c.state != ClockState::Expired) {
        const std::string text =
            fmt::format("{} {} ({})", c.label, format_relative(c.ends_at, now), date);
        return c.state == ClockState::Warning ? style.yellow(text) : text;
    }
    if (c.effect == ClockEffect::Opens) {
        return style.green(fmt::format("{}: since {}", c.label, date));
    }
    return style.red(
        fmt::format("{}: ended {} ({})", c.label, format_relative(c.ends_at, now), date));
}

namespace {

// closed: a promise still pending is one left unresolved when the case closed, as the
// exports say (timeline.hpp, SpanEnd::Unresolved).
void print_stats(const CaseStats& s, const Policy& policy, bool closed) {
    std::vector<std::string> channels;
    for (const auto& [name, n] : s.by_channel) {
        const ChannelPolicy* ch = policy.find_channel(name);
        channels.push_back(plural(n, ch ? ch->noun : name));
    }
    fmt::print("  {} ({} out, {} in){}{}\n", plural(s.contacts, "contact"), s.outbound, s.inbound,
               channels.empty() ? "" : ": ", fmt::join(channels, ", "));
    if (const auto spent = time_spent(s); !spent.empty()) {
        fmt::print("  {}\n", fmt::join(spent, ", "));
    }
    fmt::print("  {} made: {} kept, {} broken, {} {}\n", plural(s.promises_made, "promise"),
               s.promises_kept, s.promises_broken, s.promises_pending,
               closed ? "unresolved when the case closed" : "pending");
    if (s.first_reply_s) {
        fmt::print("  first reply {} after the first contact\n", format_duration(*s.first_reply_s));
    }
    if (s.resolved_via) {
        fmt::print("  resolved via {}\n", *s.resolved_via);
    }
}

} // namespace

namespace {

// The case with every piece of stored text made visible(): a control character from an old
// database or an import is shown, never sent to the terminal.
CaseFile visible_copy(const CaseFile& stored) {
    CaseFile file = stored;
    auto fix = [](std::optional<std::string>& s) {
        if (s) {
            *s = visible(*s);
        }
    };
    Case& k = file.kase;
    k.org = visible(k.org);
    k.title = visible(k.title);
    fix(k.want);
    fix(k.resolution);
    fix(k.country);
    fix(k.sector);
    fix(k.currency);
    fix(k.order_ref);
    for (auto& tag : k.tags) {
        tag = visible(tag);
    }
    for (auto& c : file.contacts) {
        c.channel = visible(c.channel);
        fix(c.agent);
        fix(c.ref);
        if (c.note) {
            c.note = visible(*c.note, true);
        }
    }
    for (auto& p : file.promises) {
        p.text = visible(p.text);
    }
    return file;
}

} // namespace

void print_case(const CaseFile& stored, const Org& org, Context& ctx) {
    ctx.page();
    const CaseFile file = visible_copy(stored);
    const Style style = ctx.style();
    const Policy& policy = ctx.policy();
    const Timestamp now = ctx.now();
    const Case& k = file.kase;
    const CaseStats s = compute_stats(file, policy, now);

    fmt::print("{}\n", style.bold(fmt::format("#{} {}{}{}", k.id, k.org,
                                              k.title.empty() ? "" : ": ", k.title)));
    std::string status(to_string(k.status));
    if (k.closed_at) {
        status += " " + format_local(*k.closed_at, TimeStyle::Date);
    }
    fmt::print("Status   {} (day {}, opened {})\n", status,
               case_day(k.opened_at, k.closed_at.value_or(now)), format_local(k.opened_at));
    if (k.want) {
        fmt::print("Want     {}\n", *k.want);
    }
    if (k.resolution) {
        fmt::print("Outcome  {}\n", *k.resolution);
    }
    if (!k.tags.empty()) {
        fmt::print("Tags     {}\n", fmt::join(k.tags, ", "));
    }
    if (k.incident_at) {
        fmt::print("Incident {}{}\n", format_local(*k.incident_at, TimeStyle::Date),
                   k.paid_by ? fmt::format(", paid by {}", to_string(*k.paid_by)) : "");
    }

    if (k.country || k.sector) {
        fmt::print("Rules    {} ({}{}{})\n", policy.regime_for(k).label, k.country.value_or("-"),
                   ", ", k.sector.value_or("no sector"));
    }
    if (k.amount || k.order_ref) {
        fmt::print("Amount   {}{}\n", k.amount ? format_amount(*k.amount, k.currency) : "-",
                   k.order_ref ? ", order " + *k.order_ref : "");
    }

    fmt::print("\n{}\n", style.bold("Stats"));
    print_stats(s, policy, k.closed_at.has_value());

    const auto clocks = deadline_clocks(file, org, policy, now);
    if (!clocks.empty()) {
        fmt::print("\n{}\n", style.bold("Clocks"));
        for (const auto& c : clocks) {
            fmt::print("  {}\n", clock_phrase(c, now, style));
        }
    }

    if (!file.promises.empty()) {
        fmt::print("\n{}\n", style.bold("Promises"));
        for (const auto& p : file.promises) {
            const bool overdue = is_overdue(file, p, policy, now);
            const bool unresolved = k.closed_at && p.status == PromiseStatus::Pending && !overdue;
            fmt::print("  {}  \"{}\": {}\n", p.id, p.text,
                       unresolved ? "unresolved when the case closed, due " + format_local(p.due)
                                  : promise_state(p, overdue, style));
        }
    }

    fmt::print("\n{}\n", style.bold("Timeline"));
    if (file.contacts.empty()) {
        fmt::print("  (no contacts yet: escalate log call {})\n", k.id);
    }
    const auto states = contact_states(file, policy, now);
    for (std::size_t i = 0; i < file.contacts.size(); ++i) {
        const Contact& c = file.contacts[i];
        const std::string arrow = c.direction == Direction::Out ? "->" : "<-";
        std::string details = contact_details(c);
        if (states[i].awaiting_reply) {
            details += (details.empty() ? "" : ", ") +
                       style.yellow("awaiting a reply until " + format_local(*states[i].reply_due));
        } else if (states[i].ignored) {
            details += (details.empty() ? "" : ", ") + style.red("ignored");
        }
        std::string line = fmt::format(
            "  {}  {:<21}  {} {:<10} {:>5}  {}",
            style.dim(fmt::format("day {:>3}", case_day(k.opened_at, c.at))), format_local(c.at),
            arrow, c.channel, style.dim(fmt::format("[{}]", c.id)), details);
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        fmt::print("{}\n", line);
        if (c.promise_id) {
            for (const auto& p : file.promises) {
                if (p.id == *c.promise_id) {
                    fmt::print("           promised \"{}\" by {} (promise {})\n", p.text,
                               format_local(p.due, TimeStyle::Date), p.id);
                }
            }
        }
        if (c.note) {
            std::string_view note = *c.note;
            while (!note.empty()) {
                const auto nl = note.find('\n');
                fmt::print("           {}\n", note.substr(0, nl));
                note = nl == std::string_view::npos ? std::string_view{} : note.substr(nl + 1);
            }
        }
    }
}

} // namespace escalate::cli
