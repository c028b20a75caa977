// Contacts and the promises made on them.
#include <fmt/format.h>

#include "escalate/store.hpp"
#include "rows.hpp"
#include "statements.hpp"

namespace escalate {

using namespace store_detail;

namespace {

// Binds the contact's fields from position `first` on.
void bind_contact(SQLite::Statement& st, const Contact& c, int first = 1) {
    const int at = first - 1;
    st.bind(at + 1, c.case_id);
    st.bind(at + 2, c.channel);
    st.bind(at + 3, std::string(to_string(c.direction)));
    st.bind(at + 4, c.at);
    bind_opt(st, at + 5, c.duration_s);
    bind_opt(st, at + 6, c.hold_s);
    bind_opt(st, at + 7, c.agent);
    bind_opt(st, at + 8, c.ref);
    bind_opt(st, at + 9,
             c.outcome ? std::optional<std::string>(to_string(*c.outcome)) : std::nullopt);
    bind_opt(st, at + 10, c.note);
    st.bind(at + 11, c.is_private ? 1 : 0);
}

} // namespace

std::int64_t Store::insert_contact(const Contact& c) {
    auto st = prepared(R"sql(
        INSERT INTO contacts(id, case_id, channel, direction, at, duration_s, hold_s, agent, ref,
                             outcome, note, private)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
    bind_opt(*st, 1, c.id > 0 ? std::optional(c.id) : std::nullopt); // NULL: the next id
    bind_contact(*st, c, 2);
    st->exec();
    return db_->getLastInsertRowid();
}

void Store::update_contact(const Contact& c) {
    auto st = prepared(R"sql(
        UPDATE contacts SET case_id = ?, channel = ?, direction = ?, at = ?, duration_s = ?,
                            hold_s = ?, agent = ?, ref = ?, outcome = ?, note = ?, private = ?
        WHERE id = ?)sql");
    bind_contact(*st, c);
    st->bind(12, c.id);
    st->exec();
}

std::optional<Contact> Store::find_contact(std::int64_t id) {
    auto st = prepared(
        fmt::format("SELECT {} FROM contacts ct LEFT JOIN promises p ON p.contact_id = ct.id "
                    "WHERE ct.id = ?",
                    contact_columns));
    st->bind(1, id);
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return read_contact(*st);
}

std::int64_t Store::insert_promise(const Promise& p) {
    auto st = prepared(R"sql(
        INSERT INTO promises(id, case_id, contact_id, text, due, status)
        VALUES (?, ?, ?, ?, ?, ?))sql");
    bind_opt(*st, 1, p.id > 0 ? std::optional(p.id) : std::nullopt); // NULL: the next id
    st->bind(2, p.case_id);
    st->bind(3, p.contact_id);
    st->bind(4, p.text);
    st->bind(5, p.due);
    st->bind(6, std::string(to_string(p.status)));
    st->exec();
    return db_->getLastInsertRowid();
}

void Store::update_promise(const Promise& p) {
    auto st = prepared("UPDATE promises SET text = ?, due = ?, status = ? WHERE id = ?");
    st->bind(1, p.text);
    st->bind(2, p.due);
    st->bind(3, std::string(to_string(p.status)));
    st->bind(4, p.id);
    st->exec();
}

std::optional<Promise> Store::find_promise(std::int64_t id) {
    auto st = prepared(fmt::format("SELECT {} FROM promises p WHERE p.id = ?", promise_columns));
    st->bind(1, id);
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return read_promise(*st);
}

std::optional<Promise> Store::promise_of_contact(std::int64_t contact_id) {
    auto st =
        prepared(fmt::format("SELECT {} FROM promises p WHERE p.contact_id = ?", promise_columns));
    st->bind(1, contact_id);
    if (!st->executeStep()) {
        return std::nullopt;
    }
    return read_promise(*st);
}

std::vector<std::pair<Promise, std::string>> Store::promises(const PromiseFilter& f) {
    std::string where = "1";
    if (f.pending_only || f.due_before) {
        where += " AND p.status = 'pending'";
    }
    if (f.due_before) {
        where += " AND p.due < :before";
    }
    auto st = prepared(fmt::format(R"sql(
        SELECT {}, o.name FROM promises p
        JOIN cases c ON c.id = p.case_id JOIN orgs o ON o.id = c.org_id
        WHERE {} ORDER BY p.due, p.id)sql",
                                   promise_columns, where));
    if (f.due_before) {
        st->bind(":before", *f.due_before);
    }
    std::vector<std::pair<Promise, std::string>> out;
    while (st->executeStep()) {
        out.emplace_back(read_promise(*st), st->getColumn(6).getString());
    }
    return out;
}

} // namespace escalate
