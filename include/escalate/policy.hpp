// The policy: every channel, tier, window, threshold and weight the engine and the stats use,
// as data. The built-in policy is one JSON document (policy.cpp); a user file overrides any
// part of it by JSON merge patch (RFC 7386).
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
    std::string noun; // "call", "public post": what one contact on it is called
    std::string description;
};

class Policy {
public:
    // The built-in policy.
    [[nodiscard]] static Policy builtin();
    // The built-in policy with a user's JSON document merged over it. Throws UsageError naming
    // the JSON path of a value of the wrong kind.
    [[nodiscard]] static Policy with_overrides(const nlohmann::ordered_json& user);
    // Reads and merges a policy file; throws UsageError when it is missing or not JSON.
    [[nodiscard]] static Policy from_file(const std::string& path);

    [[nodiscard]] const nlohmann::ordered_json& document() const { return doc_; }

    // The channel a name or alias stands for, or nullptr.
    [[nodiscard]] const ChannelPolicy* find_channel(std::string_view name) const;
    // Like find_channel, but throws UsageError listing the accepted channels.
    [[nodiscard]] const ChannelPolicy& channel(std::string_view name) const;
    [[nodiscard]] const std::vector<ChannelPolicy>& channels() const { return channels_; }
    [[nodiscard]] std::string channel_names() const;

    // A pending promise counts as broken this long after its due time.
    [[nodiscard]] Seconds promise_grace_s() const { return promise_grace_s_; }
    // Working days, bit 0 = Sunday.
    [[nodiscard]] unsigned workdays() const { return workdays_; }
    // How much an outcome counts as a failed attempt (0 to 1).
    [[nodiscard]] double failure_weight(Outcome o) const;
    // When the reply to a contact made at `at` on this channel is due.
    [[nodiscard]] Timestamp reply_due(const ChannelPolicy& c, Timestamp at) const;

private:
    explicit Policy(nlohmann::ordered_json doc);

    nlohmann::ordered_json doc_;
    std::vector<ChannelPolicy> channels_;
    std::map<std::string, std::string, std::less<>> aliases_;
    Seconds promise_grace_s_ = 0;
    unsigned workdays_ = 0;
};

} // namespace escalate
