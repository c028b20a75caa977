#include "escalate/json.hpp"

namespace escalate {

using json = nlohmann::ordered_json;

namespace {

template <class T> json opt(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

json opt_time(const std::optional<Timestamp>& t) {
    return t ? json(format_rfc3339(*t)) : json(nullptr);
}

} // namespace

json to_json(const Org& org) {
    return json{{"name", org.name},
                {"phone", opt(org.phone)},
                {"email", opt(org.email)},
                {"chat", opt(org.chat)},
                {"social", org.social},
                {"exec", opt(org.exec)},
                {"regulator", opt(org.regulator)},
                {"unavailable", org.unavailable},
                {"requires", opt(org.requires_channel)}};
}

json to_json(const CaseStats& s) {
    return json{{"days_open", s.days_open},
                {"contacts", s.contacts},
                {"by_channel", s.by_channel},
                {"outbound", s.outbound},
                {"inbound", s.inbound},
                {"talk_s", s.talk_s},
                {"hold_s", s.hold_s},
                {"promises_made", s.promises_made},
                {"promises_kept", s.promises_kept},
                {"promises_broken", s.promises_broken},
                {"first_reply_s", opt(s.first_reply_s)},
                {"resolved_via", opt(s.resolved_via)}};
}

json to_json(const Promise& p, bool overdue) {
    return json{
        {"id", p.id},        {"case_id", p.case_id},         {"contact_id", p.contact_id},
        {"text", p.text},    {"due", format_rfc3339(p.due)}, {"status", to_string(p.status)},
        {"overdue", overdue}};
}

json to_json(const Contact& c, const ContactState& state, const Policy& policy) {
    const ChannelPolicy* channel = policy.find_channel(c.channel);
    return json{{"id", c.id},
                {"case_id", c.case_id},
                {"channel", c.channel},
                {"tier", channel ? json(channel->tier) : json(nullptr)},
                {"direction", to_string(c.direction)},
                {"at", format_rfc3339(c.at)},
                {"duration_s", opt(c.duration_s)},
                {"hold_s", opt(c.hold_s)},
                {"agent", opt(c.agent)},
                {"ref", opt(c.ref)},
                {"outcome", c.outcome ? json(to_string(*c.outcome)) : json(nullptr)},
                {"awaiting_reply", state.awaiting_reply},
                {"ignored", state.ignored},
                {"note", opt(c.note)},
                {"private", c.is_private},
                {"promise_id", opt(c.promise_id)}};
}

json to_json(const CaseFile& file, const Policy& policy, Timestamp now, CaseDetail detail) {
    const Case& k = file.kase;
    json j{{"id", k.id},
           {"org", k.org},
           {"title", k.title},
           {"want", opt(k.want)},
           {"status", to_string(k.status)},
           {"opened_at", format_rfc3339(k.opened_at)},
           {"closed_at", opt_time(k.closed_at)},
           {"resolution", opt(k.resolution)},
           {"tags", k.tags},
           {"country", opt(k.country)},
           {"sector", opt(k.sector)},
           {"amount", opt(k.amount)},
           {"currency", opt(k.currency)},
           {"order_ref", opt(k.order_ref)},
           {"incident_at", opt_time(k.incident_at)},
           {"paid_by", k.paid_by ? json(to_string(*k.paid_by)) : json(nullptr)}};
    j["stats"] = to_json(compute_stats(file, policy, now));
    json promises = json::array();
    for (const auto& p : file.promises) {
        promises.push_back(to_json(p, is_overdue(file, p, policy, now)));
    }
    j["promises"] = std::move(promises);
    if (detail == CaseDetail::Full) {
        const auto states = contact_states(file, policy, now);
        json contacts = json::array();
        for (std::size_t i = 0; i < file.contacts.size(); ++i) {
            contacts.push_back(to_json(file.contacts[i], states[i], policy));
        }
        j["contacts"] = std::move(contacts);
    }
    return j;
}

json to_json(const Suggestion& s) {
    json reasons = json::array();
    for (const auto& r : s.reasons) {
        reasons.push_back({{"factor", r.factor}, {"detail", r.detail}, {"weight", r.weight}});
    }
    // SPEC 7: channel and tier are null for wait and close.
    const bool contact = s.action == Action::Contact || s.action == Action::FollowUp;
    json j{{"action", to_string(s.action)},
           {"channel", contact ? opt(s.channel) : json(nullptr)},
           {"tier", contact ? opt(s.tier) : json(nullptr)},
           {"not_before", format_rfc3339(s.not_before)},
           {"score", s.score},
           {"summary", s.summary},
           {"reasons", std::move(reasons)},
           {"draft", s.draft.empty() ? json(nullptr) : json(s.draft)}};
    if (s.parallel) {
        j["parallel"] = true; // SPEC 8: a clock lever shown beside a wait
    }
    return j;
}

json to_json(const DeadlineClock& c) {
    return json{{"name", c.name},
                {"label", c.label},
                {"starts_at", format_rfc3339(c.starts_at)},
                {"ends_at", format_rfc3339(c.ends_at)},
                {"remaining_s", c.remaining_s},
                {"state", to_string(c.state)}};
}

json advice_json(const Case& k, const Advice& a) {
    json clocks = json::array();
    for (const auto& c : a.clocks) {
        clocks.push_back(to_json(c));
    }
    json suggestions = json::array();
    for (const auto& s : a.suggestions) {
        suggestions.push_back(to_json(s));
    }
    return json{{"case_id", k.id},
                {"org", k.org},
                {"status", to_string(k.status)},
                {"clocks", std::move(clocks)},
                {"suggestions", std::move(suggestions)}};
}

std::string dump(const json& j) {
    return j.dump(2, ' ', false, json::error_handler_t::replace);
}

} // namespace escalate
