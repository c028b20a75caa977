// ics: an RFC 5545 calendar with the pending promises' due times and the engine's next step.
// CRLF line ends, long lines folded, a stable UID per event so that re-imports update.
#include <algorithm>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/timeline.hpp"
#include "escape.hpp"

namespace escalate {

using export_detail::ics_line;
using export_detail::ics_text;

namespace {

std::string ics_time(Timestamp t) {
    const std::string s = format_rfc3339(t); // 2026-11-20T14:30:00Z
    std::string out;
    for (char c : s) {
        if (c != '-' && c != ':') {
            out += c;
        }
    }
    return out; // 20261120T143000Z
}

std::string event(const Timeline& t, const std::string& uid, Timestamp start, Seconds length,
                  const std::string& summary, const std::string& description) {
    std::string out;
    out += ics_line("BEGIN:VEVENT");
    out += ics_line("UID:" + uid);
    out += ics_line("DTSTAMP:" + ics_time(t.now));
    out += ics_line("DTSTART:" + ics_time(start));
    out += ics_line("DTEND:" + ics_time(start + length));
    out += ics_line("SUMMARY:" + ics_text(summary));
    out += ics_line("DESCRIPTION:" + ics_text(description));
    out += ics_line("END:VEVENT");
    return out;
}

// Case ids start at 1 in every case log: the UID also carries a hash of what makes this case
// this case (when it opened, with whom), so two logs never collide and a repeated export of
// the same log gives the same UIDs (the calendar updates its events, no duplicates).
std::string uid(const Timeline& t, const std::string& what) {
    std::uint64_t h = 14695981039346656037ULL; // FNV-1a, 64 bits
    for (const char c : fmt::format("{}|{}|{}", t.kase.opened_at, t.kase.org, t.kase.id)) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return fmt::format("escalate-{:016x}-case-{}-{}@escalate", h, t.kase.id, what);
}

} // namespace

std::string render_ics(const Timeline& t) {
    constexpr Seconds slot = 30 * 60; // each reminder is a half-hour slot
    const bool next = t.next && t.kase.status == CaseStatus::Open;
    const bool pending = std::any_of(t.spans.begin(), t.spans.end(), [](const PromiseSpan& s) {
        return s.end == SpanEnd::Pending;
    });
    if (!next && !pending) {
        // RFC 5545 wants at least one event, and a calendar that imports nothing helps no one.
        throw NotFoundError(fmt::format(
            "case #{} has nothing to remind: no promise is pending{} (no calendar written)",
            t.kase.id,
            t.kase.status == CaseStatus::Open
                ? " and the engine has no next step"
                : fmt::format(" and the case is {}", to_string(t.kase.status))));
    }
    std::string out;
    out += ics_line("BEGIN:VCALENDAR");
    out += ics_line("VERSION:2.0");
    out += ics_line("PRODID:-//escalate//escalate case timeline//EN");
    out += ics_line("CALSCALE:GREGORIAN");
    out += ics_line(
        fmt::format("X-WR-CALNAME:{}", ics_text(fmt::format("#{} {}", t.kase.id, t.kase.org))));
    for (const auto& span : t.spans) {
        if (span.end != SpanEnd::Pending) {
            continue;
        }
        const Promise& p = *span.promise;
        out += event(t, uid(t, fmt::format("promise-{}", p.id)), p.due - slot, slot,
                     fmt::format("{} promised: {}", t.kase.org, p.text),
                     fmt::format("Case #{} {}: {} promised \"{}\" by {}. If it has not happened, "
                                 "escalate promise broken {}",
                                 t.kase.id, t.kase.title, t.kase.org, p.text, format_local(p.due),
                                 p.id));
    }
    if (next) {
        out += event(t, uid(t, "next"), t.next->not_before, slot,
                     fmt::format("Next for {}: {}", t.kase.org,
                                 t.next->channel ? *t.next->channel
                                                 : std::string(to_string(t.next->action))),
                     t.next->summary);
    }
    out += ics_line("END:VCALENDAR");
    return out;
}

} // namespace escalate
