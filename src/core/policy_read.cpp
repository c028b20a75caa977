// Reading the merged policy document into typed settings, collecting every problem by its
// JSON path.
#include "escalate/policy.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "policy_reader.hpp"

namespace escalate {

const nlohmann::ordered_json& builtin_policy_document();

namespace {

using Json = Policy::Json;
using policy_detail::parse_clock;
using policy_detail::parse_regime;
using policy_detail::Reader;

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

// Channel names are typed on the command line in any case: the policy holds them folded to
// lower case, and every lookup folds what it is given.
bool lower_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

ChannelPolicy parse_channel(Reader& r, const std::string& name, const Json& c, int tiers) {
    const std::string path = "/channels/" + name;
    ChannelPolicy ch;
    ch.name = Policy::fold_channel_name(name);
    if (!c.is_object()) {
        r.bad(path, "an object");
        return ch;
    }
    if (!lower_name(ch.name)) {
        r.bad(path, "named in letters, digits, - and _ (\"whatsapp\"; case does not matter)");
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

} // namespace

Policy::Policy(Json doc, std::vector<std::string>* problems) : doc_(std::move(doc)) {
    Reader r;
    if (!doc_.is_object()) {
        throw UsageError("policy: the document must be a JSON object");
    }
    settings_.workdays = parse_workdays(r, doc_);
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
        settings_.tiers.push_back(tp);
    }
    if (tiers != nullptr && tiers->is_object()) {
        for (const auto& item : tiers->items()) {
            const std::string& key = item.key(); // clang 14 cannot capture a structured binding
            const bool known =
                std::any_of(settings_.tiers.begin(), settings_.tiers.end(),
                            [&](const TierPolicy& t) { return std::to_string(t.tier) == key; });
            if (!known && !item.value().is_null()) {
                r.bad("/tiers/" + key, "numbered from 1 with no gap");
            }
        }
    }
    const Json* channels = r.find(doc_, "channels");
    if (channels == nullptr || !channels->is_object() || channels->empty()) {
        r.bad("/channels", "an object with at least one channel");
    } else {
        for (const auto& [name, c] : channels->items()) {
            if (c.is_null()) { // null: removed by the user's merge patch
                continue;
            }
            auto ch = parse_channel(r, name, c, tier_count());
            if (find_channel(ch.name) != nullptr) {
                r.bad("/channels/" + name,
                      fmt::format("a name no other channel has: channel names are not "
                                  "case-sensitive, and \"{}\" is already one",
                                  ch.name));
                continue;
            }
            settings_.channels.push_back(std::move(ch));
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
                settings_.aliases.emplace(fold_channel_name(alias),
                                          find_channel(target.get<std::string>())->name);
            }
        }
    }
    // A channel named elsewhere in the policy, in any case: held as the channel's own name.
    auto known_channel = [&](std::string& name, const std::string& path) {
        if (name.empty()) {
            return;
        }
        if (const ChannelPolicy* c = find_channel(name)) {
            name = c->name;
        } else {
            r.bad(path, fmt::format("a channel of the policy ({})", channel_names()));
        }
    };
    const Json empty = Json::object();
    const Json* ladder = r.find(doc_, "ladder");
    settings_.max_skip =
        r.integer(ladder ? *ladder : empty, "max_skip", "/ladder", 1, tier_count());
    const Json* promises = r.find(doc_, "promises");
    settings_.promise_grace_s = static_cast<Seconds>(
        r.number(promises ? *promises : empty, "grace_hours", "/promises", 0, 24 * 365) * 3600);
    settings_.distrust_after_broken =
        r.integer(promises ? *promises : empty, "distrust_after_broken", "/promises", 1, 1000);
    const Json* history = r.find(doc_, "history");
    const Json& h = history ? *history : empty;
    settings_.history_min_attempts = r.integer(h, "min_attempts", "/history", 1, 1000);
    settings_.history_recent_cases = r.integer(h, "recent_cases", "/history", 1, 100000);
    settings_.fast_reply_s =
        static_cast<Seconds>(r.number(h, "fast_reply_hours", "/history", 0, 24 * 365) * 3600);
    settings_.outcome_weights = r.numbers(doc_, "outcomes", 100);
    const Json& builtin = builtin_policy_document();
    for (const auto& [key, v] : builtin.at("outcomes").items()) {
        if (!settings_.outcome_weights.contains(key)) {
            r.bad(fmt::format("/outcomes/{}", key), "a number");
        }
    }
    Weights& w = settings_.weights;
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
    AgendaWeights& a = settings_.agenda_weights;
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
                settings_.clocks.push_back(parse_clock(r, name, c));
                known_channel(settings_.clocks.back().channel, "/clocks/" + name + "/channel");
                known_channel(settings_.clocks.back().on, "/clocks/" + name + "/on");
                known_channel(settings_.clocks.back().issuer_channel,
                              "/clocks/" + name + "/issuer_channel");
            }
        }
    }
    settings_.sectors = r.texts(doc_, "sectors", "");
    if (const Json* country = r.find(doc_, "default_country")) {
        settings_.default_country =
            country->is_string() ? country_code_from(country->get<std::string>()) : std::nullopt;
        if (!settings_.default_country) {
            r.bad("/default_country", "a two-letter country code such as \"GB\", or null");
        }
    }
    const Json* payment = r.find(doc_, "payment");
    settings_.issuer_sectors = r.texts(payment ? *payment : empty, "issuer_sectors", "/payment");
    if (const Json* regimes = r.find(doc_, "regimes")) {
        for (const auto& [name, g] : regimes->items()) {
            if (g.is_null()) {
                continue;
            }
            settings_.regimes.push_back(parse_regime(r, name, g, settings_.clocks));
            for (auto& c : settings_.regimes.back().outside) {
                known_channel(c, "/regimes/" + name + "/outside");
            }
        }
    }
    const Json* reply = r.find(doc_, "reply_clock");
    settings_.reply_clock_label =
        r.text(reply ? *reply : empty, "label", "/reply_clock", "reply due");
    settings_.reply_clock_warn_at =
        r.number(reply ? *reply : empty, "warn_at", "/reply_clock", 0, 1, 0.75);

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
