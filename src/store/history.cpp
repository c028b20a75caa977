// The engine's history read from the log (docs/performance.md): the per-case, per-channel
// tallies of the newest cases summed per org and channel, one org's part of them, and the
// overall record per channel kept under a stamp (schema version 5) so that a read need not sum
// it again.
#include <charconv>
#include <map>
#include <tuple>

#include <sqlite3.h>

#include "escalate/store.hpp"
#include "rows.hpp"
#include "statements.hpp"

namespace escalate {

using namespace store_detail;

namespace {

std::vector<std::int64_t> parse_delays(std::string_view text) {
    std::vector<std::int64_t> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        std::int64_t v = 0;
        if (std::from_chars(part.data(), part.data() + part.size(), v).ec == std::errc()) {
            out.push_back(v);
        }
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return out;
}

// Adds one case_channels row to a tally. The statement's columns: the org's name, the channel,
// attempts, reached, answered, resolutions, delays (a comma-separated list, or NULL).
void add_tally_row(const SQLite::Statement& st, ChannelTally& t) {
    if (t.channel.empty()) {
        t.org = st.getColumn(0).getString();
        t.channel = st.getColumn(1).getString();
    }
    t.attempts += st.getColumn(2).getInt64();
    t.reached += st.getColumn(3).getInt64();
    t.answered += st.getColumn(4).getInt64();
    t.resolutions += st.getColumn(5).getInt64();
    if (!st.getColumn(6).isNull()) {
        const auto more = parse_delays(st.getColumn(6).getText());
        t.delays.insert(t.delays.end(), more.begin(), more.end());
    }
}

} // namespace

std::vector<ChannelTally> Store::channel_tallies(int recent_cases) {
    refresh_tallies(); // what this transaction wrote counts
    // The newest cases' rows, summed here rather than by GROUP BY with group_concat: SQLite
    // sorted and copied every growing list of delays, 30M instructions at 300 cases (70% of
    // `next CASE`); the rows are bounded by recent_cases, whatever the size of the log.
    auto st = prepared(R"sql(
SELECT o.name, cc.channel, cc.attempts, cc.reached, cc.answered, cc.resolutions, cc.delays,
       k.org_id
FROM (SELECT id, org_id FROM cases ORDER BY id DESC LIMIT ?) k
JOIN case_channels cc ON cc.case_id = k.id
JOIN orgs o ON o.id = k.org_id)sql");
    st->bind(1, recent_cases);
    std::map<std::tuple<std::string, std::int64_t, std::string>, ChannelTally> sums;
    while (st->executeStep()) {
        add_tally_row(*st, sums[{st->getColumn(0).getString(), st->getColumn(7).getInt64(),
                                 st->getColumn(1).getString()}]);
    }
    std::vector<ChannelTally> out;
    out.reserve(sums.size());
    for (auto& [key, t] : sums) {
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<ChannelTally> Store::org_tallies(const std::string& org, int recent_cases) {
    refresh_tallies();
    auto st = prepared(R"sql(
SELECT o.name, cc.channel, cc.attempts, cc.reached, cc.answered, cc.resolutions, cc.delays
FROM orgs o
JOIN cases k ON k.org_id = o.id
JOIN case_channels cc ON cc.case_id = k.id
WHERE o.name = ?1
  AND k.id >= coalesce((SELECT id FROM cases ORDER BY id DESC LIMIT 1 OFFSET ?2 - 1), 0))sql");
    st->bind(1, org);
    st->bind(2, recent_cases);
    std::vector<ChannelTally> out;
    while (st->executeStep()) {
        add_tally_row(*st, out.emplace_back());
    }
    return out;
}

std::optional<std::vector<KeptRecord>> Store::kept_history(std::string_view stamp,
                                                           int recent_cases) {
    refresh_tallies(); // a change this transaction made may end what is kept
    auto check = prepared("SELECT 1 FROM history_stamp WHERE id = 1 AND stamp = ? AND recent = ?");
    check->bind(1, std::string(stamp));
    check->bind(2, recent_cases);
    if (!check->executeStep()) {
        return std::nullopt;
    }
    auto st = prepared("SELECT channel, attempts, replies, resolutions, median_reply_s "
                       "FROM history_overall ORDER BY channel");
    std::vector<KeptRecord> out;
    while (st->executeStep()) {
        KeptRecord r;
        r.channel = st->getColumn(0).getString();
        r.attempts = st->getColumn(1).getInt64();
        r.replies = st->getColumn(2).getInt64();
        r.resolutions = st->getColumn(3).getInt64();
        r.median_reply_s = opt_int(st->getColumn(4));
        out.push_back(std::move(r));
    }
    return out;
}

void Store::keep_history(std::string_view stamp, int recent_cases,
                         const std::vector<KeptRecord>& records) {
    if (sqlite3_txn_state(db_->getHandle(), "main") != SQLITE_TXN_WRITE) {
        return; // a read: whoever writes next keeps it
    }
    db_->exec("DELETE FROM history_overall");
    auto st = prepared("INSERT INTO history_overall(channel, attempts, replies, resolutions, "
                       "median_reply_s) VALUES (?, ?, ?, ?, ?)");
    for (const auto& r : records) {
        st->bind(1, r.channel);
        st->bind(2, r.attempts);
        st->bind(3, r.replies);
        st->bind(4, r.resolutions);
        bind_opt(*st, 5, r.median_reply_s);
        st->exec();
        st->reset();
    }
    auto stamp_st = prepared("INSERT INTO history_stamp(id, stamp, recent) VALUES (1, ?, ?) "
                             "ON CONFLICT(id) DO UPDATE SET stamp = excluded.stamp, "
                             "recent = excluded.recent");
    stamp_st->bind(1, std::string(stamp));
    stamp_st->bind(2, recent_cases);
    stamp_st->exec();
}

} // namespace escalate
