// Opening the case log: creating it privately, recognising what is not ours without touching
// it, migrating older versions after a backup, and the per-connection settings.
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include <fmt/format.h>

#include "backup.hpp"
#include "busy.hpp"
#include "escalate/errors.hpp"
#include "escalate/store.hpp"
#include "files.hpp"
#include "presence.hpp"
#include "schema.hpp"
#include "statements.hpp"

namespace escalate {

namespace fs = std::filesystem;
using store_detail::application_id;
using store_detail::check_sqlite_header;
using store_detail::create_private_file;
using store_detail::make_private_dirs;
using store_detail::remove_created;

namespace {

int pragma_int(SQLite::Database& db, const char* name) {
    return db.execAndGet(fmt::format("PRAGMA {}", name)).getInt();
}

// What a path that exists but is no regular file is, in words; "" for a regular file.
std::string kind_of(const struct stat& st) {
    if (S_ISFIFO(st.st_mode)) {
        return "a FIFO";
    }
    if (S_ISCHR(st.st_mode)) {
        return "a character device";
    }
    if (S_ISBLK(st.st_mode)) {
        return "a block device";
    }
    if (S_ISSOCK(st.st_mode)) {
        return "a socket";
    }
    return "";
}

// The message for a failure while opening: the kinds a user can act on in their own words.
std::string open_failure(const SQLite::Exception& e, int sys, const fs::path& path,
                         const store_detail::BusyWait* busy) {
    const int code = e.getErrorCode();
    if (code == SQLITE_BUSY && busy != nullptr) {
        return busy->timed_out_message();
    }
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
        return fmt::format("{} is damaged ({}); it was left as it is: restore it from a copy",
                           path.string(), e.what());
    }
    if (code == SQLITE_CANTOPEN) {
        return fmt::format("cannot open {}: {} (its folder must be writable: SQLite keeps its "
                           "-wal and -shm files beside it)",
                           path.string(), e.what());
    }
    if (code == SQLITE_FULL || code == SQLITE_IOERR || sys == ENOSPC || sys == EDQUOT) {
        return describe_storage_failure(code, sys, e.what(), path);
    }
    return fmt::format("cannot open {}: {}", path.string(), e.what());
}

} // namespace

Store::Store(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {
    if (db_) {
        register_functions(*db_);
    }
}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&& other) noexcept {
    // The connection closes before the busy handler it uses goes.
    close();
    statements_ = std::move(other.statements_);
    db_ = std::move(other.db_);
    busy_ = std::move(other.busy_);
    presence_ = std::move(other.presence_);
    created_ = std::move(other.created_);
    committed_ = std::move(other.committed_);
    on_commit_ = std::move(other.on_commit_);
    tracking_ = other.tracking_;
    tallied_at_ = other.tallied_at_;
    return *this;
}
Store::~Store() {
    close(); // before busy_, whatever the order of the members
}

void Store::close() noexcept {
    statements_.reset(); // finalized before the connection closes
    db_.reset();
}

store_detail::Prepared Store::prepared(std::string_view sql) {
    if (!statements_) {
        statements_ = std::make_unique<store_detail::StatementCache>(*db_);
    }
    return statements_->get(sql);
}

void Store::check_path(const fs::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        return; // missing: created by a write, an empty log to a read
    }
    if (S_ISLNK(st.st_mode)) {
        std::error_code ec;
        const fs::path target = fs::read_symlink(path, ec);
        if (::stat(path.c_str(), &st) != 0) {
            throw StorageError(fmt::format(
                "{} is a symbolic link to {}, which does not exist; point --db at the log itself "
                "or remove the link",
                path.string(), ec ? std::string("a missing file") : target.string()));
        }
    }
    if (S_ISDIR(st.st_mode)) {
        throw StorageError(fmt::format("{} is a folder, not a case log file", path.string()));
    }
    const std::string kind = kind_of(st);
    if (!kind.empty()) {
        throw StorageError(
            fmt::format("{} is {}, not a case log file; give --db the path of a regular file",
                        path.string(), kind));
    }
}

Store Store::open(const fs::path& path, Timestamp now) {
    return open(path, now, store_detail::default_busy_timeout);
}

Store Store::open(const fs::path& path, Timestamp now, std::chrono::milliseconds busy_timeout) {
    bool created = false;
    std::vector<fs::path> made;
    std::unique_ptr<store_detail::Presence> presence;
    // Another command may create the log, or remove one it created and failed to use, at the
    // same moment: look again until the file held is the one the path names.
    for (int attempt = 0; !presence; ++attempt) {
        if (attempt == 10) {
            throw StorageError(fmt::format("cannot open {}: another command keeps creating and "
                                           "removing it; try again",
                                           path.string()));
        }
        check_path(path);
        std::error_code ec;
        created = false;
        made.clear();
        if (!fs::exists(fs::symlink_status(path, ec))) {
            std::vector<fs::path> dirs;
            make_private_dirs(path.parent_path(), dirs);
            if (!create_private_file(path)) {
                remove_created(dirs);
                continue; // another command created it first: open theirs
            }
            made.push_back(path);
            made.insert(made.end(), dirs.begin(), dirs.end());
            created = true;
        }
        try {
            if (auto held = store_detail::Presence::hold(path, created)) {
                presence = std::make_unique<store_detail::Presence>(std::move(*held));
            }
        } catch (...) {
            remove_created(made);
            throw;
        }
    }
    if (!created) {
        check_sqlite_header(path);
    }
    Store store(nullptr);
    store.presence_ = std::move(presence);
    store.busy_ = std::make_unique<store_detail::BusyWait>(path, busy_timeout);
    store.created_ = made;
    try {
        // One connection per process, never shared between threads: SQLite's per-call mutexes
        // only cost time.
        store.db_ = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE |
                                                                          SQLite::OPEN_NOMUTEX);
        register_functions(*store.db_);
        store.busy_->install(store.db_->getHandle());
        store.prepare(now, path, created);
        store.presence_->share(); // the schema is written: others may open it now
        return store;
    } catch (const SQLite::Exception& e) {
        const std::string message = open_failure(e, store.system_errno(), path, store.busy_.get());
        store.close();
        remove_created(made);
        throw StorageError(message);
    } catch (...) {
        store.close();
        remove_created(made);
        throw;
    }
}

int Store::system_errno() const noexcept {
    return db_ ? sqlite3_system_errno(db_->getHandle()) : 0;
}

std::string Store::busy_message() const {
    if (busy_) {
        return busy_->timed_out_message();
    }
    return "the case log is busy: another escalate command is writing to it; try again when it "
           "has finished";
}

void Store::discard_if_unused() noexcept {
    if (created_.empty() || committed_ || !db_) {
        return;
    }
    close(); // closes the connection first: SQLite removes its -wal then
    // Only when no other process opened the log meanwhile (it may have written to it).
    if (presence_ && presence_->alone()) {
        remove_created(created_);
    }
    created_.clear();
}

Store Store::in_memory() {
    auto db = std::make_unique<SQLite::Database>(":memory:",
                                                 SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE |
                                                     SQLite::OPEN_MEMORY | SQLite::OPEN_NOMUTEX);
    Store store(std::move(db));
    store.prepare(0, {}, true);
    return store;
}

namespace {

// Refuses a file that is not ours, or from a newer escalate, before anything writes to it.
void check_ours(SQLite::Database& db, const fs::path& path, int app, int version) {
    const int tables =
        db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt();
    if (app != application_id && !(app == 0 && version == 0 && tables == 0)) {
        throw StorageError(
            fmt::format("{} is not an escalate case log (it is another application's database)",
                        path.string()));
    }
    if (version > schema_version) {
        throw StorageError(fmt::format(
            "{} was written by a newer escalate (schema version {}, this build reads up to "
            "{}); upgrade escalate to open it",
            path.string(), version, schema_version));
    }
}

} // namespace

void Store::prepare(Timestamp /*now*/, const fs::path& path, bool created) {
    SQLite::Database& db = *db_;
    // Look before writing anything: a file that is not ours must stay as it is.
    int version = pragma_int(db, "user_version");
    if (!created) {
        check_ours(db, path, pragma_int(db, "application_id"), version);
    }
    // Outside any transaction: SQLite cannot change the journal mode inside one.
    if (!path.empty() && db.execAndGet("PRAGMA journal_mode").getString() != "wal") {
        db.exec("PRAGMA journal_mode = WAL");
    }
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
    if (version >= schema_version) {
        return;
    }
    // An upgrade takes the write lock first (waiting for another process's), then reads the
    // version again under it: another escalate may have upgraded the log meanwhile, and then
    // there is nothing left to do, nor any backup to write.
    db.exec("BEGIN IMMEDIATE");
    try {
        version = pragma_int(db, "user_version");
        if (!created) {
            check_ours(db, path, pragma_int(db, "application_id"), version);
        }
        if (version < schema_version) {
            if (version > 0 && !path.empty()) {
                store_detail::backup_before_migration(path, version);
            }
            store_detail::migrate(db, version);
        }
        db.exec("COMMIT");
    } catch (...) {
        try {
            db.exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): the first error is the one to report
        }
        throw;
    }
}

Store::Transaction::Transaction(Store& store, Journal journal)
    : store_(&store), journal_(journal) {}

Store::Transaction::Transaction(Transaction&& other) noexcept
    : store_(other.store_), journal_(other.journal_), done_(other.done_) {
    other.done_ = true;
}

Store::Transaction::~Transaction() {
    if (!done_) {
        try {
            store_->db_->exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): a failed rollback leaves SQLite's own
        }
    }
}

void Store::Transaction::commit(std::string_view summary) {
    SQLite::Database& db = *store_->db_;
    try {
        if (journal_ != Journal::Cache) {
            store_->before_commit();
        }
        if (journal_ == Journal::Record) {
            SQLite::Statement close(db, "UPDATE journal SET open = 0, summary = ? WHERE open = 1");
            close.bind(1, std::string(summary));
            close.exec();
            // An entry that changed nothing is not worth undoing.
            db.exec("DELETE FROM journal WHERE id NOT IN (SELECT journal_id FROM journal_steps)");
            // Keep the newest 500 entries; older changes can no longer be undone.
            db.exec("DELETE FROM journal WHERE id <= (SELECT max(id) - 500 FROM journal)");
        }
        db.exec("COMMIT");
        done_ = true;
        if (journal_ != Journal::Cache) {
            store_->committed_ = summary.empty() ? std::string("the change") : std::string(summary);
        }
    } catch (const SQLite::Exception& e) {
        throw StorageError(fmt::format("cannot save the change: {}", e.what()));
    }
}

Store::Transaction Store::write(std::string_view command, Timestamp now, Journal journal) {
    if (sqlite3_db_readonly(db_->getHandle(), "main") == 1) {
        throw StorageError(
            fmt::format("cannot write {}: the file is read-only", db_->getFilename()));
    }
    if (journal != Journal::Cache) {
        track_changes();
    }
    try {
        db_->exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY) {
            throw StorageError(busy_message());
        }
        throw StorageError(describe_storage_failure(e.getErrorCode(), system_errno(), e.what(),
                                                    db_->getFilename()));
    }
    Transaction tx(*this, journal);
    if (tracking_) {
        db_->exec("DELETE FROM temp.escalate_changed");
    }
    if (journal == Journal::Record) {
        SQLite::Statement st(*db_, "INSERT INTO journal(at, command) VALUES (?, ?)");
        st.bind(1, now);
        st.bind(2, std::string(command));
        st.exec();
    }
    return tx;
}

Store::Transaction Store::read() {
    db_->exec("BEGIN");
    return Transaction(*this, Journal::Skip);
}

} // namespace escalate
