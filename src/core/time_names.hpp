// The names of days and months in dates a person reads: the user's locale (LC_TIME) where the
// C library has it, else English. Private to src/core; parsing reads English names only.
#pragma once

#include <string_view>

namespace escalate::time_detail {

// "Mon", "lun." (fr_FR); tm_wday: 0 is Sunday.
[[nodiscard]] std::string_view weekday_abbr(int tm_wday);
// "Nov", "nov." (fr_FR); tm_mon: 0 is January.
[[nodiscard]] std::string_view month_abbr(int tm_mon);

} // namespace escalate::time_detail
