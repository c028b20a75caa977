// Reading the merged policy document into typed settings, collecting every problem by its
// JSON path.
#include "escalate/policy.hpp"

#include <set>

#include <fmt/format.h>

#include "escalate/errors.hpp"

namespace escalate {

extern const std::string_view builtin_policy_json;

namespace {

using Json = Policy::Json;

// Reads typed values out of the merged document, collecting every problem by JSON path.
class Reader {
public:
    std::vector<std::string> problems;

    void bad(const std::string& path, std::string_view expected) {
        problems.push_back(fmt::format("{} must be {}", path, expected));
    }
    const Json* find(const Json& obj, std::string_view key) {
        if (!obj.is_object()) {
            return nullptr;
        }
        const auto it = obj.find(std::string(key));
        return it == obj.end() || it->is_null() ? nullptr : &*it;
    }
    double number(const Json& obj, std::string_view key, const std::string& path, double lo,
                  double hi, std::optional<double> fallback = std::nullopt) {
        const std::string at = fmt::format("{}/{}", path, key);
        const Json* v = find(obj, key);
        if (v == nullptr) {
            if (!fallback) {
                bad(at, fmt::format("a number from {} to {}", lo, hi));
                return lo;
            }
            return *fallback;
        }
        if (!v->is_number() || v->get<double>() < lo || v->get<double>() > hi) {
            bad(at, fmt::format("a number from {} to {}", lo, hi));
            return lo;
        }
        return v->get<double>();
    }
    std::string text(const Json& obj, std::string_view key, const std::string& path,
                     std::string fallback) {
        const Json* v = find(obj, key);
        if (v == nullptr) {
            return fallback;
        }
        if (!v->is_string()) {
            bad(fmt::format("{}/{}", path, key), "text");
            return fallback;
        }
        return v->get<std::string>();
    }
    bool boolean(const Json& obj, std::string_view key, const std::string& path, bool fallback) {
        const Json* v = find(obj, key);
        if (v == nullptr) {
            return fallback;
        }
        if (!v->is_boolean()) {
            bad(fmt::format("{}/{}", path, key), "true or false");
            return fallback;
        }
        return v->get<bool>();
    }
    // Every key of a weights-like object: numbers, at least zero.
    std::map<std::string, double, std::less<>> numbers(const Json& doc, std::string_view key,
                                                       double hi) {
        std::map<std::string, double, std::less<>> out;
        const std::string path = fmt::format("/{}", key);
        const Json* obj = find(doc, key);
        if (obj == nullptr || !obj->is_object()) {
            bad(path, "an object of numbers");
            return out;
        }
        for (const auto& [name, value] : obj->items()) {
            if (!value.is_null()) {
                out.emplace(name, number(*obj, name, path, 0, hi));
            }
        }
        return out;
    }
};

unsigned parse_workdays(Reader& r, const Json& doc) {
    static constexpr std::string_view names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    const Json* days = r.find(doc, "business_days");
    if (days == nullptr || !days->is_array()) {
        r.bad("/business_days", "a list of day names such as [\"mon\", \"tue\"]");
        return 0;
    }
    unsigned mask = 0;
    for (const auto& d : *days) {
        bool found = false;
        for (unsigned i = 0; i < 7; ++i) {
            if (d.is_string() && d.get<std::string>() == names[i]) {
                mask |= 1U << i;
                found = true;
            }
        }
        if (!found) {
            r.bad("/business_days", "day names from sun, mon, tue, wed, thu, fri, sat");
        }
    }
    return mask;
}

ChannelPolicy parse_channel(Reader& r, const std::string& name, const Json& c) {
    const std::string path = "/channels/" + name;
    ChannelPolicy ch;
    ch.name = name;
    if (!c.is_object()) {
        r.bad(path, "an object");
        return ch;
    }
    ch.tier = static_cast<int>(r.number(c, "tier", path, 1, 5));
    ch.sync = r.boolean(c, "sync", path, true) ? Sync::Synchronous : Sync::Asynchronous;
    ch.window = r.number(c, "window", path, 0, 3650, 0.0);
    const std::string unit = r.text(c, "window_unit", path, "days");
    if (unit == "days") {
        ch.window_unit = WindowUnit::CalendarDays;
    } else if (unit == "business_days") {
        ch.window_unit = WindowUnit::BusinessDays;
    } else if (unit == "hours") {
        ch.window_unit = WindowUnit::Hours;
    } else {
        r.bad(path + "/window_unit", "one of days, business_days, hours");
    }
    ch.cooldown_s = static_cast<Seconds>(r.number(c, "cooldown_hours", path, 0, 8760, 0.0) * 3600);
    ch.directory = r.text(c, "directory", path, "");
    static const std::set<std::string> fields{"",       "phone", "email",    "chat",
                                              "social", "exec",  "regulator"};
    if (!fields.contains(ch.directory)) {
        r.bad(path + "/directory", "one of phone, email, chat, social, exec, regulator");
    }
    ch.noun = r.text(c, "noun", path, name);
    ch.description = r.text(c, "description", path, name);
    return ch;
}

ClockPolicy parse_clock(Reader& r, const std::string& name, const Json& c) {
    const std::string path = "/clocks/" + name;
    ClockPolicy clock;
    clock.name = name;
    if (!c.is_object()) {
        r.bad(path, "an object");
        return clock;
    }
    clock.label = r.text(c, "label", path, name);
    const std::string from = r.text(c, "from", path, "opened");
    if (from == "opened") {
        clock.from = ClockStart::Opened;
    } else if (from == "incident") {
        clock.from = ClockStart::Incident;
    } else {
        r.bad(path + "/from", "opened or incident");
    }
    clock.days = r.number(c, "days", path, 0, 3650);
    const std::string effect = r.text(c, "effect", path, "closes");
    if (effect == "opens") {
        clock.effect = ClockEffect::Opens;
    } else if (effect == "closes") {
        clock.effect = ClockEffect::Closes;
    } else {
        r.bad(path + "/effect", "opens or closes");
    }
    clock.warn_at = r.number(c, "warn_at", path, 0, 1, 0.75);
    clock.channel = r.text(c, "channel", path, "");
    if (const Json* paid = r.find(c, "paid_by")) {
        for (const auto& p : *paid) {
            const auto how = p.is_string() ? paid_by_from(p.get<std::string>()) : std::nullopt;
            if (!how) {
                r.bad(path + "/paid_by", "a list from card, debit, cash, other");
            } else {
                clock.paid_by.push_back(*how);
            }
        }
    }
    return clock;
}

} // namespace

Policy::Policy(Json doc, std::vector<std::string>* problems) : doc_(std::move(doc)) {
    Reader r;
    if (!doc_.is_object()) {
        throw UsageError("policy: the document must be a JSON object");
    }
    workdays_ = parse_workdays(r, doc_);
    const Json* channels = r.find(doc_, "channels");
    if (channels == nullptr || !channels->is_object() || channels->empty()) {
        r.bad("/channels", "an object with at least one channel");
    } else {
        for (const auto& [name, c] : channels->items()) {
            if (!c.is_null()) { // null: removed by the user's merge patch
                channels_.push_back(parse_channel(r, name, c));
            }
        }
    }
    if (const Json* aliases = r.find(doc_, "aliases")) {
        for (const auto& [alias, target] : aliases->items()) {
            if (target.is_null()) {
                continue;
            }
            if (!target.is_string() || find_channel(target.get<std::string>()) == nullptr) {
                r.bad("/aliases/" + alias, "the name of a channel");
            } else {
                aliases_.emplace(alias, target.get<std::string>());
            }
        }
    }
    const Json* tiers = r.find(doc_, "tiers");
    for (int t = 1; t <= 5; ++t) {
        const std::string key = std::to_string(t);
        const std::string path = "/tiers/" + key;
        const Json* tier = tiers ? r.find(*tiers, key) : nullptr;
        TierPolicy tp;
        tp.tier = t;
        if (tier == nullptr || !tier->is_object()) {
            r.bad(path, "an object");
        } else {
            tp.name = r.text(*tier, "name", path, key);
            if (t > 1) {
                tp.enter_after_failures = r.number(*tier, "enter_after_failures", path, 0, 1000);
                tp.enter_after_days = r.number(*tier, "enter_after_days", path, 0, 3650);
            }
        }
        tiers_.push_back(tp);
    }
    const Json empty = Json::object();
    const Json* ladder = r.find(doc_, "ladder");
    max_skip_ = static_cast<int>(r.number(ladder ? *ladder : empty, "max_skip", "/ladder", 1, 4));
    const Json* promises = r.find(doc_, "promises");
    promise_grace_s_ = static_cast<Seconds>(
        r.number(promises ? *promises : empty, "grace_hours", "/promises", 0, 24 * 365) * 3600);
    distrust_after_broken_ = static_cast<int>(
        r.number(promises ? *promises : empty, "distrust_after_broken", "/promises", 1, 1000));
    const Json* history = r.find(doc_, "history");
    const Json& h = history ? *history : empty;
    history_min_attempts_ = static_cast<int>(r.number(h, "min_attempts", "/history", 1, 1000));
    history_recent_cases_ = static_cast<int>(r.number(h, "recent_cases", "/history", 1, 100000));
    fast_reply_s_ =
        static_cast<Seconds>(r.number(h, "fast_reply_hours", "/history", 0, 24 * 365) * 3600);
    outcome_weights_ = r.numbers(doc_, "outcomes", 100);
    weights_ = r.numbers(doc_, "weights", 100000);
    agenda_weights_ = r.numbers(doc_, "agenda", 100000);
    const Json builtin = Json::parse(builtin_policy_json);
    for (const auto& [section, map] :
         {std::pair{"outcomes", &outcome_weights_}, std::pair{"weights", &weights_},
          std::pair{"agenda", &agenda_weights_}}) {
        for (const auto& [key, v] : builtin.at(section).items()) {
            if (!map->contains(key)) {
                r.bad(fmt::format("/{}/{}", section, key), "a number");
            }
        }
    }
    if (const Json* clocks = r.find(doc_, "clocks")) {
        for (const auto& [name, c] : clocks->items()) {
            if (!c.is_null()) {
                clocks_.push_back(parse_clock(r, name, c));
            }
        }
    }
    const Json* reply = r.find(doc_, "reply_clock");
    reply_clock_label_ = r.text(reply ? *reply : empty, "label", "/reply_clock", "reply due");
    reply_clock_warn_at_ = r.number(reply ? *reply : empty, "warn_at", "/reply_clock", 0, 1, 0.75);

    if (problems != nullptr) {
        problems->insert(problems->end(), r.problems.begin(), r.problems.end());
        return;
    }
    if (!r.problems.empty()) {
        throw UsageError(fmt::format(
            "policy: {}{}", r.problems.front(),
            r.problems.size() > 1 ? fmt::format(" (and {} more problems)", r.problems.size() - 1)
                                  : ""));
    }
}

} // namespace escalate
