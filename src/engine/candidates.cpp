// The ladder's stage (docs/engine.md): a suggestion per channel the rules allow, from the
// highest tier tried to the ladder's cap, ranked by small terms that each return a Reason, as
// taskwarrior's urgency terms do. Weights rank channels within this stage only.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate::engine_detail {

namespace {

using Term = std::optional<Reason>;

std::string ladder_why(const Ladder& l, const Policy& policy) {
    if (l.decisive) {
        return *l.decisive;
    }
    if (l.target == l.rung && l.rung_target == l.rung && l.age_target <= l.rung &&
        l.cumulative_target <= l.rung) {
        if (l.rung >= l.top) {
            return fmt::format("{} failed at tier {}",
                               format_weight(l.failures[static_cast<std::size_t>(l.rung)]), l.rung);
        }
        return fmt::format("{} failed at tier {} (climb at {})",
                           format_weight(l.failures[static_cast<std::size_t>(l.rung)]), l.rung,
                           format_weight(policy.tier(l.rung + 1).enter_after_failures));
    }
    std::vector<std::string> why;
    if (l.rung_target > l.rung) {
        why.push_back(fmt::format("{} failed at tier {}",
                                  format_weight(l.failures[static_cast<std::size_t>(l.rung)]),
                                  l.rung));
    }
    if (l.cumulative_target > l.rung && l.cumulative_target >= l.rung_target) {
        why.push_back(fmt::format("{} failed in all", format_weight(l.all_failures())));
    }
    if (l.age_target > l.rung) {
        why.push_back(fmt::format("{} days open", l.days));
    }
    std::string out = join_words(why);
    if (std::max({l.rung_target, l.cumulative_target, l.age_target}) > l.cap) {
        out += fmt::format(" (capped at {} tiers above tier {})", policy.max_skip(), l.rung);
    }
    return out;
}

Term tier_distance(const CaseFacts& f, const ChannelPolicy& ch) {
    const int distance = std::abs(ch.tier - f.ladder.target);
    if (distance == 0) {
        return std::nullopt;
    }
    return Reason{"tier_distance",
                  fmt::format("tier {} is {} {} the target", ch.tier, distance,
                              ch.tier < f.ladder.target ? "below" : "above"),
                  -f.policy().weights().tier_distance * distance};
}

Term offered(const CaseFacts& f, const ChannelPolicy& ch) {
    const std::string entry = ch.directory == "regulator" ? "" : directory_entry(f, ch);
    if (entry.empty()) {
        return std::nullopt;
    }
    return Reason{"offered", "the directory has " + entry, f.policy().weights().offered};
}

Term tried(const CaseFacts& f, const ChannelPolicy& ch) {
    std::int64_t attempts = 0;
    for (const auto& c : f.file().contacts) {
        attempts += c.direction == Direction::Out && c.channel == ch.name ? 1 : 0;
    }
    if (attempts == 0) {
        return Reason{"untried", "not yet tried on this case", f.policy().weights().untried};
    }
    double failed = 0;
    for (const auto& item : f.ladder.items) {
        failed += item.contact->channel == ch.name ? item.weight : 0;
    }
    if (failed == 0) {
        return std::nullopt;
    }
    return Reason{"failed_here",
                  fmt::format("{} failed on this case ({})", format_weight(failed),
                              plural(attempts, "attempt")),
                  -f.policy().weights().failed_here * failed};
}

Term follow_up(const CaseFacts& f, const ChannelPolicy& ch) {
    const Contact* last = f.last_out(ch.name);
    if (last == nullptr) {
        return std::nullopt;
    }
    const ContactState& st = f.states[f.index_of(*last)];
    if (!st.ignored) {
        return std::nullopt;
    }
    return Reason{"follow_up",
                  fmt::format("your {} of {} got no reply by {}", ch.noun,
                              format_local(last->at, TimeStyle::Short),
                              format_local(*st.reply_due, TimeStyle::Short)),
                  f.policy().weights().follow_up};
}

const ChannelRecord* record_for(const CaseFacts& f, const ChannelPolicy& ch, std::string& whose) {
    const auto& h = f.in.history;
    const int min = f.policy().history_min_attempts();
    if (const auto it = h.with_org.find(ch.name);
        it != h.with_org.end() && it->second.attempts >= min) {
        whose = "with " + f.file().kase.org;
        return &it->second;
    }
    if (const auto it = h.overall.find(ch.name);
        it != h.overall.end() && it->second.attempts >= min) {
        whose = "overall";
        return &it->second;
    }
    return nullptr;
}

Term reply_rate(const CaseFacts& f, const ChannelPolicy& ch) {
    std::string whose;
    const ChannelRecord* rec = record_for(f, ch, whose);
    if (rec == nullptr) {
        return std::nullopt;
    }
    return Reason{"reply_rate",
                  fmt::format("{} of {} {} got a reply", rec->replies,
                              plural(rec->attempts, "attempt"), whose),
                  f.policy().weights().reply_rate * rec->reply_rate()};
}

Term fast_reply(const CaseFacts& f, const ChannelPolicy& ch) {
    std::string whose;
    const ChannelRecord* rec = record_for(f, ch, whose);
    if (rec == nullptr || !rec->median_reply_s ||
        *rec->median_reply_s > f.policy().fast_reply_s()) {
        return std::nullopt;
    }
    return Reason{"fast_reply",
                  fmt::format("median reply {} {}", format_duration(*rec->median_reply_s), whose),
                  f.policy().weights().fast_reply};
}

Term required(const CaseFacts& f, const ChannelPolicy& ch) {
    if (!f.in.org.requires_channel || *f.in.org.requires_channel != ch.name) {
        return std::nullopt;
    }
    return Reason{"required", fmt::format("{} only accepts a {}", f.file().kase.org, ch.noun),
                  f.policy().weights().required};
}

Term written(const CaseFacts& f, const ChannelPolicy& ch) {
    if (!ch.written) {
        return std::nullopt;
    }
    return Reason{"written", "leaves a paper trail", f.policy().weights().written};
}

Term outside_order(const CaseFacts& f, const ChannelPolicy& ch) {
    const auto& list = f.regime.outside;
    const auto it = std::find(list.begin(), list.end(), ch.name);
    if (ch.tier != f.ladder.top || it == list.end()) {
        return std::nullopt;
    }
    const auto rank = static_cast<double>(list.end() - it);
    return Reason{"outside_order",
                  fmt::format("{} of the outside steps under {}", ordinal(it - list.begin() + 1),
                              f.regime.label),
                  f.policy().weights().outside_order * rank};
}

// A clock on this channel: closing soon (act before it shuts) or open (it can act now).
std::vector<Reason> clock_terms(const CaseFacts& f, const ChannelPolicy& ch) {
    std::vector<Reason> out;
    const Weights& w = f.policy().weights();
    for (const auto& clock : f.clocks) {
        if (clock.channel != ch.name || clock.name == "reply_due") {
            continue;
        }
        if (clock.effect == ClockEffect::Closes && clock.state == ClockState::Warning) {
            out.push_back(
                {"clock_closing",
                 fmt::format("{} in {} ({})", clock.label, format_duration(clock.remaining_s),
                             format_local(clock.ends_at, TimeStyle::Date)),
                 w.clock_closing});
        } else if (clock.effect == ClockEffect::Opens && clock.state == ClockState::Expired) {
            out.push_back({clock.name == "route" ? "route_open" : "clock_open",
                           fmt::format("{} since {}", clock.label,
                                       format_local(clock.ends_at, TimeStyle::Date)),
                           w.clock_open});
        }
    }
    return out;
}

// A synchronous contact the person made lately is not worth repeating yet; their side calling
// starts no cool-down.
void cooldown(const CaseFacts& f, const ChannelPolicy& ch, Suggestion& s) {
    if (ch.sync != Sync::Synchronous) {
        return;
    }
    const Contact* last = f.last_out(ch.name);
    if (last == nullptr || f.now() >= last->at + ch.cooldown_s) {
        return;
    }
    s.not_before = last->at + ch.cooldown_s;
    s.reasons.push_back(
        {"cooldown",
         fmt::format("last {} {}; leave {} between them", ch.noun,
                     format_relative(last->at, f.now()), format_duration(ch.cooldown_s)),
         -f.policy().weights().cooldown});
}

// After a failed call or chat, the next front-line or formal step is in writing.
bool spoken_and_failed(const CaseFacts& f) {
    const auto& contacts = f.file().contacts;
    for (auto it = contacts.rbegin(); it != contacts.rend(); ++it) {
        if (it->direction != Direction::Out) {
            continue;
        }
        const ChannelPolicy* ch = f.policy().find_channel(it->channel);
        return ch && ch->sync == Sync::Synchronous && it->outcome &&
               f.policy().failure_weight(*it->outcome) > 0;
    }
    return false;
}

} // namespace

Suggestion contact_on(const CaseFacts& f, const ChannelPolicy& ch, std::vector<Reason> reasons) {
    Suggestion s;
    s.action = Action::Contact;
    s.channel = ch.name;
    s.tier = ch.tier;
    s.not_before = f.now();
    s.reasons = std::move(reasons);
    return s;
}

std::vector<Suggestion> channel_candidates(const CaseFacts& f) {
    const Ladder& l = f.ladder;
    const Policy& policy = f.policy();
    const std::string why = ladder_why(l, policy);
    const bool paper_trail = spoken_and_failed(f);
    std::vector<Suggestion> out;
    for (const auto& ch : policy.channels()) {
        if (!allowed(f, ch).ok) {
            continue;
        }
        auto clocks = clock_terms(f, ch);
        const bool lever = std::any_of(clocks.begin(), clocks.end(),
                                       [](const Reason& r) { return r.factor == "clock_closing"; });
        const bool in_range = ch.tier >= std::min(l.rung, l.target) && ch.tier <= l.cap;
        if (!in_range && !lever) {
            continue;
        }
        if (paper_trail && ch.sync == Sync::Synchronous && ch.tier < 3 && !lever) {
            continue; // put it in writing after a failed call or chat
        }
        Suggestion s = contact_on(f, ch,
                                  {{"tier_target",
                                    fmt::format("the ladder points to tier {} ({}): {}", l.target,
                                                policy.tier(l.target).name, why),
                                    policy.weights().tier_target}});
        for (const Term& t : {tier_distance(f, ch), offered(f, ch), tried(f, ch), follow_up(f, ch),
                              reply_rate(f, ch), fast_reply(f, ch), required(f, ch), written(f, ch),
                              outside_order(f, ch)}) {
            if (t) {
                s.reasons.push_back(*t);
            }
        }
        // Chasing an unanswered contact, unless the channel's next contact is a new step
        // (a small claim after the letter before action).
        const bool next_step = ch.then && f.last_out(ch.name) != nullptr;
        if (!next_step && std::any_of(s.reasons.begin(), s.reasons.end(),
                                      [](const Reason& r) { return r.factor == "follow_up"; })) {
            s.action = Action::FollowUp;
        }
        cooldown(f, ch, s);
        s.reasons.insert(s.reasons.end(), clocks.begin(), clocks.end());
        s.rule = "ladder";
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<Suggestion> clock_levers(const CaseFacts& f) {
    std::vector<Suggestion> out;
    for (const auto& ch : f.policy().channels()) {
        auto clocks = clock_terms(f, ch);
        clocks.erase(std::remove_if(clocks.begin(), clocks.end(),
                                    [](const Reason& r) { return r.factor != "clock_closing"; }),
                     clocks.end());
        if (clocks.empty() || !allowed(f, ch).ok) {
            continue;
        }
        Suggestion s = contact_on(f, ch, std::move(clocks));
        s.parallel = true;
        s.rule = "wait";
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace escalate::engine_detail
