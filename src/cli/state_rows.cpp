#include "state_rows.hpp"

#include <fmt/format.h>

#include "escalate/text.hpp"
#include "escalate/time.hpp"

namespace escalate::cli {

namespace {

// Raise when the engine's advice changes for the same inputs: every stored row is then
// recomputed once.
constexpr std::string_view engine_revision = "engine-1";

// A changed set larger than this is marked to be computed by the next agenda instead.
constexpr std::int64_t max_inline_changes = 64;

} // namespace

std::string state_stamp(Context& ctx) {
    // The kept summaries hold dates, written in the zone and the locale's day and month names.
    const std::string locale = date_locale();
    return fmt::format("{}|{:016x}|{}{}", engine_revision, ctx.policy().fingerprint(),
                       local_zone_name(), locale.empty() ? "" : "|" + locale);
}

StateKeeper::StateKeeper(Context& ctx, Store& store)
    : StateKeeper(ctx, store, History::of(ctx, store)) {}

StateKeeper::StateKeeper(Context& ctx, Store& store, const History& history)
    : ctx_(ctx), store_(store), history_(history) {}

const Org& StateKeeper::org(const std::string& name) {
    auto it = orgs_.find(name);
    if (it == orgs_.end()) {
        it = orgs_.emplace(name, store_.find_org(name).value_or(Org{})).first;
    }
    return it->second;
}

std::int64_t StateKeeper::history_of(const std::string& org) {
    auto it = by_org_.find(org);
    if (it == by_org_.end()) {
        ChannelHistory h = history_.for_org(org);
        const std::int64_t fp = History::fingerprint(h);
        it = by_org_.emplace(org, std::make_pair(std::move(h), fp)).first;
    }
    return it->second.second;
}

StateKeeper::Computed StateKeeper::compute(std::int64_t case_id) {
    Computed out{store_.load_case_file(case_id), {}, {}};
    const std::string& name = out.file.kase.org;
    const std::int64_t fp = history_of(name);
    const Policy& policy = ctx_.policy();
    const Timestamp now = ctx_.now();
    out.advice = advise(EngineInput{out.file, org(name), by_org_.at(name).first, policy, now,
                                    Drafts::None, Detail::TopOnly});
    out.row = state_row(out.file, out.advice, fp, policy, now);
    return out;
}

CaseState state_row(const CaseFile& file, const Advice& advice, std::int64_t history,
                    const Policy& policy, Timestamp now) {
    CaseState row;
    row.case_id = file.kase.id;
    row.computed_at = now;
    row.history = history;
    const AgendaPlace place = agenda_place(file, advice, policy, now);
    row.recheck_at = place.recheck_at;
    if (advice.suggestions.empty()) {
        row.group = 3;
        return row;
    }
    row.group = place.group;
    row.rank = place.rank;
    const Suggestion* lever = nullptr;
    for (const auto& s : advice.suggestions) {
        if (s.parallel) {
            lever = &s;
            break;
        }
    }
    describe(row, advice.suggestions.front(), lever, now);
    return row;
}

void describe(CaseState& row, const Suggestion& top, const Suggestion* lever, Timestamp now) {
    row.action = std::string(to_string(top.action));
    row.channel = top.channel;
    row.tier = top.tier;
    row.not_before.reset();
    if (top.not_before > now) {
        row.not_before = top.not_before;
    }
    row.summary = top.summary;
    row.lever.reset();
    if (lever != nullptr) {
        // A closing clock beside the wait: "chargeback now: ... closes in 3 days".
        row.lever =
            fmt::format("{} now: {}", lever->channel.value_or("act"),
                        lever->reasons.empty() ? lever->summary : lever->reasons.front().detail);
    }
}

namespace {

void restamp(Context& ctx, Store& store) {
    const std::string stamp = state_stamp(ctx);
    if (store.state_stamp() != stamp) {
        store.set_state_stamp(stamp);
    }
}

} // namespace

void keep_changed_states(Context& ctx, Store& store) {
    restamp(ctx, store);
    if (store.changed_case_count() > max_inline_changes) {
        store.mark_changed_stale();
        return;
    }
    StateKeeper keeper(ctx, store);
    for (const std::int64_t id : store.changed_cases()) {
        const auto kase = store.find_case(id);
        if (!kase || kase->status != CaseStatus::Open) {
            store.drop_state(id);
        } else {
            store.put_state(keeper.compute(id).row);
        }
    }
}

std::size_t refresh_due_states(Context& ctx, Store& store, StateKeeper& keeper) {
    restamp(ctx, store);
    const auto due = store.stale_states(ctx.now());
    for (const std::int64_t id : due) {
        store.put_state(keeper.compute(id).row);
    }
    return due.size();
}

} // namespace escalate::cli
