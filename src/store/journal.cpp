// Undo: reading the newest journal entry and replaying its recorded inverse statements.
#include <fmt/format.h>
#include <sqlite3.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"
#include "rows.hpp"
#include "schema.hpp"
#include "statements.hpp"

namespace escalate {

std::optional<JournalEntry> Store::last_journal_entry() {
    auto st = prepared("SELECT id, at, command, summary FROM journal WHERE open = 0 "
                       "ORDER BY id DESC LIMIT 1");
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return JournalEntry{st->getColumn(0).getInt64(), st->getColumn(1).getInt64(),
                        st->getColumn(2).getString(), st->getColumn(3).getString()};
}

void Store::revert(const JournalEntry& entry) {
    std::vector<std::string> steps;
    auto st = prepared("SELECT sql FROM journal_steps WHERE journal_id = ? ORDER BY id DESC");
    st->bind(1, entry.id);
    while (st->executeStep()) {
        steps.push_back(st->getColumn(0).getString());
    }
    try {
        for (const auto& sql : steps) {
            db_->exec(sql);
        }
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
            // Rows written outside the journal still use what this change would remove.
            throw StorageError(fmt::format(
                "cannot undo \"{}\": rows written since without a journal entry still refer to "
                "it (an import by an escalate older than 2026-11-23, say, or a change made "
                "outside escalate); nothing was changed",
                entry.summary));
        }
        throw StorageError(fmt::format("cannot undo \"{}\": {}", entry.summary, e.what()));
    }
    auto del_steps = prepared("DELETE FROM journal_steps WHERE journal_id = ?");
    del_steps->bind(1, entry.id);
    del_steps->exec();
    auto del = prepared("DELETE FROM journal WHERE id = ?");
    del->bind(1, entry.id);
    del->exec();
}

namespace {

std::int64_t max_id(SQLite::Database& db, const std::string& table) {
    return db.execAndGet(fmt::format("SELECT coalesce(max(id), 0) FROM {}", table)).getInt64();
}

// An entry with open = 2 is the bulk change under way: the row triggers record only while an
// entry has open = 1 (schema.cpp), so its rows cost nothing until end_bulk_change.
constexpr int bulk_open = 2;

// The full-text index is filled once at the end of a bulk change rather than by a trigger per
// row (each row's trigger flushed FTS5's pending terms). The triggers that insert are set aside
// as written in the schema and put back by end_bulk_change; DDL is transactional, so a change
// that fails leaves them as they were.
constexpr const char* search_insert_triggers =
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
    "('search_contacts_insert', 'search_cases_insert', 'search_promises_insert') ORDER BY name";

// The secondary indexes of the tables a bulk change fills (not the ones SQLite makes for a
// UNIQUE constraint, which have no SQL and cannot be dropped). Built at the end, each is one
// sort of its table instead of a B-tree insert per row at a random place; set aside and put back
// as the search triggers are, in the same transaction.
constexpr const char* bulk_indexes =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name "
    "IN ('cases', 'contacts', 'promises') ORDER BY name";

// Whether a bulk change of incoming_bytes builds the indexes at its end: always into a log
// without cases, otherwise when the log is no larger than what comes (rebuilding sorts every
// row already there; keeping the indexes costs only the new rows).
bool reindex_at_end(SQLite::Database& db, const Store::BulkChange& change,
                    std::optional<std::uintmax_t> incoming_bytes) {
    if (change.cases == 0 && change.contacts == 0 && change.promises == 0) {
        return true;
    }
    if (!incoming_bytes) {
        return false;
    }
    const std::int64_t pages = db.execAndGet("PRAGMA page_count").getInt64() -
                               db.execAndGet("PRAGMA freelist_count").getInt64();
    const std::int64_t log_bytes = pages * db.execAndGet("PRAGMA page_size").getInt64();
    return *incoming_bytes >= static_cast<std::uintmax_t>(log_bytes);
}

} // namespace

Store::BulkChange Store::begin_bulk_change(std::string_view command, Timestamp now,
                                           std::optional<std::uintmax_t> incoming_bytes) {
    auto st = prepared("INSERT INTO journal(at, command, open) VALUES (?, ?, ?)");
    st->bind(1, now);
    st->bind(2, std::string(command));
    st->bind(3, bulk_open);
    st->exec();
    BulkChange change;
    change.journal_id = db_->getLastInsertRowid();
    change.orgs = max_id(*db_, "orgs");
    change.cases = max_id(*db_, "cases");
    change.contacts = max_id(*db_, "contacts");
    change.promises = max_id(*db_, "promises");
    SQLite::Statement triggers(*db_, search_insert_triggers);
    while (triggers.executeStep()) {
        change.search_triggers.push_back(triggers.getColumn(1).getString());
        db_->exec(fmt::format("DROP TRIGGER {}", triggers.getColumn(0).getString()));
    }
    if (reindex_at_end(*db_, change, incoming_bytes)) {
        // Dropped once all are read: SQLite refuses DROP INDEX while a statement is reading.
        std::vector<std::string> names;
        SQLite::Statement indexes(*db_, bulk_indexes);
        while (indexes.executeStep()) {
            names.push_back(indexes.getColumn(0).getString());
            change.indexes.push_back(indexes.getColumn(1).getString());
        }
        indexes.reset();
        for (const auto& name : names) {
            db_->exec(fmt::format("DROP INDEX {}", name));
        }
    }
    pause_insert_tracking();
    return change;
}

void Store::record_rows(const BulkChange& change, bool on) {
    auto st = prepared("UPDATE journal SET open = ? WHERE id = ?");
    st->bind(1, on ? 1 : bulk_open);
    st->bind(2, change.journal_id);
    st->exec();
}

void Store::end_bulk_change(const BulkChange& change, std::string_view summary) {
    for (const auto& sql : change.indexes) {
        db_->exec(sql);
    }
    if (!change.search_triggers.empty()) {
        // The same text the triggers index (schema.cpp); the store's unit test checks that
        // both give the same index.
        store_detail::fill_search_after(*db_, change.cases, change.contacts, change.promises);
        for (const auto& sql : change.search_triggers) {
            db_->exec(sql);
        }
    }
    resume_insert_tracking(change);
    // Undo replays steps newest first: promises, then contacts, cases and the orgs the change
    // created, then the org rows' own steps (recorded earlier, row by row). The search indexes
    // follow through their triggers on cases, contacts and promises.
    const std::pair<const char*, std::int64_t> tables[] = {{"orgs", change.orgs},
                                                           {"cases", change.cases},
                                                           {"contacts", change.contacts},
                                                           {"promises", change.promises}};
    for (const auto& [table, before] : tables) {
        const std::int64_t last = max_id(*db_, table);
        if (last <= before) {
            continue;
        }
        auto st = prepared("INSERT INTO journal_steps(journal_id, sql) VALUES (?, ?)");
        st->bind(1, change.journal_id);
        st->bind(2,
                 fmt::format("DELETE FROM {} WHERE id BETWEEN {} AND {}", table, before + 1, last));
        st->exec();
    }
    auto close_entry = prepared("UPDATE journal SET open = 0, summary = ? WHERE id = ?");
    close_entry->bind(1, std::string(summary));
    close_entry->bind(2, change.journal_id);
    close_entry->exec();
    // As Transaction::commit does: an entry that changed nothing is not kept, and only the
    // newest 500 are.
    auto empty = prepared("DELETE FROM journal WHERE id = ? AND NOT EXISTS (SELECT 1 "
                          "FROM journal_steps WHERE journal_id = ?)");
    empty->bind(1, change.journal_id);
    empty->bind(2, change.journal_id);
    empty->exec();
    db_->exec("DELETE FROM journal WHERE id <= (SELECT max(id) - 500 FROM journal)");
}

} // namespace escalate
