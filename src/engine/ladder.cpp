// The ladder (SPEC 4.3): failed attempts and age move the target tier up, never down past the
// highest tier tried, and never further than the policy's max skip above it; a refusal in
// writing (a final response, a formal denial, a formal letter ignored) sends it outside.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate::engine_detail {

namespace {

bool refusal_in_writing(const Contact& c) {
    return c.direction == Direction::In &&
           (c.outcome == Outcome::Final || c.outcome == Outcome::Denied);
}

} // namespace

Ladder climb(const CaseFile& file, const std::vector<ContactState>& states, const Policy& policy,
             Timestamp now) {
    Ladder l;
    l.top = policy.tier_count();
    l.failures.assign(static_cast<std::size_t>(l.top + 1), 0.0);
    l.broken.assign(static_cast<std::size_t>(l.top + 1), 0);
    const auto& contacts = file.contacts;
    int highest = 0;
    bool seen_partial = false;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        const Contact& c = contacts[i];
        const ChannelPolicy* ch = policy.find_channel(c.channel);
        const int tier = ch ? ch->tier : 1;
        // The rung is the highest tier tried: what the person reached out on, and any tier that
        // answered with substance (not a bill, a notice or plain information).
        if (c.direction == Direction::Out || (c.outcome && answers(c))) {
            highest = std::max(highest, tier);
        }
        if (c.outcome) {
            std::string term(to_string(*c.outcome));
            if (*c.outcome == Outcome::Partial && seen_partial) {
                term = "partial-repeated"; // the first partial fix is progress, the next ones not
            }
            seen_partial = seen_partial || *c.outcome == Outcome::Partial;
            const double w = policy.failure_weight(term);
            if (w > 0) {
                l.items.push_back({&c, term, w, tier, c.at});
            }
        }
        if (states[i].ignored) {
            l.items.push_back(
                {&c, "ignored", policy.failure_weight("ignored"), tier, *states[i].reply_due});
        }
        // A refusal in writing: their final response or a formal denial, or the person's own
        // formal written complaint left unanswered. A later answer of substance undoes it.
        const bool formal_ignored = c.direction == Direction::Out && states[i].ignored && ch &&
                                    ch->written && tier >= 2 && tier < l.top;
        if (refusal_in_writing(c) || formal_ignored) {
            l.decisive_contact = &c;
        } else if (c.direction == Direction::In && c.outcome && answers(c) &&
                   policy.failure_weight(*c.outcome) == 0) {
            l.decisive_contact = nullptr;
        }
    }
    for (const auto& p : file.promises) {
        if (!counts_as_broken(file, p, policy, now)) {
            continue;
        }
        const auto made_on = std::find_if(contacts.begin(), contacts.end(),
                                          [&](const Contact& c) { return c.id == p.contact_id; });
        if (made_on != contacts.end()) {
            const int tier = policy.tier_of(made_on->channel);
            l.items.push_back({&*made_on, "broken-promise", policy.failure_weight("broken-promise"),
                               tier, p.due + policy.promise_grace_s()});
            ++l.broken[static_cast<std::size_t>(tier)];
        }
    }
    for (const auto& item : l.items) {
        l.failures[static_cast<std::size_t>(item.tier)] += item.weight;
    }
    std::stable_sort(l.items.begin(), l.items.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });

    l.rung = std::max(highest, 1);
    l.days =
        std::max<std::int64_t>(0, local_day_number(now) - local_day_number(file.kase.opened_at));
    l.rung_target = l.rung;
    if (l.rung < l.top && l.failures[static_cast<std::size_t>(l.rung)] >=
                              policy.tier(l.rung + 1).enter_after_failures) {
        l.rung_target = l.rung + 1;
    }
    double needed = 0;
    double have = 0;
    for (int t = 2; t <= l.top; ++t) {
        needed += policy.tier(t).enter_after_failures;
        have += l.failures[static_cast<std::size_t>(t - 1)];
        if (have >= needed) {
            l.cumulative_target = t;
        }
        if (static_cast<double>(l.days) >= policy.tier(t).enter_after_days) {
            l.age_target = t;
        }
    }
    l.cap = std::min(l.top, l.rung + policy.max_skip());
    l.target = std::max({l.rung, l.rung_target, l.cumulative_target, l.age_target});
    l.target = std::min(l.target, l.cap);
    if (const Contact* c = l.decisive_contact) {
        const ChannelPolicy* ch = policy.find_channel(c->channel);
        const std::string noun = ch ? ch->noun : c->channel;
        l.decisive =
            c->direction == Direction::Out ? fmt::format("your {} of {} got no reply", noun,
                                                         format_local(c->at, TimeStyle::Date))
            : c->outcome == Outcome::Final
                ? fmt::format("their final response of {}", format_local(c->at, TimeStyle::Date))
                : fmt::format("their written refusal of {}", format_local(c->at, TimeStyle::Date));
        l.target = l.top;
    }
    return l;
}

namespace {

std::string more_failures(double n) {
    return n == 1 ? "1 more failed attempt" : format_weight(n) + " more failed attempts";
}

std::string tier_name(const Policy& policy, int t) {
    return fmt::format("tier {} ({})", t, policy.tier(t).name);
}

} // namespace

void explain_ladder(const Ladder& l, const Policy& policy, const CaseFile& file, Advice& advice) {
    auto& terms = advice.terms;
    const Timestamp opened = file.kase.opened_at;
    for (const auto& item : l.items) {
        terms.push_back({fmt::format("failure: {}", item.term),
                         fmt::format("day {} {} [{}]", case_day(opened, item.contact->at),
                                     item.contact->channel, item.contact->id),
                         "", format_weight(item.weight), fmt::format("tier {}", item.tier)});
    }
    terms.push_back({"rung", std::to_string(l.rung), "", "",
                     "highest tier tried: " + tier_name(policy, l.rung)});
    if (l.rung < l.top) {
        const double need = policy.tier(l.rung + 1).enter_after_failures;
        terms.push_back(
            {fmt::format("failures at tier {}", l.rung),
             format_weight(l.failures[static_cast<std::size_t>(l.rung)]), format_weight(need), "",
             l.rung_target > l.rung ? "-> " + tier_name(policy, l.rung_target) : "stay"});
    }
    double all = 0;
    std::string cumulative;
    double needed = 0;
    for (int t = 2; t <= l.top; ++t) {
        needed += policy.tier(t).enter_after_failures;
        cumulative += (cumulative.empty() ? "" : "/") + format_weight(needed);
    }
    all = l.all_failures();
    terms.push_back({"failures, all tiers", format_weight(all), cumulative, "",
                     "-> " + tier_name(policy, l.cumulative_target)});
    std::string ages;
    for (int t = 2; t <= l.top; ++t) {
        ages += (ages.empty() ? "" : "/") + format_weight(policy.tier(t).enter_after_days);
    }
    terms.push_back(
        {"days open", std::to_string(l.days), ages, "", "-> " + tier_name(policy, l.age_target)});
    terms.push_back({"max skip", std::to_string(policy.max_skip()), "", "",
                     fmt::format("no higher than tier {}", l.cap)});
    terms.push_back({"target", std::to_string(l.target), "", "", tier_name(policy, l.target)});

    auto& rules = advice.rules;
    const double need = l.rung < l.top ? policy.tier(l.rung + 1).enter_after_failures : 0;
    const double at_rung = l.failures[static_cast<std::size_t>(l.rung)];
    rules.push_back({"climb: failures at the rung", l.rung_target > l.rung,
                     l.rung_target > l.rung
                         ? fmt::format("{} failed at tier {} (threshold {})",
                                       format_weight(at_rung), l.rung, format_weight(need))
                         : fmt::format("needs {} at tier {}",
                                       more_failures(std::max(0.0, need - at_rung)), l.rung)});
    rules.push_back(
        {"climb: failures at every tier", l.cumulative_target > 1,
         fmt::format("{} failed in all (thresholds {})", format_weight(all), cumulative)});
    const int next_age = std::min(l.top, l.age_target + 1);
    rules.push_back({"climb: age", l.age_target > 1,
                     l.age_target > 1
                         ? fmt::format("{} days open: {}", l.days, tier_name(policy, l.age_target))
                         : fmt::format("{} days open; tier 2 after {}", l.days,
                                       format_weight(policy.tier(2).enter_after_days))});
    if (l.age_target < l.top) {
        rules.back().detail += fmt::format("; {} after {} days", tier_name(policy, next_age),
                                           format_weight(policy.tier(next_age).enter_after_days));
    }
    const int wanted = std::max({l.rung, l.rung_target, l.cumulative_target, l.age_target});
    rules.push_back({"cap: max skip", wanted > l.cap,
                     wanted > l.cap ? fmt::format("the ladder says tier {}, but no more than {} "
                                                  "above the highest tier tried",
                                                  wanted, policy.max_skip())
                                    : fmt::format("tier {} is within {} of the rung", wanted,
                                                  policy.max_skip())});
    rules.push_back({"outside: a refusal in writing", l.decisive.has_value(),
                     l.decisive
                         ? fmt::format("{}: the next step is outside (tier {})", *l.decisive, l.top)
                         : "no final response, written refusal or unanswered formal "
                           "complaint"});
}

} // namespace escalate::engine_detail
