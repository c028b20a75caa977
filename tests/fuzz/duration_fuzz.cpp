// libFuzzer target: the duration parser. What it accepts is within 0 and the limit.
#include <cstdlib>
#include <string_view>

#include "escalate/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto d = escalate::parse_duration(text);
    if (d && (d.value() < 0 || d.value() > escalate::max_duration)) {
        std::abort();
    }
    if (d) {
        (void)escalate::format_duration(d.value());
    }
    return 0;
}
