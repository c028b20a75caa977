// txt: the article as plain text, for an email or a forum.
#include <fmt/format.h>

#include "escalate/timeline.hpp"

namespace escalate {

std::string render_txt(const Timeline& t) {
    const std::string title = article_title(t);
    std::string out = fmt::format("{}\n{}\n\n{}\n\nTimeline\n\n", title,
                                  std::string(std::min<std::size_t>(title.size(), 72), '='),
                                  summary_paragraph(t));
    for (const auto& e : t.events) {
        out += fmt::format("Day {:>3}  {}  {}\n", e.day,
                           format_local(e.at, e.kind == EventKind::Contact ? TimeStyle::DateTime
                                                                           : TimeStyle::Date),
                           describe_event(t, e));
        if (e.kind == EventKind::Contact && e.contact->note) {
            std::string_view note = *e.contact->note;
            while (!note.empty()) {
                const auto nl = note.find('\n');
                out += fmt::format("          \"{}\"\n", note.substr(0, nl));
                note = nl == std::string_view::npos ? std::string_view{} : note.substr(nl + 1);
            }
        }
    }
    out += fmt::format("\nHow it ended\n\n{}\n", ending(t));
    return out;
}

} // namespace escalate
