#include "advice.hpp"

#include <fmt/format.h>

#include "escalate/json.hpp"
#include "escalate/text.hpp"

namespace escalate::cli {

namespace {

std::vector<const ChannelTally*> pointers(const std::vector<ChannelTally>& tallies) {
    std::vector<const ChannelTally*> out;
    out.reserve(tallies.size());
    for (const auto& t : tallies) {
        out.push_back(&t);
    }
    return out;
}

} // namespace

History::History(Context& ctx, Store& store, Source source) : policy_(ctx.policy()), store_(store) {
    const int recent = policy_.history_recent_cases();
    const std::string kept_under = stamp(policy_);
    if (source == Source::Kept) {
        if (const auto kept = store.kept_history(kept_under, recent)) {
            overall_ = records(*kept);
            return;
        }
    }
    overall_ = channel_records(pointers(store.channel_tallies(recent)), policy_);
    if (source == Source::Kept) {
        std::vector<KeptRecord> records;
        records.reserve(overall_.size());
        for (const auto& [channel, r] : overall_) {
            records.push_back({channel, r.attempts, r.replies, r.resolutions, r.median_reply_s});
        }
        store.keep_history(kept_under, recent, records);
    }
}

const History& History::of(Context& ctx, Store& store) {
    auto& memo = ctx.history_memo();
    if (!memo.value || memo.mark != store.change_count()) {
        memo.value = std::make_shared<const History>(ctx, store);
        memo.mark = store.change_count(); // after reading, which brings the tallies up to date
    }
    return *memo.value;
}

ChannelHistory History::for_org(const std::string& org) const {
    const auto tallies = store_.org_tallies(org, policy_.history_recent_cases());
    return ChannelHistory{channel_records(pointers(tallies), policy_), overall_};
}

ChannelRecords History::records(const std::vector<KeptRecord>& kept) {
    ChannelRecords out;
    for (const auto& r : kept) {
        out[r.channel] = ChannelRecord{r.attempts, r.replies, r.median_reply_s, r.resolutions};
    }
    return out;
}

std::string History::stamp(const Policy& policy) {
    return fmt::format("{:016x}", policy.fingerprint());
}

std::int64_t History::fingerprint(const ChannelHistory& h) {
    std::uint64_t fp = hash64("history");
    for (const ChannelRecords* records : {&h.with_org, &h.overall}) {
        fp = hash64("|", fp);
        for (const auto& [channel, r] : *records) {
            fp = hash64(fmt::format("{}:{}:{}:{}:{};", channel, r.attempts, r.replies,
                                    r.median_reply_s.value_or(-1), r.resolutions),
                        fp);
        }
    }
    return static_cast<std::int64_t>(fp);
}

CaseAdvice advise_case(Context& ctx, Store& store, std::int64_t case_id, Drafts drafts) {
    const Policy& policy = ctx.policy();
    const Timestamp now = ctx.now();
    CaseAdvice out{store.load_case_file(case_id), {}, {}, {}};
    if (auto org = store.find_org(out.file.kase.org)) {
        out.org = *org;
    }
    out.history = History::of(ctx, store).for_org(out.file.kase.org);
    out.advice = advise(EngineInput{out.file, out.org, out.history, policy, now, drafts});
    return out;
}

Agenda agenda_for(Context& ctx, Store& store, const std::vector<CaseFile>& files) {
    Agenda out;
    const History& histories = History::of(ctx, store);
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
