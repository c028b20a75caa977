// Undo: reading the newest journal entry and replaying its recorded inverse statements.
#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"
#include "rows.hpp"

namespace escalate {

std::optional<JournalEntry> Store::last_journal_entry() {
    SQLite::Statement st(*db_, "SELECT id, at, command, summary FROM journal WHERE open = 0 "
                               "ORDER BY id DESC LIMIT 1");
    if (!st.executeStep()) {
        return std::nullopt;
    }
    return JournalEntry{st.getColumn(0).getInt64(), st.getColumn(1).getInt64(),
                        st.getColumn(2).getString(), st.getColumn(3).getString()};
}

void Store::revert(const JournalEntry& entry) {
    std::vector<std::string> steps;
    SQLite::Statement st(*db_,
                         "SELECT sql FROM journal_steps WHERE journal_id = ? ORDER BY id DESC");
    st.bind(1, entry.id);
    while (st.executeStep()) {
        steps.push_back(st.getColumn(0).getString());
    }
    try {
        for (const auto& sql : steps) {
            db_->exec(sql);
        }
    } catch (const SQLite::Exception& e) {
        throw StorageError(fmt::format("cannot undo \"{}\": {}", entry.summary, e.what()));
    }
    SQLite::Statement del_steps(*db_, "DELETE FROM journal_steps WHERE journal_id = ?");
    del_steps.bind(1, entry.id);
    del_steps.exec();
    SQLite::Statement del(*db_, "DELETE FROM journal WHERE id = ?");
    del.bind(1, entry.id);
    del.exec();
}

} // namespace escalate
