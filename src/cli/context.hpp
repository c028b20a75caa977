// What every command gets: the global options, and lazily the clock, the policy and the store.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "escalate/policy.hpp"
#include "escalate/store.hpp"
#include "escalate/time.hpp"
#include "output.hpp"
#include "pager.hpp"

namespace escalate::cli {

class History;

struct GlobalOptions {
    std::string db;     // --db / ESCALATE_DB
    std::string policy; // --policy / ESCALATE_POLICY
    std::string now;    // --now / ESCALATE_NOW
    bool json = false;
    std::string color = "auto";
    bool quiet = false;
    bool no_pager = false; // --no-pager
};

// Whether a command only reads the log: reading a log that does not exist yet finds it empty
// instead of creating it.
enum class Access { Read, Write };

class Context {
public:
    explicit Context(GlobalOptions options) : options_(std::move(options)) {}

    [[nodiscard]] const GlobalOptions& options() const { return options_; }
    [[nodiscard]] bool json() const { return options_.json; }
    [[nodiscard]] bool quiet() const { return options_.quiet; }

    // The pinned clock (--now) or the system clock, read once per command.
    [[nodiscard]] Timestamp now();
    [[nodiscard]] const Policy& policy();
    [[nodiscard]] Store& store(Access access);
    // The store of a command that needs the log to exist already (backup, rebuild): a missing
    // log is NotFoundError "no case log at PATH: nothing to WHAT", and no empty log is created.
    [[nodiscard]] Store& existing_store(Access access, std::string_view what);
    [[nodiscard]] Style style() const;
    // Called by a command that prints text a person reads, before it prints: from here on its
    // output goes through the pager, on a terminal, unless --no-pager or --json (pager.hpp).
    void page();
    // Whether the output goes to a pager: a write to it failing means the person left it.
    [[nodiscard]] bool paged() const { return pager_ != nullptr; }
    // The case ref names, or the default case when there is none (docs/reference.md, "The
    // default case"): the only open case; with several, at a terminal (standard input is one),
    // the one touched last with a notice on standard error; elsewhere exit 4 listing them.
    [[nodiscard]] Case case_or_default(Store& store, const std::optional<std::string>& ref);
    // A command that did what was asked but found nothing (search, as grep) ends with this
    // exit code, after its output, with no message: not an error, so nothing is rolled back.
    void exit_with(int code) { exit_code_ = code; }
    [[nodiscard]] int exit_code() const { return exit_code_; }
    // Where the case log lives: --db, ESCALATE_DB, then the XDG data folder.
    [[nodiscard]] std::string db_path() const;
    // A file in the configuration folder ($XDG_CONFIG_HOME/escalate, else ~/.config/escalate),
    // or "" when neither is set.
    [[nodiscard]] static std::string config_file(std::string_view name);

    // Refuses (UsageError) an output path that is the case log or one of SQLite's files beside
    // it (-wal, -shm, -journal): writing there would destroy the log. flag names the option.
    void refuse_log_file(std::string_view flag, const std::string& target) const;
    // What this command committed to the log, if anything (see Store::committed).
    [[nodiscard]] std::optional<std::string> committed() const;
    // After a failure: removes a log this command created but never wrote to.
    void discard_unsaved() noexcept;
    // The operating system's error behind the log's last failed call (ENOSPC...), or 0.
    [[nodiscard]] int system_errno() const noexcept;
    // The error for a lock another command held past the wait (ESCALATE_BUSY_TIMEOUT, 30 s),
    // naming its pid where the system can tell.
    [[nodiscard]] std::string busy_message() const;

    // The person's history as last read (advice.cpp's History::of), and the store's change
    // count it was read at: read again only when the log changed since.
    struct HistoryMemo {
        std::shared_ptr<const History> value;
        std::int64_t mark = -1;
    };
    [[nodiscard]] HistoryMemo& history_memo() { return history_memo_; }

private:
    std::unique_ptr<Pager> pager_; // first, so destroyed last: waited for after the log closes
    GlobalOptions options_;
    HistoryMemo history_memo_;
    std::optional<Timestamp> now_;
    std::optional<Policy> policy_;
    std::optional<Store> store_;
    int exit_code_ = 0;
};

} // namespace escalate::cli
