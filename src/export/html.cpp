// html: one self-contained page: inline CSS and SVG, a Content-Security-Policy that forbids
// every fetch, no script, and every piece of user text escaped. The picture (svg_picture.cpp)
// is a vertical timeline drawn for a phone's width; the page lets it grow on a wider screen,
// and long words wrap anywhere rather than run off the screen.

#include <fmt/format.h>

#include "escalate/timeline.hpp"
#include "escape.hpp"
#include "svg_picture.hpp"

namespace escalate {

using export_detail::html_escape;
using export_detail::PictureUse;
using export_detail::timeline_picture;

namespace {

constexpr const char* style = R"css(
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff;
max-width:780px;margin:0 auto;padding:16px;overflow-wrap:anywhere}
h1{font-size:1.5em;line-height:1.25}h2{font-size:1.2em;margin-top:1.6em}
figure{margin:1em 0}.pic{display:block;width:100%;max-width:540px;height:auto}
ol.events{padding-left:0;list-style:none}ol.events li{margin:0 0 .8em;padding-left:.8em;
border-left:4px solid #c8cdd2}ol.events .when{color:#4a4a4a;font-size:.9em;display:block}
blockquote{margin:.3em 0 .3em .5em;color:#333;white-space:pre-wrap}
@media (max-width:480px){body{padding:10px}h1{font-size:1.3em}}
)css";

} // namespace

std::string render_html(const Timeline& t, const Policy& policy) {
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">\n{}<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
        "<h1>{}</h1>\n{}<p>{}</p>\n",
        date_locale().empty() ? ""
                              : fmt::format("<meta name=\"escalate-date-locale\" content=\"{}\">\n",
                                            html_escape(date_locale())),
        html_escape(article_title(t)), style, html_escape(article_title(t)),
        locale_line().empty() ? ""
                              : fmt::format("<p><em>{}</em></p>\n", html_escape(locale_line())),
        html_escape(summary_paragraph(t)));
    out += "<figure>\n" + timeline_picture(t, policy, PictureUse::InPage).svg + "</figure>\n";
    out += "<h2>Timeline</h2>\n<ol class=\"events\">\n";
    for (const auto& e : t.events) {
        out += fmt::format("<li><span class=\"when\">Day {}, {}</span>{}", e.day,
                           format_local(e.at, e.kind == EventKind::Contact ? TimeStyle::DateTime
                                                                           : TimeStyle::Date),
                           html_escape(describe_event(t, e)));
        if (e.kind == EventKind::Contact && e.contact->note) {
            out += fmt::format("<blockquote>{}</blockquote>", html_escape(*e.contact->note));
        }
        out += "</li>\n";
    }
    out += fmt::format("</ol>\n<h2>How it ended</h2>\n<p>{}</p>\n</body>\n</html>\n",
                       html_escape(ending(t)));
    return out;
}

} // namespace escalate
