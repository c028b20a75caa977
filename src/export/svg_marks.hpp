// The marks of the timeline picture: an outcome told by shape and by colour (Okabe and Ito's
// palette, safe for colour-blind readers), a promise's colours, the closing's star and the bar
// of summed-up contacts. Private to src/export.
#pragma once

#include <string>

#include "escalate/timeline.hpp"

namespace escalate::export_detail {

enum class Mark { Failed, Half, Promise, Good, Neutral };
struct MarkStyle {
    const char* colour;
    const char* label; // for the legend
};

inline constexpr const char* kept_colour = "#009E73";
inline constexpr const char* broken_colour = "#D55E00";
inline constexpr const char* pending_colour = "#6B6B6B";

[[nodiscard]] const MarkStyle& style_of(Mark m);
// The mark of a contact or of a broken promise.
[[nodiscard]] Mark mark_of(const TimelineEvent& e);
// A mark centred on (x, y), about 13 px across; hollow when they contacted me.
[[nodiscard]] std::string shape(Mark m, double x, double y, bool hollow);
// The case closed: a star.
[[nodiscard]] std::string star(double x, double y, const char* colour);
// Many contacts summed up in one row: a bar down the lane.
[[nodiscard]] std::string bar(double x, double top, double bottom);
// A promise's line, for the legend.
[[nodiscard]] std::string span_sample(double x, double y, const char* colour, bool dashed);

} // namespace escalate::export_detail
