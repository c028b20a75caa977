// Deadline clocks (SPEC 4.8): spans from the policy, measured from the case's opening or its
// incident date, and a reply clock for each awaited answer.
#include <algorithm>

#include "escalate/engine.hpp"
#include "internal.hpp"

namespace escalate {

std::string_view to_string(ClockState s) {
    switch (s) {
    case ClockState::Running:
        return "running";
    case ClockState::Warning:
        return "warning";
    case ClockState::Expired:
        return "expired";
    }
    return "running";
}

namespace {

DeadlineClock make_clock(std::string name, std::string label, Timestamp start, Timestamp end,
                         double warn_at, ClockEffect effect, std::string channel, Timestamp now) {
    DeadlineClock c{std::move(name), std::move(label),    start,  end,
                    end - now,       ClockState::Running, effect, std::move(channel)};
    const auto warn = start + static_cast<Seconds>(warn_at * static_cast<double>(end - start));
    c.state = now >= end    ? ClockState::Expired
              : now >= warn ? ClockState::Warning
                            : ClockState::Running;
    return c;
}

} // namespace

std::vector<DeadlineClock> deadline_clocks(const CaseFile& file, const Policy& policy,
                                           Timestamp now) {
    return engine_detail::deadline_clocks(file, policy, now, contact_states(file, policy, now));
}

std::vector<DeadlineClock> engine_detail::deadline_clocks(const CaseFile& file,
                                                          const Policy& policy, Timestamp now,
                                                          const std::vector<ContactState>& states) {
    std::vector<DeadlineClock> clocks;
    const Case& k = file.kase;
    if (k.status != CaseStatus::Open) {
        return clocks;
    }
    for (const auto& p : policy.clocks()) {
        const std::optional<Timestamp> start =
            p.from == ClockStart::Opened ? std::optional(k.opened_at) : k.incident_at;
        if (!start) {
            continue;
        }
        if (!p.paid_by.empty() && (!k.paid_by || std::find(p.paid_by.begin(), p.paid_by.end(),
                                                           *k.paid_by) == p.paid_by.end())) {
            continue;
        }
        const Timestamp end = add_local_days(*start, static_cast<int>(p.days));
        clocks.push_back(
            make_clock(p.name, p.label, *start, end, p.warn_at, p.effect, p.channel, now));
    }
    for (std::size_t i = 0; i < file.contacts.size(); ++i) {
        if (states[i].awaiting_reply && states[i].reply_due) {
            const Contact& c = file.contacts[i];
            clocks.push_back(make_clock("reply_due",
                                        policy.reply_clock_label() + " (" + c.channel + ")", c.at,
                                        *states[i].reply_due, policy.reply_clock_warn_at(),
                                        ClockEffect::Closes, c.channel, now));
        }
    }
    std::stable_sort(clocks.begin(), clocks.end(),
                     [](const auto& a, const auto& b) { return a.ends_at < b.ends_at; });
    return clocks;
}

} // namespace escalate
