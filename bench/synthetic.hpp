// The synthetic cases bench/run.sh measures, the same for escalate, sqlite3 and taskwarrior:
// orgs "Org 0000" on, each case against org (id % orgs), every case open, contacts that climb
// the ladder (calls, emails and chats first, then letters, then public posts, the executive
// office and now and then a regulator) with a realistic mix of outcomes, replies to written
// contacts, and a promise for each "promised" outcome (the newest pending, the others kept or
// broken). Deterministic: each org and case from its own seed, whatever the sizes asked for.
#pragma once

#include <cstdint>
#include <string>

#include "escalate/model.hpp"

namespace escalate::bench {

// Every time in the data falls before this: 2026-11-20T00:00:00Z.
inline constexpr Timestamp end_of_data = 1795132800;

[[nodiscard]] std::string org_name(long i);
// Org i (from 0), with a directory that some orgs leave partly empty.
[[nodiscard]] Org make_org(long i);
// Case `id` (from 1) with per_case contacts and its promises; contact and promise ids continue
// from the counters, as a log that holds every case before it numbers them.
[[nodiscard]] CaseFile make_case(long id, long orgs, long per_case, std::int64_t& next_contact,
                                 std::int64_t& next_promise);

} // namespace escalate::bench
