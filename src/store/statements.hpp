// Each statement the store runs is compiled once per connection and reused: preparing a
// statement on a table with triggers recompiles the trigger programs too, which dominated an
// import. Private to src/store.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>

namespace escalate::store_detail {

// A statement taken from the cache, reset with its bindings cleared when it goes, so that no
// statement stays active between uses (an active one would hold its read cursor and keep a
// DROP or ROLLBACK from running cleanly).
class Prepared {
public:
    Prepared(Prepared&& other) noexcept;
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;
    Prepared& operator=(Prepared&&) = delete;
    ~Prepared();

    SQLite::Statement& operator*() const { return *st_; }
    SQLite::Statement* operator->() const { return st_; }

private:
    friend class StatementCache;
    Prepared(SQLite::Statement* st, bool* busy, std::unique_ptr<SQLite::Statement> own);
    SQLite::Statement* st_;
    bool* busy_;                             // the cache entry's flag; nullptr when not cached
    std::unique_ptr<SQLite::Statement> own_; // a statement already in use, prepared again
};

// The prepared statements of one connection, by their SQL text. Must be cleared (or
// destroyed) before the connection closes.
class StatementCache {
public:
    explicit StatementCache(SQLite::Database& db) : db_(db) {}
    // The statement for sql, prepared on first use. A statement still in use (a query run from
    // inside the loop over another's rows) is prepared afresh rather than shared.
    [[nodiscard]] Prepared get(std::string_view sql);
    // Finalizes every statement: before the connection closes, or after the schema changed.
    void clear() noexcept { entries_.clear(); }

private:
    struct Entry {
        std::unique_ptr<SQLite::Statement> st;
        bool busy = false;
    };
    SQLite::Database& db_;
    std::unordered_map<std::string, Entry> entries_;
};

} // namespace escalate::store_detail
