// Text renderings of the domain shared by several commands.
#pragma once

#include <string>

#include "context.hpp"
#include "escalate/engine.hpp"
#include "escalate/model.hpp"
#include "escalate/stats.hpp"

namespace escalate::cli {

// "12th call to Meterco", "2nd letter from Meterco"
[[nodiscard]] std::string attempt_phrase(const Policy& policy, const CaseFile& file,
                                         const Contact& contact);
// "25 min talk, 12 min on hold, transferred, agent Dana, ref A-1"
[[nodiscard]] std::string contact_details(const Contact& c);
// "due Wed 30 Sep 2026 23:59, overdue" (coloured by state)
[[nodiscard]] std::string promise_state(const Promise& p, bool overdue, const Style& style);
// The whole case: header, stats, promises, timeline.
void print_case(const CaseFile& file, const Org& org, Context& ctx);

} // namespace escalate::cli

namespace escalate::cli {

// "card chargeback window closes in 9 days (Fri 20 Nov 2026)", "regulator can take it: since
// Tue 27 Oct 2026"
[[nodiscard]] std::string clock_phrase(const DeadlineClock& c, Timestamp now, const Style& style);

} // namespace escalate::cli
