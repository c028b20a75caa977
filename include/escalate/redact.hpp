// Masking what must not be published (SPEC section 5, issue "Safe to publish"): a pipeline of
// detectors by category (phone numbers through libphonenumber's matcher; emails, cards,
// IBANs, sort codes, national ids, postcodes, addresses, dates of birth and people's names
// through RE2 patterns; the case's references and agents' names, and the person's own terms,
// through a word index), whose findings are merged and then applied. Every detector is linear
// in the text: a note can be megabytes, and the case can hold thousands of references.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "escalate/model.hpp"

namespace escalate {

// Terms the person chose: always masked (--mask, the stored list), or never (--unmask).
struct RedactTerms {
    std::vector<std::string> mask;
    std::vector<std::string> unmask;
};

// One masked span, for export --redact --review: where it was, what it was, what it became.
struct MaskedSpan {
    std::string field;      // "contact 41 note", "case title"
    std::size_t column = 0; // 1-based, in characters, where the span began in the field
    std::string category;   // "phone", "email", "name", ...
    std::string original;
    std::string replacement;
};

// What a detector found: bytes [begin, end) of the text, and what to print instead.
struct Finding {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string_view category;
    std::string replacement;
};

class Redactor {
public:
    // Learns the case's references and agents' names, to find them in free text too. region
    // is the ISO country whose national phone notation applies ("GB").
    Redactor(const CaseFile& file, const RedactTerms& terms, const std::string& region);
    ~Redactor();
    Redactor(const Redactor&) = delete;
    Redactor& operator=(const Redactor&) = delete;

    // Free text: notes, titles, promises, resolutions. field names it in the review.
    [[nodiscard]] std::string text(std::string_view s, std::string_view field);
    // An agent's name: "Dana Whitfield" -> "Dana W.", "María García López" -> "María G. L.";
    // "Billing team" is not a person's name and stays.
    [[nodiscard]] std::string agent(std::string_view name, std::string_view field);
    // A reference: all but the last 2 characters masked.
    [[nodiscard]] std::string ref(std::string_view ref, std::string_view field);

    // Every span masked so far, in the order the fields were redacted.
    [[nodiscard]] const std::vector<MaskedSpan>& masked() const;

    // The findings in s, overlaps resolved, in order (for tests and the fuzz target).
    [[nodiscard]] std::vector<Finding> find(std::string_view s) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A reference or number masked: every letter and digit but the last 2 as "•".
[[nodiscard]] std::string mask_keep_last(std::string_view s);

} // namespace escalate
