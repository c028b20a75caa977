// escalate next without a case: the agenda over every open case.
#pragma once

#include "context.hpp"

namespace escalate::cli {

// Without `all`: the cases needing action now, at most 20, and the rest counted; with it,
// every open case. With --json, every open case with its suggestion, streamed.
void run_agenda(Context& ctx, bool all);

} // namespace escalate::cli
