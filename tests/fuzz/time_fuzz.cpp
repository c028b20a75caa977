// libFuzzer target: the time parser, in a zone with DST, for both roles and both numeric date
// orders. What it accepts must print and read back as the same instant.
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "escalate/time.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    ::setenv("TZ", "America/New_York", 1);
    ::tzset();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    constexpr escalate::Timestamp now = 1794042000; // 2026-11-07T...Z
    for (const auto role : {escalate::TimeRole::At, escalate::TimeRole::Due}) {
        const auto order = role == escalate::TimeRole::At ? escalate::DateOrder::DayFirst
                                                          : escalate::DateOrder::MonthFirst;
        const auto t = escalate::parse_time(text, now, role, order);
        if (t) {
            const auto back = escalate::parse_rfc3339(escalate::format_rfc3339(t.value()));
            if (!back || *back != t.value()) {
                std::abort();
            }
            (void)escalate::format_local(t.value());
        } else if (t.error().column < 1 || t.error().column > size + 1) {
            std::abort(); // the column must point into the text
        }
    }
    return 0;
}
