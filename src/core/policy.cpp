#include "escalate/policy.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "escalate/errors.hpp"

namespace escalate {

extern const std::string_view builtin_policy_json;

namespace {

using Json = Policy::Json;

// Keys a user may give, by the shape of the built-in document. Under /channels and /clocks
// the names are free, and each entry may use any key some built-in entry uses.
void unknown_keys(const Json& user, const Json& schema, const std::string& path,
                  std::vector<std::string>& problems) {
    if (!user.is_object() || !schema.is_object()) {
        return;
    }
    const bool free_names =
        path == "/channels" || path == "/clocks" || path == "/aliases" || path == "/regimes";
    for (const auto& [key, value] : user.items()) {
        const std::string at = path + "/" + key;
        if (free_names) {
            if (path == "/aliases" || !value.is_object()) {
                continue;
            }
            std::set<std::string> allowed;
            for (const auto& [name, entry] : schema.items()) {
                for (const auto& [k, v] : entry.items()) {
                    allowed.insert(k);
                }
            }
            for (const auto& [k, v] : value.items()) {
                if (!allowed.contains(k)) {
                    problems.push_back(fmt::format("{}/{} is not a policy key", at, k));
                }
            }
        } else if (!schema.contains(key)) {
            problems.push_back(fmt::format("{} is not a policy key", at));
        } else {
            unknown_keys(value, schema.at(key), at, problems);
        }
    }
}

} // namespace

Policy Policy::builtin() {
    return Policy(Json::parse(builtin_policy_json));
}

Policy Policy::with_overrides(const Json& user) {
    if (!user.is_object()) {
        throw UsageError("policy: the document must be a JSON object");
    }
    Json doc = Json::parse(builtin_policy_json);
    doc.merge_patch(user);
    return Policy(std::move(doc));
}

Policy::Json Policy::read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw UsageError(fmt::format("cannot read policy file {}", path));
    }
    std::stringstream buf;
    buf << in.rdbuf();
    try {
        return Json::parse(buf.str());
    } catch (const Json::parse_error& e) {
        throw UsageError(
            fmt::format("policy file {} is not valid JSON (at byte {})", path, e.byte));
    } catch (const Json::exception& e) { // a number too large, say
        throw UsageError(fmt::format("policy file {} is not readable JSON ({})", path, e.what()));
    }
}

Policy Policy::from_file(const std::string& path) {
    try {
        return with_overrides(read_json_file(path));
    } catch (const UsageError& e) {
        const std::string what = e.what();
        if (what.starts_with("policy: ")) {
            throw UsageError(fmt::format("policy file {}: {}", path, what.substr(8)));
        }
        throw;
    }
}

std::vector<std::string> Policy::check(const Json& user) {
    std::vector<std::string> problems;
    if (!user.is_object()) {
        return {"/ must be a JSON object"};
    }
    unknown_keys(user, Json::parse(builtin_policy_json), "", problems);
    Json doc = Json::parse(builtin_policy_json);
    doc.merge_patch(user);
    if (doc.is_object()) {
        Policy(std::move(doc), &problems);
    }
    return problems;
}

const ChannelPolicy* Policy::find_channel(std::string_view name) const {
    std::string key(name);
    for (char& c : key) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (auto alias = aliases_.find(key); alias != aliases_.end()) {
        key = alias->second;
    }
    for (const auto& c : channels_) {
        if (c.name == key) {
            return &c;
        }
    }
    return nullptr;
}

const ChannelPolicy& Policy::channel(std::string_view name) const {
    if (const auto* c = find_channel(name)) {
        return *c;
    }
    throw UsageError(fmt::format("unknown channel \"{}\"; accepted: {}", name, channel_names()));
}

std::string Policy::channel_names() const {
    std::string out;
    for (const auto& c : channels_) {
        out += (out.empty() ? "" : ", ") + c.name;
    }
    return out;
}

int Policy::tier_of(std::string_view channel) const {
    const ChannelPolicy* c = find_channel(channel);
    return c ? c->tier : 1;
}

const TierPolicy& Policy::tier(int t) const {
    return tiers_.at(static_cast<std::size_t>(std::clamp(t, 1, tier_count()) - 1));
}

const RegimePolicy& Policy::regime_for(const Case& k) const {
    const std::optional<std::string> country = k.country ? k.country : default_country_;
    const std::string sector = k.sector ? *k.sector : "unset";
    const RegimePolicy* best = nullptr;
    int best_score = -1;
    auto has = [](const std::vector<std::string>& list, const std::string& v) {
        return std::find(list.begin(), list.end(), v) != list.end();
    };
    for (const auto& r : regimes_) {
        int score = 0;
        // The sector says more than the country: lost baggage is lost baggage anywhere.
        if (country && has(r.countries, *country)) {
            score += 1;
        } else if (!has(r.countries, "*")) {
            continue;
        }
        if (has(r.sectors, sector)) {
            score += 2;
        } else if (!has(r.sectors, "*") || sector == "unset") {
            continue; // a case with no sector falls under the regime made for that
        }
        if (score > best_score) {
            best = &r;
            best_score = score;
        }
    }
    static const RegimePolicy none{
        "none", "no regime", {"*"}, {"*"},        std::nullopt, RouteOpens::Never, 0,
        {},     false,       "",    std::nullopt, {},           {"legal"}};
    return best ? *best : none;
}

const ClockPolicy* Policy::find_clock(std::string_view name) const {
    for (const auto& c : clocks_) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

double RegimePolicy::weeks_for(Timestamp first) const {
    double w = weeks;
    for (const auto& [since, weeks_then] : weeks_from) {
        if (first >= since) {
            w = weeks_then;
        }
    }
    return w;
}

std::optional<DraftKind> draft_kind_from(std::string_view s) {
    static constexpr std::pair<DraftKind, std::string_view> kinds[] = {
        {DraftKind::Script, "script"},
        {DraftKind::SupervisorScript, "supervisor_script"},
        {DraftKind::Complaint, "complaint"},
        {DraftKind::ExecLetter, "exec_letter"},
        {DraftKind::Post, "post"},
        {DraftKind::Regulator, "regulator"},
        {DraftKind::RegulatorUpdate, "regulator_update"},
        {DraftKind::Chargeback, "chargeback"},
        {DraftKind::Demand, "demand"},
        {DraftKind::SmallClaim, "small_claim"},
    };
    for (const auto& [kind, name] : kinds) {
        if (name == s) {
            return kind;
        }
    }
    return std::nullopt;
}

double Policy::failure_weight(Outcome o) const {
    return failure_weight(to_string(o));
}

double Policy::failure_weight(std::string_view derived) const {
    const auto it = outcome_weights_.find(derived);
    return it == outcome_weights_.end() ? 0.0 : it->second;
}

Timestamp Policy::reply_due(const RegimePolicy& regime, const ChannelPolicy& c,
                            Timestamp at) const {
    if (c.directory == "regulator" && regime.respond_days) {
        return add_local_days(at, static_cast<int>(*regime.respond_days));
    }
    return reply_due(c, at);
}

Timestamp Policy::reply_due(const ChannelPolicy& c, Timestamp at) const {
    switch (c.window_unit) {
    case WindowUnit::BusinessDays:
        return add_business_days(at, static_cast<int>(c.window), workdays_);
    case WindowUnit::Hours:
        return at + static_cast<Seconds>(c.window * 3600);
    case WindowUnit::CalendarDays:
        break;
    }
    return add_local_days(at, static_cast<int>(c.window));
}

} // namespace escalate
