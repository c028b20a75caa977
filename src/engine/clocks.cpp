// Deadline clocks (SPEC 4.8): the clocks of the case's regime (spans from the policy, measured
// from the case's opening, its incident date, the first complaint or a contact), the day its
// regulator's route opens, and a reply clock for each awaited answer.
#include <algorithm>

#include <fmt/format.h>

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

namespace engine_detail {

namespace {

DeadlineClock make_clock(std::string name, std::string label, Timestamp start, Timestamp end,
                         double warn_at, ClockEffect effect, std::string channel, Timestamp now) {
    DeadlineClock c{std::move(name), std::move(label),   start, end, end - now, ClockState::Running,
                    effect,          std::move(channel), {}};
    const auto warn = start + static_cast<Seconds>(warn_at * static_cast<double>(end - start));
    c.warns_at = warn;
    c.state = now >= end    ? ClockState::Expired
              : now >= warn ? ClockState::Warning
                            : ClockState::Running;
    return c;
}

std::optional<Timestamp> clock_start(const CaseFacts& f, const ClockPolicy& p) {
    const Case& k = f.file().kase;
    switch (p.from) {
    case ClockStart::Opened:
        return k.opened_at;
    case ClockStart::Incident:
        return k.incident_at;
    case ClockStart::FirstComplaint:
        return f.first_complaint;
    case ClockStart::FirstWritten:
        return f.first_written;
    case ClockStart::Contact:
        for (const auto& c : f.file().contacts) {
            if (c.direction == Direction::Out &&
                f.policy().find_channel(c.channel) == f.policy().find_channel(p.on)) {
                return c.at;
            }
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// A closing clock has done its job once the person acted on its channel after it started.
bool acted_on(const CaseFacts& f, const std::string& channel, Timestamp since) {
    return std::any_of(f.file().contacts.begin(), f.file().contacts.end(), [&](const Contact& c) {
        return c.direction == Direction::Out && c.channel == channel && c.at >= since;
    });
}

} // namespace

std::vector<DeadlineClock> case_clocks(const CaseFacts& f) {
    std::vector<DeadlineClock> clocks;
    const Case& k = f.file().kase;
    const Policy& policy = f.policy();
    const Timestamp now = f.now();
    if (k.status != CaseStatus::Open) {
        return clocks;
    }
    for (const auto& name : f.regime.clocks) {
        const ClockPolicy* p = policy.find_clock(name);
        if (p == nullptr) {
            continue;
        }
        const auto start = clock_start(f, *p);
        if (!start) {
            continue;
        }
        if (!p->paid_by.empty() && (!k.paid_by || std::find(p->paid_by.begin(), p->paid_by.end(),
                                                            *k.paid_by) == p->paid_by.end())) {
            continue;
        }
        // A window for a step the rules do not allow here (a chargeback against the card's
        // own issuer) is not shown, unless a written dispute to the issuer acts on it.
        std::string channel = p->channel;
        if (const ChannelPolicy* ch = policy.find_channel(p->channel);
            ch && ch->needs_card && !f.chargeback_lever) {
            if (!f.issuer || p->issuer_channel.empty()) {
                continue;
            }
            channel = p->issuer_channel;
        }
        if (p->effect == ClockEffect::Closes && !channel.empty() && acted_on(f, channel, *start)) {
            continue;
        }
        const int days = static_cast<int>(p->days);
        const Timestamp end = p->business_days ? add_business_days(*start, days, policy.workdays())
                                               : add_local_days(*start, days);
        clocks.push_back(
            make_clock(p->name, p->label, *start, end, p->warn_at, p->effect, channel, now));
        clocks.back().source = p->source;
    }
    // The day the regulator or ombudsman can take the case, where that is a date.
    const Route& route = f.route;
    if (route.exists && route.opens_at &&
        (f.regime.opens == RouteOpens::AfterWeeks || f.regime.opens == RouteOpens::AfterWritten)) {
        const auto start =
            f.regime.opens == RouteOpens::AfterWeeks ? f.first_complaint : f.first_written;
        std::string channel;
        for (const auto& ch : policy.channels()) {
            if (ch.directory == "regulator" && channel.empty()) {
                channel = ch.name;
            }
        }
        clocks.push_back(make_clock("route", fmt::format("{} can take it", route.body),
                                    std::min(start.value_or(*route.opens_at), *route.opens_at),
                                    *route.opens_at, 0.75, ClockEffect::Opens, channel, now));
        clocks.back().source = f.regime.route_source;
    }
    for (std::size_t i = 0; i < f.file().contacts.size(); ++i) {
        if (f.states[i].awaiting_reply && f.states[i].reply_due) {
            const Contact& c = f.file().contacts[i];
            clocks.push_back(make_clock("reply_due",
                                        policy.reply_clock_label() + " (" + c.channel + ")", c.at,
                                        *f.states[i].reply_due, policy.reply_clock_warn_at(),
                                        ClockEffect::Closes, c.channel, now));
        }
    }
    std::stable_sort(clocks.begin(), clocks.end(),
                     [](const auto& a, const auto& b) { return a.ends_at < b.ends_at; });
    return clocks;
}

} // namespace engine_detail

std::vector<DeadlineClock> deadline_clocks(const CaseFile& file, const Org& org,
                                           const Policy& policy, Timestamp now) {
    const ChannelHistory none;
    const EngineInput in{file, org, none, policy, now, Drafts::None, Detail::TopOnly};
    return engine_detail::gather_facts(in).clocks;
}

} // namespace escalate
