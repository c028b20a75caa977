// The facts of a case, worked out once: its regime and whether the regime's outside route is
// open, how it was paid, what the person has tried, and which channels the rules allow.
#include <algorithm>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate::engine_detail {

namespace {

bool listed(const std::vector<std::string>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

bool says_something(const Contact& c) {
    return c.outcome != Outcome::Info && c.outcome != Outcome::Notice &&
           !(c.direction == Direction::In && !c.outcome);
}

Route route_of(const CaseFacts& f) {
    Route r;
    const RegimePolicy& g = f.regime;
    const Org& org = f.in.org;
    if (org.regulator && !g.regulator) {
        // The person named a body the regime does not know: take their word that it can act.
        r.exists = true;
        r.body = *org.regulator;
        r.open = true;
        r.why = fmt::format("{} (from the org's directory) takes complaints at any time", r.body);
        return r;
    }
    if (!g.regulator || g.opens == RouteOpens::Never) {
        r.why = fmt::format("{}: no regulator or ombudsman", g.label);
        return r;
    }
    r.exists = true;
    r.body = org.regulator ? *org.regulator : g.regulator->name;
    // A final response (deadlock letter) opens it at once where the regime says so.
    const Contact* final_response = nullptr;
    for (const auto& c : f.file().contacts) {
        if (c.direction == Direction::In && c.outcome == Outcome::Final) {
            final_response = &c;
            break;
        }
    }
    r.on_final = g.or_final;
    switch (g.opens) {
    case RouteOpens::AtOnce:
        r.open = true;
        r.why = fmt::format("{} takes complaints at any time", r.body);
        return r;
    case RouteOpens::AfterWeeks:
    case RouteOpens::AfterWritten: {
        const auto start = g.opens == RouteOpens::AfterWeeks ? f.first_complaint : f.first_written;
        if (start) {
            const double weeks = g.weeks_for(*start);
            r.opens_at = add_local_days(*start, static_cast<int>(weeks * 7));
            r.why = fmt::format("{} can take it {} weeks after your first {}complaint", r.body,
                                format_weight(weeks),
                                g.opens == RouteOpens::AfterWritten ? "written " : "");
        } else {
            r.why = fmt::format("{} can take it {} weeks after your first {}complaint, not "
                                "yet made",
                                r.body, format_weight(g.weeks),
                                g.opens == RouteOpens::AfterWritten ? "written " : "");
        }
        if (g.or_final && final_response && (!r.opens_at || final_response->at < *r.opens_at)) {
            r.opens_at = final_response->at;
            r.why = fmt::format("{} can take it now: their final response came on {}", r.body,
                                format_local(final_response->at, TimeStyle::Date));
        } else if (g.or_final) {
            r.why += ", or at once with their final response";
        }
        r.open = r.opens_at && f.now() >= *r.opens_at;
        return r;
    }
    case RouteOpens::Never:
        break;
    }
    return r;
}

} // namespace

double Ladder::all_failures() const {
    double all = 0;
    for (double x : failures) {
        all += x;
    }
    return all;
}

const Contact* CaseFacts::contact(std::int64_t id) const {
    for (const auto& c : in.file.contacts) {
        if (c.id == id) {
            return &c;
        }
    }
    return nullptr;
}

std::string CaseFacts::noun(const std::string& channel) const {
    const ChannelPolicy* ch = in.policy.find_channel(channel);
    return ch ? ch->noun : channel;
}

const Contact* CaseFacts::last_out(const std::string& channel) const {
    const auto& contacts = in.file.contacts;
    for (auto it = contacts.rbegin(); it != contacts.rend(); ++it) {
        if (it->direction == Direction::Out && it->channel == channel) {
            return &*it;
        }
    }
    return nullptr;
}

CaseFacts gather_facts(const EngineInput& in) {
    const Policy& policy = in.policy;
    const Case& k = in.file.kase;
    CaseFacts f{in, policy.regime_for(k), contact_states(in.file, policy, in.now)};
    for (const auto& c : in.file.contacts) {
        if (says_something(c)) {
            f.last_substantive = &c;
        }
        if (c.direction != Direction::Out) {
            continue;
        }
        if (!f.first_complaint) {
            f.first_complaint = c.at;
        }
        const ChannelPolicy* ch = policy.find_channel(c.channel);
        if (!f.first_written && ch && ch->written) {
            f.first_written = c.at;
        }
        if (ch && ch->directory == "regulator") {
            f.filed = &c;
        }
    }
    f.ladder = climb(in.file, f.states, policy, in.now);
    f.route = route_of(f);

    const bool card = k.paid_by == PaidBy::Card || k.paid_by == PaidBy::Debit;
    const bool issuer = k.sector && listed(policy.issuer_sectors(), *k.sector);
    f.chargeback_lever = card && !issuer;
    f.issuer = issuer;
    f.chargeback_why =
        !card    ? (k.paid_by ? fmt::format("paid by {}, not by card", to_string(*k.paid_by))
                              : std::string("no card payment on the case (open --paid-by card)"))
        : issuer ? fmt::format("{} is a {} case: the org is the card's issuer", k.org, *k.sector)
                 : fmt::format("paid by {}", to_string(*k.paid_by));
    f.clocks = case_clocks(f);
    return f;
}

Allowed allowed(const CaseFacts& f, const ChannelPolicy& ch) {
    const Org& org = f.in.org;
    const Policy& policy = f.policy();
    if (listed(org.unavailable, ch.name) ||
        (!ch.directory.empty() && listed(org.unavailable, ch.directory))) {
        return {false,
                fmt::format("{} does not offer it", org.name.empty() ? "the org" : org.name)};
    }
    if (org.requires_channel && ch.name != *org.requires_channel) {
        const ChannelPolicy* req = policy.find_channel(*org.requires_channel);
        if (req && ch.tier <= req->tier) {
            return {false, fmt::format("{} only accepts a {}", org.name, req->noun)};
        }
    }
    if (ch.needs_card && !f.chargeback_lever) {
        return {false, f.chargeback_why};
    }
    const int top = f.ladder.top;
    if (ch.tier != top) {
        return {};
    }
    // An outside complaint already filed and inside its answer window is not filed again.
    if (const Contact* filed = f.last_out(ch.name)) {
        const ContactState& st = f.states[f.index_of(*filed)];
        if (st.awaiting_reply) {
            return {false, fmt::format("your {} of {} is awaiting its answer, due {}", ch.noun,
                                       format_local(filed->at, TimeStyle::Date),
                                       format_local(*st.reply_due, TimeStyle::Date))};
        }
    }
    // The outside authority: what the regime offers, how the case was paid, what is open.
    if (ch.directory == "regulator") {
        if (!f.route.exists) {
            return {false, f.route.why};
        }
        if (!f.route.open) {
            return {false, "not open yet: " + f.route.why};
        }
        return {};
    }
    const bool regimes_know_it =
        std::any_of(policy.regimes().begin(), policy.regimes().end(),
                    [&](const RegimePolicy& g) { return listed(g.outside, ch.name); });
    if (regimes_know_it && !listed(f.regime.outside, ch.name)) {
        return {false, fmt::format("not a step under {}", f.regime.label)};
    }
    return {};
}

} // namespace escalate::engine_detail
