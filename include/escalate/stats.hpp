// What a case's log adds up to: per-contact derived state (awaiting a reply, ignored), overdue
// promises, and the per-case figures that show, list and the exports print. Pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "escalate/model.hpp"
#include "escalate/policy.hpp"

namespace escalate {

// What the log does not store but implies, for one contact.
struct ContactState {
    bool awaiting_reply = false; // outbound, asynchronous, no outcome, unanswered, window open
    bool ignored = false;        // the same, but the channel's response window has passed
    std::optional<Timestamp> reply_due;
};

// One entry per contact of the case file, in the same order.
[[nodiscard]] std::vector<ContactState> contact_states(const CaseFile& file, const Policy& policy,
                                                       Timestamp now);

// Whether an inbound contact is a reply: anything but a notice (a bill) or information.
[[nodiscard]] bool answers(const Contact& c);

// In a case closed as resolved, the last promise made, if still pending, was kept by the
// resolution itself: it is settled, neither overdue nor broken. Earlier pending ones were
// superseded by a later promise and count as broken once overdue.
[[nodiscard]] bool settled_by_resolution(const CaseFile& file, const Promise& p);
// A pending promise whose due time plus the policy's grace has passed is overdue and counts as
// broken, unless the case's resolution settled it. There is no way to ask without the case.
[[nodiscard]] bool is_overdue(const CaseFile& file, const Promise& p, const Policy& policy,
                              Timestamp now);
[[nodiscard]] bool counts_as_broken(const CaseFile& file, const Promise& p, const Policy& policy,
                                    Timestamp now);

struct CaseStats {
    std::int64_t days_open = 0;
    std::int64_t contacts = 0;
    std::map<std::string, std::int64_t> by_channel;
    std::int64_t outbound = 0;
    std::int64_t inbound = 0;
    Seconds talk_s = 0;
    Seconds hold_s = 0;
    std::int64_t promises_made = 0;
    std::int64_t promises_kept = 0;
    std::int64_t promises_broken = 0;     // broken or overdue
    std::int64_t promises_pending = 0;    // pending and not overdue
    std::optional<Seconds> first_reply_s; // first outbound contact to the first reply after it
    std::optional<std::string> resolved_via;
};

[[nodiscard]] CaseStats compute_stats(const CaseFile& file, const Policy& policy, Timestamp now);
// The time the case has cost, in words, leaving out what is zero: "12 min on the phone",
// "35 min on hold" (none, one or both).
[[nodiscard]] std::vector<std::string> time_spent(const CaseStats& s);

// How many contacts on this channel and in this direction the case has, up to and including
// the contact with this id: "12th call".
[[nodiscard]] std::int64_t attempt_number(const CaseFile& file, const Contact& contact);

} // namespace escalate
