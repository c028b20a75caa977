// advise(): the ranked suggestions for one case (SPEC 4.1 to 4.6 and the clock lever of 4.8).
// Every score is the sum of its reasons' weights, and every weight comes from the policy.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate {

using namespace engine_detail;

std::string_view to_string(Action a) {
    switch (a) {
    case Action::Wait:
        return "wait";
    case Action::Contact:
        return "contact";
    case Action::FollowUp:
        return "follow-up";
    case Action::Close:
        return "close";
    }
    return "wait";
}

namespace {

const Contact* find_contact(const CaseFile& file, std::int64_t id) {
    for (const auto& c : file.contacts) {
        if (c.id == id) {
            return &c;
        }
    }
    return nullptr;
}

double total(const std::vector<Reason>& reasons) {
    double s = 0;
    for (const auto& r : reasons) {
        s += r.weight;
    }
    return s;
}

// What the case's log says about why the ladder points where it does, in words.
std::string has_have(const std::string& evidence) {
    return evidence.starts_with("1 ") && evidence.find(" and ") == std::string::npos ? "has"
                                                                                     : "have";
}

Suggestion wait_for_promise(const EngineInput& in, const Promise& p, const Contact* made_on) {
    const Policy& policy = in.policy;
    Suggestion s;
    s.action = Action::Wait;
    s.not_before = p.due + policy.promise_grace_s();
    const std::string who = made_on && made_on->agent
                                ? fmt::format("{} at {}", *made_on->agent, in.file.kase.org)
                                : in.file.kase.org;
    s.summary = fmt::format("Wait until {} for the promise {} made: \"{}\"",
                            format_local(s.not_before), who, p.text);
    s.reasons.push_back(
        {"promise",
         fmt::format("promise {} is due {}, plus {} grace", p.id, format_local(p.due),
                     format_duration(policy.promise_grace_s())),
         policy.weight("wait")});
    return s;
}

Suggestion wait_for_reply(const EngineInput& in, const Contact& c, Timestamp due) {
    const ChannelPolicy* ch = in.policy.find_channel(c.channel);
    const std::string noun = ch ? ch->noun : c.channel;
    Suggestion s;
    s.action = Action::Wait;
    s.not_before = due;
    s.summary = fmt::format("Wait until {} for {}'s reply to your {} of {}", format_local(due),
                            in.file.kase.org, noun, format_local(c.at, TimeStyle::Short));
    s.reasons.push_back(
        {"response_window",
         fmt::format("a {} is answered within {} {}", noun, ch ? format_weight(ch->window) : "?",
                     ch && ch->window_unit == WindowUnit::BusinessDays
                         ? "business days"
                         : (ch && ch->window_unit == WindowUnit::Hours ? "hours" : "days")),
         in.policy.weight("wait")});
    return s;
}

} // namespace

Advice advise(const EngineInput& in) {
    Advice advice;
    const CaseFile& file = in.file;
    const Policy& policy = in.policy;
    const Timestamp now = in.now;
    if (file.kase.status != CaseStatus::Open) {
        advice.rules.push_back(
            {"closed case", true,
             fmt::format("the case is {}: nothing to suggest", to_string(file.kase.status))});
        return advice;
    }
    const auto states = contact_states(file, policy, now);
    advice.clocks = engine_detail::deadline_clocks(file, policy, now, states);
    const Ladder ladder = climb(file, states, policy, now);
    advice.rung = ladder.rung;
    advice.target_tier = ladder.target;
    if (in.detail == Detail::Full) {
        explain_ladder(ladder, policy, file, advice);
    }
    const std::string& org_name = file.kase.org;

    // 6. They say it is resolved: suggest closing, and nothing else.
    const auto last_in =
        std::find_if(file.contacts.rbegin(), file.contacts.rend(),
                     [](const Contact& c) { return c.direction == Direction::In; });
    const bool resolved = last_in != file.contacts.rend() && last_in->outcome == Outcome::Resolved;
    advice.rules.push_back({"close: they say it is resolved", resolved,
                            resolved ? fmt::format("their {} of {} says resolved", last_in->channel,
                                                   format_local(last_in->at))
                                     : "their latest contact does not say resolved"});
    if (resolved) {
        Suggestion s;
        s.action = Action::Close;
        s.not_before = now;
        s.summary =
            fmt::format("Close the case if it is fixed: {} said it is resolved on {} "
                        "(escalate close {} --resolved)",
                        org_name, format_local(last_in->at, TimeStyle::Short), file.kase.id);
        s.reasons.push_back({"resolved",
                             fmt::format("their {} of {} has the outcome resolved",
                                         last_in->channel, format_local(last_in->at)),
                             policy.weight("close")});
        s.score = total(s.reasons);
        advice.suggestions.push_back(std::move(s));
        return advice;
    }

    std::vector<Suggestion> out;
    // 1. Promises first: wait for one that is not yet due, unless this tier has broken enough.
    bool waiting_on_promise = false;
    std::string promise_detail = "no pending promise";
    for (const auto& p : file.promises) {
        if (p.status != PromiseStatus::Pending || is_overdue(p, policy, now)) {
            continue;
        }
        const Contact* made_on = find_contact(file, p.contact_id);
        const int tier = made_on ? policy.tier_of(made_on->channel) : 1;
        const int broken = ladder.broken[static_cast<std::size_t>(tier)];
        if (broken >= policy.distrust_after_broken()) {
            promise_detail =
                fmt::format("promise {} is pending, but {} earlier promises at tier {} "
                            "were broken (no wait after {})",
                            p.id, broken, tier, policy.distrust_after_broken());
            continue;
        }
        waiting_on_promise = true;
        promise_detail =
            fmt::format("promise {} (\"{}\") is due {}", p.id, p.text, format_local(p.due));
        out.push_back(wait_for_promise(in, p, made_on));
    }
    advice.rules.push_back({"wait: a promise is pending", waiting_on_promise, promise_detail});

    // 2. Response windows: wait for an answer on an asynchronous channel.
    bool waiting_on_reply = false;
    for (std::size_t i = 0; i < file.contacts.size(); ++i) {
        if (states[i].awaiting_reply) {
            waiting_on_reply = true;
            out.push_back(wait_for_reply(in, file.contacts[i], *states[i].reply_due));
        }
    }
    advice.rules.push_back({"wait: a reply is due", waiting_on_reply,
                            waiting_on_reply ? "an asynchronous contact is inside its window"
                                             : "no contact is awaiting a reply"});

    // 3 and 4. A suggestion per channel the org offers, from the floor to the cap; channels a
    // clock acts on join whatever their tier.
    auto candidates = channel_candidates(in, ladder, states, advice.clocks);
    out.insert(out.end(), std::make_move_iterator(candidates.begin()),
               std::make_move_iterator(candidates.end()));
    const std::string ev = evidence(file, ladder, policy, now);
    for (auto& s : out) {
        s.score = total(s.reasons);
    }
    std::stable_sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
        return a.score != b.score ? a.score > b.score : a.not_before < b.not_before;
    });
    // Words last, and only for the suggestions that will be read.
    const std::size_t worded =
        in.detail == Detail::Full ? out.size() : std::min<std::size_t>(1, out.size());
    for (std::size_t i = 0; i < worded; ++i) {
        Suggestion& s = out[i];
        if (!s.channel) {
            continue;
        }
        const ChannelPolicy& ch = policy.channel(*s.channel);
        std::string summary = imperative(ch, in.org, org_name);
        if (s.action == Action::FollowUp) {
            summary = fmt::format("Follow up: {}", summary);
        }
        // A channel only a closing clock brought in says why, not what the ladder says.
        if (ch.tier < ladder.floor || ch.tier > ladder.cap) {
            const auto clock =
                std::find_if(s.reasons.begin(), s.reasons.end(),
                             [](const Reason& r) { return r.factor == "clock_closing"; });
            summary += ": " + clock->detail;
        } else if (!ev.empty()) {
            summary += fmt::format(": {} {} not worked", ev, has_have(ev));
        } else if (file.kase.want) {
            summary += fmt::format(" and ask for: {}", *file.kase.want);
        }
        if (s.not_before > now) {
            summary +=
                fmt::format(" (not before {})", format_local(s.not_before, TimeStyle::Short));
        }
        s.summary = summary;
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool wanted = in.drafts == Drafts::All || (in.drafts == Drafts::Top && i == 0);
        if (wanted && out[i].channel) {
            out[i].draft = draft_message(in, *out[i].channel);
        }
    }
    advice.suggestions = std::move(out);
    return advice;
}

} // namespace escalate
