// ics: an RFC 5545 calendar with the pending promises' due times and the engine's next step.
// CRLF line ends, long lines folded, a stable UID per event so that re-imports update.
#include <fmt/format.h>

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

} // namespace

std::string render_ics(const Timeline& t) {
    constexpr Seconds slot = 30 * 60; // each reminder is a half-hour slot
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
        out += event(t, fmt::format("escalate-case-{}-promise-{}@escalate", t.kase.id, p.id),
                     p.due - slot, slot, fmt::format("{} promised: {}", t.kase.org, p.text),
                     fmt::format("Case #{} {}: {} promised \"{}\" by {}. If it has not happened, "
                                 "escalate promise broken {}",
                                 t.kase.id, t.kase.title, t.kase.org, p.text, format_local(p.due),
                                 p.id));
    }
    if (t.next && t.kase.status == CaseStatus::Open) {
        out += event(t, fmt::format("escalate-case-{}-next@escalate", t.kase.id),
                     t.next->not_before, slot,
                     fmt::format("Next for {}: {}", t.kase.org,
                                 t.next->channel ? *t.next->channel
                                                 : std::string(to_string(t.next->action))),
                     t.next->summary);
    }
    out += ics_line("END:VCALENDAR");
    return out;
}

} // namespace escalate
