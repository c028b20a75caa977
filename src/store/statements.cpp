#include "statements.hpp"

namespace escalate::store_detail {

Prepared::Prepared(SQLite::Statement* st, bool* busy, std::unique_ptr<SQLite::Statement> own)
    : st_(st), busy_(busy), own_(std::move(own)) {
    if (busy_ != nullptr) {
        *busy_ = true;
    }
}

Prepared::Prepared(Prepared&& other) noexcept
    : st_(other.st_), busy_(other.busy_), own_(std::move(other.own_)) {
    other.st_ = nullptr;
    other.busy_ = nullptr;
}

Prepared::~Prepared() {
    if (st_ == nullptr || own_) {
        return;
    }
    // tryReset and sqlite3_clear_bindings never fail in a way worth reporting here: the
    // statement's own error was reported by the step that hit it.
    st_->tryReset();
    try {
        st_->clearBindings();
    } catch (...) { // NOLINT(bugprone-empty-catch): see above
    }
    *busy_ = false;
}

Prepared StatementCache::get(std::string_view sql) {
    auto it = entries_.find(std::string(sql));
    if (it == entries_.end()) {
        auto st = std::make_unique<SQLite::Statement>(db_, std::string(sql));
        it = entries_.emplace(std::string(sql), Entry{std::move(st), false}).first;
    } else if (it->second.busy) {
        auto own = std::make_unique<SQLite::Statement>(db_, std::string(sql));
        SQLite::Statement* st = own.get();
        return Prepared(st, nullptr, std::move(own));
    }
    return Prepared(it->second.st.get(), &it->second.busy, nullptr);
}

} // namespace escalate::store_detail
