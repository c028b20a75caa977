// The marks of the timeline picture (svg_marks.hpp).
#include "svg_marks.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace escalate::export_detail {

namespace {

// Okabe and Ito, "Color Universal Design" (2008).
constexpr MarkStyle styles[] = {
    {"#D55E00",
     "failed: no answer, cut off, a stock reply, refused, a final response; a promise broken"},
    {"#E69F00", "transferred or partly fixed"},
    {"#0072B2", "a promise or a request to me"},
    {"#009E73", "passed up internally, or resolved"},
    {"#6B6B6B", "information, a bill, or no outcome"},
};

} // namespace

const MarkStyle& style_of(Mark m) {
    return styles[static_cast<int>(m)];
}

Mark mark_of(const TimelineEvent& e) {
    if (e.kind == EventKind::PromiseBroken) {
        return Mark::Failed;
    }
    if (e.kind == EventKind::Resolution || !e.contact->outcome) {
        return e.promise ? Mark::Promise : Mark::Neutral;
    }
    switch (*e.contact->outcome) {
    case Outcome::NoAnswer:
    case Outcome::HungUp:
    case Outcome::StockReply:
    case Outcome::Refused:
    case Outcome::Final:
    case Outcome::Denied:
        return Mark::Failed;
    case Outcome::Transferred:
    case Outcome::Partial:
        return Mark::Half;
    case Outcome::Promised:
    case Outcome::Asked:
        return Mark::Promise;
    case Outcome::Escalated:
    case Outcome::Resolved:
        return Mark::Good;
    case Outcome::Info:
    case Outcome::Notice:
        break;
    }
    return e.promise ? Mark::Promise : Mark::Neutral;
}

// A mark centred on (x, y), about 13 px across.
std::string shape(Mark m, double x, double y, bool hollow) {
    const char* c = style_of(m).colour;
    const std::string paint =
        fmt::format("fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"", hollow ? "#fff" : c, c);
    switch (m) {
    case Mark::Failed: { // a cross
        constexpr double h = 6.5;
        constexpr double w = 2.6;
        const double pts[][2] = {{-h, -h + w}, {-h + w, -h}, {0, -w},     {h - w, -h},
                                 {h, -h + w},  {w, 0},       {h, h - w},  {h - w, h},
                                 {0, w},       {-h + w, h},  {-h, h - w}, {-w, 0}};
        std::string points;
        for (const auto& p : pts) {
            points += fmt::format("{:.1f},{:.1f} ", x + p[0], y + p[1]);
        }
        points.pop_back();
        return fmt::format("<polygon points=\"{}\" {}/>", points,
                           fmt::format("fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"",
                                       hollow ? "#fff" : c, c, hollow ? 1.5 : 1));
    }
    case Mark::Half: // a diamond
        return fmt::format("<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} "
                           "{:.1f},{:.1f}\" {}/>",
                           x, y - 7, x + 7, y, x, y + 7, x - 7, y, paint);
    case Mark::Promise: // a square
        return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"11\" height=\"11\" {}/>",
                           x - 5.5, y - 5.5, paint);
    case Mark::Good: // a circle
        return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" {}/>", x, y, paint);
    case Mark::Neutral: // a triangle
        return fmt::format("<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\" {}/>", x,
                           y - 6.5, x + 6.5, y + 5, x - 6.5, y + 5, paint);
    }
    return {};
}

// The case closed: a star.
std::string star(double x, double y, const char* colour) {
    std::string points;
    for (int i = 0; i < 10; ++i) {
        const double r = i % 2 == 0 ? 7.5 : 3.2;
        const double a = -1.5707963 + i * 0.6283185;
        points += fmt::format("{:.1f},{:.1f} ", x + r * std::cos(a), y + r * std::sin(a));
    }
    points.pop_back();
    return fmt::format("<polygon points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
                       points, colour, colour);
}

// Many contacts summed up in one row: a bar down the lane.
std::string bar(double x, double top, double bottom) {
    return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"{:.1f}\" rx=\"3\" "
                       "fill=\"#d9d9d9\" stroke=\"#6B6B6B\" stroke-width=\"1.5\"/>",
                       x - 5, top, std::max(10.0, bottom - top));
}

std::string span_sample(double x, double y, const char* colour, bool dashed) {
    if (std::string_view(colour) ==
        broken_colour) { // ends at the cross of its own row, not with a cap
        return fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"{}\" stroke-width=\"3\"/>",
                           x - 8, y, x + 8, y, colour);
    }
    return fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"3\"{}/><circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" "
        "fill=\"{}\"/>",
        x - 8, y, x + 5, y, colour, dashed ? " stroke-dasharray=\"4 3\"" : "", x + 6, y,
        dashed ? "#fff\" stroke=\"#6B6B6B\" stroke-width=\"1.5" : colour);
}

} // namespace escalate::export_detail
