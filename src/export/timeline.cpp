// The timeline model every export renders: what is published (redacted, without private
// contacts unless asked), the events in order, the promise spans and the headline figures.
#include "escalate/timeline.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "escalate/redact.hpp"
#include "escalate/words.hpp"

namespace escalate {

namespace {

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    }
    return s;
}

// "a", "a and b", "a, b and c"
std::string and_list(const std::vector<std::string>& items) {
    std::string list;
    for (std::size_t i = 0; i < items.size(); ++i) {
        list += (i == 0 ? "" : (i + 1 == items.size() ? " and " : ", ")) + items[i];
    }
    return list;
}

// The one rule for what a promise came to (SpanEnd). A closed case is judged as of its
// closing, so that exporting it again later never turns a promise into a broken one.
SpanEnd promise_end(const CaseFile& published, const Promise& p, const Policy& policy,
                    Timestamp now) {
    if (p.status == PromiseStatus::Kept) {
        return SpanEnd::Kept;
    }
    const Timestamp as_of =
        published.kase.closed_at ? std::min(*published.kase.closed_at, now) : now;
    if (counts_as_broken(published, p, policy, as_of)) {
        return SpanEnd::Broken;
    }
    return published.kase.closed_at ? SpanEnd::Unresolved : SpanEnd::Pending;
}

} // namespace

std::optional<ExportFormat> export_format_from(std::string_view name) {
    static constexpr std::pair<std::string_view, ExportFormat> formats[] = {
        {"md", ExportFormat::Md},     {"txt", ExportFormat::Txt}, {"thread", ExportFormat::Thread},
        {"json", ExportFormat::Json}, {"csv", ExportFormat::Csv}, {"html", ExportFormat::Html},
        {"ics", ExportFormat::Ics},   {"svg", ExportFormat::Svg}, {"png", ExportFormat::Png}};
    for (const auto& [n, f] : formats) {
        if (n == name) {
            return f;
        }
    }
    return std::nullopt;
}

Timeline build_timeline(const CaseFile& file, const Org& org, const Policy& policy, Timestamp now,
                        const ExportOptions& options, std::optional<Suggestion> next) {
    const bool redact = options.redaction == Redaction::On;
    // Built only for --redact: it compiles every detector's pattern. Phone numbers in the case's
    // national notation: its country, else the policy's default.
    std::optional<Redactor> redactor;
    if (redact) {
        redactor.emplace(file, options.terms,
                         file.kase.country.value_or(policy.default_country().value_or("GB")));
    }
    auto text = [&](const std::string& s, const std::string& field) {
        return redact ? redactor->text(s, field) : s;
    };
    auto opt_text = [&](const std::optional<std::string>& s,
                        const std::string& field) -> std::optional<std::string> {
        return s ? std::optional(text(*s, field)) : std::nullopt;
    };

    Timeline t;
    t.now = now;
    t.kase = file.kase;
    t.kase.title = text(t.kase.title, "case title");
    t.kase.want = opt_text(t.kase.want, "case want");
    t.kase.resolution = opt_text(t.kase.resolution, "case resolution");
    if (redact && t.kase.order_ref) {
        t.kase.order_ref = redactor->ref(*t.kase.order_ref, "case order ref");
    }
    t.org = org;
    t.org.name = file.kase.org;
    t.org.phone = opt_text(org.phone, "org phone");
    t.org.email = opt_text(org.email, "org email");
    t.org.exec = opt_text(org.exec, "org executive");
    t.handles = org.social;

    std::set<std::int64_t> exported;
    for (const auto& c : file.contacts) {
        if (c.is_private && options.privacy == Privacy::PublicOnly) {
            continue;
        }
        Contact copy = c;
        if (redact) {
            const std::string field = fmt::format("contact {} ", c.id);
            copy.agent =
                c.agent ? std::optional(redactor->agent(*c.agent, field + "agent")) : std::nullopt;
            copy.ref = c.ref ? std::optional(redactor->ref(*c.ref, field + "ref")) : std::nullopt;
            copy.note = opt_text(c.note, field + "note");
        }
        exported.insert(c.id);
        t.contacts.push_back(std::move(copy));
    }
    for (const auto& p : file.promises) {
        if (exported.contains(p.contact_id)) {
            Promise copy = p;
            copy.text = text(p.text, fmt::format("promise {}", p.id));
            t.promises.push_back(std::move(copy));
        }
    }
    for (auto& c : t.contacts) {
        if (c.promise_id && std::none_of(t.promises.begin(), t.promises.end(),
                                         [&](const auto& p) { return p.id == *c.promise_id; })) {
            c.promise_id.reset();
        }
    }
    const CaseFile published{t.kase, t.contacts, t.promises};
    t.stats = compute_stats(published, policy, now);
    t.ends_at = t.kase.closed_at.value_or(now);
    t.days = t.stats.days_open;

    auto day_of = [&](Timestamp at) { return case_day(t.kase.opened_at, at); };
    std::set<int> tiers_seen;
    for (const auto& c : t.contacts) {
        TimelineEvent e;
        e.kind = EventKind::Contact;
        e.at = c.at;
        e.day = day_of(c.at);
        e.contact = &c;
        const ChannelPolicy* ch = policy.find_channel(c.channel);
        e.tier = ch ? ch->tier : 1;
        e.noun = ch ? ch->noun : c.channel;
        for (const auto& p : t.promises) {
            if (p.contact_id == c.id) {
                e.promise = &p;
            }
        }
        const bool new_tier = c.direction == Direction::Out && tiers_seen.insert(e.tier).second;
        e.key = t.events.empty() || new_tier || e.promise != nullptr ||
                (c.direction == Direction::In && (c.note || c.outcome)) ||
                c.outcome == Outcome::Refused || c.outcome == Outcome::Resolved ||
                c.outcome == Outcome::Escalated;
        t.events.push_back(e);
    }
    for (const auto& p : t.promises) {
        const auto made = std::find_if(t.contacts.begin(), t.contacts.end(),
                                       [&](const Contact& c) { return c.id == p.contact_id; });
        PromiseSpan span;
        span.promise = &p;
        span.made_at = made != t.contacts.end() ? made->at : p.due;
        span.due = p.due;
        span.tier = made != t.contacts.end() ? policy.tier_of(made->channel) : 1;
        span.end = promise_end(published, p, policy, now);
        t.spans.push_back(span);
        if (span.end == SpanEnd::Broken && p.due <= t.ends_at) {
            TimelineEvent e;
            e.kind = EventKind::PromiseBroken;
            e.at = p.due;
            e.day = day_of(p.due);
            e.promise = &p;
            e.tier = span.tier;
            e.key = true;
            t.events.push_back(e);
        }
    }
    // The figures every format prints come from the spans, not from the stored statuses.
    t.stats.promises_kept = 0;
    t.stats.promises_broken = 0;
    t.stats.promises_pending = 0;
    for (const auto& span : t.spans) {
        t.stats.promises_kept += span.end == SpanEnd::Kept ? 1 : 0;
        t.stats.promises_broken += span.end == SpanEnd::Broken ? 1 : 0;
        t.stats.promises_pending += span.end == SpanEnd::Pending ? 1 : 0;
    }
    if (t.kase.closed_at) {
        TimelineEvent e;
        e.kind = EventKind::Resolution;
        e.at = *t.kase.closed_at;
        e.day = day_of(e.at);
        e.key = true;
        t.events.push_back(e);
    }
    std::stable_sort(t.events.begin(), t.events.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });

    // Headline: days, calls, time on the phone and on hold, broken promises.
    std::vector<std::string> figures{plural(std::max<std::int64_t>(t.days, 1), "day")};
    std::int64_t calls = 0;
    std::vector<std::pair<std::string, std::int64_t>> others;
    for (const auto& c : t.contacts) {
        if (c.direction != Direction::Out) {
            continue;
        }
        if (c.channel == "call") {
            ++calls;
            continue;
        }
        const ChannelPolicy* ch = policy.find_channel(c.channel);
        const std::string noun = ch ? ch->noun : c.channel;
        auto it = std::find_if(others.begin(), others.end(),
                               [&](const auto& o) { return o.first == noun; });
        if (it == others.end()) {
            others.emplace_back(noun, 1);
        } else {
            ++it->second;
        }
    }
    for (const auto& [noun, n] : others) {
        t.other_contacts.push_back(plural(n, noun));
    }
    if (calls > 0) {
        figures.push_back(plural(calls, "call"));
    }
    figures.insert(figures.end(), t.other_contacts.begin(), t.other_contacts.end());
    if (t.stats.talk_s > 0) {
        figures.push_back(format_duration(t.stats.talk_s) + " on the phone");
    }
    if (t.stats.hold_s > 0) {
        figures.push_back(format_duration(t.stats.hold_s) + " on hold");
    }
    if (t.stats.promises_broken > 0) {
        figures.push_back(plural(t.stats.promises_broken, "broken promise"));
    }
    t.headline = fmt::format("{}", fmt::join(figures, ", "));
    t.next = std::move(next);
    if (t.next) {
        // The engine wrote it from the unredacted directory and log.
        t.next->summary = text(t.next->summary, "next step");
        t.next->draft = text(t.next->draft, "next step draft");
    }
    if (redactor) {
        t.masked = redactor->masked();
    }
    return t;
}

std::string_view promise_end_name(SpanEnd end) {
    switch (end) {
    case SpanEnd::Kept:
        return "kept";
    case SpanEnd::Broken:
        return "broken";
    case SpanEnd::Pending:
        return "pending";
    case SpanEnd::Unresolved:
        return "unresolved";
    }
    return "pending";
}

std::string_view promise_end_words(SpanEnd end) {
    return end == SpanEnd::Unresolved ? "unresolved when the case closed" : promise_end_name(end);
}

const PromiseSpan* span_of(const Timeline& t, std::int64_t promise_id) {
    for (const auto& span : t.spans) {
        if (span.promise->id == promise_id) {
            return &span;
        }
    }
    return nullptr;
}

std::string describe_event(const Timeline& t, const TimelineEvent& e) {
    if (e.kind == EventKind::PromiseBroken) {
        return fmt::format("Promise broken: \"{}\" was due {}", e.promise->text,
                           format_local(e.promise->due, TimeStyle::Date));
    }
    if (e.kind == EventKind::Resolution) {
        std::string s = fmt::format("Case closed: {}", to_string(t.kase.status));
        if (t.kase.resolution) {
            s += ". " + *t.kase.resolution;
        }
        return s;
    }
    const Contact& c = *e.contact;
    std::string s = capitalised(
        fmt::format("{} {} {}", e.noun, c.direction == Direction::Out ? "to" : "from", t.kase.org));
    std::vector<std::string> details;
    if (c.duration_s) {
        details.push_back(format_duration(*c.duration_s) + " talking");
    }
    if (c.hold_s && *c.hold_s > 0) {
        details.push_back(format_duration(*c.hold_s) + " on hold");
    }
    if (c.agent) {
        details.push_back("agent " + *c.agent);
    }
    if (c.ref) {
        details.push_back("ref " + *c.ref);
    }
    if (!details.empty()) {
        s += fmt::format(" ({})", fmt::join(details, ", "));
    }
    if (e.promise) {
        s += fmt::format(": promised \"{}\" by {}", e.promise->text,
                         format_local(e.promise->due, TimeStyle::Date));
    } else if (c.outcome && !outcome_words(*c.outcome).empty()) {
        s += ": " + outcome_words(*c.outcome);
    }
    return s;
}

std::string article_title(const Timeline& t) {
    const std::string topic =
        t.kase.title.empty() ? fmt::format("My complaint to {}", t.kase.org) : t.kase.title;
    return fmt::format("{}: {}", topic, t.headline);
}

std::string locale_line() {
    const std::string locale = date_locale();
    return locale.empty() ? "" : fmt::format("Dates are in the {} locale.", locale);
}

std::string summary_paragraph(const Timeline& t) {
    const CaseStats& s = t.stats;
    std::string p = fmt::format(
        "From {} to {} ({}), I dealt with {} about {}.",
        format_local(t.kase.opened_at, TimeStyle::Date), format_local(t.ends_at, TimeStyle::Date),
        plural(std::max<std::int64_t>(t.days, 1), "day"), t.kase.org,
        t.kase.title.empty() ? std::string("my complaint") : fmt::format("\"{}\"", t.kase.title));
    std::int64_t calls = 0;
    for (const auto& c : t.contacts) {
        calls += c.direction == Direction::Out && c.channel == "call" ? 1 : 0;
    }
    std::vector<std::string> made;
    if (calls > 0) {
        made.push_back(plural(calls, "call"));
    }
    made.insert(made.end(), t.other_contacts.begin(), t.other_contacts.end());
    if (!made.empty()) {
        p += " I made " + and_list(made);
        if (const auto spent = time_spent(s); !spent.empty()) {
            p += ", spent " + and_list(spent);
        }
        p += fmt::format(", and {} contacted me {}.", t.kase.org,
                         s.inbound == 1 ? "once" : fmt::format("{} times", s.inbound));
    }
    if (s.promises_made > 0) {
        const std::int64_t unresolved =
            s.promises_made - s.promises_kept - s.promises_broken - s.promises_pending;
        std::vector<std::string> ends;
        const std::pair<std::int64_t, const char*> counts[] = {
            {s.promises_broken, "broken"},
            {s.promises_kept, "kept"},
            {s.promises_pending, "still pending"},
            {unresolved, promise_end_words(SpanEnd::Unresolved).data()}};
        for (const auto& [n, words] : counts) {
            if (n > 0) {
                ends.push_back(fmt::format("{} {}", n, words));
            }
        }
        p += fmt::format(" {} made {}: {}.", t.kase.org, plural(s.promises_made, "promise"),
                         and_list(ends));
    }
    if (t.kase.want) {
        p += fmt::format(" All I wanted: {}.", *t.kase.want);
    }
    return p + " " + ending(t);
}

std::string ending(const Timeline& t) {
    switch (t.kase.status) {
    case CaseStatus::Resolved: {
        std::string s =
            fmt::format("It was resolved on {}", format_local(t.ends_at, TimeStyle::Date));
        if (t.stats.resolved_via) {
            s += fmt::format(" through the {}", *t.stats.resolved_via == "exec"
                                                    ? std::string("executive office")
                                                    : *t.stats.resolved_via);
        }
        s += fmt::format(", after {}.", plural(std::max<std::int64_t>(t.days, 1), "day"));
        if (t.kase.resolution) {
            s += " " + *t.kase.resolution;
            if (!s.ends_with('.')) {
                s += ".";
            }
        }
        return s;
    }
    case CaseStatus::Abandoned:
        return fmt::format("I gave up on {}, after {}.", format_local(t.ends_at, TimeStyle::Date),
                           plural(std::max<std::int64_t>(t.days, 1), "day"));
    case CaseStatus::Open:
        break;
    }
    return fmt::format("After {}, it is still not resolved.",
                       plural(std::max<std::int64_t>(t.days, 1), "day"));
}

} // namespace escalate
