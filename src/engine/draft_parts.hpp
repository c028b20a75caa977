// The pieces drafts are made of, shared by draft.cpp (messages to the company) and
// draft_outside.cpp (to a card issuer, a regulator or a court). Private to src/engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "escalate/stats.hpp"
#include "internal.hpp"

namespace escalate::engine_detail::drafts {

struct Facts {
    const CaseFacts& cf;
    const CaseFile& file;
    const Org& org;
    const Policy& policy;
    Timestamp now;
    CaseStats stats;
    std::string counts; // "12 calls and 4 letters"
    std::vector<std::string> refs;
    std::vector<const Promise*> broken;

    // The case's title quoted, never spliced raw into a sentence.
    [[nodiscard]] std::string topic() const {
        return file.kase.title.empty() ? "my complaint"
                                       : fmt::format("my complaint \"{}\"", file.kase.title);
    }
    [[nodiscard]] std::string title() const {
        return file.kase.title.empty() ? "Complaint" : file.kase.title;
    }
    [[nodiscard]] std::string want() const {
        return file.kase.want ? *file.kase.want : "this to be put right";
    }
    [[nodiscard]] const Contact* contact(std::int64_t id) const { return cf.contact(id); }
    // "1,240.00 USD", or "" when the case has no amount.
    [[nodiscard]] std::string amount() const {
        return file.kase.amount ? format_amount(*file.kase.amount, file.kase.currency) : "";
    }
};

[[nodiscard]] Facts gather(const CaseFacts& cf);
// "Since Tue 3 Feb 2026 I have contacted Sofaland 2 times (2 emails), spending ..."
[[nodiscard]] std::string history_sentence(const Facts& f);
// The latest decisive fact: their final response or written refusal, quoted.
[[nodiscard]] std::string decisive_line(const Facts& f, std::string_view sent = "you sent me");
// The broken promises, one line each, under a heading; "" when none.
[[nodiscard]] std::string promises_block(const Facts& f);
// "References: A, B.", or "".
[[nodiscard]] std::string refs_line(const Facts& f);
// One line per contact, "my call" and "your letter" (to the company) or "their letter" (to a
// third party), with what came of it in words; the middle is summarised past max_lines.
[[nodiscard]] std::string timeline_lines(const Facts& f, std::size_t max_lines,
                                         std::size_t note_width, std::string_view them = "your");

// Drafts for the outside tier (draft_outside.cpp).
[[nodiscard]] std::string regulator_summary(const Facts& f);
[[nodiscard]] std::string regulator_update(const Facts& f);
[[nodiscard]] std::string chargeback_request(const Facts& f);
[[nodiscard]] std::string demand_letter(const Facts& f);
[[nodiscard]] std::string small_claim(const Facts& f);

} // namespace escalate::engine_detail::drafts
