#include "escalate/policy.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "escalate/errors.hpp"

namespace escalate {

extern const std::string_view builtin_policy_json;

namespace {

using json = nlohmann::ordered_json;

[[noreturn]] void bad_value(const std::string& path, std::string_view expected) {
    throw UsageError(fmt::format("policy: {} must be {}", path, expected));
}

double number_at(const json& obj, const std::string& key, const std::string& path, double lo,
                 double hi, double fallback) {
    if (!obj.contains(key)) {
        return fallback;
    }
    const json& v = obj.at(key);
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
        bad_value(path + "/" + key, fmt::format("a number from {} to {}", lo, hi));
    }
    return v.get<double>();
}

unsigned parse_workdays(const json& days) {
    static constexpr std::string_view names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    if (!days.is_array()) {
        bad_value("/business_days", "a list of day names such as [\"mon\", \"tue\"]");
    }
    unsigned mask = 0;
    for (const auto& d : days) {
        bool found = false;
        for (unsigned i = 0; i < 7; ++i) {
            if (d.is_string() && d.get<std::string>() == names[i]) {
                mask |= 1U << i;
                found = true;
            }
        }
        if (!found) {
            bad_value("/business_days", "day names from sun, mon, tue, wed, thu, fri, sat");
        }
    }
    return mask;
}

ChannelPolicy parse_channel(const std::string& name, const json& c) {
    const std::string path = "/channels/" + name;
    if (!c.is_object()) {
        bad_value(path, "an object");
    }
    ChannelPolicy ch;
    ch.name = name;
    ch.tier = static_cast<int>(number_at(c, "tier", path, 1, 5, 1));
    if (c.contains("sync") && !c.at("sync").is_boolean()) {
        bad_value(path + "/sync", "true or false");
    }
    ch.sync = c.value("sync", true) ? Sync::Synchronous : Sync::Asynchronous;
    ch.window = number_at(c, "window", path, 0, 3650, 0);
    const std::string unit = c.value("window_unit", std::string("days"));
    if (unit == "days") {
        ch.window_unit = WindowUnit::CalendarDays;
    } else if (unit == "business_days") {
        ch.window_unit = WindowUnit::BusinessDays;
    } else if (unit == "hours") {
        ch.window_unit = WindowUnit::Hours;
    } else {
        bad_value(path + "/window_unit", "one of days, business_days, hours");
    }
    ch.cooldown_s = static_cast<Seconds>(number_at(c, "cooldown_hours", path, 0, 8760, 0) * 3600);
    ch.noun = c.value("noun", name);
    ch.description = c.value("description", name);
    return ch;
}

} // namespace

Policy::Policy(json doc) : doc_(std::move(doc)) {
    if (!doc_.is_object()) {
        bad_value("/", "an object");
    }
    promise_grace_s_ =
        static_cast<Seconds>(number_at(doc_, "promise_grace_hours", "", 0, 24 * 365, 24) * 3600);
    workdays_ = parse_workdays(
        doc_.value("business_days", json::array({"mon", "tue", "wed", "thu", "fri"})));
    const json& channels = doc_.at("channels");
    if (!channels.is_object() || channels.empty()) {
        bad_value("/channels", "an object with at least one channel");
    }
    for (const auto& [name, c] : channels.items()) {
        if (c.is_null()) {
            continue; // removed by the user's merge patch
        }
        channels_.push_back(parse_channel(name, c));
    }
    if (doc_.contains("aliases")) {
        for (const auto& [alias, target] : doc_.at("aliases").items()) {
            if (target.is_null()) {
                continue;
            }
            if (!target.is_string() || find_channel(target.get<std::string>()) == nullptr) {
                bad_value("/aliases/" + alias, "the name of a channel");
            }
            aliases_.emplace(alias, target.get<std::string>());
        }
    }
}

Policy Policy::builtin() {
    return Policy(json::parse(builtin_policy_json));
}

Policy Policy::with_overrides(const json& user) {
    if (!user.is_object()) {
        bad_value("/", "a JSON object");
    }
    json doc = json::parse(builtin_policy_json);
    doc.merge_patch(user);
    return Policy(std::move(doc));
}

Policy Policy::from_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw UsageError(fmt::format("cannot read policy file {}", path));
    }
    std::stringstream buf;
    buf << in.rdbuf();
    json user;
    try {
        user = json::parse(buf.str());
    } catch (const json::parse_error& e) {
        throw UsageError(fmt::format("policy file {} is not valid JSON (byte {})", path, e.byte));
    }
    return with_overrides(user);
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
        if (!out.empty()) {
            out += ", ";
        }
        out += c.name;
    }
    return out;
}

double Policy::failure_weight(Outcome o) const {
    const auto& outcomes = doc_.value("outcomes", json::object());
    const std::string key(to_string(o));
    if (!outcomes.contains(key) || !outcomes.at(key).is_number()) {
        return 0.0;
    }
    return outcomes.at(key).get<double>();
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
