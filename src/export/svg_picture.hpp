// The timeline picture, drawn once for the html page, the svg export and the png export: a
// vertical timeline that reads at a phone's width. Private to src/export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "escalate/policy.hpp"
#include "escalate/timeline.hpp"

namespace escalate::export_detail {

enum class PictureUse {
    InPage,     // inside the html page: sized by the page's CSS
    Standalone, // a document of its own (svg, png): title, size in pixels, white background
};

struct Picture {
    std::string svg;
    int width = 0; // in CSS pixels at scale 1
    int height = 0;
};

[[nodiscard]] Picture timeline_picture(const Timeline& t, const Policy& policy, PictureUse use);

// Text for an SVG or HTML text node: one line, control characters and broken UTF-8 replaced by
// U+FFFD (XML 1.0 allows neither), & < > " ' as entities.
[[nodiscard]] std::string svg_text(std::string_view s);

// Lines of at most `width` pixels at `font_size`, estimated with DejaVu Sans' widths (the
// widest of the usual sans-serif fonts, so a browser's own font fits too). Breaks between
// words, and inside a word longer than a line only between grapheme clusters. At most
// `max_lines` lines; the last ends with "…" when text was left out.
[[nodiscard]] std::vector<std::string> wrap_text(std::string_view s, double width, double font_size,
                                                 std::size_t max_lines);

} // namespace escalate::export_detail
