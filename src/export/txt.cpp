// txt: the article as plain text, for an email or a forum.
#include <fmt/format.h>

#include "escalate/timeline.hpp"

namespace escalate {

namespace {

// A line break or a bare carriage return inside a line would forge a line of the timeline.
std::string flat(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = c == '\r' || c == '\n' ? ' ' : c;
    }
    return out;
}

} // namespace

std::string render_txt(const Timeline& t) {
    const std::string title = flat(article_title(t));
    std::string out =
        fmt::format("{}\n{}\n\n", title, std::string(std::min<std::size_t>(title.size(), 72), '='));
    if (const std::string locale = locale_line(); !locale.empty()) {
        out += locale + "\n\n";
    }
    out += fmt::format("{}\n\nTimeline\n\n", flat(summary_paragraph(t)));
    for (const auto& e : t.events) {
        out += fmt::format("Day {:>3}  {}  {}\n", e.day,
                           format_local(e.at, e.kind == EventKind::Contact ? TimeStyle::DateTime
                                                                           : TimeStyle::Date),
                           flat(describe_event(t, e)));
        if (e.kind == EventKind::Contact && e.contact->note) {
            std::string_view note = *e.contact->note;
            while (!note.empty()) {
                const auto nl = note.find('\n');
                out += fmt::format("          \"{}\"\n", flat(note.substr(0, nl)));
                note = nl == std::string_view::npos ? std::string_view{} : note.substr(nl + 1);
            }
        }
    }
    out += fmt::format("\nHow it ended\n\n{}\n", flat(ending(t)));
    return out;
}

} // namespace escalate
