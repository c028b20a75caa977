// The agenda (SPEC 4.7): every open case's best suggestion. Cases to act on now come first, most
// urgent first; then cases that are only waiting, soonest end of the wait first; then cases
// that look resolved and only need closing.
#include <algorithm>

#include "escalate/engine.hpp"

namespace escalate {

namespace {

// 0: act now, 1: waiting, 2: only needs closing.
int group(const Suggestion& s, Timestamp now) {
    if (s.action == Action::Close) {
        return 2;
    }
    return s.action == Action::Wait || s.not_before > now ? 1 : 0;
}

} // namespace

std::vector<AgendaItem> agenda(const std::vector<AgendaCase>& cases, const Policy& policy,
                               Timestamp now) {
    const Org no_directory;
    const ChannelHistory no_history;
    const AgendaWeights& w = policy.agenda_weights();
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
        Advice advice = advise(in);
        if (advice.suggestions.empty()) {
            continue;
        }
        AgendaItem item{&f, std::move(advice.suggestions.front()), std::nullopt, 0};
        for (auto& s : advice.suggestions) {
            if (s.parallel) {
                item.parallel = std::move(s);
                break;
            }
        }
        for (const auto& p : f.promises) {
            item.urgency += is_overdue(f, p, policy, now) ? w.overdue_promise : 0;
        }
        for (const auto& s : contact_states(f, policy, now)) {
            item.urgency += s.ignored ? w.ignored : 0;
        }
        const Timestamp last = f.contacts.empty() ? f.kase.opened_at : f.contacts.back().at;
        const double idle_days = static_cast<double>(now - last) / 86400.0;
        item.urgency += w.per_day_actionable * std::max(0.0, idle_days);
        item.urgency += w.per_day_open * static_cast<double>(now - f.kase.opened_at) / 86400.0;
        items.push_back(std::move(item));
    }
    std::stable_sort(items.begin(), items.end(), [now](const AgendaItem& a, const AgendaItem& b) {
        const int ga = group(a.suggestion, now);
        const int gb = group(b.suggestion, now);
        if (ga != gb) {
            return ga < gb;
        }
        if (ga == 1) {
            return a.suggestion.not_before < b.suggestion.not_before;
        }
        return a.urgency > b.urgency;
    });
    return items;
}

} // namespace escalate
