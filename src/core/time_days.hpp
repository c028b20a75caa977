// Which day a person means: day words, weekdays, dates with a month name or in numbers.
// Private to src/core.
#pragma once

#include <cstdint>

#include "escalate/time.hpp"
#include "time_reader.hpp"

namespace escalate::time_detail {

// What a day is read against: the clock, what the time is for, and the numeric date order.
struct DayContext {
    Timestamp now;
    TimeRole role;
    DateOrder order;
};

// Reads a day at r, as days since 1970-01-01 of the local calendar: today, yesterday, tomorrow,
// a weekday, last or next and a weekday, a month name and a day (nov 20, 20th november, with an
// optional year), or a numeric date (20/11, 20/11/2026, 20.11.2026, read in c.order). An error
// of kind Unrecognised when nothing here names a day.
Parsed<std::int64_t> read_day(Reader& r, const DayContext& c);

} // namespace escalate::time_detail
