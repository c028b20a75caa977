#include "schema.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"

namespace escalate::store_detail {
namespace {

// Version 1: orgs, cases, contacts, promises, and the undo journal.
constexpr const char* schema_v1 = R"sql(
CREATE TABLE orgs (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    phone       TEXT,
    email       TEXT,
    chat        TEXT,
    social      TEXT NOT NULL DEFAULT '[]',
    exec        TEXT,
    regulator   TEXT,
    unavailable TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    title       TEXT NOT NULL DEFAULT '',
    want        TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'abandoned')),
    opened_at   INTEGER NOT NULL,
    closed_at   INTEGER,
    resolution  TEXT,
    tags        TEXT NOT NULL DEFAULT '[]',
    incident_at INTEGER,
    paid_by     TEXT
);
CREATE INDEX cases_by_status ON cases(status, id);
CREATE INDEX cases_by_org ON cases(org_id, status);
CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    channel    TEXT NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    at         INTEGER NOT NULL,
    duration_s INTEGER,
    hold_s     INTEGER,
    agent      TEXT,
    ref        TEXT,
    outcome    TEXT,
    note       TEXT,
    private    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contacts_by_case ON contacts(case_id, at, id);
CREATE TABLE promises (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id),
    text       TEXT NOT NULL,
    due        INTEGER NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'kept', 'broken'))
);
CREATE INDEX promises_by_case ON promises(case_id);
CREATE INDEX promises_by_status ON promises(status, due);
CREATE TABLE journal (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    command TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    open    INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE journal_steps (
    id         INTEGER PRIMARY KEY,
    journal_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
    sql        TEXT NOT NULL
);
CREATE INDEX journal_steps_by_entry ON journal_steps(journal_id, id);
)sql";

// Version 2: a full-text index over what people search for (SPEC: notes, agents, refs and
// titles). One FTS5 table: a contact's row has the contact's id as its rowid, a case's row
// the case's id negated, so that triggers keep it in step by rowid, without a scan.
constexpr const char* schema_v2 = R"sql(
CREATE VIRTUAL TABLE search_index USING fts5(
    text, case_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index(rowid, text, case_id)
    SELECT id, coalesce(note, '') || ' ' || coalesce(agent, '') || ' ' || coalesce(ref, ''), case_id
    FROM contacts;
INSERT INTO search_index(rowid, text, case_id)
    SELECT -id, title || ' ' || coalesce(want, '') || ' ' || coalesce(resolution, ''), id
    FROM cases;
CREATE TRIGGER search_contacts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_index(rowid, text, case_id) VALUES (NEW.id,
        coalesce(NEW.note, '') || ' ' || coalesce(NEW.agent, '') || ' ' || coalesce(NEW.ref, ''),
        NEW.case_id);
END;
CREATE TRIGGER search_contacts_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
END;
CREATE TRIGGER search_contacts_update AFTER UPDATE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
    INSERT INTO search_index(rowid, text, case_id) VALUES (NEW.id,
        coalesce(NEW.note, '') || ' ' || coalesce(NEW.agent, '') || ' ' || coalesce(NEW.ref, ''),
        NEW.case_id);
END;
CREATE TRIGGER search_cases_insert AFTER INSERT ON cases BEGIN
    INSERT INTO search_index(rowid, text, case_id) VALUES (-NEW.id,
        NEW.title || ' ' || coalesce(NEW.want, '') || ' ' || coalesce(NEW.resolution, ''), NEW.id);
END;
CREATE TRIGGER search_cases_delete AFTER DELETE ON cases BEGIN
    DELETE FROM search_index WHERE rowid = -OLD.id;
END;
CREATE TRIGGER search_cases_update AFTER UPDATE ON cases BEGIN
    DELETE FROM search_index WHERE rowid = -OLD.id;
    INSERT INTO search_index(rowid, text, case_id) VALUES (-NEW.id,
        NEW.title || ' ' || coalesce(NEW.want, '') || ' ' || coalesce(NEW.resolution, ''), NEW.id);
END;
)sql";

// Version 3: the facts of a case that pick its regime and that claims must state, and the one
// channel an org accepts (org --requires).
constexpr const char* schema_v3 = R"sql(
ALTER TABLE cases ADD COLUMN country TEXT;
ALTER TABLE cases ADD COLUMN sector TEXT;
ALTER TABLE cases ADD COLUMN amount TEXT;
ALTER TABLE cases ADD COLUMN currency TEXT;
ALTER TABLE cases ADD COLUMN order_ref TEXT;
ALTER TABLE orgs ADD COLUMN requires TEXT;
)sql";

// Version 4: what the engine reads about other cases and what the agenda sorts by, kept on
// every write rather than recomputed (docs/performance.md). Both are derived: not journaled, not
// dumped, rebuilt by `escalate rebuild`.
//
// case_channels: per case and channel, the person's outbound attempts, how many reached a
// person (a synchronous contact's outcome other than no-answer or hung-up), how many were
// answered (a later inbound contact, or an outcome), the delays to those later inbound contacts
// (seconds, comma-separated), and whether the case was resolved through the channel. Which of
// reached and answered counts as a reply is the policy's (the channel's sync), read at use.
//
// case_state: per open case, where it stands in the agenda (group, rank), until when that holds
// (recheck_at; NULL: until a write) from when (computed_at), and the top suggestion as the agenda
// shows it. history is a fingerprint of the person's history the suggestion was ranked with. The
// stamp in state_stamp names the policy, zone and engine the rows were computed under; a row with
// recheck_at 0 is yet to be computed.
constexpr const char* schema_v4 = R"sql(
CREATE TABLE case_channels (
    case_id     INTEGER NOT NULL,
    channel     TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    reached     INTEGER NOT NULL,
    answered    INTEGER NOT NULL,
    delays      TEXT NOT NULL,
    resolutions INTEGER NOT NULL,
    PRIMARY KEY (case_id, channel)
) WITHOUT ROWID;
CREATE TABLE case_state (
    case_id    INTEGER PRIMARY KEY,
    grp        INTEGER NOT NULL,
    rank       REAL NOT NULL,
    recheck_at INTEGER,
    computed_at INTEGER NOT NULL,
    history    INTEGER NOT NULL,
    action     TEXT NOT NULL,
    channel    TEXT,
    tier       INTEGER,
    not_before INTEGER,
    summary    TEXT NOT NULL,
    lever      TEXT
);
CREATE INDEX case_state_order ON case_state(grp, rank, case_id);
CREATE INDEX case_state_recheck ON case_state(recheck_at);
CREATE INDEX case_state_computed ON case_state(computed_at);
CREATE TABLE state_stamp (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp TEXT NOT NULL
);
)sql";

// Version 5: the person's record per channel over the newest cases (overall, the engine's
// ChannelHistory::overall), kept rather than summed from every recent case's tallies on each
// read. Derived like version 4's tables: history_stamp names the policy it was counted under
// (which channels are synchronous decides what a reply is) and how many of the newest cases
// were summed; a write that changes one of those cases deletes the stamp, and without a stamp
// whatever reads the history sums it afresh (and keeps it, in a write transaction).
constexpr const char* schema_v5 = R"sql(
CREATE TABLE history_overall (
    channel        TEXT PRIMARY KEY,
    attempts       INTEGER NOT NULL,
    replies        INTEGER NOT NULL,
    resolutions    INTEGER NOT NULL,
    median_reply_s INTEGER
) WITHOUT ROWID;
CREATE TABLE history_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    stamp  TEXT NOT NULL,
    recent INTEGER NOT NULL
);
)sql";

// Version 6: order references and promises are found too (issue 13). A case's row in
// search_index gains its order_ref (rowids as in version 2: a contact's id, a case's id
// negated). Promises get their own FTS5 table, promise_index, whose rowid is the promise's id:
// a third kind of row in search_index would need a third rowid range, and ids restored by
// import can be anywhere in the positive range, so no range is safe from a contact's id.
// Search reads both tables in one query (src/store/search.cpp). fill_search fills both from
// the log, here and in `escalate rebuild`.
constexpr const char* schema_v6 = R"sql(
DROP TRIGGER search_cases_insert;
DROP TRIGGER search_cases_update;
CREATE TRIGGER search_cases_insert AFTER INSERT ON cases BEGIN
    INSERT INTO search_index(rowid, text, case_id) VALUES (-NEW.id,
        NEW.title || ' ' || coalesce(NEW.want, '') || ' ' || coalesce(NEW.resolution, '') || ' '
            || coalesce(NEW.order_ref, ''), NEW.id);
END;
CREATE TRIGGER search_cases_update AFTER UPDATE ON cases BEGIN
    DELETE FROM search_index WHERE rowid = -OLD.id;
    INSERT INTO search_index(rowid, text, case_id) VALUES (-NEW.id,
        NEW.title || ' ' || coalesce(NEW.want, '') || ' ' || coalesce(NEW.resolution, '') || ' '
            || coalesce(NEW.order_ref, ''), NEW.id);
END;
CREATE VIRTUAL TABLE promise_index USING fts5(
    text, case_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_promises_insert AFTER INSERT ON promises BEGIN
    INSERT INTO promise_index(rowid, text, case_id) VALUES (NEW.id, NEW.text, NEW.case_id);
END;
CREATE TRIGGER search_promises_delete AFTER DELETE ON promises BEGIN
    DELETE FROM promise_index WHERE rowid = OLD.id;
END;
CREATE TRIGGER search_promises_update AFTER UPDATE OF text, case_id ON promises BEGIN
    DELETE FROM promise_index WHERE rowid = OLD.id;
    INSERT INTO promise_index(rowid, text, case_id) VALUES (NEW.id, NEW.text, NEW.case_id);
END;
)sql";

struct Migration {
    int version;
    const char* sql;
    void (*fill)(SQLite::Database&) = nullptr; // data the new tables start with
};

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list{{1, schema_v1}, {2, schema_v2},
                                             {3, schema_v3}, {4, schema_v4, fill_derived},
                                             {5, schema_v5}, {6, schema_v6, fill_search}};
    return list;
}

std::vector<std::string> columns_of(SQLite::Database& db, const std::string& table) {
    std::vector<std::string> cols;
    SQLite::Statement st(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, table);
    while (st.executeStep()) {
        cols.push_back(st.getColumn(0).getString());
    }
    return cols;
}

// The journal records, for every row a journaled command changes, the SQL that puts it back
// (the recipe of sqlite.org's "automatic undo/redo"). It only records while a journal entry is
// open, so undo itself and migrations leave no trace. Rebuilt after every migration, from the
// tables' current columns.
void install_journal_triggers(SQLite::Database& db) {
    constexpr const char* when = "WHEN EXISTS (SELECT 1 FROM journal WHERE open = 1)";
    constexpr const char* into = "INSERT INTO journal_steps(journal_id, sql) SELECT id, ";
    for (const std::string table : {"orgs", "cases", "contacts", "promises"}) {
        const auto cols = columns_of(db, table);
        std::string names, values, sets;
        for (const auto& c : cols) {
            names += (names.empty() ? "" : ",") + c;
            values += fmt::format("{}quote(OLD.{})", values.empty() ? "" : " || ',' || ", c);
            if (c != "id") {
                sets += fmt::format("{}'{}=' || quote(OLD.{})", sets.empty() ? "" : " || ',' || ",
                                    c, c);
            }
        }
        db.exec(fmt::format("DROP TRIGGER IF EXISTS journal_{0}_insert;"
                            "DROP TRIGGER IF EXISTS journal_{0}_update;"
                            "DROP TRIGGER IF EXISTS journal_{0}_delete;",
                            table));
        db.exec(fmt::format("CREATE TRIGGER journal_{0}_insert AFTER INSERT ON {0} {1} BEGIN "
                            "{2}'DELETE FROM {0} WHERE id=' || NEW.id FROM journal WHERE open = 1; "
                            "END;",
                            table, when, into));
        db.exec(fmt::format("CREATE TRIGGER journal_{0}_update AFTER UPDATE ON {0} {1} BEGIN "
                            "{2}'UPDATE {0} SET ' || {3} || ' WHERE id=' || OLD.id FROM journal "
                            "WHERE open = 1; END;",
                            table, when, into, sets));
        db.exec(fmt::format("CREATE TRIGGER journal_{0}_delete BEFORE DELETE ON {0} {1} BEGIN "
                            "{2}'INSERT INTO {0}({3}) VALUES(' || {4} || ')' FROM journal WHERE "
                            "open = 1; END;",
                            table, when, into, names, values));
    }
}

// The journal triggers ask, for every row written, whether an entry is open; without this
// partial index that question scans the whole journal (up to 500 entries). Made by every
// migration, so every log this build opens has it.
void ensure_journal_index(SQLite::Database& db) {
    db.exec("CREATE INDEX IF NOT EXISTS journal_open ON journal(open) WHERE open = 1");
}

} // namespace

// What the search_*_insert triggers index (versions 2 and 6): the rows of each index as the
// record has them, for filling (every row, or those above the ids a bulk change started at,
// journal.cpp) and for `rebuild --check`.
constexpr const char* search_contact_rows =
    "SELECT id, coalesce(note, '') || ' ' || coalesce(agent, '') || ' ' || coalesce(ref, ''), "
    "case_id FROM contacts";
constexpr const char* search_case_rows =
    "SELECT -id, title || ' ' || coalesce(want, '') || ' ' || coalesce(resolution, '') || ' ' || "
    "coalesce(order_ref, ''), id FROM cases";
constexpr const char* search_promise_rows = "SELECT id, text, case_id FROM promises";

void fill_search_after(SQLite::Database& db, std::int64_t cases, std::int64_t contacts,
                       std::int64_t promises) {
    const std::tuple<const char*, const char*, std::int64_t> fills[] = {
        {"search_index", search_case_rows, cases},
        {"search_index", search_contact_rows, contacts},
        {"promise_index", search_promise_rows, promises}};
    for (const auto& [table, rows, after] : fills) {
        SQLite::Statement st(
            db, fmt::format("INSERT INTO {}(rowid, text, case_id) {} WHERE id > ?", table, rows));
        st.bind(1, after);
        st.exec();
    }
}

void fill_search(SQLite::Database& db) {
    db.exec("DELETE FROM search_index; DELETE FROM promise_index;");
    constexpr std::int64_t every = std::numeric_limits<std::int64_t>::min();
    fill_search_after(db, every, every, every);
}

std::int64_t search_differences(SQLite::Database& db) {
    const std::string kept = "SELECT rowid, text, case_id FROM search_index";
    const std::string record =
        fmt::format("{} UNION ALL {}", search_contact_rows, search_case_rows);
    const std::string kept_promises = "SELECT rowid, text, case_id FROM promise_index";
    const std::string sql = fmt::format(
        "SELECT (SELECT count(*) FROM ({0} EXCEPT SELECT * FROM ({1}))) + (SELECT count(*) FROM "
        "(SELECT * FROM ({1}) EXCEPT {0})) + (SELECT count(*) FROM ({2} EXCEPT {3})) + (SELECT "
        "count(*) FROM ({3} EXCEPT {2}))",
        kept, record, kept_promises, search_promise_rows);
    return db.execAndGet(sql).getInt64();
}

void migrate(SQLite::Database& db, int from_version) {
    for (const auto& m : migrations()) {
        if (m.version <= from_version) {
            continue;
        }
        // Each step in its own savepoint, inside the caller's write transaction: the upgrade
        // happens whole or not at all, under the lock taken before the version was read.
        try {
            db.exec("SAVEPOINT migration");
            try {
                db.exec(m.sql);
                if (m.fill != nullptr) {
                    m.fill(db);
                }
                install_journal_triggers(db);
                ensure_journal_index(db);
                db.exec(fmt::format("PRAGMA application_id = {}", application_id));
                db.exec(fmt::format("PRAGMA user_version = {}", m.version));
            } catch (...) {
                db.exec("ROLLBACK TO migration");
                db.exec("RELEASE migration");
                throw;
            }
            db.exec("RELEASE migration");
        } catch (const SQLite::Exception& e) {
            throw StorageError(
                fmt::format("cannot upgrade the case log to version {}: {}", m.version, e.what()));
        }
    }
}

} // namespace escalate::store_detail
