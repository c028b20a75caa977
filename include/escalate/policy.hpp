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

struct ChannelPolicy {
    std::string name;
    int tier = 1;
    Sync sync = Sync::Synchronous;
    // How long to wait for a reply on an asynchronous channel.
    double window = 0;
    WindowUnit window_unit = WindowUnit::CalendarDays;
    // How long before the same synchronous contact is worth repeating.
    Seconds cooldown_s = 0;
    // Which directory field (phone, email, chat, social, exec, regulator) reaches it, if any.
    std::string directory;
    std::string noun; // "call", "public post": what one contact on it is called
    std::string description;
};

struct TierPolicy {
    int tier = 1;
    std::string name;
    double enter_after_failures = 0; // failed attempts at the tier below
    double enter_after_days = 0;     // days since the case was opened
};

enum class ClockStart { Opened, Incident };
// Opens: something becomes possible when it ends (the ombudsman can take the case).
// Closes: something becomes impossible when it ends (a chargeback window).
enum class ClockEffect { Opens, Closes };

struct ClockPolicy {
    std::string name;
    std::string label;
    ClockStart from = ClockStart::Opened;
    double days = 0;
    std::vector<PaidBy> paid_by; // empty: whatever the payment
    ClockEffect effect = ClockEffect::Closes;
    double warn_at = 0.75; // share of the span after which it warns
    std::string channel;   // the channel that acts on it, if any
};

class Policy {
public:
    using Json = nlohmann::ordered_json;

    // The built-in policy.
    [[nodiscard]] static Policy builtin();
    // The built-in policy with a user's JSON document merged over it. Throws UsageError naming
    // the JSON path of the first bad value.
    [[nodiscard]] static Policy with_overrides(const Json& user);
    // Reads and merges a policy file; throws UsageError when it is missing, not JSON or bad.
    [[nodiscard]] static Policy from_file(const std::string& path);
    // Every problem with a user's policy document, by JSON path: unknown keys and bad values.
    [[nodiscard]] static std::vector<std::string> check(const Json& user);
    [[nodiscard]] static Json read_json_file(const std::string& path);

    [[nodiscard]] const Json& document() const { return doc_; }

    // The channel a name or alias stands for, or nullptr.
    [[nodiscard]] const ChannelPolicy* find_channel(std::string_view name) const;
    // Like find_channel, but throws UsageError listing the accepted channels.
    [[nodiscard]] const ChannelPolicy& channel(std::string_view name) const;
    [[nodiscard]] const std::vector<ChannelPolicy>& channels() const { return channels_; }
    [[nodiscard]] std::string channel_names() const;
    // The tier of a channel name; 1 for a channel the policy no longer has.
    [[nodiscard]] int tier_of(std::string_view channel) const;

    [[nodiscard]] const TierPolicy& tier(int t) const; // 1 to 5
    [[nodiscard]] int max_skip() const { return max_skip_; }
    [[nodiscard]] const std::vector<ClockPolicy>& clocks() const { return clocks_; }
    [[nodiscard]] const std::string& reply_clock_label() const { return reply_clock_label_; }
    [[nodiscard]] double reply_clock_warn_at() const { return reply_clock_warn_at_; }

    // A pending promise counts as broken this long after its due time.
    [[nodiscard]] Seconds promise_grace_s() const { return promise_grace_s_; }
    // After this many broken promises at a tier, a new promise there earns no wait.
    [[nodiscard]] int distrust_after_broken() const { return distrust_after_broken_; }
    // Working days, bit 0 = Sunday.
    [[nodiscard]] unsigned workdays() const { return workdays_; }
    // How much an outcome counts as a failed attempt.
    [[nodiscard]] double failure_weight(Outcome o) const;
    // The same for the derived failures: "ignored", "broken-promise", "partial-repeated".
    [[nodiscard]] double failure_weight(std::string_view derived) const;
    // /weights/<key> and /agenda/<key>.
    [[nodiscard]] double weight(std::string_view key) const;
    [[nodiscard]] double agenda_weight(std::string_view key) const;
    // /history: attempts needed before reply rates count, cases looked at, a fast reply.
    [[nodiscard]] int history_min_attempts() const { return history_min_attempts_; }
    [[nodiscard]] int history_recent_cases() const { return history_recent_cases_; }
    [[nodiscard]] Seconds fast_reply_s() const { return fast_reply_s_; }

    // When the reply to a contact made at `at` on this channel is due.
    [[nodiscard]] Timestamp reply_due(const ChannelPolicy& c, Timestamp at) const;

private:
    // Reads the merged document; collects problems into `problems` when given, else throws
    // UsageError with the first.
    explicit Policy(Json doc, std::vector<std::string>* problems = nullptr);

    Json doc_;
    std::vector<ChannelPolicy> channels_;
    std::map<std::string, std::string, std::less<>> aliases_;
    std::vector<TierPolicy> tiers_;
    std::vector<ClockPolicy> clocks_;
    std::map<std::string, double, std::less<>> outcome_weights_, weights_, agenda_weights_;
    std::string reply_clock_label_;
    double reply_clock_warn_at_ = 0.75;
    int max_skip_ = 3;
    int distrust_after_broken_ = 2;
    int history_min_attempts_ = 3;
    int history_recent_cases_ = 300;
    Seconds fast_reply_s_ = 86400;
    Seconds promise_grace_s_ = 0;
    unsigned workdays_ = 0;
};

} // namespace escalate
