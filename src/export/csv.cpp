// csv: one row per contact, a header row, RFC 4180 (CRLF line ends, quoted when needed).
#include <fmt/format.h>

#include "escalate/timeline.hpp"
#include "escape.hpp"

namespace escalate {

using export_detail::csv_field;
using export_detail::csv_text;

std::string render_csv(const Timeline& t) {
    std::string out = "id,at,local_time,day,channel,tier,direction,duration_s,hold_s,agent,ref,"
                      "outcome,promise,promise_due,promise_status,note\r\n";
    auto num = [](const std::optional<Seconds>& v) {
        return v ? std::to_string(*v) : std::string();
    };
    for (const auto& e : t.events) {
        if (e.kind != EventKind::Contact) {
            continue;
        }
        const Contact& c = *e.contact;
        std::string promise, due, status;
        if (e.promise) {
            promise = e.promise->text;
            due = format_rfc3339(e.promise->due);
            // What the promise came to as of the export, as every format says it.
            const PromiseSpan* span = span_of(t, e.promise->id);
            status = span ? promise_end_name(span->end) : to_string(e.promise->status);
        }
        const std::vector<std::string> row{
            std::to_string(c.id),
            format_rfc3339(c.at),
            format_local(c.at),
            std::to_string(e.day),
            c.channel,
            std::to_string(e.tier),
            std::string(to_string(c.direction)),
            num(c.duration_s),
            num(c.hold_s),
            c.agent.value_or(""),
            c.ref.value_or(""),
            c.outcome ? std::string(to_string(*c.outcome)) : "",
            promise,
            due,
            status,
            c.note.value_or(""),
        };
        // Columns 9 to 15 are user text (agent, ref, outcome, promise, due, status, note).
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += (i == 0 ? "" : ",") + (i >= 9 ? csv_text(row[i]) : csv_field(row[i]));
        }
        out += line + "\r\n";
    }
    return out;
}

} // namespace escalate
