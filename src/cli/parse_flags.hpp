// Turning flag text into domain values, with errors that name the flag, the value and the
// accepted forms.
#pragma once

#include <optional>
#include <string>

#include "escalate/model.hpp"
#include "escalate/policy.hpp"
#include "escalate/time.hpp"

namespace escalate::cli {

// Throws UsageError when TZ names no zone (the C library would read it as UTC). time_flag
// calls it; a command that reads no time flag needs it called before it runs.
void check_zone();
[[nodiscard]] Timestamp time_flag(std::string_view flag, const std::string& text, Timestamp now,
                                  TimeRole role);
[[nodiscard]] Seconds duration_flag(std::string_view flag, const std::string& text);
// Outcomes and channels are not case-sensitive; an unknown one is an error suggesting the
// closest and listing the accepted ones.
[[nodiscard]] Outcome outcome_flag(const std::string& text);
[[nodiscard]] const ChannelPolicy& channel_arg(const Policy& policy, const std::string& text);
[[nodiscard]] std::int64_t id_arg(std::string_view what, const std::string& text);
// The note text: "-" reads standard input to its end.
[[nodiscard]] std::string note_flag(const std::string& text);
// --country, --sector, --amount, --currency and --order-ref, checked and normalised into the
// case. Throws UsageError naming the flag and what it accepts.
void set_case_facts(Case& k, const std::optional<std::string>& country,
                    const std::optional<std::string>& sector,
                    const std::optional<std::string>& amount,
                    const std::optional<std::string>& currency,
                    const std::optional<std::string>& order_ref, const Policy& policy);

} // namespace escalate::cli
