// advise(): the rules of docs/engine.md in their fixed order. Each rule is a small function that
// looks at the facts of the case and either decides (with the suggestions it allows) or says
// why it does not apply. The first rule that decides wins; weights rank only within it.
#include <algorithm>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate {

using namespace engine_detail;

namespace {

struct Verdict {
    bool fired = false;
    std::string detail;
    std::vector<Suggestion> suggestions;
};

struct Rule {
    std::string_view name; // as --explain and docs/engine.md name it
    Verdict (*decide)(const CaseFacts&);
};

Verdict not_fired(std::string detail) {
    return {false, std::move(detail), {}};
}

Suggestion with_rule(Suggestion s, std::string_view rule) {
    s.rule = std::string(rule);
    return s;
}

std::string when_words(const Contact& c) {
    return format_local(c.at, TimeStyle::Short);
}

// A failure on the ladder as a reason tells it: the outcome in words, not the policy's term.
std::string failure_words(const CaseFacts& f, const Ladder::Item& item) {
    const Contact& c = *item.contact;
    const std::string date = format_local(c.at, TimeStyle::Date);
    if (item.term == "broken-promise") {
        return fmt::format("a promise made on {} was broken", date);
    }
    const std::string whose = c.direction == Direction::Out ? "your" : "their";
    if (item.term == "ignored") {
        return fmt::format("{} {} of {} went unanswered", whose, f.noun(c.channel), date);
    }
    std::string words = c.outcome ? outcome_words(*c.outcome) : item.term;
    if (item.term == "partial-repeated") {
        words += " again";
    }
    return fmt::format("{} {} of {}: {}", whose, f.noun(c.channel), date, words);
}

// 1. The newest contact that says something, in either direction, says the problem is fixed.
Verdict resolved(const CaseFacts& f) {
    const Contact* c = f.last_substantive;
    if (c == nullptr || c->outcome != Outcome::Resolved) {
        return not_fired("the newest contact that says something does not say resolved");
    }
    const std::string whose = c->direction == Direction::In ? "their" : "your";
    Suggestion s;
    s.action = Action::Close;
    s.not_before = f.now();
    s.summary = fmt::format("Close the case if it is fixed: {} {} of {} says it is resolved "
                            "(escalate close {} --resolved)",
                            whose, f.noun(c->channel), when_words(*c), f.file().kase.id);
    s.reasons.push_back({"resolved",
                         fmt::format("{} {} of {} has the outcome resolved", whose, c->channel,
                                     format_local(c->at)),
                         f.policy().weights().close});
    return {true, s.reasons.back().detail, {with_rule(std::move(s), "resolved")}};
}

// 2. They asked the person to do something (call back, write in): do it, now, on the channel
// they named (org --requires) or used. Their own contact starts no cool-down.
Verdict they_asked(const CaseFacts& f) {
    const Contact* c = f.last_substantive;
    if (c == nullptr || c->direction != Direction::In || c->outcome != Outcome::Asked) {
        return not_fired("their newest contact does not ask you to do something");
    }
    const Org& org = f.in.org;
    const ChannelPolicy* ch =
        f.policy().find_channel(org.requires_channel ? *org.requires_channel : c->channel);
    if (ch == nullptr || !allowed(f, *ch).ok) {
        return not_fired(fmt::format("they asked on {} of {}, but that channel is not open to you",
                                     c->channel, when_words(*c)));
    }
    Suggestion s = contact_on(f, *ch, {});
    s.reasons.push_back(
        {"asked",
         fmt::format("as they asked in their {} of {}{}", f.noun(c->channel), when_words(*c),
                     c->note ? fmt::format(" (\"{}\")", *c->note) : ""),
         f.policy().weights().asked});
    if (org.requires_channel) {
        s.reasons.push_back({"required", fmt::format("{} only accepts a {}", org.name, ch->noun),
                             f.policy().weights().required});
    }
    return {true, s.reasons.front().detail, {with_rule(std::move(s), "they asked")}};
}

// 3. An outside complaint is already filed and something new has gone wrong since: add it to
// that complaint rather than filing again or going back down the ladder.
Verdict follow_up_filed(const CaseFacts& f) {
    const Contact* filed = f.filed;
    if (filed == nullptr) {
        return not_fired("no complaint filed with a regulator or ombudsman");
    }
    std::vector<const Ladder::Item*> since;
    for (const auto& item : f.ladder.items) {
        if (item.at > filed->at && item.at <= f.now() && item.contact->channel != filed->channel) {
            since.push_back(&item);
        }
    }
    if (since.empty()) {
        return not_fired(fmt::format("your {} of {} is filed; nothing new has failed since",
                                     f.noun(filed->channel), when_words(*filed)));
    }
    const ChannelPolicy& ch = f.policy().channel(filed->channel);
    if (!allowed(f, ch).ok && !f.route.exists) {
        return not_fired("the regulator route is closed under this regime");
    }
    Suggestion s = contact_on(f, ch, {});
    s.action = Action::FollowUp;
    const Ladder::Item& news = *since.back();
    const std::string what = failure_words(f, news);
    s.reasons.push_back(
        {"follow_up_filed",
         fmt::format("your {} of {} is open, and since then {}", f.noun(filed->channel),
                     format_local(filed->at, TimeStyle::Date), what),
         f.policy().weights().follow_up_filed});
    return {true, s.reasons.front().detail, {with_rule(std::move(s), "follow up the complaint")}};
}

Suggestion wait_for_promise(const CaseFacts& f, const Promise& p) {
    const Contact* made_on = f.contact(p.contact_id);
    Suggestion s;
    s.action = Action::Wait;
    s.tier = made_on ? f.policy().tier_of(made_on->channel) : 1;
    s.not_before = p.due + f.policy().promise_grace_s();
    const std::string& org = f.file().kase.org;
    const std::string who =
        made_on && made_on->agent ? fmt::format("{} at {}", *made_on->agent, org) : org;
    s.summary = fmt::format("Wait until {} for the promise {} made: \"{}\"",
                            format_local(s.not_before), who, p.text);
    s.reasons.push_back(
        {"promise",
         fmt::format("promise {} is due {}, plus {} grace", p.id, format_local(p.due),
                     format_duration(f.policy().promise_grace_s())),
         f.policy().weights().wait});
    return s;
}

Suggestion wait_for_reply(const CaseFacts& f, const Contact& c, Timestamp due) {
    const ChannelPolicy* ch = f.policy().find_channel(c.channel);
    Suggestion s;
    s.action = Action::Wait;
    s.tier = ch ? ch->tier : 1;
    s.not_before = due;
    // An outside body (a card issuer, a regulator) answers for itself, not for the org.
    const bool outside = ch && ch->tier == f.ladder.top;
    s.summary =
        outside ? fmt::format("Wait until {} for the answer to your {} of {}", format_local(due),
                              f.noun(c.channel), when_words(c))
                : fmt::format("Wait until {} for {}'s reply to your {} of {}", format_local(due),
                              f.file().kase.org, f.noun(c.channel), when_words(c));
    const bool regulator = ch && ch->directory == "regulator" && f.regime.respond_days;
    s.reasons.push_back(
        {"response_window",
         regulator ? fmt::format("the company has {} days to answer {}",
                                 format_weight(*f.regime.respond_days), f.route.body)
         : ch      ? fmt::format("a {} is answered within {}", ch->noun, window_words(*ch))
                   : "a reply is due",
         f.policy().weights().wait});
    return s;
}

// 4. A pending promise or an awaited reply: wait, highest tier first. A closing clock in its
// warning span is never hidden: it comes as a parallel suggestion.
Verdict wait(const CaseFacts& f) {
    std::vector<Suggestion> waits;
    std::vector<std::string> skipped;
    for (const auto& p : f.file().promises) {
        if (p.status != PromiseStatus::Pending || is_overdue(f.file(), p, f.policy(), f.now())) {
            continue;
        }
        const Contact* made_on = f.contact(p.contact_id);
        const int tier = made_on ? f.policy().tier_of(made_on->channel) : 1;
        const int broken = f.ladder.broken[static_cast<std::size_t>(tier)];
        if (broken >= f.policy().distrust_after_broken()) {
            skipped.push_back(fmt::format("promise {} is pending, but {} earlier promises at "
                                          "tier {} were broken",
                                          p.id, broken, tier));
            continue;
        }
        waits.push_back(with_rule(wait_for_promise(f, p), "wait"));
    }
    for (std::size_t i = 0; i < f.file().contacts.size(); ++i) {
        if (f.states[i].awaiting_reply) {
            waits.push_back(
                with_rule(wait_for_reply(f, f.file().contacts[i], *f.states[i].reply_due), "wait"));
        }
    }
    if (waits.empty()) {
        return not_fired(skipped.empty() ? "no pending promise and no reply due"
                                         : join_words(skipped));
    }
    std::stable_sort(waits.begin(), waits.end(), [](const Suggestion& a, const Suggestion& b) {
        return a.tier != b.tier ? a.tier > b.tier : a.not_before < b.not_before;
    });
    Verdict v{true, waits.front().reasons.front().detail, std::move(waits)};
    for (auto& lever : clock_levers(f)) {
        v.detail += "; beside it: " + lever.reasons.front().detail;
        v.suggestions.insert(v.suggestions.begin() + 1, std::move(lever));
    }
    return v;
}

// 5. The ladder points outside, but the regime's regulator cannot take the case yet: warn the
// company in writing, naming the date.
Verdict warn(const CaseFacts& f) {
    const Route& r = f.route;
    if (!r.exists || r.open || !r.opens_at || f.ladder.target < f.ladder.top) {
        return not_fired(!r.exists                        ? "no regulator under this regime"
                         : r.open                         ? r.body + " can take it now"
                         : f.ladder.target < f.ladder.top ? "the ladder does not point outside yet"
                                                          : r.why);
    }
    // The highest written channel below the outside tier that the rules allow.
    const ChannelPolicy* best = nullptr;
    for (const auto& ch : f.policy().channels()) {
        if (ch.written && ch.tier < f.ladder.top && allowed(f, ch).ok &&
            (best == nullptr || ch.tier > best->tier)) {
            best = &ch;
        }
    }
    if (best == nullptr) {
        return not_fired("no written channel to warn them on");
    }
    Suggestion s = contact_on(f, *best, {});
    const std::string date = format_local(*r.opens_at, TimeStyle::Date);
    s.summary = fmt::format("{}: say that if it is not resolved by {} you will refer it to {}",
                            imperative(f, *best), date, r.body);
    s.reasons.push_back({"warn", r.why + fmt::format(" (on {})", date), f.policy().weights().warn});
    return {true, s.reasons.front().detail, {with_rule(std::move(s), "warn")}};
}

double total(const std::vector<Reason>& reasons) {
    double s = 0;
    for (const auto& r : reasons) {
        s += r.weight;
    }
    return s;
}

// 6. The ladder: every channel the rules allow, ranked by its terms.
Verdict ladder(const CaseFacts& f) {
    auto out = channel_candidates(f);
    for (auto& s : out) {
        s.score = total(s.reasons);
    }
    std::stable_sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
        return a.score != b.score ? a.score > b.score : a.not_before < b.not_before;
    });
    if (out.empty()) {
        return not_fired("no channel is open to you");
    }
    return {true, fmt::format("the ladder points to tier {}", f.ladder.target), std::move(out)};
}

constexpr Rule rules[] = {
    {"resolved", resolved},
    {"they asked", they_asked},
    {"follow up the complaint", follow_up_filed},
    {"wait", wait},
    {"warn", warn},
    {"ladder", ladder},
};

} // namespace

Advice advise(const EngineInput& in) {
    Advice advice;
    const CaseFile& file = in.file;
    if (file.kase.status != CaseStatus::Open) {
        advice.decided_by = "closed";
        advice.rules.push_back(
            {"closed", true,
             fmt::format("the case is {}: nothing to suggest", to_string(file.kase.status))});
        return advice;
    }
    const CaseFacts f = gather_facts(in);
    advice.clocks = f.clocks;
    advice.rung = f.ladder.rung;
    advice.target_tier = f.ladder.target;
    advice.regime = f.regime.name;
    const bool full = in.detail == Detail::Full;
    if (full) {
        advice.rules.push_back({"closed", false, "the case is open"});
        explain_ladder(f.ladder, in.policy, file, advice);
    }
    for (const Rule& rule : rules) {
        Verdict v = rule.decide(f);
        if (full) {
            advice.rules.push_back({std::string(rule.name), v.fired, v.detail});
        }
        if (!v.fired) {
            continue;
        }
        advice.decided_by = std::string(rule.name);
        advice.suggestions = std::move(v.suggestions);
        break;
    }
    // The ladder's channels follow a decision by an earlier rule, as alternatives.
    if (full && advice.decided_by != "ladder" && advice.decided_by != "resolved") {
        Verdict more = ladder(f);
        for (auto& s : more.suggestions) {
            const bool same = std::any_of(
                advice.suggestions.begin(), advice.suggestions.end(), [&](const Suggestion& t) {
                    return t.channel == s.channel && t.action != Action::Wait;
                });
            if (!same) {
                advice.suggestions.push_back(std::move(s));
            }
        }
    }
    for (auto& s : advice.suggestions) {
        if (s.score == 0) {
            s.score = total(s.reasons);
        }
    }
    word_suggestions(f, advice.suggestions);
    return advice;
}

} // namespace escalate
