// Pieces of the engine shared between its files. Private to src/engine.
//
// The engine works in three steps: gather the facts of the case once (facts.cpp, ladder.cpp,
// clocks.cpp), let the rules decide in their fixed order (rules.cpp), then rank the channels
// the deciding rule allows (candidates.cpp) and put the advice into words (words.cpp,
// draft.cpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "escalate/engine.hpp"
#include "escalate/words.hpp"

namespace escalate::engine_detail {

// Where the case stands on the ladder, and why (SPEC 4.3).
struct Ladder {
    int top = 5;               // the outside-authority tier: the policy's last
    int rung = 1;              // highest tier tried
    int rung_target = 1;       // from failures at the rung
    int cumulative_target = 1; // from failures at every tier
    int age_target = 1;        // from days open
    int cap = 5;               // rung + max skip
    int target = 1;
    // Set when a written refusal sends the case straight outside: their final response, a
    // formal denial, or a formal written complaint ignored. Says which, in words.
    std::optional<std::string> decisive;
    const Contact* decisive_contact = nullptr;
    std::int64_t days = 0;
    std::vector<double> failures; // by tier, index 1 to top
    struct Item {
        const Contact* contact;
        std::string term; // outcome, "ignored", "broken-promise", "partial-repeated"
        double weight;
        int tier;
        Timestamp at; // when it failed: the contact, or a promise's due time
    };
    std::vector<Item> items;
    std::vector<int> broken; // broken promises by the tier they were made at

    [[nodiscard]] double all_failures() const;
};

// Whether the regime's regulator or ombudsman can take the case now, and if not, when.
struct Route {
    bool exists = false; // the regime (or the org's directory) names a regulator
    std::string body;    // "the Energy Ombudsman"
    bool open = false;
    std::optional<Timestamp> opens_at; // a known date it opens (weeks from the complaint)
    bool on_final = false;             // their final response would open it at once
    std::string why;                   // in words
};

// Everything the rules look at, worked out once per case.
struct CaseFacts {
    CaseFacts(const EngineInput& input, const RegimePolicy& r, std::vector<ContactState> s)
        : in(input), regime(r), states(std::move(s)) {}

    const EngineInput& in;
    const RegimePolicy& regime;
    std::vector<ContactState> states;
    Ladder ladder;
    Route route;
    std::vector<DeadlineClock> clocks;
    // A chargeback is a lever: paid by card or debit, and the org is not the card's issuer.
    bool chargeback_lever = false;
    bool issuer = false; // the org is the card's issuer (a bank or card case)
    std::string chargeback_why;
    // The newest contact that says something (not a notice or information), either way.
    const Contact* last_substantive = nullptr;
    std::optional<Timestamp> first_complaint; // the person's first contact
    std::optional<Timestamp> first_written;   // their first written one
    // The person's newest complaint to a regulator or ombudsman, or nullptr.
    const Contact* filed = nullptr;

    [[nodiscard]] const CaseFile& file() const { return in.file; }
    [[nodiscard]] const Policy& policy() const { return in.policy; }
    [[nodiscard]] Timestamp now() const { return in.now; }
    [[nodiscard]] const Contact* contact(std::int64_t id) const;
    // What one contact on a channel is called: "call", "public post".
    [[nodiscard]] std::string noun(const std::string& channel) const;
    // The person's newest outbound contact on a channel, or nullptr.
    [[nodiscard]] const Contact* last_out(const std::string& channel) const;
    [[nodiscard]] std::size_t index_of(const Contact& c) const {
        return static_cast<std::size_t>(&c - in.file.contacts.data());
    }
};

[[nodiscard]] CaseFacts gather_facts(const EngineInput& in);

[[nodiscard]] Ladder climb(const CaseFile& file, const std::vector<ContactState>& states,
                           const Policy& policy, Timestamp now);
void explain_ladder(const Ladder& ladder, const Policy& policy, const CaseFile& file,
                    Advice& advice);

// Whether the rules allow a contact on a channel at all, and if not, why not.
struct Allowed {
    bool ok = true;
    std::string why;
};
[[nodiscard]] Allowed allowed(const CaseFacts& f, const ChannelPolicy& ch);

// "Pat Doe <pat@x>" -> {"Pat Doe", "pat@x"}
struct Person {
    std::string name;
    std::string address;
};
[[nodiscard]] Person parse_exec(const std::string& exec);

// The directory's entry for a channel: the phone number, the @handles, the executive's name,
// the regulator (the org's, else the regime's). Empty when there is none.
[[nodiscard]] std::string directory_entry(const CaseFacts& f, const ChannelPolicy& ch);
// The words for a contact on a channel: its "then" words when the person has used it before.
[[nodiscard]] const ChannelWords& words_for(const CaseFacts& f, const ChannelPolicy& ch);
// The imperative for making a contact on a channel, naming the concrete target.
[[nodiscard]] std::string imperative(const CaseFacts& f, const ChannelPolicy& ch);

// "12 calls and 3 broken promises", or "" when nothing has failed yet.
[[nodiscard]] std::string evidence(const CaseFile& file, const Ladder& ladder,
                                   const Policy& policy);
[[nodiscard]] std::string join_words(const std::vector<std::string>& parts);

// Outbound contacts per channel, in the order each channel was first used.
[[nodiscard]] std::vector<std::pair<std::string, std::int64_t>>
outbound_by_channel(const CaseFile& file);
// 3, 0.5: a weight as people write it.
[[nodiscard]] std::string format_weight(double w);
// "3 business days", "14 days", "6 hours": a channel's reply window.
[[nodiscard]] std::string window_words(const ChannelPolicy& ch);

// The ladder's stage: a scored suggestion per channel the rules allow from the rung to the
// target's reach, and per channel a closing clock acts on.
[[nodiscard]] std::vector<Suggestion> channel_candidates(const CaseFacts& f);
// A contact on a channel, now, with these reasons.
[[nodiscard]] Suggestion contact_on(const CaseFacts& f, const ChannelPolicy& ch,
                                    std::vector<Reason> reasons);
// Fills in the summary of each suggestion that will be read, and the wanted drafts.
void word_suggestions(const CaseFacts& f, std::vector<Suggestion>& out);
// A closing clock in its warning span, as a suggestion beside a wait ("parallel": true).
[[nodiscard]] std::vector<Suggestion> clock_levers(const CaseFacts& f);

// The clocks of the case's regime and of each awaited reply, soonest end first.
[[nodiscard]] std::vector<DeadlineClock> case_clocks(const CaseFacts& f);

// The draft of the suggested message on a channel.
[[nodiscard]] std::string draft_for(const CaseFacts& f, const ChannelPolicy& ch);

} // namespace escalate::engine_detail
