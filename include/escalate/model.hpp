// The domain: organisations, cases, contacts and promises (SPEC section 1). Plain values; the
// store reads and writes them, the engine and the exporters read them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "escalate/time.hpp"

namespace escalate {

enum class CaseStatus { Open, Resolved, Abandoned };
enum class Direction { Out, In };
enum class PromiseStatus { Pending, Kept, Broken };
enum class Outcome {
    NoAnswer,
    HungUp,
    StockReply,
    Transferred,
    Refused,
    Promised,
    Escalated,
    Partial,
    Resolved,
    Info,
    Notice, // a bill, statement, reminder or collections letter: never a reply
    Asked,  // they asked me to do something: call back, send documents, write in
    Final,  // their final response or deadlock letter
    Denied, // a formal written rejection of the claim
};

[[nodiscard]] std::string_view to_string(CaseStatus s);
[[nodiscard]] std::string_view to_string(Direction d);
[[nodiscard]] std::string_view to_string(PromiseStatus s);
[[nodiscard]] std::string_view to_string(Outcome o);

[[nodiscard]] std::optional<CaseStatus> case_status_from(std::string_view s);
[[nodiscard]] std::optional<Direction> direction_from(std::string_view s);
[[nodiscard]] std::optional<PromiseStatus> promise_status_from(std::string_view s);
[[nodiscard]] std::optional<Outcome> outcome_from(std::string_view s);
// What an outcome means, for sentences: "no answer", "a stock reply", "" for info and notice.
[[nodiscard]] std::string outcome_words(Outcome o);
// "no-answer, hung-up, ...", for error messages.
[[nodiscard]] std::string outcome_names();

// How paid, for the chargeback clocks.
enum class PaidBy { Card, Debit, Cash, Other };
[[nodiscard]] std::string_view to_string(PaidBy p);
[[nodiscard]] std::optional<PaidBy> paid_by_from(std::string_view s);

struct Org {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> phone, email, chat, exec, regulator;
    std::vector<std::string> social;             // handles, "@meterco"
    std::vector<std::string> unavailable;        // channels the org does not offer
    std::optional<std::string> requires_channel; // the only channel they accept (org --requires)
};

struct Case {
    std::int64_t id = 0;
    std::string org;
    std::string title;
    std::optional<std::string> want;
    CaseStatus status = CaseStatus::Open;
    Timestamp opened_at = 0;
    std::optional<Timestamp> closed_at;
    std::optional<std::string> resolution;
    std::vector<std::string> tags;
    std::optional<Timestamp> incident_at;
    std::optional<PaidBy> paid_by;
    // The facts that pick the rules the case falls under (the policy's regimes) and that a
    // chargeback or a claim must state.
    std::optional<std::string> country;   // ISO 3166 alpha-2, upper case: "GB"
    std::optional<std::string> sector;    // a name from the policy's sectors: "energy"
    std::optional<std::string> amount;    // a decimal as typed, normalised: "1240.00"
    std::optional<std::string> currency;  // ISO 4217, upper case: "USD"
    std::optional<std::string> order_ref; // order or transaction reference
};

struct Contact {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::string channel;
    Direction direction = Direction::Out;
    Timestamp at = 0;
    std::optional<Seconds> duration_s;
    std::optional<Seconds> hold_s;
    std::optional<std::string> agent;
    std::optional<std::string> ref;
    std::optional<Outcome> outcome;
    std::optional<std::string> note;
    bool is_private = false;
    std::optional<std::int64_t> promise_id;
};

struct Promise {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::int64_t contact_id = 0;
    std::string text;
    Timestamp due = 0;
    PromiseStatus status = PromiseStatus::Pending;
};

// A case with everything recorded on it, oldest contact first.
struct CaseFile {
    Case kase;
    std::vector<Contact> contacts;
    std::vector<Promise> promises;
};

// The person's record on one channel over some cases, as the case log keeps it (case_channels):
// outbound attempts, those that reached a person, those answered (a later inbound contact or an
// outcome), the delays to those later inbound contacts, and cases resolved through it. Which of
// reached and answered is a reply depends on the channel (the policy's sync).
struct ChannelTally {
    std::string org;
    std::string channel;
    std::int64_t attempts = 0, reached = 0, answered = 0, resolutions = 0;
    std::vector<std::int64_t> delays; // seconds
};

// The person's record on one channel over the newest cases, as kept in the case log (the
// engine's ChannelRecord).
struct KeptRecord {
    std::string channel;
    std::int64_t attempts = 0, replies = 0, resolutions = 0;
    std::optional<std::int64_t> median_reply_s;
};

// "1st", "2nd", "12th"
[[nodiscard]] std::string ordinal(long long n);

// The case facts as typed by a user, checked and normalised; nullopt when the text is not one.
// "gb" -> "GB" (two letters); "usd" -> "USD" (three letters); "1,240" -> "1240",
// "412.5" -> "412.50" (digits, thousands commas, at most two decimals).
[[nodiscard]] std::optional<std::string> country_code_from(std::string_view s);
[[nodiscard]] std::optional<std::string> currency_code_from(std::string_view s);
[[nodiscard]] std::optional<std::string> amount_from(std::string_view s);
// "1,240.00 USD", "2,000 GBP": an amount as a letter states it.
[[nodiscard]] std::string format_amount(const std::string& amount,
                                        const std::optional<std::string>& currency);

} // namespace escalate
