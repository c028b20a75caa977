// Reading the merged policy document into typed settings, collecting every problem by its
// JSON path.
#include "escalate/policy.hpp"

#include <algorithm>
#include <cmath>
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
    // A whole number: tiers, days and counts are never fractions.
    int integer(const Json& obj, std::string_view key, const std::string& path, int lo, int hi,
                std::optional<int> fallback = std::nullopt) {
        const std::string at = fmt::format("{}/{}", path, key);
        const Json* v = find(obj, key);
        if (v == nullptr && fallback) {
            return *fallback;
        }
        if (v == nullptr || !v->is_number() || v->get<double>() != std::floor(v->get<double>()) ||
            v->get<double>() < lo || v->get<double>() > hi) {
            bad(at, fmt::format("a whole number from {} to {}", lo, hi));
            return lo;
        }
        return static_cast<int>(v->get<double>());
    }
    std::vector<std::string> texts(const Json& obj, std::string_view key, const std::string& path) {
        std::vector<std::string> out;
        const Json* v = find(obj, key);
        if (v == nullptr) {
            return out;
        }
        if (!v->is_array()) {
            bad(fmt::format("{}/{}", path, key), "a list of names");
            return out;
        }
        for (const auto& item : *v) {
            if (!item.is_string()) {
                bad(fmt::format("{}/{}", path, key), "a list of names");
                continue;
            }
            out.push_back(item.get<std::string>());
        }
        return out;
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
    // Reads /key/field into a checked struct member: a number, at least zero.
    void member(const Json& doc, std::string_view key, std::string_view field, double& into,
                double hi) {
        const Json* obj = find(doc, key);
        into = number(obj ? *obj : Json::object(), field, fmt::format("/{}", key), 0, hi, into);
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

ChannelWords parse_words(Reader& r, const Json& c, const std::string& path, const std::string& name,
                         DraftKind fallback) {
    ChannelWords w;
    w.say = r.text(c, "say", path, "Contact {org} by " + name);
    w.say_to = r.text(c, "say_to", path, "");
    const std::string draft = r.text(c, "draft", path, "");
    if (draft.empty()) {
        w.draft = fallback;
    } else if (auto kind = draft_kind_from(draft)) {
        w.draft = *kind;
    } else {
        r.bad(path + "/draft", "one of script, supervisor_script, complaint, exec_letter, post, "
                               "regulator, regulator_update, chargeback, demand, small_claim");
    }
    return w;
}

bool lower_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

ChannelPolicy parse_channel(Reader& r, const std::string& name, const Json& c, int tiers) {
    const std::string path = "/channels/" + name;
    ChannelPolicy ch;
    ch.name = name;
    if (!c.is_object()) {
        r.bad(path, "an object");
        return ch;
    }
    if (!lower_name(name)) {
        // Channel names are typed on the command line and matched case-insensitively.
        r.bad(path, "named in lower-case letters, digits, - and _ (\"whatsapp\")");
    }
    ch.tier = r.integer(c, "tier", path, 1, tiers);
    ch.sync = r.boolean(c, "sync", path, true) ? Sync::Synchronous : Sync::Asynchronous;
    ch.written = r.boolean(c, "written", path, false);
    ch.needs_card = r.boolean(c, "needs_card", path, false);
    ch.tag_exec = r.boolean(c, "tag_exec", path, false);
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
    const DraftKind fallback = ch.sync == Sync::Synchronous ? DraftKind::Script
                               : ch.written                 ? DraftKind::Complaint
                                                            : DraftKind::Post;
    ch.words = parse_words(r, c, path, ch.noun, fallback);
    if (const Json* then = r.find(c, "then")) {
        if (!then->is_object()) {
            r.bad(path + "/then", "an object with say and draft");
        } else {
            ch.then = parse_words(r, *then, path + "/then", ch.noun, ch.words.draft);
        }
    }
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
    } else if (from == "first_complaint") {
        clock.from = ClockStart::FirstComplaint;
    } else if (from == "first_written") {
        clock.from = ClockStart::FirstWritten;
    } else if (from == "contact") {
        clock.from = ClockStart::Contact;
    } else {
        r.bad(path + "/from", "one of opened, incident, first_complaint, first_written, contact");
    }
    clock.on = r.text(c, "on", path, "");
    if (clock.from == ClockStart::Contact && clock.on.empty()) {
        r.bad(path + "/on", "the channel whose first contact starts the clock");
    }
    clock.days = r.integer(c, "days", path, 0, 3650);
    const std::string unit = r.text(c, "unit", path, "days");
    if (unit != "days" && unit != "business_days") {
        r.bad(path + "/unit", "days or business_days");
    }
    clock.business_days = unit == "business_days";
    clock.source = r.text(c, "source", path, "");
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
    clock.issuer_channel = r.text(c, "issuer_channel", path, "");
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

RegimePolicy parse_regime(Reader& r, const std::string& name, const Json& g,
                          const std::vector<ClockPolicy>& clocks) {
    const std::string path = "/regimes/" + name;
    RegimePolicy out;
    out.name = name;
    if (!g.is_object()) {
        r.bad(path, "an object");
        return out;
    }
    out.label = r.text(g, "label", path, name);
    out.countries = r.texts(g, "countries", path);
    out.sectors = r.texts(g, "sectors", path);
    if (out.countries.empty() || out.sectors.empty()) {
        r.bad(path, "an object with countries and sectors (\"*\" for any)");
    }
    if (const Json* reg = r.find(g, "regulator")) {
        if (!reg->is_object()) {
            r.bad(path + "/regulator", "an object with name, where and source, or null");
        } else {
            out.regulator =
                RegulatorInfo{r.text(*reg, "name", path + "/regulator", "the regulator"),
                              r.text(*reg, "where", path + "/regulator", ""),
                              r.text(*reg, "source", path + "/regulator", "")};
        }
    }
    const Json* route = r.find(g, "route");
    const Json empty = Json::object();
    const Json& rt = route ? *route : empty;
    const std::string opens = r.text(rt, "opens", path + "/route", "never");
    if (opens == "at_once") {
        out.opens = RouteOpens::AtOnce;
    } else if (opens == "after_weeks") {
        out.opens = RouteOpens::AfterWeeks;
    } else if (opens == "after_written") {
        out.opens = RouteOpens::AfterWritten;
    } else if (opens == "never") {
        out.opens = RouteOpens::Never;
    } else {
        r.bad(path + "/route/opens", "one of at_once, after_weeks, after_written, never");
    }
    out.weeks = r.integer(rt, "weeks", path + "/route", 0, 520, 0);
    if (const Json* from = r.find(rt, "weeks_from")) {
        for (const auto& [date, weeks] : from->items()) {
            const auto t = parse_rfc3339(date + "T00:00:00Z");
            if (!t || !weeks.is_number_integer()) {
                r.bad(path + "/route/weeks_from", "dates (2026-04-08) mapped to whole weeks");
                continue;
            }
            out.weeks_from.emplace_back(*t, weeks.get<double>());
        }
        std::sort(out.weeks_from.begin(), out.weeks_from.end());
    }
    out.or_final = r.boolean(rt, "or_final", path + "/route", false);
    out.route_source = r.text(rt, "source", path + "/route", "");
    if (out.opens != RouteOpens::Never && !out.regulator) {
        r.bad(path + "/route/opens", "never when the regime has no regulator");
    }
    if (const Json* respond = r.find(g, "respond")) {
        out.respond_days = r.integer(*respond, "days", path + "/respond", 1, 3650);
    }
    out.clocks = r.texts(g, "clocks", path);
    for (const auto& c : out.clocks) {
        if (std::none_of(clocks.begin(), clocks.end(),
                         [&](const ClockPolicy& k) { return k.name == c; })) {
            r.bad(path + "/clocks", fmt::format("names of clocks under /clocks (not {})", c));
        }
    }
    out.outside = r.texts(g, "outside", path);
    return out;
}

} // namespace

Policy::Policy(Json doc, std::vector<std::string>* problems) : doc_(std::move(doc)) {
    Reader r;
    if (!doc_.is_object()) {
        throw UsageError("policy: the document must be a JSON object");
    }
    workdays_ = parse_workdays(r, doc_);
    // Tiers "1" to "N", N at least 2: the top one is the outside authority.
    const Json* tiers = r.find(doc_, "tiers");
    for (int t = 1; t <= 20; ++t) {
        const std::string key = std::to_string(t);
        const std::string path = "/tiers/" + key;
        const Json* tier = tiers ? r.find(*tiers, key) : nullptr;
        if (tier == nullptr && t > 2) {
            break;
        }
        TierPolicy tp;
        tp.tier = t;
        if (tier == nullptr || !tier->is_object()) {
            r.bad(path, "an object");
        } else {
            tp.name = r.text(*tier, "name", path, key);
            if (t > 1) {
                tp.enter_after_failures = r.number(*tier, "enter_after_failures", path, 0, 1000);
                tp.enter_after_days = r.integer(*tier, "enter_after_days", path, 0, 3650);
            }
        }
        tiers_.push_back(tp);
    }
    if (tiers != nullptr && tiers->is_object()) {
        for (const auto& [key, v] : tiers->items()) {
            const bool known = std::any_of(tiers_.begin(), tiers_.end(), [&](const TierPolicy& t) {
                return std::to_string(t.tier) == key;
            });
            if (!known && !v.is_null()) {
                r.bad("/tiers/" + key, "numbered from 1 with no gap");
            }
        }
    }
    const Json* channels = r.find(doc_, "channels");
    if (channels == nullptr || !channels->is_object() || channels->empty()) {
        r.bad("/channels", "an object with at least one channel");
    } else {
        for (const auto& [name, c] : channels->items()) {
            if (!c.is_null()) { // null: removed by the user's merge patch
                channels_.push_back(parse_channel(r, name, c, tier_count()));
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
                aliases_.emplace(alias, find_channel(target.get<std::string>())->name);
            }
        }
    }
    auto known_channel = [&](const std::string& name, const std::string& path) {
        if (!name.empty() && find_channel(name) == nullptr) {
            r.bad(path, fmt::format("a channel of the policy ({})", channel_names()));
        }
    };
    const Json empty = Json::object();
    const Json* ladder = r.find(doc_, "ladder");
    max_skip_ = r.integer(ladder ? *ladder : empty, "max_skip", "/ladder", 1, tier_count());
    const Json* promises = r.find(doc_, "promises");
    promise_grace_s_ = static_cast<Seconds>(
        r.number(promises ? *promises : empty, "grace_hours", "/promises", 0, 24 * 365) * 3600);
    distrust_after_broken_ =
        r.integer(promises ? *promises : empty, "distrust_after_broken", "/promises", 1, 1000);
    const Json* history = r.find(doc_, "history");
    const Json& h = history ? *history : empty;
    history_min_attempts_ = r.integer(h, "min_attempts", "/history", 1, 1000);
    history_recent_cases_ = r.integer(h, "recent_cases", "/history", 1, 100000);
    fast_reply_s_ =
        static_cast<Seconds>(r.number(h, "fast_reply_hours", "/history", 0, 24 * 365) * 3600);
    outcome_weights_ = r.numbers(doc_, "outcomes", 100);
    const Json builtin = Json::parse(builtin_policy_json);
    for (const auto& [key, v] : builtin.at("outcomes").items()) {
        if (!outcome_weights_.contains(key)) {
            r.bad(fmt::format("/outcomes/{}", key), "a number");
        }
    }
    Weights& w = weights_;
    for (const auto& [key, into] : std::initializer_list<std::pair<const char*, double*>>{
             {"wait", &w.wait},
             {"close", &w.close},
             {"asked", &w.asked},
             {"follow_up_filed", &w.follow_up_filed},
             {"warn", &w.warn},
             {"tier_target", &w.tier_target},
             {"tier_distance", &w.tier_distance},
             {"offered", &w.offered},
             {"untried", &w.untried},
             {"failed_here", &w.failed_here},
             {"follow_up", &w.follow_up},
             {"reply_rate", &w.reply_rate},
             {"fast_reply", &w.fast_reply},
             {"cooldown", &w.cooldown},
             {"clock_closing", &w.clock_closing},
             {"clock_open", &w.clock_open},
             {"required", &w.required},
             {"written", &w.written},
             {"outside_order", &w.outside_order}}) {
        r.member(doc_, "weights", key, *into, 100000);
    }
    AgendaWeights& a = agenda_weights_;
    for (const auto& [key, into] : std::initializer_list<std::pair<const char*, double*>>{
             {"overdue_promise", &a.overdue_promise},
             {"ignored", &a.ignored},
             {"per_day_actionable", &a.per_day_actionable},
             {"per_day_open", &a.per_day_open}}) {
        r.member(doc_, "agenda", key, *into, 100000);
    }
    if (const Json* clocks = r.find(doc_, "clocks")) {
        for (const auto& [name, c] : clocks->items()) {
            if (!c.is_null()) {
                clocks_.push_back(parse_clock(r, name, c));
                known_channel(clocks_.back().channel, "/clocks/" + name + "/channel");
                known_channel(clocks_.back().on, "/clocks/" + name + "/on");
            }
        }
    }
    sectors_ = r.texts(doc_, "sectors", "");
    if (const Json* country = r.find(doc_, "default_country")) {
        default_country_ =
            country->is_string() ? country_code_from(country->get<std::string>()) : std::nullopt;
        if (!default_country_) {
            r.bad("/default_country", "a two-letter country code such as \"GB\", or null");
        }
    }
    const Json* payment = r.find(doc_, "payment");
    issuer_sectors_ = r.texts(payment ? *payment : empty, "issuer_sectors", "/payment");
    if (const Json* regimes = r.find(doc_, "regimes")) {
        for (const auto& [name, g] : regimes->items()) {
            if (g.is_null()) {
                continue;
            }
            regimes_.push_back(parse_regime(r, name, g, clocks_));
            for (const auto& c : regimes_.back().outside) {
                known_channel(c, "/regimes/" + name + "/outside");
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
