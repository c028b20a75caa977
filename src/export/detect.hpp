// The pattern detectors of the redaction pipeline (redact.hpp): each category's RE2 patterns,
// and phone numbers checked by libphonenumber. Private to src/export.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "escalate/redact.hpp"

namespace escalate::export_detail {

class Detectors {
public:
    // region: the ISO country whose national phone notation applies ("GB").
    explicit Detectors(std::string region);
    ~Detectors();
    Detectors(const Detectors&) = delete;
    Detectors& operator=(const Detectors&) = delete;

    // Appends what the patterns find in s; overlapping findings are left to the caller.
    void find(std::string_view s, std::vector<Finding>& out) const;

private:
    struct Pattern;
    std::vector<std::unique_ptr<Pattern>> patterns_;
    std::string region_;
};

// The rest is in name_words.cpp.
// The length in bytes of the UTF-8 sequence that starts with lead.
[[nodiscard]] std::size_t utf8_length(unsigned char lead);
// Letters and digits (any script) and the underscore: what a word is made of.
[[nodiscard]] bool word_char_before(std::string_view s, std::size_t at);
[[nodiscard]] bool word_char_at(std::string_view s, std::size_t at);
// "García López" -> "G. L."; with keep_first, "María García López" -> "María G. L.".
[[nodiscard]] std::string initials(std::string_view words, bool keep_first);
// Words that start a name-like phrase but are not a person's: months, days, "Customer",
// "Services", "Bank"...
[[nodiscard]] bool not_a_name(std::string_view word);

} // namespace escalate::export_detail
