// The rows of the timeline picture (svg_picture.cpp): which events keep a row of their own,
// and how a long stretch of ordinary contacts becomes one summed-up row. Private to src/export.
#pragma once

#include <string>
#include <vector>

#include "escalate/timeline.hpp"
#include "escalate/words.hpp"

namespace escalate::export_detail {

struct Row {
    enum class Kind { Event, Band, Gap } kind = Kind::Event;
    std::vector<const TimelineEvent*> events;
    std::string heading;            // "Day 32 · Fri 2 Oct 2026 10:00"
    std::vector<std::string> lines; // what happened, wrapped
    double top = 0;
    double height = 0;
    [[nodiscard]] Timestamp from() const { return events.front()->at; }
    [[nodiscard]] double mark_y() const { return top + 15; }
};

// The events in rows: at most max_rows, ordinary runs of band_min or more summed up.
[[nodiscard]] std::vector<Row> group_rows(const Timeline& t);
// "12 calls, 4 cut off, 2 with a stock reply": what a band of events did.
[[nodiscard]] std::string band_summary(const Timeline& t,
                                       const std::vector<const TimelineEvent*>& events);

} // namespace escalate::export_detail
