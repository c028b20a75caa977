// Derived data kept on every write (docs/performance.md): the per-case, per-channel tallies the
// engine's history is summed from, and each open case's state row the agenda reads in order.
//
// Which cases a write transaction changed is noted by temporary triggers, one set per
// connection: every insert, update and delete of a case, a contact or a promise (whatever
// command, undo or import makes it), and every change to an org's directory (its open cases).
// Just before the transaction commits, the tallies of those cases are recomputed in SQL and the
// caller's hook brings their state rows up to date, in the same transaction.

#include <sqlite3.h>

#include <fmt/format.h>

#include "escalate/store.hpp"
#include "rows.hpp"
#include "schema.hpp"
#include "statements.hpp"

namespace escalate {

using namespace store_detail;

namespace {

// The temp table and triggers that note changed cases: for each table, the case id a row
// belongs to, before and after the change; and an org's open cases when its directory changes.
std::string change_tracking() {
    std::string sql = "CREATE TEMP TABLE IF NOT EXISTS escalate_changed "
                      "(case_id INTEGER PRIMARY KEY);";
    constexpr std::pair<const char*, const char*> tables[] = {
        {"cases", "id"}, {"contacts", "case_id"}, {"promises", "case_id"}};
    for (const auto& entry : tables) {
        const char* table = entry.first;
        const char* id = entry.second;
        const auto trigger = [&](const char* name, const char* event,
                                 std::initializer_list<const char*> rows) {
            sql += fmt::format("CREATE TEMP TRIGGER IF NOT EXISTS escalate_{0}_{1} AFTER {2} ON "
                               "main.{0} BEGIN",
                               table, name, event);
            for (const char* row : rows) {
                sql +=
                    fmt::format(" INSERT OR IGNORE INTO escalate_changed VALUES ({}.{});", row, id);
            }
            sql += " END;";
        };
        trigger("insert", "INSERT", {"NEW"});
        trigger("update", "UPDATE", {"OLD", "NEW"});
        trigger("delete", "DELETE", {"OLD"});
    }
    sql += "CREATE TEMP TRIGGER IF NOT EXISTS escalate_orgs_update AFTER UPDATE ON main.orgs BEGIN "
           "INSERT OR IGNORE INTO escalate_changed SELECT id FROM main.cases "
           "WHERE org_id = NEW.id AND status = 'open'; END;";
    return sql;
}

// The tallies of the cases `which` selects (a subquery of case ids), from their contacts. An
// attempt was answered when a later inbound contact follows it in the case's order (at, id) or
// it has an outcome; the delay is to the first inbound contact after it.
std::string tally_sql(const std::string& which) {
    return fmt::format(R"sql(
INSERT INTO case_channels(case_id, channel, attempts, reached, answered, delays, resolutions)
SELECT case_id, channel, count(*),
       sum(outcome IS NOT NULL AND outcome NOT IN ('no-answer', 'hung-up')),
       sum(next_in IS NOT NULL OR outcome IS NOT NULL),
       coalesce(group_concat(next_in - at), ''),
       0
FROM (SELECT case_id, channel, direction, at, outcome,
             min(CASE WHEN direction = 'in' THEN at END) OVER (
                 PARTITION BY case_id ORDER BY at, id
                 ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_in
      FROM contacts WHERE case_id IN ({0}))
WHERE direction = 'out'
GROUP BY case_id, channel;
INSERT INTO case_channels(case_id, channel, attempts, reached, answered, delays, resolutions)
SELECT id, channel, 0, 0, 0, '', 1
FROM (SELECT k.id, (SELECT channel FROM contacts
                    WHERE case_id = k.id AND outcome = 'resolved'
                    ORDER BY at DESC, id DESC LIMIT 1) AS channel
      FROM cases k WHERE k.status = 'resolved' AND k.id IN ({0}))
WHERE channel IS NOT NULL
ON CONFLICT(case_id, channel) DO UPDATE SET resolutions = 1;
)sql",
                       which);
}

constexpr const char* changed_ids = "SELECT case_id FROM temp.escalate_changed";

constexpr const char* state_columns =
    "case_id, grp, rank, recheck_at, history, action, channel, tier, not_before, summary, lever, "
    "computed_at";

CaseState read_state(const SQLite::Statement& st) {
    CaseState s;
    s.case_id = st.getColumn(0).getInt64();
    s.group = st.getColumn(1).getInt();
    s.rank = st.getColumn(2).getDouble();
    s.recheck_at = opt_int(st.getColumn(3));
    s.history = st.getColumn(4).getInt64();
    s.action = st.getColumn(5).getString();
    s.channel = opt_text(st.getColumn(6));
    if (const auto tier = opt_int(st.getColumn(7))) {
        s.tier = static_cast<int>(*tier);
    }
    s.not_before = opt_int(st.getColumn(8));
    s.summary = st.getColumn(9).getString();
    s.lever = opt_text(st.getColumn(10));
    s.computed_at = st.getColumn(11).getInt64();
    return s;
}

} // namespace

void Store::on_commit(std::function<void(Store&)> hook) {
    on_commit_ = std::move(hook);
}

void Store::track_changes() {
    if (!tracking_) {
        db_->exec(change_tracking());
        tracking_ = true;
    }
}

std::int64_t Store::change_count() const {
    return sqlite3_total_changes64(db_->getHandle());
}

void Store::refresh_tallies() {
    if (!tracking_ || change_count() == tallied_at_ || changed_case_count() == 0) {
        return;
    }
    db_->exec(fmt::format("DELETE FROM case_channels WHERE case_id IN ({})", changed_ids));
    db_->exec(tally_sql(changed_ids));
    // The kept overall record no longer holds if a changed case is among the newest ones it
    // summed (a new case always is; a deleted one was, if it was that new).
    db_->exec("DELETE FROM history_stamp WHERE EXISTS (SELECT 1 FROM temp.escalate_changed "
              "WHERE case_id >= coalesce((SELECT id FROM cases ORDER BY id DESC LIMIT 1 OFFSET "
              "coalesce((SELECT recent - 1 FROM history_stamp), 0)), 0))");
    tallied_at_ = change_count();
}

void Store::pause_insert_tracking() {
    if (tracking_) {
        db_->exec(
            "DROP TRIGGER temp.escalate_cases_insert; DROP TRIGGER temp.escalate_contacts_insert;"
            "DROP TRIGGER temp.escalate_promises_insert;");
    }
}

void Store::resume_insert_tracking(const BulkChange& change) {
    if (!tracking_) {
        return;
    }
    // What the triggers would have noted row by row, set-based from the id ranges.
    auto note = [&](const char* sql, std::int64_t after) {
        SQLite::Statement st(*db_, sql);
        st.bind(1, after);
        st.exec();
    };
    note("INSERT OR IGNORE INTO temp.escalate_changed SELECT id FROM cases WHERE id > ?",
         change.cases);
    note("INSERT OR IGNORE INTO temp.escalate_changed SELECT case_id FROM contacts WHERE id > ?",
         change.contacts);
    note("INSERT OR IGNORE INTO temp.escalate_changed SELECT case_id FROM promises WHERE id > ?",
         change.promises);
    db_->exec(change_tracking());
}

void Store::before_commit() {
    if (!tracking_ || changed_case_count() == 0) {
        return;
    }
    refresh_tallies();
    if (on_commit_) {
        on_commit_(*this);
    }
    db_->exec("DELETE FROM temp.escalate_changed");
}

std::vector<std::int64_t> Store::changed_cases() {
    std::vector<std::int64_t> ids;
    auto st = prepared("SELECT case_id FROM temp.escalate_changed ORDER BY case_id");
    while (st->executeStep()) {
        ids.push_back(st->getColumn(0).getInt64());
    }
    return ids;
}

std::int64_t Store::changed_case_count() {
    return db_->execAndGet("SELECT count(*) FROM temp.escalate_changed").getInt64();
}

void Store::mark_changed_stale() {
    db_->exec(fmt::format(
        "DELETE FROM case_state WHERE case_id IN ({0}) AND case_id NOT IN "
        "(SELECT id FROM cases WHERE status = 'open');"
        "INSERT INTO case_state(case_id, grp, rank, recheck_at, computed_at, history, action, "
        "summary) SELECT id, 0, 0, 0, 0, 0, '', '' FROM cases WHERE status = 'open' AND id IN "
        "({0}) "
        "ON CONFLICT(case_id) DO UPDATE SET recheck_at = 0;",
        changed_ids));
}

std::optional<std::string> Store::state_stamp() {
    auto st = prepared("SELECT stamp FROM state_stamp WHERE id = 1");
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return st->getColumn(0).getString();
}

void Store::set_state_stamp(std::string_view stamp) {
    SQLite::Statement st(*db_, "INSERT INTO state_stamp(id, stamp) VALUES (1, ?) "
                               "ON CONFLICT(id) DO UPDATE SET stamp = excluded.stamp");
    st.bind(1, std::string(stamp));
    st.exec();
    db_->exec("UPDATE case_state SET recheck_at = 0");
}

void Store::put_state(const CaseState& s) {
    auto st = prepared(fmt::format("INSERT OR REPLACE INTO case_state({}) VALUES "
                                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   state_columns));
    st->bind(1, s.case_id);
    st->bind(2, s.group);
    st->bind(3, s.rank);
    bind_opt(*st, 4, s.recheck_at);
    st->bind(5, s.history);
    st->bind(6, s.action);
    bind_opt(*st, 7, s.channel);
    if (s.tier) {
        st->bind(8, *s.tier);
    } else {
        st->bind(8);
    }
    bind_opt(*st, 9, s.not_before);
    st->bind(10, s.summary);
    bind_opt(*st, 11, s.lever);
    st->bind(12, s.computed_at);
    st->exec();
}

void Store::drop_state(std::int64_t case_id) {
    auto st = prepared("DELETE FROM case_state WHERE case_id = ?");
    st->bind(1, case_id);
    st->exec();
}

std::optional<CaseState> Store::find_state(std::int64_t case_id) {
    auto st = prepared(fmt::format("SELECT {} FROM case_state WHERE case_id = ?", state_columns));
    st->bind(1, case_id);
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return read_state(*st);
}

std::vector<std::int64_t> Store::stale_states(Timestamp now) {
    // Due by the clock, or computed at a later time than this command's (a pinned --now).
    auto st = prepared("SELECT case_id FROM case_state WHERE recheck_at <= ?1 UNION "
                       "SELECT case_id FROM case_state WHERE computed_at > ?1");
    st->bind(1, now);
    std::vector<std::int64_t> ids;
    while (st->executeStep()) {
        ids.push_back(st->getColumn(0).getInt64());
    }
    return ids;
}

std::vector<CaseState> Store::states_in_order(const std::optional<CaseState>& after,
                                              std::int64_t limit) {
    auto st =
        prepared(fmt::format("SELECT {} FROM case_state WHERE grp < 3 AND (grp, rank, case_id) > "
                             "(?, ?, ?) ORDER BY grp, rank, case_id LIMIT ?",
                             state_columns));
    if (after) {
        st->bind(1, after->group);
        st->bind(2, after->rank);
        st->bind(3, after->case_id);
    } else {
        st->bind(1, -1);
        st->bind(2, 0.0);
        st->bind(3, 0);
    }
    st->bind(4, limit);
    std::vector<CaseState> out;
    while (st->executeStep()) {
        out.push_back(read_state(*st));
    }
    return out;
}

bool Store::writable() {
    return sqlite3_db_readonly(db_->getHandle(), "main") == 0;
}

std::array<std::int64_t, 3> Store::state_counts() {
    std::array<std::int64_t, 3> counts{};
    auto st = prepared("SELECT grp, count(*) FROM case_state WHERE grp < 3 GROUP BY grp");
    while (st->executeStep()) {
        const int g = st->getColumn(0).getInt();
        if (g >= 0 && g < 3) {
            counts[static_cast<std::size_t>(g)] = st->getColumn(1).getInt64();
        }
    }
    return counts;
}

void Store::rebuild_derived() {
    db_->exec("DELETE FROM case_channels; DELETE FROM case_state; DELETE FROM history_stamp; "
              "DELETE FROM history_overall;");
    fill_derived(*db_);
    fill_search(*db_);
}

std::int64_t Store::search_index_differences() {
    return search_differences(*db_);
}

namespace store_detail {

void fill_derived(SQLite::Database& db) {
    db.exec(tally_sql("SELECT id FROM cases"));
    db.exec("INSERT INTO case_state(case_id, grp, rank, recheck_at, computed_at, history, action, "
            "summary) SELECT id, 0, 0, 0, 0, 0, '', '' FROM cases WHERE status = 'open'");
}

} // namespace store_detail

} // namespace escalate
