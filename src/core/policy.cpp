#include "escalate/policy.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/text.hpp"

namespace escalate {

const nlohmann::ordered_json& builtin_policy_document();

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

// The deepest nesting of arrays and objects in JSON text, counting brackets outside strings;
// stops counting past limit. No tree is built, so no walk can overflow the stack.
std::size_t text_depth(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) {
                break;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

// The same for a document already read (by a caller other than read_json_file), without
// recursion.
bool deeper_than(const Json& doc, std::size_t limit) {
    std::vector<std::pair<const Json*, std::size_t>> todo{{&doc, 1}};
    while (!todo.empty()) {
        const auto [node, depth] = todo.back();
        todo.pop_back();
        if (!node->is_structured()) {
            continue;
        }
        if (depth > limit) {
            return true;
        }
        for (const auto& child : *node) {
            todo.emplace_back(&child, depth + 1);
        }
    }
    return false;
}

std::string depth_problem() {
    return fmt::format("nests arrays and objects deeper than the limit of {} levels",
                       Policy::max_depth);
}

// The user's channel names folded to lower case before the merge, so that "Email" overrides
// the built-in "email"; two names that fold to one are a problem.
Json fold_user_channels(const Json& user, std::vector<std::string>& problems) {
    const auto it = user.find("channels");
    if (it == user.end() || !it->is_object()) {
        return user;
    }
    Json folded = Json::object();
    std::map<std::string, std::string> first; // folded name -> the name as written
    for (const auto& item : it->items()) {
        std::string name = Policy::fold_channel_name(item.key());
        if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos) {
            name = item.key(); // not a name at all: the reader reports it as written
        }
        if (const auto seen = first.find(name); seen != first.end()) {
            problems.push_back(fmt::format(
                "/channels/{} is the same channel as /channels/{}: channel names are not "
                "case-sensitive",
                item.key(), seen->second));
            continue;
        }
        first.emplace(name, item.key());
        folded[name] = item.value();
    }
    Json out = user;
    out["channels"] = std::move(folded);
    return out;
}

} // namespace

std::string Policy::fold_channel_name(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Policy::builtin() is in policy_compiled.cpp, which the build writes from this document.
Policy Policy::builtin_from_document() {
    return Policy(builtin_policy_document());
}

Policy::Policy(Settings settings, std::uint64_t fingerprint)
    : fingerprint_(fingerprint), settings_(std::move(settings)) {}

const Policy::Json& Policy::document() const {
    return doc_.is_null() ? builtin_policy_document() : doc_;
}

std::uint64_t Policy::fingerprint() const {
    if (!fingerprint_) {
        fingerprint_ = hash64(document().dump());
    }
    return *fingerprint_;
}

Policy Policy::with_overrides(const Json& user) {
    if (!user.is_object()) {
        throw UsageError("policy: the document must be a JSON object");
    }
    if (deeper_than(user, max_depth)) {
        throw UsageError("policy: the document " + depth_problem());
    }
    std::vector<std::string> problems;
    const Json folded = fold_user_channels(user, problems);
    if (!problems.empty()) {
        throw UsageError("policy: " + problems.front());
    }
    Json doc = builtin_policy_document();
    doc.merge_patch(folded);
    return Policy(std::move(doc));
}

Policy::Json Policy::read_json_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UsageError(fmt::format("cannot read policy file {}", path));
    }
    // At most the limit and one byte more; the nesting is counted before any tree is built.
    std::string text(max_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) {
        throw UsageError(fmt::format("cannot read policy file {}", path));
    }
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
        throw UsageError(fmt::format("policy file {} is larger than the limit of {} bytes (1 MiB)",
                                     path, max_bytes));
    }
    if (text_depth(text, max_depth) > max_depth) {
        throw UsageError(fmt::format("policy file {} {}", path, depth_problem()));
    }
    try {
        return Json::parse(text);
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
    if (deeper_than(user, max_depth)) {
        return {"/ " + depth_problem()};
    }
    unknown_keys(user, builtin_policy_document(), "", problems);
    const Json folded = fold_user_channels(user, problems);
    Json doc = builtin_policy_document();
    doc.merge_patch(folded);
    if (doc.is_object()) {
        Policy(std::move(doc), &problems);
    }
    return problems;
}

const ChannelPolicy* Policy::find_channel(std::string_view name) const {
    std::string key = fold_channel_name(name);
    if (auto alias = settings_.aliases.find(key); alias != settings_.aliases.end()) {
        key = alias->second;
    }
    for (const auto& c : settings_.channels) {
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
    for (const auto& c : settings_.channels) {
        out += (out.empty() ? "" : ", ") + c.name;
    }
    return out;
}

int Policy::tier_of(std::string_view channel) const {
    const ChannelPolicy* c = find_channel(channel);
    return c ? c->tier : 1;
}

const TierPolicy& Policy::tier(int t) const {
    return settings_.tiers.at(static_cast<std::size_t>(std::clamp(t, 1, tier_count()) - 1));
}

const RegimePolicy& Policy::regime_for(const Case& k) const {
    const std::optional<std::string> country = k.country ? k.country : settings_.default_country;
    const std::string sector = k.sector ? *k.sector : "unset";
    const RegimePolicy* best = nullptr;
    int best_score = -1;
    auto has = [](const std::vector<std::string>& list, const std::string& v) {
        return std::find(list.begin(), list.end(), v) != list.end();
    };
    for (const auto& r : settings_.regimes) {
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
    for (const auto& c : settings_.clocks) {
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
    const auto it = settings_.outcome_weights.find(derived);
    return it == settings_.outcome_weights.end() ? 0.0 : it->second;
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
        return add_business_days(at, static_cast<int>(c.window), settings_.workdays);
    case WindowUnit::Hours:
        return at + static_cast<Seconds>(c.window * 3600);
    case WindowUnit::CalendarDays:
        break;
    }
    return add_local_days(at, static_cast<int>(c.window));
}

} // namespace escalate
