// The escalation engine (SPEC section 4): what to try next, on which channel, and when, with
// the reasons. A pure function of the case log, the org directory, the person's history, the
// policy and the time: no I/O, no clock, no thresholds of its own (all come from the policy).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "escalate/model.hpp"
#include "escalate/policy.hpp"
#include "escalate/stats.hpp"

namespace escalate {

enum class Action { Wait, Contact, FollowUp, Close };
[[nodiscard]] std::string_view to_string(Action a);

struct Reason {
    std::string factor; // a policy term: "untried", "tier_target", "promise", ...
    std::string detail; // what it means for this case, in words
    double weight = 0;  // its contribution to the score
};

struct Suggestion {
    Action action = Action::Wait;
    std::optional<std::string> channel; // none for wait and close
    std::optional<int> tier;
    Timestamp not_before = 0; // the present when it can be done now
    double score = 0;
    std::string summary; // one imperative sentence
    std::vector<Reason> reasons;
    std::string draft;
    // A clock lever shown beside the top suggestion (a wait) rather than instead of it.
    bool parallel = false;
    // The rule of the engine that put it here ("wait", "ladder", ...): see docs/engine.md.
    std::string rule;
};

enum class ClockState { Running, Warning, Expired };
[[nodiscard]] std::string_view to_string(ClockState s);

struct DeadlineClock {
    std::string name;  // policy key, or "reply_due"
    std::string label; // "card chargeback window closes"
    Timestamp starts_at = 0;
    Timestamp ends_at = 0;
    Seconds remaining_s = 0; // negative once expired
    ClockState state = ClockState::Running;
    ClockEffect effect = ClockEffect::Closes;
    std::string channel;    // the channel that acts on it, if any
    std::string source;     // the rule it comes from (policy)
    Timestamp warns_at = 0; // when it turns to the warning state
};

// How the person's attempts on a channel have fared.
struct ChannelRecord {
    std::int64_t attempts = 0; // outbound contacts
    std::int64_t replies = 0;  // of which got an answer
    std::optional<Seconds> median_reply_s;
    std::int64_t resolutions = 0; // cases resolved through it
    [[nodiscard]] double reply_rate() const {
        return attempts == 0 ? 0.0 : static_cast<double>(replies) / static_cast<double>(attempts);
    }
};
using ChannelRecords = std::map<std::string, ChannelRecord, std::less<>>;

// Records per channel over a set of cases. An attempt got a reply when it reached a person
// (a synchronous contact with an outcome other than no-answer or hung-up) or, on an
// asynchronous channel, when it has an outcome or a later inbound contact answered it.
[[nodiscard]] ChannelRecords channel_records(const std::vector<const CaseFile*>& files,
                                             const Policy& policy, Timestamp now);

// The same records from the case log's tallies (one per case and channel, or summed): which of
// reached and answered counts as a reply is the channel's sync in this policy.
[[nodiscard]] ChannelRecords channel_records(const std::vector<const ChannelTally*>& tallies,
                                             const Policy& policy);

struct ChannelHistory {
    ChannelRecords with_org; // this org's cases
    ChannelRecords overall;  // every recent case
};

// One line of `next --explain`: a term, its value, what it is compared with, and its effect.
struct ExplainTerm {
    std::string term;
    std::string value;
    std::string threshold;
    std::string weight;
    std::string effect;
};
struct ExplainRule {
    std::string rule;
    bool fired = false;
    std::string detail; // why it fired, or what it lacks
};

struct Advice {
    std::vector<DeadlineClock> clocks;
    std::vector<Suggestion> suggestions; // best first; empty for a closed case
    int rung = 1;                        // the highest tier tried
    int target_tier = 1;                 // where the ladder says to be
    std::string regime;                  // the policy's name of the case's regime
    std::string decided_by;              // the rule that decided the top suggestion
    std::vector<ExplainTerm> terms;
    std::vector<ExplainRule> rules;
};

// Which suggestions get a draft: writing them costs more than ranking them.
enum class Drafts { None, Top, All };
// Full: every suggestion has its summary, and the explain terms and rules are filled in.
// TopOnly: only the best suggestion has a summary and there is no explanation (the agenda).
enum class Detail { Full, TopOnly };

struct EngineInput {
    const CaseFile& file;
    const Org& org;
    const ChannelHistory& history;
    const Policy& policy;
    Timestamp now;
    Drafts drafts = Drafts::Top;
    Detail detail = Detail::Full;
};

[[nodiscard]] Advice advise(const EngineInput& in);

// The running clocks of a case (SPEC 4.8): its regime's and each awaited reply's, soonest end
// first.
[[nodiscard]] std::vector<DeadlineClock> deadline_clocks(const CaseFile& file, const Org& org,
                                                         const Policy& policy, Timestamp now);

// A ready-to-send message for a channel, written from the case log.
[[nodiscard]] std::string draft_message(const EngineInput& in, const std::string& channel);

// Where a case stands in the agenda (SPEC 4.7), and until when that holds. Cases to act on now
// come first, most urgent first; then cases that are only waiting, soonest end of the wait
// first; then cases that look resolved and only need closing. A case is one to act on now when
// its advice is to make a contact and one of the channels it ranks can be used now.
//
// None of it depends on the person's history (which only ranks channels within a rule), and
// rank does not depend on the present: a case log can store it (the state row) and keep it
// until recheck_at, the next moment the advice can change with the passing of time alone (a
// reply window ending, a promise's grace, a clock's warning or end, a cool-down, a day of age
// that moves the ladder, a closing clock's countdown in the summary).
struct AgendaPlace {
    int group = 0;   // 0: act now, 1: waiting, 2: only needs closing
    double rank = 0; // lower first within the group
    std::optional<Timestamp> recheck_at;
};
[[nodiscard]] AgendaPlace agenda_place(const CaseFile& file, const Advice& advice,
                                       const Policy& policy, Timestamp now);
// The order of two places: group, then rank.
[[nodiscard]] inline bool before(const AgendaPlace& a, const AgendaPlace& b) {
    return a.group != b.group ? a.group < b.group : a.rank < b.rank;
}

// The agenda over every open case, computed in full (the state rows' reference).
struct AgendaCase {
    const CaseFile* file = nullptr;
    const Org* org = nullptr;
    const ChannelHistory* history = nullptr; // the same history `next CASE` uses
};
struct AgendaItem {
    const CaseFile* file = nullptr;
    Suggestion suggestion;
    std::optional<Suggestion> parallel; // a clock lever beside a wait
    AgendaPlace place;
};
// The top suggestion and its clock lever of an advice, as the agenda shows them (nullopt for a
// closed case).
[[nodiscard]] std::optional<AgendaItem> agenda_item(const CaseFile& file, Advice advice,
                                                    const Policy& policy, Timestamp now);
[[nodiscard]] std::vector<AgendaItem> agenda(const std::vector<AgendaCase>& cases,
                                             const Policy& policy, Timestamp now);

} // namespace escalate
