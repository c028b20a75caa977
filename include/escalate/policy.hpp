// The policy: every channel, tier, window, threshold, weight and clock the engine and the
// stats use, as data. The built-in policy is one JSON document (policy_builtin.cpp); a user
// file overrides any part of it by JSON merge patch (RFC 7386). docs/engine.md lists the keys.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "escalate/model.hpp"
#include "escalate/time.hpp"

namespace escalate {

enum class Sync { Synchronous, Asynchronous };
enum class WindowUnit { CalendarDays, BusinessDays, Hours };

// A kind of message `draft` writes.
enum class DraftKind {
    Script,           // what to say on a call or chat
    SupervisorScript, // the same, already talking to a supervisor
    Complaint,        // a complaint by email, form or letter
    ExecLetter,       // a letter to the executive office, under a page
    Post,             // a public post of at most 280 characters
    Regulator,        // a summary for a regulator or ombudsman
    RegulatorUpdate,  // what has happened since, for a complaint already filed
    Chargeback,       // a dispute for the card issuer
    Demand,           // a letter before action
    SmallClaim,       // the particulars of a small claim
};
[[nodiscard]] std::optional<DraftKind> draft_kind_from(std::string_view s);

// What a contact on a channel is called in advice, and which draft goes with it. In the
// wording, {org} is the org's name and {to} the directory's entry for the channel.
struct ChannelWords {
    std::string say;    // with no directory entry: "Call {org}"
    std::string say_to; // with one: "Call {org} on {to}"; empty: use say
    DraftKind draft = DraftKind::Complaint;

    bool operator==(const ChannelWords&) const = default;
};

struct ChannelPolicy {
    std::string name;
    int tier = 1;
    Sync sync = Sync::Synchronous;
    bool written = false; // leaves a paper trail: email, form, letter, exec, regulator, ...
    // Works only on a card payment, and not against the card's issuer (a chargeback).
    bool needs_card = false;
    // A public post tags the executive by name as well as the org's handles.
    bool tag_exec = false;
    // How long to wait for a reply on an asynchronous channel.
    double window = 0;
    WindowUnit window_unit = WindowUnit::CalendarDays;
    // How long before the same synchronous contact is worth repeating.
    Seconds cooldown_s = 0;
    // Which directory field (phone, email, chat, social, exec, regulator) reaches it, if any.
    std::string directory;
    std::string noun; // "call", "public post": what one contact on it is called
    std::string description;
    ChannelWords words;
    std::optional<ChannelWords> then; // a second contact on it: "Start a small claim"

    bool operator==(const ChannelPolicy&) const = default;
};

struct TierPolicy {
    int tier = 1;
    std::string name;
    double enter_after_failures = 0; // failed attempts at the tier below
    double enter_after_days = 0;     // days since the case was opened

    bool operator==(const TierPolicy&) const = default;
};

// What a clock is measured from: the case's opening, its incident date (open --incident), the
// first contact the person made, their first written one, or their first contact on a channel.
enum class ClockStart { Opened, Incident, FirstComplaint, FirstWritten, Contact };
// Opens: something becomes possible when it ends (the ombudsman can take the case).
// Closes: something becomes impossible when it ends (a chargeback window).
enum class ClockEffect { Opens, Closes };

struct ClockPolicy {
    std::string name;
    std::string label;
    ClockStart from = ClockStart::Opened;
    std::string on; // ClockStart::Contact: the channel
    double days = 0;
    bool business_days = false;
    std::vector<PaidBy> paid_by; // empty: whatever the payment
    ClockEffect effect = ClockEffect::Closes;
    double warn_at = 0.75; // share of the span after which it warns
    std::string channel;   // the channel that acts on it, if any
    // When the org is the card's issuer (a bank), the channel that acts on it instead: a
    // written dispute to the org itself rather than a chargeback.
    std::string issuer_channel;
    std::string source; // the rule it comes from

    bool operator==(const ClockPolicy&) const = default;
};

// When a regime's outside route (its regulator or ombudsman) opens.
enum class RouteOpens {
    AtOnce,       // any time
    AfterWeeks,   // N weeks after the first complaint
    AfterWritten, // N weeks after the first written complaint
    Never,        // no regulator: the outside step is legal
};

struct RegulatorInfo {
    std::string name;  // "the Energy Ombudsman"
    std::string where; // where to file, if known
    std::string source;

    bool operator==(const RegulatorInfo&) const = default;
};

// The rules a case falls under, by its country and sector (SPEC 8).
struct RegimePolicy {
    std::string name;
    std::string label;
    std::vector<std::string> countries; // "*": any
    std::vector<std::string> sectors;   // "*": any; "unset": a case with no sector
    std::optional<RegulatorInfo> regulator;
    RouteOpens opens = RouteOpens::Never;
    double weeks = 0;
    // Complaints first made on or after a date wait this many weeks instead, newest last.
    std::vector<std::pair<Timestamp, double>> weeks_from;
    bool or_final = false; // a final response (deadlock letter) opens it at once
    std::string route_source;
    std::optional<double> respond_days; // how long the company has to answer the regulator
    std::vector<std::string> clocks;    // names under /clocks
    std::vector<std::string> outside;   // outside-authority channels, most preferred first

    // The weeks the route waits for a complaint first made at `first`.
    [[nodiscard]] double weeks_for(Timestamp first) const;

    bool operator==(const RegimePolicy&) const = default;
};

// The weights that rank suggestions within a stage of the engine (docs/engine.md). The stages
// themselves are in a fixed order that no weight can change.
struct Weights {
    double wait = 200, close = 300, asked = 250, follow_up_filed = 220, warn = 120;
    double tier_target = 100, tier_distance = 30, offered = 6, untried = 10, failed_here = 4;
    double follow_up = 5, reply_rate = 8, fast_reply = 4, cooldown = 15, clock_closing = 150;
    double clock_open = 20, required = 40, written = 3, outside_order = 2;

    bool operator==(const Weights&) const = default;
};

struct AgendaWeights {
    double overdue_promise = 50, ignored = 30, per_day_actionable = 2, per_day_open = 0.1;

    bool operator==(const AgendaWeights&) const = default;
};

class Policy {
public:
    using Json = nlohmann::ordered_json;

    // Everything the engine and the stats read from the document, typed.
    struct Settings {
        std::vector<ChannelPolicy> channels;
        std::map<std::string, std::string, std::less<>> aliases; // folded alias -> channel
        std::vector<TierPolicy> tiers;
        std::vector<ClockPolicy> clocks;
        std::map<std::string, double, std::less<>> outcome_weights;
        Weights weights;
        AgendaWeights agenda_weights;
        std::vector<RegimePolicy> regimes;
        std::vector<std::string> sectors;
        std::vector<std::string> issuer_sectors;
        std::optional<std::string> default_country;
        std::string reply_clock_label;
        double reply_clock_warn_at = 0.75;
        int max_skip = 3;
        int distrust_after_broken = 2;
        int history_min_attempts = 3;
        int history_recent_cases = 300;
        Seconds fast_reply_s = 86400;
        Seconds promise_grace_s = 0;
        unsigned workdays = 0;

        bool operator==(const Settings&) const = default;
    };

    // The built-in policy, compiled in: no JSON is parsed. Its settings and fingerprint were
    // read from the JSON document at build time (tools/policy_gen.cpp writes
    // policy_compiled.cpp), so the document stays the one definition.
    [[nodiscard]] static Policy builtin();
    // The built-in policy read from its JSON document, as every run once did: what the
    // generator compiles and what the tests compare builtin() with.
    [[nodiscard]] static Policy builtin_from_document();
    // The built-in policy with a user's JSON document merged over it. Throws UsageError naming
    // the JSON path of the first bad value.
    [[nodiscard]] static Policy with_overrides(const Json& user);
    // Reads and merges a policy file; throws UsageError when it is missing, not JSON or bad.
    [[nodiscard]] static Policy from_file(const std::string& path);
    // Every problem with a user's policy document, by JSON path: unknown keys and bad values.
    [[nodiscard]] static std::vector<std::string> check(const Json& user);
    // A hash of the whole merged document: two policies with the same fingerprint give the same
    // advice (the case log's state rows are kept per fingerprint).
    [[nodiscard]] std::uint64_t fingerprint() const;
    // Refuses a file over max_bytes, or nested deeper than max_depth, before reading a tree.
    [[nodiscard]] static Json read_json_file(const std::string& path);
    static constexpr std::size_t max_bytes = 1024 * 1024;
    static constexpr std::size_t max_depth = 64; // the built-in policy nests 4 deep
    // Channel names are not case-sensitive: the policy holds them folded to lower case.
    [[nodiscard]] static std::string fold_channel_name(std::string_view name);

    // The merged document; for the compiled built-in policy, the built-in document, parsed on
    // first use.
    [[nodiscard]] const Json& document() const;
    [[nodiscard]] const Settings& settings() const { return settings_; }

    // The channel a name or alias stands for, or nullptr.
    [[nodiscard]] const ChannelPolicy* find_channel(std::string_view name) const;
    // Like find_channel, but throws UsageError listing the accepted channels.
    [[nodiscard]] const ChannelPolicy& channel(std::string_view name) const;
    [[nodiscard]] const std::vector<ChannelPolicy>& channels() const { return settings_.channels; }
    [[nodiscard]] std::string channel_names() const;
    // The tier of a channel name; 1 for a channel the policy no longer has.
    [[nodiscard]] int tier_of(std::string_view channel) const;

    [[nodiscard]] const TierPolicy& tier(int t) const; // 1 to tier_count()
    // The number of tiers; the top one is the outside authority.
    [[nodiscard]] int tier_count() const { return static_cast<int>(settings_.tiers.size()); }
    [[nodiscard]] const std::vector<RegimePolicy>& regimes() const { return settings_.regimes; }
    // The regime a case falls under: the most specific match of its country (or the policy's
    // default country) and sector, a sector match counting more than a country match.
    [[nodiscard]] const RegimePolicy& regime_for(const Case& k) const;
    [[nodiscard]] const ClockPolicy* find_clock(std::string_view name) const;
    [[nodiscard]] const std::vector<std::string>& sectors() const { return settings_.sectors; }
    [[nodiscard]] const std::optional<std::string>& default_country() const {
        return settings_.default_country;
    }
    // Sectors whose org is the card's issuer: no chargeback against them.
    [[nodiscard]] const std::vector<std::string>& issuer_sectors() const {
        return settings_.issuer_sectors;
    }
    [[nodiscard]] const Weights& weights() const { return settings_.weights; }
    [[nodiscard]] const AgendaWeights& agenda_weights() const { return settings_.agenda_weights; }
    [[nodiscard]] int max_skip() const { return settings_.max_skip; }
    [[nodiscard]] const std::vector<ClockPolicy>& clocks() const { return settings_.clocks; }
    [[nodiscard]] const std::string& reply_clock_label() const {
        return settings_.reply_clock_label;
    }
    [[nodiscard]] double reply_clock_warn_at() const { return settings_.reply_clock_warn_at; }

    // A pending promise counts as broken this long after its due time.
    [[nodiscard]] Seconds promise_grace_s() const { return settings_.promise_grace_s; }
    // After this many broken promises at a tier, a new promise there earns no wait.
    [[nodiscard]] int distrust_after_broken() const { return settings_.distrust_after_broken; }
    // Working days, bit 0 = Sunday.
    [[nodiscard]] unsigned workdays() const { return settings_.workdays; }
    // How much an outcome counts as a failed attempt.
    [[nodiscard]] double failure_weight(Outcome o) const;
    // The same for the derived failures: "ignored", "broken-promise", "partial-repeated".
    [[nodiscard]] double failure_weight(std::string_view derived) const;
    // /history: attempts needed before reply rates count, cases looked at, a fast reply.
    [[nodiscard]] int history_min_attempts() const { return settings_.history_min_attempts; }
    [[nodiscard]] int history_recent_cases() const { return settings_.history_recent_cases; }
    [[nodiscard]] Seconds fast_reply_s() const { return settings_.fast_reply_s; }

    // When the reply to a contact made at `at` on this channel is due.
    [[nodiscard]] Timestamp reply_due(const ChannelPolicy& c, Timestamp at) const;
    // The same under a regime: a regulator's complaint gets the time the regime gives the
    // company to answer it.
    [[nodiscard]] Timestamp reply_due(const RegimePolicy& regime, const ChannelPolicy& c,
                                      Timestamp at) const;

private:
    // Reads the merged document; collects problems into `problems` when given, else throws
    // UsageError with the first.
    explicit Policy(Json doc, std::vector<std::string>* problems = nullptr);
    // The compiled built-in policy: settings already read, the document left unparsed.
    Policy(Settings settings, std::uint64_t fingerprint);

    Json doc_;                                         // null for the compiled built-in policy
    mutable std::optional<std::uint64_t> fingerprint_; // of the document, on first use
    Settings settings_;
};

} // namespace escalate
