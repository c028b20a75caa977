// The case log on disk. The only door to SQLite: no other code holds SQL. One connection per
// process; every command runs inside one Transaction.
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "escalate/model.hpp"

namespace SQLite {
class Database;
}
namespace escalate::store_detail {
class BusyWait;
class Presence;
class Prepared;
class StatementCache;
} // namespace escalate::store_detail

namespace escalate {

// Whether a transaction's changes are recorded for `undo`. Cache: a write of derived data only
// (state rows), which is neither journaled nor reported as a saved change.
enum class Journal { Record, Skip, Cache };

struct JournalEntry {
    std::int64_t id = 0;
    Timestamp at = 0;
    std::string command;
    std::string summary;
};

// One match of `search`: a contact (contact_id set), a promise (promise_id set) or a case's
// own text (neither).
struct SearchHit {
    std::int64_t case_id = 0;
    std::optional<std::int64_t> contact_id;
    std::optional<std::int64_t> promise_id;
    std::string org;
    std::string snippet; // the matching text, the match in [brackets]
};

// What `search` looks through: every case, or one, or the cases against matching orgs.
struct SearchFilter {
    std::optional<std::int64_t> case_id;
    std::optional<std::string> org; // case-insensitive org name prefix, as CaseFilter's
};

struct CaseFilter {
    std::optional<CaseStatus> status; // nullopt: every status
    std::optional<std::string> org;   // case-insensitive org name prefix
    bool org_exact = false;           // org is the whole name, not a prefix
    std::optional<int> newest;        // only the newest N cases (by id)
    std::vector<std::string> tags;    // cases with every one of these tags (case-insensitive)
};

struct PromiseFilter {
    bool pending_only = false;
    std::optional<Timestamp> due_before; // pending promises due before this time
};

// Where an open case stands in the agenda and what it shows there, as the engine last said
// (docs/performance.md). Valid until recheck_at, or a write to the case, or another policy.
struct CaseState {
    std::int64_t case_id = 0;
    int group = 0;                       // 0: act now, 1: waiting, 2: only needs closing
    double rank = 0;                     // lower first within the group
    std::optional<Timestamp> recheck_at; // nullopt: until a write; 0: yet to be computed
    Timestamp computed_at = 0;           // the present it was computed for
    std::int64_t history = 0;            // fingerprint of the history it was ranked with
    std::string action;                  // of the top suggestion
    std::optional<std::string> channel;
    std::optional<int> tier;
    std::optional<Timestamp> not_before; // nullopt: now
    std::string summary;
    std::optional<std::string> lever; // a clock lever beside a wait, in words
};

// What `backup` copied: the counts of the snapshot it wrote, and the file's size.
struct BackupResult {
    std::int64_t orgs = 0, cases = 0, contacts = 0, promises = 0;
    std::uintmax_t bytes = 0;
};

// A storage failure in words a user can act on (a full disk, an I/O error), from SQLite's
// result code, the system's errno behind it and SQLite's message, for the log at `log`.
std::string describe_storage_failure(int sqlite_code, int sys_errno, std::string_view what,
                                     const std::filesystem::path& log);

// The schema version this build writes (PRAGMA user_version).
inline constexpr int schema_version = 6;

class Store {
public:
    // Opens the case log at path, creating it (0600, in a 0700 folder) when it does not exist.
    // Refuses, without writing, a file that is empty, not SQLite, another application's
    // database or from a newer escalate. Migrates an older one after a backup beside it.
    static Store open(const std::filesystem::path& path, Timestamp now);
    // The same, waiting at most busy_timeout for another process's lock.
    static Store open(const std::filesystem::path& path, Timestamp now,
                      std::chrono::milliseconds busy_timeout);
    // Refuses, before anything opens it, a path that cannot be a case log: a FIFO, a device, a
    // socket, a folder, a symbolic link to nothing (StorageError naming what it is).
    static void check_path(const std::filesystem::path& path);
    // A fresh in-memory log, for tests and for reading when no file exists yet.
    static Store in_memory();

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    class Transaction {
    public:
        Transaction(Transaction&&) noexcept;
        Transaction& operator=(Transaction&&) = delete;
        ~Transaction(); // rolls back unless committed
        // Commits; a recorded transaction keeps `summary` as its journal line.
        void commit(std::string_view summary = {});

    private:
        friend class Store;
        Transaction(Store& store, Journal journal);
        Store* store_;
        Journal journal_;
        bool done_ = false;
    };

    // A write transaction (BEGIN IMMEDIATE, waits for other writers). command names the
    // journal entry ("log", "edit", ...); now is when it happened.
    [[nodiscard]] Transaction write(std::string_view command, Timestamp now,
                                    Journal journal = Journal::Record);
    // A read transaction: one consistent snapshot.
    [[nodiscard]] Transaction read();
    // The summary of the change this process committed, if any: what a failure after the
    // commit (printing the result) must say was saved.
    [[nodiscard]] const std::optional<std::string>& committed() const { return committed_; }
    // For a command that failed: when this process created the log (and its folders) and
    // committed nothing, closes it and removes what it created, so that a failed command
    // leaves nothing behind. Otherwise does nothing.
    void discard_if_unused() noexcept;
    // The operating system's error behind SQLite's last failure (ENOSPC, EIO...), or 0.
    [[nodiscard]] int system_errno() const noexcept;
    // The error for a lock another process held past the timeout (names its pid if known).
    [[nodiscard]] std::string busy_message() const;
    // A consistent copy of the log (SQLite's online backup, from one read transaction, so
    // concurrent writers never restart it) written to a private temporary file beside target,
    // fsynced, then renamed over target. progress(done, total) is called between steps (pages).
    BackupResult backup_to(const std::filesystem::path& target,
                           const std::function<void(int, int)>& progress);

    // Orgs
    [[nodiscard]] std::optional<Org> find_org(std::string_view name);
    // The orgs a reference names: the one whose name equals it under Unicode case folding,
    // else every org whose folded name starts with it (by name).
    [[nodiscard]] std::vector<Org> match_orgs(std::string_view ref);
    // The org with this name (case-insensitive), created when missing.
    Org ensure_org(std::string_view name);
    void update_org(const Org& org);
    // Every org with its directory, by name.
    [[nodiscard]] std::vector<Org> orgs();

    // Cases. An insert with a non-zero id keeps it (a restore); with 0 the log picks the next.
    // The org is c.org's, created when missing, unless the caller already knows its id (import
    // remembers the ids of the orgs it has seen: finding one by its folded name reads them all).
    std::int64_t insert_case(const Case& c, std::optional<std::int64_t> org_id = std::nullopt);
    // No case and no org yet.
    [[nodiscard]] bool empty();
    // A case with this org (case-insensitive), title and opening time exists.
    [[nodiscard]] bool has_case(std::string_view org, std::string_view title, Timestamp opened_at);
    // Every case with its contacts and promises, by id, one at a time: memory stays constant
    // whatever the size of the log.
    void for_each_case_file(const std::function<void(const CaseFile&)>& visit);
    void update_case(const Case& c);
    [[nodiscard]] std::optional<Case> find_case(std::int64_t id);
    // "12", "#12", or an org name prefix (case-insensitive) among open cases, then all cases.
    // Throws NotFoundError or AmbiguousError (listing the candidates).
    [[nodiscard]] Case resolve_case(std::string_view ref);
    // The case a command works on when none is named (docs/reference.md, "The default case"):
    // the only open case; when several are, the one touched last (its newest contact, else its
    // opening) if take_last, else AmbiguousError listing them. NotFoundError when none is open.
    struct DefaultCase {
        Case kase;
        std::size_t open = 1; // how many cases are open (11 means more than 10)
    };
    [[nodiscard]] DefaultCase default_case(bool take_last);
    [[nodiscard]] CaseFile load_case_file(std::int64_t case_id);
    // Every case the filter selects, with its contacts and promises, by id.
    [[nodiscard]] std::vector<CaseFile> load_case_files(const CaseFilter& filter);

    // Contacts
    std::int64_t insert_contact(const Contact& c);
    void update_contact(const Contact& c);
    [[nodiscard]] std::optional<Contact> find_contact(std::int64_t id);

    // Promises
    std::int64_t insert_promise(const Promise& p);
    void update_promise(const Promise& p);
    [[nodiscard]] std::optional<Promise> find_promise(std::int64_t id);
    [[nodiscard]] std::optional<Promise> promise_of_contact(std::int64_t contact_id);
    // With the org name of each promise's case.
    [[nodiscard]] std::vector<std::pair<Promise, std::string>> promises(const PromiseFilter& f);

    // Full-text search over notes, agents, refs, case titles and order refs, and promises;
    // every word must match, each as the start of a word (`refun` finds "refund"). Best first.
    [[nodiscard]] std::vector<SearchHit> search(std::string_view text, const SearchFilter& filter,
                                                int limit);

    // Undo: the newest journal entry, and reverting it (the entry is then gone).
    [[nodiscard]] std::optional<JournalEntry> last_journal_entry();
    void revert(const JournalEntry& entry);

    // An import as one journaled change without a step per row: inside a write transaction
    // opened with Journal::Skip, begin_bulk_change opens a journal entry the row triggers
    // ignore and notes each table's highest id; record_rows(true) lets the triggers record
    // row by row (for the few org writes); end_bulk_change records one step per table that
    // deletes the rows above the noted ids, children first on undo, and closes the entry. In
    // between, the full-text indexes are not kept row by row: end_bulk_change fills them for the
    // new cases, contacts and promises in one statement each (no other command may write in
    // between).
    //
    // incoming_bytes is the size of what the change will add (the dump), when known. When the
    // log has no case yet, or holds no more than that, the secondary indexes of cases,
    // contacts and promises are set aside too and built once, sorted, by end_bulk_change: on a
    // larger log, keeping them row by row costs less than re-indexing every row already there.
    struct BulkChange {
        std::int64_t journal_id = 0;
        std::int64_t orgs = 0, cases = 0, contacts = 0, promises = 0; // highest ids before
        std::vector<std::string> search_triggers; // set aside until the end, as the schema has them
        std::vector<std::string> indexes;         // likewise, when the log was small
    };
    [[nodiscard]] BulkChange begin_bulk_change(std::string_view command, Timestamp now,
                                               std::optional<std::uintmax_t> incoming_bytes = {});
    void record_rows(const BulkChange& change, bool on);
    void end_bulk_change(const BulkChange& change, std::string_view summary);

    // Derived data kept on every write (src/store/state.cpp, docs/performance.md).
    //
    // Called inside every write transaction just before it commits, when the transaction
    // changed a case (its row, contacts or promises, or its org's directory): the caller keeps
    // the state rows of changed_cases() up to date there.
    void on_commit(std::function<void(Store&)> hook);
    // The cases the current write transaction changed, by id; the per-channel tallies of
    // those cases are already up to date when the commit hook sees them.
    [[nodiscard]] std::vector<std::int64_t> changed_cases();
    [[nodiscard]] std::int64_t changed_case_count();
    // How many rows this connection has written so far (SQLite's total changes): equal counts
    // mean nothing was written in between.
    [[nodiscard]] std::int64_t change_count() const;
    // For a change too large to recompute at once (an import): every changed open case's state
    // row is marked yet to be computed; closed and deleted cases lose theirs.
    void mark_changed_stale();
    // The per-org, per-channel tallies over the newest `recent_cases` cases (by id); and those
    // of one org's cases among them (read through the org's cases, not the whole window).
    [[nodiscard]] std::vector<ChannelTally> channel_tallies(int recent_cases);
    [[nodiscard]] std::vector<ChannelTally> org_tallies(const std::string& org, int recent_cases);
    // The overall record per channel as last kept, if it was kept under `stamp` over the same
    // number of newest cases and no write has changed one of those cases since.
    [[nodiscard]] std::optional<std::vector<KeptRecord>> kept_history(std::string_view stamp,
                                                                      int recent_cases);
    // Keeps the overall record, inside a write transaction (else does nothing).
    void keep_history(std::string_view stamp, int recent_cases,
                      const std::vector<KeptRecord>& records);
    // The stamp the state rows were computed under (policy, zone, engine), and setting a new
    // one, which marks every row yet to be computed.
    [[nodiscard]] std::optional<std::string> state_stamp();
    void set_state_stamp(std::string_view stamp);
    void put_state(const CaseState& state);
    void drop_state(std::int64_t case_id);
    [[nodiscard]] std::optional<CaseState> find_state(std::int64_t case_id);
    // Open cases whose row is due for recomputing at now (recheck_at <= now, or computed for a
    // later present than now), by id.
    [[nodiscard]] std::vector<std::int64_t> stale_states(Timestamp now);
    // At most limit state rows of the agenda (groups 0 to 2) in its order (group, rank, case
    // id), after the row `after` when given; and how many rows each group has.
    [[nodiscard]] std::vector<CaseState> states_in_order(const std::optional<CaseState>& after,
                                                         std::int64_t limit);
    [[nodiscard]] std::array<std::int64_t, 3> state_counts();
    // Whether this process may write to the log.
    [[nodiscard]] bool writable();
    // Recomputes every derived table from the log (`escalate rebuild`): the full-text indexes
    // and the tallies in full, and every open case's state row marked yet to be computed.
    void rebuild_derived();
    // How many rows of the full-text indexes differ from the record, either way (0: in step).
    [[nodiscard]] std::int64_t search_index_differences();

private:
    explicit Store(std::unique_ptr<SQLite::Database> db);
    // escalate_fold(text) on this connection (src/store/fold.cpp).
    static void register_functions(SQLite::Database& db);
    void prepare(Timestamp now, const std::filesystem::path& path, bool created);
    [[nodiscard]] std::vector<Case> cases_matching_org(std::string_view prefix, bool open_only);
    // The statement for sql, prepared once per connection (src/store/statements.cpp).
    [[nodiscard]] store_detail::Prepared prepared(std::string_view sql);
    // Closes the connection, its cached statements first.
    void close() noexcept;

    // Declared before db_, so that they outlive the connection: the busy handler it uses, and
    // the lock that tells other processes this one has the log open.
    std::unique_ptr<store_detail::Presence> presence_;
    std::unique_ptr<store_detail::BusyWait> busy_;
    std::unique_ptr<SQLite::Database> db_;
    // After db_, so that its statements are finalized before the connection closes.
    std::unique_ptr<store_detail::StatementCache> statements_;
    // What Store::open created, the file first, then each new folder from the innermost.
    std::vector<std::filesystem::path> created_;
    std::optional<std::string> committed_;
    std::function<void(Store&)> on_commit_;
    bool tracking_ = false;        // the temp triggers that note changed cases are installed
    std::int64_t tallied_at_ = -1; // change_count() when the tallies were last brought up to date
    void track_changes();
    // Recomputes the tallies of the cases changed since they were last brought up to date.
    void refresh_tallies();
    // A bulk change notes the cases it inserts from its id ranges at the end, not row by row.
    void pause_insert_tracking();
    void resume_insert_tracking(const BulkChange& change);
    void before_commit();
};

} // namespace escalate
