// libFuzzer target: the policy loader and checker on any JSON document. Bad policies are
// refused with a UsageError; nothing else may escape.
#include <string_view>

#include "escalate/errors.hpp"
#include "escalate/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto doc = escalate::Policy::Json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        return 0;
    }
    (void)escalate::Policy::check(doc);
    try {
        const auto policy = escalate::Policy::with_overrides(doc);
        for (const auto& c : policy.channels()) {
            (void)policy.reply_due(c, 1794042000);
        }
    } catch (const escalate::UsageError&) {
    }
    return 0;
}
