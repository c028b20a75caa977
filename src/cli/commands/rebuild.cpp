// escalate rebuild [--check]: recomputes what the case log keeps besides the record itself (the
// full-text indexes, the per-channel tallies and each open case's state row,
// docs/performance.md) from the record,
// or, with --check, compares what is kept with a full recomputation and says where they differ.
#include <fmt/format.h>

#include "../commands.hpp"
#include "../state_rows.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

struct RebuildOptions {
    bool check = false;
};

std::string show_row(const CaseState& r) {
    return fmt::format("group {} rank {} recheck {} {} {} tier {} not before {} \"{}\"{}", r.group,
                       r.rank, r.recheck_at ? std::to_string(*r.recheck_at) : "-", r.action,
                       r.channel.value_or("-"), r.tier ? std::to_string(*r.tier) : "-",
                       r.not_before ? std::to_string(*r.not_before) : "now", r.summary,
                       r.lever ? " · " + *r.lever : "");
}

// What a full recomputation must reproduce of a stored row still valid at now: its place
// always, its words when it was ranked with the current history.
bool same(const CaseState& kept, const CaseState& full) {
    const bool place =
        kept.group == full.group && kept.rank == full.rank && kept.recheck_at == full.recheck_at;
    if (!place || kept.history != full.history) {
        return place;
    }
    return kept.action == full.action && kept.channel == full.channel && kept.tier == full.tier &&
           kept.not_before == full.not_before && kept.summary == full.summary &&
           kept.lever == full.lever;
}

void run_check(Context& ctx, Store& store) {
    auto tx = store.read();
    const Timestamp now = ctx.now();
    const bool stamped = store.state_stamp() == state_stamp(ctx);
    // Everything compared with the person's history summed afresh, and that with what is kept.
    const History afresh(ctx, store, History::Source::Full);
    StateKeeper keeper(ctx, store, afresh);
    std::int64_t checked = 0, due = 0, differ = 0;
    const int recent = ctx.policy().history_recent_cases();
    if (const auto kept = store.kept_history(History::stamp(ctx.policy()), recent)) {
        if (History::fingerprint({History::records(*kept), {}}) !=
            History::fingerprint({afresh.overall(), {}})) {
            ++differ;
            fmt::print("history: the kept record per channel differs from the newest {} "
                       "cases' tallies\n",
                       recent);
        }
    }
    if (const std::int64_t rows = store.search_index_differences(); rows > 0) {
        ++differ;
        fmt::print("search: {} rows of the full-text index differ from the record\n", rows);
    }
    CaseFilter open;
    open.status = CaseStatus::Open;
    std::vector<std::int64_t> ids;
    for (const auto& f : store.load_case_files(open)) {
        ids.push_back(f.kase.id);
    }
    for (const std::int64_t id : ids) {
        const auto kept = store.find_state(id);
        if (!kept) {
            fmt::print("case {}: open, but has no state row\n", id);
            ++differ;
            continue;
        }
        if (!stamped || (kept->recheck_at && *kept->recheck_at <= now) || kept->computed_at > now) {
            ++due; // recomputed before anything reads it
            continue;
        }
        ++checked;
        const CaseState full = keeper.compute(id).row;
        if (!same(*kept, full)) {
            ++differ;
            fmt::print("case {}: kept     {}\ncase {}: computed {}\n", id, show_row(*kept), id,
                       show_row(full));
        }
    }
    if (!ctx.quiet()) {
        fmt::print("{} state rows checked, {} due for recomputing, {} differ\n", checked, due,
                   differ);
    }
    if (differ > 0) {
        throw Error(fmt::format("{} kept {} from a full recomputation (escalate rebuild "
                                "recomputes them)",
                                differ, differ == 1 ? "row differs" : "rows differ"));
    }
}

void run_rebuild(const RebuildOptions& o, Context& ctx) {
    Store& store = ctx.existing_store(Access::Write, "rebuild");
    if (o.check) {
        run_check(ctx, store);
        return;
    }
    auto tx = store.write("rebuild", ctx.now(), Journal::Cache);
    store.rebuild_derived();
    StateKeeper keeper(ctx, store);
    const std::size_t n = refresh_due_states(ctx, store, keeper);
    tx.commit();
    if (!ctx.quiet()) {
        fmt::print("Rebuilt the search index, the channel tallies and {} state rows.\n", n);
    }
}

} // namespace

Command setup_rebuild(CLI::App& app) {
    auto o = std::make_shared<RebuildOptions>();
    CLI::App* sub = app.add_subcommand(
        "rebuild", "Recompute the search index, tallies and state rows the log keeps for speed");
    sub->add_flag("--check", o->check,
                  "Compare what is kept with a full recomputation; exit 1 if they differ");
    sub->footer("The case log keeps its full-text index, each case's per-channel tallies and its "
                "place in the agenda up to date on every write; rebuild recomputes them from the "
                "record.\n\n"
                "Examples:\n  escalate rebuild\n  escalate rebuild --check");
    return {sub, [o](Context& ctx) { run_rebuild(*o, ctx); }};
}

} // namespace escalate::cli
