// The ladder (SPEC 4.3): failed attempts and age move the target tier up, never down past the
// highest tier tried (unless they came back down to you), and never further than the policy's
// max skip above it.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate::engine_detail {

Ladder climb(const CaseFile& file, const std::vector<ContactState>& states, const Policy& policy,
             Timestamp now) {
    Ladder l;
    const auto& contacts = file.contacts;
    int highest = 0;
    bool seen_partial = false;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        const Contact& c = contacts[i];
        const int tier = policy.tier_of(c.channel);
        // The rung is the highest tier tried: what the person reached out on, and any tier that
        // answered with substance (not a bill arriving as an inbound letter).
        if (c.direction == Direction::Out || (c.outcome && *c.outcome != Outcome::Info)) {
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
                l.items.push_back({&c, term, w, tier});
            }
        }
        if (states[i].ignored) {
            l.items.push_back({&c, "ignored", policy.failure_weight("ignored"), tier});
        }
    }
    for (const auto& p : file.promises) {
        if (!counts_as_broken(p, policy, now)) {
            continue;
        }
        const auto made_on = std::find_if(contacts.begin(), contacts.end(),
                                          [&](const Contact& c) { return c.id == p.contact_id; });
        if (made_on != contacts.end()) {
            const int tier = policy.tier_of(made_on->channel);
            l.items.push_back(
                {&*made_on, "broken-promise", policy.failure_weight("broken-promise"), tier});
            ++l.broken[static_cast<std::size_t>(tier)];
        }
    }
    for (const auto& item : l.items) {
        l.failures[static_cast<std::size_t>(item.tier)] += item.weight;
    }

    l.rung = std::max(highest, 1);
    l.floor = l.rung;
    // They came back down to you: the newest contact is theirs, on a lower tier, and not a
    // failure. That tier is open again ("call us on this number").
    if (!contacts.empty()) {
        const Contact& last = contacts.back();
        const int tier = policy.tier_of(last.channel);
        const bool failure = last.outcome && policy.failure_weight(*last.outcome) > 0;
        if (last.direction == Direction::In && tier < l.rung && !failure &&
            last.outcome != Outcome::Resolved) {
            l.floor = tier;
            l.asked_channel = last.channel;
        }
    }
    l.days =
        std::max<std::int64_t>(0, local_day_number(now) - local_day_number(file.kase.opened_at));

    l.rung_target = l.rung;
    if (l.rung < 5 && l.failures[static_cast<std::size_t>(l.rung)] >=
                          policy.tier(l.rung + 1).enter_after_failures) {
        l.rung_target = l.rung + 1;
    }
    double needed = 0;
    double have = 0;
    for (int t = 2; t <= 5; ++t) {
        needed += policy.tier(t).enter_after_failures;
        have += l.failures[static_cast<std::size_t>(t - 1)];
        if (have >= needed) {
            l.cumulative_target = t;
        }
        if (static_cast<double>(l.days) >= policy.tier(t).enter_after_days) {
            l.age_target = t;
        }
    }
    l.cap = std::min(5, l.rung + policy.max_skip());
    l.target = std::max({l.rung, l.rung_target, l.cumulative_target, l.age_target});
    l.target = std::min(l.target, l.cap);
    if (l.asked_channel) {
        l.target = l.floor;
    }
    return l;
}

namespace {

std::string tier_name(const Policy& policy, int t) {
    return fmt::format("tier {} ({})", t, policy.tier(t).name);
}

} // namespace

void explain_ladder(const Ladder& l, const Policy& policy, const CaseFile& file, Advice& advice) {
    auto& terms = advice.terms;
    const Timestamp opened = file.kase.opened_at;
    for (const auto& item : l.items) {
        terms.push_back(
            {fmt::format("failure: {}", item.term),
             fmt::format("day {} {} [{}]",
                         local_day_number(item.contact->at) - local_day_number(opened) + 1,
                         item.contact->channel, item.contact->id),
             "", format_weight(item.weight), fmt::format("tier {}", item.tier)});
    }
    terms.push_back({"rung", std::to_string(l.rung), "", "",
                     "highest tier tried: " + tier_name(policy, l.rung)});
    if (l.rung < 5) {
        const double need = policy.tier(l.rung + 1).enter_after_failures;
        terms.push_back(
            {fmt::format("failures at tier {}", l.rung),
             format_weight(l.failures[static_cast<std::size_t>(l.rung)]), format_weight(need), "",
             l.rung_target > l.rung ? "-> " + tier_name(policy, l.rung_target) : "stay"});
    }
    double all = 0;
    std::string cumulative;
    double needed = 0;
    for (int t = 2; t <= 5; ++t) {
        needed += policy.tier(t).enter_after_failures;
        cumulative += (cumulative.empty() ? "" : "/") + format_weight(needed);
    }
    for (int t = 1; t <= 5; ++t) {
        all += l.failures[static_cast<std::size_t>(t)];
    }
    terms.push_back({"failures, all tiers", format_weight(all), cumulative, "",
                     "-> " + tier_name(policy, l.cumulative_target)});
    std::string ages;
    for (int t = 2; t <= 5; ++t) {
        ages += (ages.empty() ? "" : "/") + format_weight(policy.tier(t).enter_after_days);
    }
    terms.push_back(
        {"days open", std::to_string(l.days), ages, "", "-> " + tier_name(policy, l.age_target)});
    terms.push_back({"max skip", std::to_string(policy.max_skip()), "", "",
                     fmt::format("no higher than tier {}", l.cap)});
    terms.push_back({"target", std::to_string(l.target), "", "", tier_name(policy, l.target)});

    auto& rules = advice.rules;
    const double need = l.rung < 5 ? policy.tier(l.rung + 1).enter_after_failures : 0;
    const double at_rung = l.failures[static_cast<std::size_t>(l.rung)];
    rules.push_back({"climb: failures at the rung", l.rung_target > l.rung,
                     l.rung_target > l.rung
                         ? fmt::format("{} failed at tier {} (threshold {})",
                                       format_weight(at_rung), l.rung, format_weight(need))
                         : fmt::format("needs {} more failed attempts at tier {}",
                                       format_weight(std::max(0.0, need - at_rung)), l.rung)});
    rules.push_back(
        {"climb: failures at every tier", l.cumulative_target > 1,
         fmt::format("{} failed in all (thresholds {})", format_weight(all), cumulative)});
    const int next_age = std::min(5, l.age_target + 1);
    rules.push_back({"climb: age", l.age_target > 1,
                     l.age_target > 1
                         ? fmt::format("{} days open: {}", l.days, tier_name(policy, l.age_target))
                         : fmt::format("{} days open; tier 2 after {}", l.days,
                                       format_weight(policy.tier(2).enter_after_days))});
    if (l.age_target < 5) {
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
    rules.push_back({"back down: they asked", l.asked_channel.has_value(),
                     l.asked_channel
                         ? fmt::format("their latest contact came on {}", *l.asked_channel)
                         : "their latest contact was not on a lower tier"});
}

} // namespace escalate::engine_detail
