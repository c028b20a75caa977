// html: one self-contained page: inline CSS and SVG, a Content-Security-Policy that forbids
// every fetch, and every piece of user text escaped. The picture has a lane per tier, a mark
// per contact coloured by outcome, promises as spans ending kept or broken, the resolution
// marked, and a legend; it scales to a phone's width.
#include <algorithm>

#include <fmt/format.h>

#include "escalate/timeline.hpp"
#include "escape.hpp"

namespace escalate {

using export_detail::html_escape;

namespace {

constexpr int width = 800;
constexpr int left = 150; // lane labels
constexpr int right = 20;
constexpr int top = 30; // day axis
constexpr int lane = 46;
constexpr int tiers = 5;

struct Colour {
    const char* css;
    const char* label;
};
constexpr Colour failed{"#c62828", "failed: no answer, cut off, stock reply, refused"};
constexpr Colour half{"#ef8f00", "transferred or partly fixed"};
constexpr Colour promised{"#1565c0", "a promise"};
constexpr Colour good{"#2e7d32", "resolved or passed up"};
constexpr Colour neutral{"#757575", "no outcome or information"};

const Colour& colour_of(const Contact& c) {
    if (!c.outcome) {
        return neutral;
    }
    switch (*c.outcome) {
    case Outcome::NoAnswer:
    case Outcome::HungUp:
    case Outcome::StockReply:
    case Outcome::Refused:
    case Outcome::Final:
    case Outcome::Denied:
        return failed;
    case Outcome::Transferred:
    case Outcome::Partial:
        return half;
    case Outcome::Promised:
    case Outcome::Asked:
        return promised;
    case Outcome::Escalated:
    case Outcome::Resolved:
        return good;
    case Outcome::Info:
    case Outcome::Notice:
        break;
    }
    return neutral;
}

std::string picture(const Timeline& t, const Policy& policy) {
    const Timestamp start = t.kase.opened_at;
    Timestamp end = std::max(t.ends_at, start + 86400);
    for (const auto& s : t.spans) {
        end = std::max(end, s.due);
    }
    const double span = static_cast<double>(end - start);
    auto x = [&](Timestamp at) {
        return left + (width - left - right) * static_cast<double>(at - start) / span;
    };
    auto y = [&](int tier) { return top + lane * (tiers - tier) + lane / 2 + 6; };
    const int height = top + lane * tiers + 10;
    std::string svg = fmt::format(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"pic-title\" "
        "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"pic-title\">Timeline of {} contacts "
        "over {} days, by tier</title>\n",
        width, height, t.contacts.size(), t.days);
    for (int tier = 1; tier <= tiers; ++tier) {
        const int lane_top = top + lane * (tiers - tier);
        svg += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"lane{}\"/>\n",
                           lane_top, width, lane, tier % 2);
        svg += fmt::format("<text x=\"4\" y=\"{}\" class=\"label\">{} {}</text>\n", lane_top + 12,
                           tier, html_escape(policy.tier(tier).name));
    }
    // Day ticks: about six across.
    const std::int64_t days = std::max<std::int64_t>(1, (end - start) / 86400);
    const std::int64_t step = std::max<std::int64_t>(1, (days + 5) / 6);
    for (std::int64_t d = 0; d <= days; d += step) {
        const double tx = x(start + d * 86400);
        svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" class=\"tick\"/>"
                           "<text x=\"{:.1f}\" y=\"{}\" class=\"day\">day {}</text>\n",
                           tx, top - 4, tx, height - 10, tx, top - 10, d + 1);
    }
    for (const auto& s : t.spans) {
        const int sy = y(s.tier) - 14;
        const char* cls = s.end == SpanEnd::Kept     ? "kept"
                          : s.end == SpanEnd::Broken ? "broken"
                                                     : "pending";
        svg += fmt::format("<g class=\"span {}\"><title>Promise: {} (due {}): {}</title>"
                           "<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>"
                           "<circle cx=\"{:.1f}\" cy=\"{}\" r=\"4\"/></g>\n",
                           cls, html_escape(s.promise->text), format_local(s.due, TimeStyle::Date),
                           cls, x(s.made_at), sy, x(s.due), sy, x(s.due), sy);
    }
    for (const auto& e : t.events) {
        if (e.kind != EventKind::Contact) {
            continue;
        }
        const Colour& c = colour_of(*e.contact);
        const bool in = e.contact->direction == Direction::In;
        svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{}\" r=\"6\" fill=\"{}\" stroke=\"{}\" "
                           "stroke-width=\"2.5\"><title>Day {}: {}</title></circle>\n",
                           x(e.at), y(e.tier), in ? "#fff" : c.css, c.css, e.day,
                           html_escape(describe_event(t, e)));
    }
    if (t.kase.closed_at) {
        const double rx = x(*t.kase.closed_at);
        svg += fmt::format("<g class=\"resolution\"><title>{}</title><line x1=\"{:.1f}\" "
                           "y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/><text x=\"{:.1f}\" y=\"{}\">{}"
                           "</text></g>\n",
                           html_escape(ending(t)), rx, top, rx, height - 10, rx - 4, top + 12,
                           to_string(t.kase.status));
    }
    return svg + "</svg>\n";
}

std::string legend() {
    std::string out = "<ul class=\"legend\">\n";
    for (const Colour* c : {&failed, &half, &promised, &good, &neutral}) {
        out += fmt::format("<li><span class=\"dot\" style=\"background:{}\"></span>{}</li>\n",
                           c->css, c->label);
    }
    out += "<li><span class=\"dot ring\"></span>a hollow mark: they contacted me</li>\n"
           "<li><span class=\"bar kept\"></span>a promise kept</li>\n"
           "<li><span class=\"bar broken\"></span>a promise broken</li>\n"
           "<li><span class=\"bar pending\"></span>a promise pending</li>\n"
           "<li><span class=\"bar resolution\"></span>the case closed</li>\n</ul>\n";
    return out;
}

constexpr const char* style = R"css(
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff;
max-width:780px;margin:0 auto;padding:16px}
h1{font-size:1.5em;line-height:1.25}h2{font-size:1.2em;margin-top:1.6em}
figure{margin:1em 0}svg{width:100%;max-width:620px;height:auto;display:block;margin:0 0 .5em}
.lane0{fill:#f4f6f8}.lane1{fill:#e9edf1}
.label{font-size:11px;fill:#555}.day{font-size:10px;text-anchor:middle;fill:#555}
.tick{stroke:#c8cdd2;stroke-width:1}
.span line{stroke-width:4;stroke-linecap:round}.span circle{stroke:none}
.kept line,.kept circle{stroke:#2e7d32;fill:#2e7d32}
.broken line{stroke:#1565c0}.broken circle{fill:#c62828}
.pending line{stroke:#9e9e9e;stroke-dasharray:6 4}.pending circle{fill:#9e9e9e}
.resolution line{stroke:#2e7d32;stroke-width:3}.resolution text{fill:#2e7d32;font-size:12px;
text-anchor:end;font-weight:bold}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:14px}
.dot{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:6px;
vertical-align:-1px}.ring{border:3px solid #757575;width:8px;height:8px}
.bar{display:inline-block;width:22px;height:4px;margin-right:6px;vertical-align:4px}
.bar.kept{background:#2e7d32}.bar.broken{background:linear-gradient(90deg,#1565c0 70%,#c62828 70%)}
.bar.pending{background:#9e9e9e}.bar.resolution{background:#2e7d32;width:4px;height:14px;
vertical-align:-2px}
ol.events{padding-left:0;list-style:none}ol.events li{margin:0 0 .8em;padding-left:.8em;
border-left:4px solid #c8cdd2}ol.events .when{color:#555;font-size:.9em;display:block}
blockquote{margin:.3em 0 .3em .5em;color:#333;white-space:pre-wrap}
@media (max-width:480px){body{font-size:15px;padding:10px}h1{font-size:1.25em}}
)css";

} // namespace

std::string render_html(const Timeline& t, const Policy& policy) {
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
        "<h1>{}</h1>\n<p>{}</p>\n",
        html_escape(article_title(t)), style, html_escape(article_title(t)),
        html_escape(summary_paragraph(t)));
    out += "<figure>\n" + picture(t, policy) + legend() + "</figure>\n";
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
