// Masking what must not be published (SPEC section 5): phone numbers, email addresses, runs
// of 5 or more digits (the last 2 kept), reference numbers, and agents' surnames (first name
// and initial kept). A hand-written scanner, linear in the text: a note can be megabytes, and
// std::regex's backtracking recursion can overflow the stack on long input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "escalate/model.hpp"

namespace escalate {

class Redactor {
public:
    // Learns the case's references and agents' names, to find them in free text too.
    explicit Redactor(const CaseFile& file);

    // Free text: notes, titles, promises, resolutions.
    [[nodiscard]] std::string text(std::string_view s) const;
    // An agent's name: "Dana Whitfield" -> "Dana W.", "Lucy G." stays.
    [[nodiscard]] std::string agent(std::string_view name) const;
    // A reference: all but the last 2 characters masked.
    [[nodiscard]] std::string ref(std::string_view ref) const;

private:
    std::vector<std::string> refs_;
    std::vector<std::pair<std::string, std::string>> surnames_; // surname -> "W."
};

// The masking scanner alone: emails, phone numbers and long digit runs.
[[nodiscard]] std::string mask_numbers_and_emails(std::string_view s);

} // namespace escalate
