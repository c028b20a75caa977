// The timeline picture: time runs down the page, one row per event, so that marks at the same
// moment never cover each other and the text has the width of a phone. On the left, a lane per
// tier holds each row's mark: outcome told by shape and by colour (Okabe and Ito's palette,
// safe for colour-blind readers), hollow when they contacted me. Promises run down their lane
// to the day they were due. Long stretches of ordinary contacts become one summed-up row, so
// that a case of hundreds of contacts stays a picture of a few dozen rows.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "escape.hpp"
#include "picture_rows.hpp"
#include "svg_marks.hpp"
#include "svg_picture.hpp"

namespace escalate::export_detail {

namespace {

constexpr int width = 360;
constexpr int pad = 8;
constexpr int lane_w = 20;
constexpr int gap_after_lanes = 8;
constexpr double body_size = 14;  // what happened
constexpr double small_size = 13; // dates, legend, notes: never below 12 px as rendered
constexpr int body_line = 18;
constexpr int small_line = 17;
constexpr std::int64_t gap_days = 7; // a pause this long gets a "27 days later" line

constexpr const char* ink = "#1b1b1b";
constexpr const char* ink2 = "#4a4a4a";

} // namespace

Picture timeline_picture(const Timeline& t, const Policy& policy, PictureUse use) {
    const int tiers = std::clamp(policy.tier_count(), 1, 8);
    const int lw = std::min(lane_w, 100 / tiers);
    auto lane_x = [&](int tier) { return pad + lw * (std::clamp(tier, 1, tiers) - 1) + lw / 2.0; };
    const double text_x = pad + lw * tiers + gap_after_lanes;
    const double text_w = width - text_x - pad;

    std::string body;
    double y = pad;
    auto text = [&](double x, double baseline, double size, const char* fill,
                    const std::string& raw, const char* extra = "") {
        body += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" fill=\"{}\"{}>{}"
                            "</text>\n",
                            x, baseline, size, fill, extra, svg_text(raw));
    };

    if (use == PictureUse::Standalone) {
        for (const auto& line : wrap_text(article_title(t), width - 2 * pad, body_size * 1.15, 5)) {
            y += 21;
            text(pad, y, 16, ink, line, " font-weight=\"bold\"");
        }
        y += 10;
    }

    // The rows, laid out first: the legend lists only the marks the picture uses.
    std::vector<Row> rows = group_rows(t);
    std::set<Mark> used;
    bool hollow = false;
    bool band = false;
    bool closed = false;
    std::set<SpanEnd> ends;
    for (const auto& s : t.spans) {
        ends.insert(s.end);
    }
    for (auto& r : rows) {
        const TimelineEvent& e = *r.events.front();
        if (r.kind == Row::Kind::Band) {
            band = true;
            const TimelineEvent& last = *r.events.back();
            r.heading =
                e.day == last.day
                    ? fmt::format("Day {} \xC2\xB7 {}", e.day, format_local(e.at, TimeStyle::Date))
                    : fmt::format("Days {}\xE2\x80\x93{} \xC2\xB7 {} to {}", e.day, last.day,
                                  format_local(e.at, TimeStyle::Date),
                                  format_local(last.at, TimeStyle::Date));
            r.lines = wrap_text(band_summary(t, r.events), text_w, body_size, 5);
        } else {
            r.heading =
                fmt::format("Day {} \xC2\xB7 {}", e.day,
                            format_local(e.at, e.kind == EventKind::Contact ? TimeStyle::DateTime
                                                                            : TimeStyle::Date));
            r.lines = wrap_text(describe_event(t, e), text_w, body_size, 5);
            if (e.kind == EventKind::Resolution) {
                closed = true;
            } else {
                used.insert(mark_of(e));
                hollow = hollow || (e.contact && e.contact->direction == Direction::In);
            }
        }
        const auto heading_lines = wrap_text(r.heading, text_w, small_size, 2).size();
        r.height = 8 + small_line * static_cast<double>(heading_lines) +
                   body_line * static_cast<double>(r.lines.size()) + 8;
    }

    // The legend.
    const double key_x = pad + 10;
    const double key_text = pad + 26;
    const double key_w = width - key_text - pad;
    auto key = [&](const std::string& sample, const std::string& label) {
        const auto lines = wrap_text(label, key_w, small_size, 3);
        body += sample;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            text(key_text, y + 13 + small_line * static_cast<double>(i), small_size, ink2,
                 lines[i]);
        }
        y += small_line * static_cast<double>(lines.size()) + 5;
    };
    for (const Mark m : {Mark::Failed, Mark::Half, Mark::Promise, Mark::Good, Mark::Neutral}) {
        if (used.count(m)) {
            key(shape(m, key_x, y + 8, false), style_of(m).label);
        }
    }
    if (hollow) {
        key(shape(Mark::Neutral, key_x, y + 8, true), "hollow: they contacted me");
    }
    if (ends.count(SpanEnd::Kept)) {
        key(span_sample(key_x, y + 8, kept_colour, false), "a promise, down to its due day: kept");
    }
    if (ends.count(SpanEnd::Broken)) {
        key(span_sample(key_x, y + 8, broken_colour, false), "a promise broken");
    }
    if (ends.count(SpanEnd::Pending)) {
        key(span_sample(key_x, y + 8, pending_colour, true), "a promise still pending");
    }
    if (ends.count(SpanEnd::Unresolved)) {
        key(span_sample(key_x, y + 8, pending_colour, true),
            "a promise unresolved when the case closed");
    }
    if (band) {
        key(bar(key_x, y + 2, y + 15), "many contacts in a row, summed up in one line");
    }
    if (closed) {
        key(star(key_x, y + 8, kept_colour), "the case closed");
    }
    std::vector<std::string> names;
    for (int tier = 1; tier <= tiers; ++tier) {
        names.push_back(fmt::format("{} {}", tier, policy.tier(tier).name));
    }
    key("", fmt::format("Lanes, left to right: {}", fmt::join(names, ", ")));
    y += 6;

    // Lane numbers above the lanes, and a heading for the text.
    y += 15;
    for (int tier = 1; tier <= tiers; ++tier) {
        text(lane_x(tier), y, small_size, ink2, std::to_string(tier), " text-anchor=\"middle\"");
    }
    text(text_x, y, small_size, ink2, "What happened, oldest first");
    y += 6;

    // Rows, with a line where time passed.
    const double rows_top = y;
    std::vector<Row> laid;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) {
            const std::int64_t days = rows[i].events.front()->day - rows[i - 1].events.back()->day;
            if (days >= gap_days) {
                Row gap;
                gap.kind = Row::Kind::Gap;
                gap.heading = fmt::format("{} days later", days);
                gap.top = y;
                gap.height = 24;
                y += gap.height;
                laid.push_back(gap);
            }
        }
        rows[i].top = y;
        y += rows[i].height;
        laid.push_back(rows[i]);
    }
    const double rows_bottom = y;
    std::string back;
    for (int tier = 1; tier <= tiers; ++tier) {
        back += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" "
                            "fill=\"{}\"/>\n",
                            pad + lw * (tier - 1), rows_top, lw, rows_bottom - rows_top,
                            tier % 2 ? "#eef1f4" : "#e2e6eb");
    }
    // Spans under the marks: from the row where the promise was made to the row of its due day.
    auto row_of = [&](Timestamp at) -> const Row* {
        const Row* found = nullptr;
        for (const auto& r : laid) {
            if (r.kind != Row::Kind::Gap && (found == nullptr || r.from() <= at)) {
                found = &r;
            }
        }
        return found;
    };
    for (const auto& s : t.spans) {
        const Row* from = row_of(s.made_at);
        const Row* to = row_of(s.due);
        if (from == nullptr || to == nullptr) {
            continue;
        }
        const double sx = pad + lw * (std::clamp(s.tier, 1, tiers) - 1) + lw - 2.5;
        const double y2 = s.due > t.ends_at ? rows_bottom - 4 : to->mark_y();
        // Still pending, or unresolved when the case closed: neither kept nor broken.
        const bool open_end = s.end == SpanEnd::Pending || s.end == SpanEnd::Unresolved;
        const char* colour = s.end == SpanEnd::Kept     ? kept_colour
                             : s.end == SpanEnd::Broken ? broken_colour
                                                        : pending_colour;
        back += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                            "stroke=\"{}\" stroke-width=\"3\"{}/>\n",
                            sx, from->mark_y(), sx, y2, colour,
                            open_end ? " stroke-dasharray=\"4 3\"" : "");
        // A broken promise ends at its own row's cross; the others get a cap.
        if (s.end != SpanEnd::Broken) {
            back += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" {}/>\n", sx, y2,
                                open_end ? "fill=\"#fff\" stroke=\"#6B6B6B\" stroke-width=\"1.5\""
                                         : fmt::format("fill=\"{}\"", colour));
        }
    }
    std::string rows_svg;
    int last_tier = 1;
    for (const auto& r : laid) {
        if (r.kind == Row::Kind::Gap) {
            rows_svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
                                    "stroke=\"#9a9a9a\" stroke-dasharray=\"2 3\"/>\n",
                                    text_x, r.top + 12, width - pad, r.top + 12);
            const std::string label = svg_text(r.heading);
            rows_svg +=
                fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"18\" "
                            "fill=\"#fff\"/><text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" "
                            "fill=\"{}\" font-style=\"italic\">{}</text>\n",
                            text_x + 16, r.top + 3,
                            small_size * 0.62 * (static_cast<double>(r.heading.size()) + 2),
                            text_x + 22, r.top + 17, small_size, ink2, label);
            continue;
        }
        double ty = r.top + 8;
        for (const auto& line : wrap_text(r.heading, text_w, small_size, 2)) {
            ty += small_line;
            rows_svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" fill=\"{}\">"
                                    "{}</text>\n",
                                    text_x, ty - 4, small_size, ink2, svg_text(line));
        }
        for (const auto& line : r.lines) {
            ty += body_line;
            rows_svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" fill=\"{}\">"
                                    "{}</text>\n",
                                    text_x, ty - 4, body_size, ink, svg_text(line));
        }
        rows_svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
                                "stroke=\"#e0e0e0\"/>\n",
                                text_x, r.top + r.height, width - pad, r.top + r.height);
        if (r.kind == Row::Kind::Band) {
            std::set<int> band_tiers;
            for (const auto* e : r.events) {
                if (e->kind == EventKind::Contact) {
                    band_tiers.insert(e->tier);
                    last_tier = e->tier;
                }
            }
            for (const int tier : band_tiers) {
                rows_svg += bar(lane_x(tier) - 1, r.top + 6, r.top + r.height - 6) + "\n";
            }
            continue;
        }
        const TimelineEvent& e = *r.events.front();
        if (e.kind == EventKind::Resolution) {
            rows_svg += star(lane_x(last_tier) - 1, r.mark_y(),
                             t.kase.status == CaseStatus::Resolved ? kept_colour : pending_colour) +
                        "\n";
            continue;
        }
        if (e.kind == EventKind::Contact) {
            last_tier = e.tier;
        }
        rows_svg += shape(mark_of(e), lane_x(e.tier) - 1, r.mark_y(),
                          e.contact && e.contact->direction == Direction::In) +
                    "\n";
    }
    y = rows_bottom + pad;

    Picture p;
    p.width = width;
    p.height = static_cast<int>(std::ceil(y));
    const std::string title =
        fmt::format("Timeline of {} over {}", plural(t.contacts.size(), "contact"),
                    plural(static_cast<std::size_t>(std::max<std::int64_t>(t.days, 1)), "day"));
    if (use == PictureUse::Standalone) {
        p.svg =
            fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
                        "viewBox=\"0 0 {} {}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" "
                        "role=\"img\">\n<title>{}</title>\n"
                        "<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n",
                        p.width, p.height, p.width, p.height, svg_text(title), p.width, p.height);
    } else {
        p.svg =
            fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pic\" "
                        "viewBox=\"0 0 {} {}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" "
                        "role=\"img\" aria-labelledby=\"pic-title\">\n"
                        "<title id=\"pic-title\">{}</title>\n",
                        p.width, p.height, svg_text(title));
    }
    p.svg += back + body + rows_svg + "</svg>\n";
    return p;
}

} // namespace escalate::export_detail
