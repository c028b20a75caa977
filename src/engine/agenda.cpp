// The agenda (SPEC 4.7): every open case's best suggestion, most urgent first.
#include <algorithm>

#include "escalate/engine.hpp"

namespace escalate {

std::vector<AgendaItem> agenda(const std::vector<CaseFile>& open_cases,
                               const std::map<std::string, Org>& orgs,
                               const ChannelRecords& overall, const Policy& policy, Timestamp now) {
    // The person's record with each org, from the cases at hand.
    std::map<std::string, std::vector<const CaseFile*>> by_org;
    for (const auto& f : open_cases) {
        by_org[f.kase.org].push_back(&f);
    }
    std::map<std::string, ChannelHistory> histories;
    for (const auto& [org, files] : by_org) {
        histories[org] = ChannelHistory{channel_records(files, policy, now), overall};
    }
    const Org no_directory;
    std::vector<AgendaItem> items;
    items.reserve(open_cases.size());
    for (const auto& f : open_cases) {
        const auto org = orgs.find(f.kase.org);
        const EngineInput in{f,
                             org == orgs.end() ? no_directory : org->second,
                             histories[f.kase.org],
                             policy,
                             now,
                             Drafts::None,
                             Detail::TopOnly};
        Advice advice = advise(in);
        if (advice.suggestions.empty()) {
            continue;
        }
        AgendaItem item{&f, std::move(advice.suggestions.front()), 0};
        for (const auto& p : f.promises) {
            item.urgency +=
                is_overdue(p, policy, now) ? policy.agenda_weight("overdue_promise") : 0;
        }
        for (const auto& s : contact_states(f, policy, now)) {
            item.urgency += s.ignored ? policy.agenda_weight("ignored") : 0;
        }
        const Timestamp last = f.contacts.empty() ? f.kase.opened_at : f.contacts.back().at;
        const double idle_days = static_cast<double>(now - last) / 86400.0;
        item.urgency += policy.agenda_weight("per_day_actionable") * std::max(0.0, idle_days);
        item.urgency += policy.agenda_weight("per_day_open") *
                        static_cast<double>(now - f.kase.opened_at) / 86400.0;
        items.push_back(std::move(item));
    }
    // Cases that can be acted on now come first, most urgent first; cases that are only
    // waiting come after, soonest end of the wait first.
    std::stable_sort(items.begin(), items.end(), [now](const AgendaItem& a, const AgendaItem& b) {
        const bool a_wait = a.suggestion.action == Action::Wait || a.suggestion.not_before > now;
        const bool b_wait = b.suggestion.action == Action::Wait || b.suggestion.not_before > now;
        if (a_wait != b_wait) {
            return !a_wait;
        }
        if (a_wait) {
            return a.suggestion.not_before < b.suggestion.not_before;
        }
        return a.urgency > b.urgency;
    });
    return items;
}

} // namespace escalate
