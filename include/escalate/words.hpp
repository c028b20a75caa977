// The words a person reads for a count: one rule for every "1 case" and "2 cases" that the
// commands, the drafts and the exports print.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace escalate {

// "1 case", "2 cases", "0 days", "3 replies", "2 boxes"; plural_form for a noun the rule gets
// wrong: plural(n, "person", "people"). The rule looks only at the noun's last letters, so
// "broken promise" and "unanswered email" count as their last word does.
[[nodiscard]] std::string plural(std::int64_t n, std::string_view noun,
                                 std::string_view plural_form = {});
// A count with thousands separators, as a person reads it: "9,412".
[[nodiscard]] std::string grouped(std::int64_t n);
// The noun alone in the form that goes with n: "case" or "cases".
[[nodiscard]] std::string noun_for(std::int64_t n, std::string_view noun,
                                   std::string_view plural_form = {});

} // namespace escalate
