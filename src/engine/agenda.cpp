// The agenda (SPEC 4.7): every open case's best suggestion, and where the case stands among
// the others. A case log stores each case's place (the state row, docs/performance.md) and
// keeps it until the moment the advice can change by time alone: agenda_place says when.
#include <algorithm>
#include <cmath>

#include "escalate/engine.hpp"

namespace escalate {

namespace {

// The moments after now at which the advice can change with nothing written: every time the
// engine compares with the present. Kept conservative: a moment too many only recomputes a case
// early.
class Moments {
public:
    explicit Moments(Timestamp now) : now_(now) {}
    void add(Timestamp t) {
        if (t > now_ && (!next_ || t < *next_)) {
            next_ = t;
        }
    }
    [[nodiscard]] std::optional<Timestamp> next() const { return next_; }

private:
    Timestamp now_;
    std::optional<Timestamp> next_;
};

// When the countdown in "closes in 9 days 3 h" next reads differently (format_duration's steps:
// seconds under a minute, minutes under two days, hours beyond).
Timestamp countdown_changes(Timestamp ends_at, Timestamp now) {
    const Seconds left = ends_at - now;
    if (left < 60) {
        return now + 1;
    }
    if (left < 49 * 3600) {
        return now + (left + 30) % 60 + 1;
    }
    return now + (left + 1800) % 3600 + 1;
}

// The start of the local day on which the case has been open `days` calendar days.
Timestamp day_of_age(Timestamp opened_at, int days) {
    const LocalTime d = to_local(opened_at);
    return add_local_days(from_local(d.year, d.month, d.day, 0, 0, 0), days);
}

std::optional<Timestamp> next_change(const CaseFile& f, const Advice& advice, const Policy& policy,
                                     Timestamp now) {
    Moments m(now);
    for (const auto& p : f.promises) {
        if (p.status == PromiseStatus::Pending) {
            for (const Timestamp t : {p.due, p.due + 1, p.due + policy.promise_grace_s(),
                                      p.due + policy.promise_grace_s() + 1}) {
                m.add(t);
            }
        }
    }
    for (const auto& s : contact_states(f, policy, now)) {
        if (s.reply_due) {
            m.add(*s.reply_due);
        }
    }
    for (const auto& c : f.contacts) {
        m.add(c.at);
        if (const ChannelPolicy* ch = policy.find_channel(c.channel)) {
            m.add(c.at + ch->cooldown_s);
        }
    }
    for (const auto& c : advice.clocks) {
        m.add(c.starts_at);
        m.add(c.warns_at);
        m.add(c.ends_at);
        if (c.state == ClockState::Warning) {
            m.add(countdown_changes(c.ends_at, now));
        }
    }
    for (const auto& s : advice.suggestions) {
        m.add(s.not_before);
    }
    for (int t = 1; t <= policy.tier_count(); ++t) {
        const double days = policy.tier(t).enter_after_days;
        if (days > 0 && days < 100000) {
            m.add(day_of_age(f.kase.opened_at, static_cast<int>(std::ceil(days))));
        }
    }
    return m.next();
}

// How pressing an actionable case is (policy agenda weights), without the present: the terms
// that grow with time grow alike for every case, so the order by this key is the order by
// urgency at any moment. Higher is more urgent.
double urgency_key(const CaseFile& f, const Policy& policy, Timestamp now) {
    const AgendaWeights& w = policy.agenda_weights();
    double key = 0;
    for (const auto& p : f.promises) {
        key += is_overdue(f, p, policy, now) ? w.overdue_promise : 0;
    }
    for (const auto& s : contact_states(f, policy, now)) {
        key += s.ignored ? w.ignored : 0;
    }
    const Timestamp last =
        std::min(now, f.contacts.empty() ? f.kase.opened_at : f.contacts.back().at);
    key -= w.per_day_actionable * static_cast<double>(last) / 86400.0;
    key -= w.per_day_open * static_cast<double>(f.kase.opened_at) / 86400.0;
    return key;
}

} // namespace

AgendaPlace agenda_place(const CaseFile& f, const Advice& advice, const Policy& policy,
                         Timestamp now) {
    AgendaPlace place;
    place.recheck_at = next_change(f, advice, policy, now);
    if (advice.suggestions.empty()) {
        return place;
    }
    const Suggestion& top = advice.suggestions.front();
    // The soonest any of the ranked suggestions can be taken: the person's history ranks the
    // channels, but never changes which of them the rule allows, nor when.
    std::optional<Timestamp> soonest;
    for (const auto& s : advice.suggestions) {
        if (!s.parallel && (!soonest || s.not_before < *soonest)) {
            soonest = s.not_before;
        }
    }
    if (top.action == Action::Close) {
        place.group = 2;
    } else if (top.action == Action::Wait || soonest.value_or(now) > now) {
        place.group = 1;
        place.rank = static_cast<double>(top.action == Action::Wait ? top.not_before : *soonest);
        return place;
    }
    place.rank = -urgency_key(f, policy, now);
    return place;
}

std::optional<AgendaItem> agenda_item(const CaseFile& file, Advice advice, const Policy& policy,
                                      Timestamp now) {
    if (advice.suggestions.empty()) {
        return std::nullopt;
    }
    AgendaItem item{&file, advice.suggestions.front(), std::nullopt,
                    agenda_place(file, advice, policy, now)};
    for (auto& s : advice.suggestions) {
        if (s.parallel) {
            item.parallel = std::move(s);
            break;
        }
    }
    return item;
}

std::vector<AgendaItem> agenda(const std::vector<AgendaCase>& cases, const Policy& policy,
                               Timestamp now) {
    const Org no_directory;
    const ChannelHistory no_history;
    std::vector<AgendaItem> items;
    items.reserve(cases.size());
    for (const auto& c : cases) {
        const CaseFile& f = *c.file;
        const EngineInput in{f,
                             c.org ? *c.org : no_directory,
                             c.history ? *c.history : no_history,
                             policy,
                             now,
                             Drafts::None,
                             Detail::TopOnly};
        if (auto item = agenda_item(f, advise(in), policy, now)) {
            items.push_back(std::move(*item));
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const AgendaItem& a, const AgendaItem& b) {
        return before(a.place, b.place);
    });
    return items;
}

} // namespace escalate
