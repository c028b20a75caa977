// md: a blog-ready article. Every piece of user text is escaped: Markdown renders raw HTML.
#include <fmt/format.h>

#include "escalate/timeline.hpp"
#include "escape.hpp"

namespace escalate {

using export_detail::md_escape;

std::string render_md(const Timeline& t) {
    std::string out = fmt::format("# {}\n\n", md_escape(article_title(t)));
    if (const std::string locale = locale_line(); !locale.empty()) {
        out += fmt::format("_{}_\n\n", md_escape(locale));
    }
    out += fmt::format("{}\n\n## Timeline\n\n", md_escape(summary_paragraph(t)));
    for (const auto& e : t.events) {
        out += fmt::format("- **Day {}, {}**: {}\n", e.day,
                           format_local(e.at, e.kind == EventKind::Contact ? TimeStyle::DateTime
                                                                           : TimeStyle::Date),
                           md_escape(describe_event(t, e)));
        if (e.kind == EventKind::Contact && e.contact->note) {
            std::string_view note = *e.contact->note;
            while (!note.empty()) {
                const auto nl = note.find('\n');
                // Every line of the note is quoted, a blank one too: it stays inside its quote.
                const std::string line = md_escape(note.substr(0, nl));
                out += line.empty() ? std::string("  >\n") : fmt::format("  > {}\n", line);
                note = nl == std::string_view::npos ? std::string_view{} : note.substr(nl + 1);
            }
        }
    }
    out += fmt::format("\n## How it ended\n\n{}\n", md_escape(ending(t)));
    return out;
}

} // namespace escalate
