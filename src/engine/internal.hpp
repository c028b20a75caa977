// Pieces of the engine shared between its files. Private to src/engine.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "escalate/engine.hpp"

namespace escalate::engine_detail {

// Where the case stands on the ladder, and why (SPEC 4.3).
struct Ladder {
    int rung = 1;  // highest tier tried outbound
    int floor = 1; // lowest tier still open (rung, unless they asked to come down)
    std::optional<std::string> asked_channel; // the channel they came back down on
    int rung_target = 1;                      // from failures at the rung
    int cumulative_target = 1;                // from failures at every tier
    int age_target = 1;                       // from days open
    int cap = 5;                              // rung + max skip
    int target = 1;
    std::int64_t days = 0;
    std::array<double, 6> failures{}; // by tier, index 1 to 5
    struct Item {
        const Contact* contact;
        std::string term; // outcome, "ignored", "broken-promise", "partial-repeated"
        double weight;
        int tier;
    };
    std::vector<Item> items;
    std::array<int, 6> broken{}; // broken promises by the tier they were made at
};

[[nodiscard]] Ladder climb(const CaseFile& file, const std::vector<ContactState>& states,
                           const Policy& policy, Timestamp now);
void explain_ladder(const Ladder& ladder, const Policy& policy, const CaseFile& file,
                    Advice& advice);

// "Pat Doe <pat@x>" -> {"Pat Doe", "pat@x"}
struct Person {
    std::string name;
    std::string address;
};
[[nodiscard]] Person parse_exec(const std::string& exec);

// "12 calls and 3 broken promises", or "" when nothing has failed yet.
[[nodiscard]] std::string evidence(const CaseFile& file, const Ladder& ladder, const Policy& policy,
                                   Timestamp now);
// The imperative for making a contact on a channel, naming the concrete target.
[[nodiscard]] std::string imperative(const ChannelPolicy& channel, const Org& org,
                                     const std::string& org_name);
[[nodiscard]] std::string join_words(const std::vector<std::string>& parts);
// "1 call", "12 calls"
[[nodiscard]] std::string counted(std::int64_t n, const std::string& noun);
// Outbound contacts per channel, in the order each channel was first used.
[[nodiscard]] std::vector<std::pair<std::string, std::int64_t>>
outbound_by_channel(const CaseFile& file);
// 3, 0.5: a weight as people write it.
[[nodiscard]] std::string format_weight(double w);

// A scored suggestion per channel the org offers from the ladder's floor to its cap, and per
// channel a closing clock acts on.
[[nodiscard]] std::vector<Suggestion> channel_candidates(const EngineInput& in,
                                                         const Ladder& ladder,
                                                         const std::vector<ContactState>& states,
                                                         const std::vector<DeadlineClock>& clocks);

// deadline_clocks with the contacts' states already worked out.
[[nodiscard]] std::vector<DeadlineClock> deadline_clocks(const CaseFile& file, const Policy& policy,
                                                         Timestamp now,
                                                         const std::vector<ContactState>& states);

} // namespace escalate::engine_detail
