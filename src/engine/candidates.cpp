// The candidates of SPEC 4.3 and 4.4: a suggestion per channel from the ladder's floor to its
// cap (and any channel a closing clock acts on), each scored by its reasons.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate::engine_detail {

namespace {

bool directory_has(const Org& org, const std::string& field) {
    if (field == "phone") {
        return org.phone.has_value();
    }
    if (field == "email") {
        return org.email.has_value();
    }
    if (field == "chat") {
        return org.chat.has_value();
    }
    if (field == "social") {
        return !org.social.empty();
    }
    if (field == "exec") {
        return org.exec.has_value();
    }
    if (field == "regulator") {
        return org.regulator.has_value();
    }
    return false;
}

std::string directory_value(const Org& org, const std::string& field) {
    if (field == "phone" && org.phone) {
        return *org.phone;
    }
    if (field == "email" && org.email) {
        return *org.email;
    }
    if (field == "chat" && org.chat) {
        return *org.chat;
    }
    if (field == "social" && !org.social.empty()) {
        return join_words(org.social);
    }
    if (field == "exec" && org.exec) {
        return parse_exec(*org.exec).name;
    }
    if (field == "regulator" && org.regulator) {
        return *org.regulator;
    }
    return "";
}

std::string ladder_why(const Ladder& l, const Policy& policy) {
    if (l.asked_channel) {
        return fmt::format("they came back to you on {}", *l.asked_channel);
    }
    if (l.target == l.rung && l.rung_target == l.rung && l.age_target <= l.rung &&
        l.cumulative_target <= l.rung) {
        return fmt::format("{} failed attempts at tier {} (climb at {})",
                           format_weight(l.failures[static_cast<std::size_t>(l.rung)]), l.rung,
                           l.rung < 5 ? format_weight(policy.tier(l.rung + 1).enter_after_failures)
                                      : std::string("-"));
    }
    std::vector<std::string> why;
    if (l.rung_target > l.rung) {
        why.push_back(fmt::format("{} failed attempts at tier {}",
                                  format_weight(l.failures[static_cast<std::size_t>(l.rung)]),
                                  l.rung));
    }
    if (l.cumulative_target > l.rung && l.cumulative_target >= l.rung_target) {
        double all = 0;
        for (double f : l.failures) {
            all += f;
        }
        why.push_back(fmt::format("{} failed attempts in all", format_weight(all)));
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

} // namespace

std::vector<Suggestion> channel_candidates(const EngineInput& in, const Ladder& ladder,
                                           const std::vector<ContactState>& states,
                                           const std::vector<DeadlineClock>& clocks) {
    const CaseFile& file = in.file;
    const Policy& policy = in.policy;
    const Timestamp now = in.now;
    const std::string& org_name = file.kase.org;
    const std::string why = ladder_why(ladder, policy);
    std::vector<Suggestion> out;
    for (const auto& ch : policy.channels()) {
        if (std::find(in.org.unavailable.begin(), in.org.unavailable.end(), ch.name) !=
            in.org.unavailable.end()) {
            continue;
        }
        std::vector<Reason> clock_reasons;
        for (const auto& clock : clocks) {
            if (clock.channel != ch.name || clock.name == "reply_due") {
                continue;
            }
            if (clock.effect == ClockEffect::Closes && clock.state == ClockState::Warning) {
                clock_reasons.push_back(
                    {"clock_closing",
                     fmt::format("{} in {} ({})", clock.label, format_duration(clock.remaining_s),
                                 format_local(clock.ends_at, TimeStyle::Date)),
                     policy.weight("clock_closing")});
            } else if (clock.effect == ClockEffect::Opens && clock.state == ClockState::Expired) {
                clock_reasons.push_back({"clock_open",
                                         fmt::format("{} since {}", clock.label,
                                                     format_local(clock.ends_at, TimeStyle::Date)),
                                         policy.weight("clock_open")});
            }
        }
        const bool in_range = ch.tier >= ladder.floor && ch.tier <= ladder.cap;
        const bool lever = std::any_of(clock_reasons.begin(), clock_reasons.end(),
                                       [](const Reason& r) { return r.factor == "clock_closing"; });
        if (!in_range && !lever) {
            continue;
        }
        Suggestion s;
        s.action = Action::Contact;
        s.channel = ch.name;
        s.tier = ch.tier;
        s.not_before = now;
        const int distance = std::abs(ch.tier - ladder.target);
        s.reasons.push_back({"tier_target",
                             fmt::format("the ladder points to tier {} ({}): {}", ladder.target,
                                         policy.tier(ladder.target).name, why),
                             policy.weight("tier_target")});
        if (distance > 0) {
            s.reasons.push_back({"tier_distance",
                                 fmt::format("tier {} is {} {} the target", ch.tier, distance,
                                             ch.tier < ladder.target ? "below" : "above"),
                                 -policy.weight("tier_distance") * distance});
        }
        if (!ch.directory.empty() && directory_has(in.org, ch.directory)) {
            s.reasons.push_back(
                {"offered",
                 fmt::format("the directory has {}", directory_value(in.org, ch.directory)),
                 policy.weight("offered")});
        }
        int attempts = 0;
        const Contact* last_out = nullptr;
        std::optional<Timestamp> last_any;
        for (std::size_t i = 0; i < file.contacts.size(); ++i) {
            const Contact& c = file.contacts[i];
            if (c.channel != ch.name) {
                continue;
            }
            last_any = c.at;
            if (c.direction == Direction::Out) {
                ++attempts;
                last_out = &c;
            }
        }
        double failed_here = 0;
        for (const auto& item : ladder.items) {
            failed_here += item.contact->channel == ch.name ? item.weight : 0;
        }
        if (attempts == 0) {
            s.reasons.push_back(
                {"untried", "not yet tried on this case", policy.weight("untried")});
        } else if (failed_here > 0) {
            s.reasons.push_back({"failed_here",
                                 fmt::format("{} failed on this case ({} attempts)",
                                             format_weight(failed_here), attempts),
                                 -policy.weight("failed_here") * failed_here});
        }
        if (last_out != nullptr) {
            const auto idx = static_cast<std::size_t>(last_out - file.contacts.data());
            if (states[idx].ignored) {
                s.action = Action::FollowUp;
                s.reasons.push_back(
                    {"follow_up",
                     fmt::format("your {} of {} got no reply by {}", ch.noun,
                                 format_local(last_out->at, TimeStyle::Short),
                                 format_local(*states[idx].reply_due, TimeStyle::Short)),
                     policy.weight("follow_up")});
            }
        }
        const auto with_org = in.history.with_org.find(ch.name);
        const auto overall = in.history.overall.find(ch.name);
        const ChannelRecord* rec = nullptr;
        std::string whose;
        if (with_org != in.history.with_org.end() &&
            with_org->second.attempts >= policy.history_min_attempts()) {
            rec = &with_org->second;
            whose = "with " + org_name;
        } else if (overall != in.history.overall.end() &&
                   overall->second.attempts >= policy.history_min_attempts()) {
            rec = &overall->second;
            whose = "overall";
        }
        if (rec != nullptr) {
            s.reasons.push_back({"reply_rate",
                                 fmt::format("{} of {} attempts {} got a reply", rec->replies,
                                             rec->attempts, whose),
                                 policy.weight("reply_rate") * rec->reply_rate()});
            if (rec->median_reply_s && *rec->median_reply_s <= policy.fast_reply_s()) {
                s.reasons.push_back({"fast_reply",
                                     fmt::format("median reply {} {}",
                                                 format_duration(*rec->median_reply_s), whose),
                                     policy.weight("fast_reply")});
            }
        }
        if (ch.sync == Sync::Synchronous && last_any && now < *last_any + ch.cooldown_s) {
            s.not_before = *last_any + ch.cooldown_s;
            s.reasons.push_back(
                {"cooldown",
                 fmt::format("last {} {}; leave {} between them", ch.noun,
                             format_relative(*last_any, now), format_duration(ch.cooldown_s)),
                 -policy.weight("cooldown")});
        }
        s.reasons.insert(s.reasons.end(), clock_reasons.begin(), clock_reasons.end());
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace escalate::engine_detail
