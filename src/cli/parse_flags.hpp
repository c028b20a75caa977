// Turning flag text into domain values, with errors that name the flag, the value and the
// accepted forms.
#pragma once

#include <optional>
#include <string>

#include "escalate/model.hpp"
#include "escalate/policy.hpp"
#include "escalate/time.hpp"

namespace escalate::cli {

[[nodiscard]] Timestamp time_flag(std::string_view flag, const std::string& text, Timestamp now,
                                  TimeRole role);
[[nodiscard]] Seconds duration_flag(std::string_view flag, const std::string& text);
[[nodiscard]] Outcome outcome_flag(const std::string& text);
[[nodiscard]] std::int64_t id_arg(std::string_view what, const std::string& text);
// The note text: "-" reads standard input to its end.
[[nodiscard]] std::string note_flag(const std::string& text);

} // namespace escalate::cli
