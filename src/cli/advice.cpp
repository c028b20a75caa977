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

namespace {

// The person's history, worked out once per command from the newest cases (the policy's
// history/recent_cases): overall, and with each org among them. `next CASE`, the agenda and
// `list` all read it, so they give the same advice for the same case.
class Histories {
public:
    Histories(Context& ctx, Store& store) : ctx_(ctx) {
        CaseFilter recent;
        recent.newest = ctx.policy().history_recent_cases();
        files_ = store.load_case_files(recent);
        overall_ = channel_records(pointers(files_), ctx.policy(), ctx.now());
    }
    const ChannelRecords& overall() const { return overall_; }
    ChannelHistory for_org(const std::string& org) const {
        std::vector<const CaseFile*> same;
        for (const auto& f : files_) {
            if (f.kase.org == org) {
                same.push_back(&f);
            }
        }
        return ChannelHistory{channel_records(same, ctx_.policy(), ctx_.now()), overall_};
    }

private:
    Context& ctx_;
    std::vector<CaseFile> files_;
    ChannelRecords overall_;
};

} // namespace

ChannelRecords recent_records(Context& ctx, Store& store) {
    return Histories(ctx, store).overall();
}

CaseAdvice advise_case(Context& ctx, Store& store, std::int64_t case_id, Drafts drafts) {
    const Policy& policy = ctx.policy();
    const Timestamp now = ctx.now();
    CaseAdvice out{store.load_case_file(case_id), {}, {}, {}};
    if (auto org = store.find_org(out.file.kase.org)) {
        out.org = *org;
    }
    out.history = Histories(ctx, store).for_org(out.file.kase.org);
    out.advice = advise(EngineInput{out.file, out.org, out.history, policy, now, drafts});
    return out;
}

Agenda agenda_for(Context& ctx, Store& store, const std::vector<CaseFile>& files) {
    Agenda out;
    const Histories histories(ctx, store);
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
            h = out.histories.emplace(f.kase.org, histories.for_org(f.kase.org)).first;
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
