#include "advice.hpp"

#include <fmt/format.h>

#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

std::vector<const CaseFile*> pointers(const std::vector<CaseFile>& files) {
    std::vector<const CaseFile*> out;
    out.reserve(files.size());
    for (const auto& f : files) {
        out.push_back(&f);
    }
    return out;
}

} // namespace

ChannelRecords recent_records(Context& ctx, Store& store) {
    CaseFilter recent;
    recent.newest = ctx.policy().history_recent_cases();
    const auto files = store.load_case_files(recent);
    return channel_records(pointers(files), ctx.policy(), ctx.now());
}

ChannelHistory history_for(Context& ctx, Store& store, const std::string& org,
                           const ChannelRecords& overall) {
    CaseFilter same_org;
    same_org.org = org;
    same_org.org_exact = true;
    same_org.newest = ctx.policy().history_recent_cases();
    const auto org_files = store.load_case_files(same_org);
    return ChannelHistory{channel_records(pointers(org_files), ctx.policy(), ctx.now()), overall};
}

CaseAdvice advise_case(Context& ctx, Store& store, std::int64_t case_id, Drafts drafts) {
    const Policy& policy = ctx.policy();
    const Timestamp now = ctx.now();
    CaseAdvice out{store.load_case_file(case_id), {}, {}, {}};
    if (auto org = store.find_org(out.file.kase.org)) {
        out.org = *org;
    }
    out.history = history_for(ctx, store, out.file.kase.org, recent_records(ctx, store));
    out.advice = advise(EngineInput{out.file, out.org, out.history, policy, now, drafts});
    return out;
}

Agenda agenda_for(Context& ctx, Store& store, const std::vector<CaseFile>& files) {
    Agenda out;
    const ChannelRecords overall = recent_records(ctx, store);
    for (auto& org : store.orgs()) {
        out.orgs.emplace(org.name, std::move(org));
    }
    std::vector<AgendaCase> cases;
    for (const auto& f : files) {
        if (f.kase.status != CaseStatus::Open) {
            continue;
        }
        auto h = out.histories.find(f.kase.org);
        if (h == out.histories.end()) {
            h = out.histories.emplace(f.kase.org, history_for(ctx, store, f.kase.org, overall))
                    .first;
        }
        const auto org = out.orgs.find(f.kase.org);
        cases.push_back({&f, org == out.orgs.end() ? nullptr : &org->second, &h->second});
    }
    out.items = agenda(cases, ctx.policy(), ctx.now());
    return out;
}

nlohmann::ordered_json logged_json(const Contact& c, const std::optional<Promise>& promise,
                                   const CaseAdvice& ca, const Policy& policy, Timestamp now) {
    const auto states = contact_states(ca.file, policy, now);
    ContactState state;
    for (std::size_t i = 0; i < ca.file.contacts.size(); ++i) {
        if (ca.file.contacts[i].id == c.id) {
            state = states[i];
        }
    }
    using Json = nlohmann::ordered_json;
    return Json{{"contact", to_json(c, state, policy)},
                {"promise", promise ? to_json(*promise, is_overdue(ca.file, *promise, policy, now))
                                    : Json(nullptr)},
                {"attempt", {{"channel", c.channel}, {"n", attempt_number(ca.file, c)}}},
                {"next", ca.advice.suggestions.empty() ? Json(nullptr)
                                                       : to_json(ca.advice.suggestions.front())}};
}

std::string next_line(const Advice& advice, const Style& style) {
    if (advice.suggestions.empty()) {
        return "";
    }
    return fmt::format("{} {}", style.bold("Next:"), advice.suggestions.front().summary);
}

} // namespace escalate::cli
