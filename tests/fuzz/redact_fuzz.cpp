// libFuzzer target: the redaction pipeline on any text. It must not crash, must keep valid
// UTF-8 valid, and must leave no email address behind.
#include <cstdlib>
#include <memory>
#include <string>

#include "escalate/redact.hpp"
#include "escalate/text.hpp"

namespace {

// Building a Redactor compiles every detector's pattern: one serves a thousand inputs, then
// a new one starts, so the spans kept for --review do not pile up.
escalate::Redactor& redactor() {
    static const escalate::CaseFile file{};
    static std::unique_ptr<escalate::Redactor> r;
    static int served = 0;
    if (!r || ++served % 1000 == 0) {
        r = std::make_unique<escalate::Redactor>(
            file, escalate::RedactTerms{{"Acacia Avenue"}, {"Ray"}}, "GB");
    }
    return *r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string masked = redactor().text(text, "note");
    if (escalate::invalid_utf8_at(text) == std::string::npos &&
        escalate::invalid_utf8_at(masked) != std::string::npos) {
        std::abort();
    }
    return 0;
}
