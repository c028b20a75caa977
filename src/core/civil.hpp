// Days since 1970-01-01 of a civil date. Private to src/core.
#pragma once

#include <cstdint>

#include <date/date.h>

namespace escalate {

inline std::int64_t days_from_civil(int y, int m, int d) {
    const date::sys_days days{date::year{y} / date::month{static_cast<unsigned>(m)} /
                              date::day{static_cast<unsigned>(d)}};
    return days.time_since_epoch().count();
}

} // namespace escalate
