// The case log's state rows (docs/performance.md): each open case's place in the agenda and its
// top suggestion, kept on every write and recomputed when the clock, the policy or the
// person's history has moved past them.
#pragma once

#include <map>

#include "advice.hpp"
#include "context.hpp"

namespace escalate::cli {

// What the rows were computed under: the engine's revision, the policy and the zone.
[[nodiscard]] std::string state_stamp(Context& ctx);

// Works out state rows for one command: reads the person's history once, and each org once.
class StateKeeper {
public:
    StateKeeper(Context& ctx, Store& store);
    // With this history (which must outlive the keeper) rather than the log's.
    StateKeeper(Context& ctx, Store& store, const History& history);
    // A case's advice as the agenda asks for it (top suggestion only), and its row.
    struct Computed {
        CaseFile file;
        Advice advice;
        CaseState row;
    };
    [[nodiscard]] Computed compute(std::int64_t case_id);
    // The history fingerprint a case of this org is ranked with now.
    [[nodiscard]] std::int64_t history_of(const std::string& org);

private:
    const Org& org(const std::string& name);
    Context& ctx_;
    Store& store_;
    const History& history_;
    std::map<std::string, Org> orgs_;
    std::map<std::string, std::pair<ChannelHistory, std::int64_t>> by_org_;
};

// The row for a case from its advice (group 3 when it has no suggestion).
[[nodiscard]] CaseState state_row(const CaseFile& file, const Advice& advice, std::int64_t history,
                                  const Policy& policy, Timestamp now);

// The top suggestion and its clock lever (or nullptr) as a row shows them.
void describe(CaseState& row, const Suggestion& top, const Suggestion* lever, Timestamp now);

// The commit hook of every write: brings the rows of the cases it changed up to date (or marks
// them to be computed, for a change of many cases), under the current stamp.
void keep_changed_states(Context& ctx, Store& store);

// Inside a write transaction (Journal::Cache): a new stamp, then every row due at now, then
// recomputed and stored. Returns how many rows it computed.
std::size_t refresh_due_states(Context& ctx, Store& store, StateKeeper& keeper);

} // namespace escalate::cli
