#include "context.hpp"

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "parse_flags.hpp"
#include "state_rows.hpp"

namespace escalate::cli {

namespace {

std::string env_or_empty(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

// ESCALATE_BUSY_TIMEOUT: how long to wait for another command's lock, in seconds (a decimal
// from 0 to 86400); nullopt when unset (the store's default, 30 s).
std::optional<std::chrono::milliseconds> busy_timeout() {
    const std::string text = env_or_empty("ESCALATE_BUSY_TIMEOUT");
    if (text.empty()) {
        return std::nullopt;
    }
    double seconds = -1;
    const char* end = text.data() + text.size();
    const auto parsed = std::from_chars(text.data(), end, seconds);
    if (parsed.ec != std::errc() || parsed.ptr != end || !(seconds >= 0) || seconds > 86400) {
        throw UsageError(fmt::format("ESCALATE_BUSY_TIMEOUT is \"{}\": give a number of seconds "
                                     "from 0 to 86400, such as 30 or 0.5",
                                     text));
    }
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

} // namespace

Timestamp Context::now() {
    if (!now_) {
        check_zone(); // an unknown TZ is an error, not UTC without a word
        const auto system_now = std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
        now_ = options_.now.empty() ? system_now
                                    : time_flag("--now", options_.now, system_now, TimeRole::At);
    }
    return *now_;
}

const Policy& Context::policy() {
    if (!policy_) {
        std::string path = options_.policy;
        if (path.empty()) {
            const std::string file = config_file("policy.json");
            if (!file.empty() && std::filesystem::exists(file)) {
                path = file;
            }
        }
        policy_ = path.empty() ? Policy::builtin() : Policy::from_file(path);
    }
    return *policy_;
}

std::string Context::config_file(std::string_view name) {
    const std::string xdg = env_or_empty("XDG_CONFIG_HOME");
    const std::string home = env_or_empty("HOME");
    const std::string base = !xdg.empty() ? xdg : (home.empty() ? "" : home + "/.config");
    return base.empty() ? std::string() : base + "/escalate/" + std::string(name);
}

std::string Context::db_path() const {
    if (!options_.db.empty()) {
        return options_.db;
    }
    const std::string xdg = env_or_empty("XDG_DATA_HOME");
    if (!xdg.empty()) {
        return xdg + "/escalate/cases.db";
    }
    const std::string home = env_or_empty("HOME");
    if (home.empty()) {
        throw UsageError("cannot find the case log: HOME is not set; give --db PATH");
    }
    return home + "/.local/share/escalate/cases.db";
}

Store& Context::store(Access access) {
    if (!store_) {
        const std::string path = db_path();
        // A FIFO, a device or a dangling link is refused before anything opens it.
        Store::check_path(path);
        const auto timeout = busy_timeout();
        std::error_code ec;
        if (access == Access::Read && !std::filesystem::exists(path, ec)) {
            store_ = Store::in_memory();
        } else if (timeout) {
            store_ = Store::open(path, now(), *timeout);
        } else {
            store_ = Store::open(path, now());
        }
        // Every write keeps the changed cases' state rows (docs/performance.md).
        store_->on_commit([this](Store& s) { keep_changed_states(*this, s); });
    }
    return *store_;
}

Store& Context::existing_store(Access access, std::string_view what) {
    const std::string path = db_path();
    Store::check_path(path);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw NotFoundError(fmt::format("no case log at {}: nothing to {}", path, what));
    }
    return store(access);
}

Case Context::case_or_default(Store& store, const std::optional<std::string>& ref) {
    if (ref) {
        return store.resolve_case(*ref);
    }
    const bool at_terminal = ::isatty(STDIN_FILENO) == 1;
    const auto chosen = store.default_case(at_terminal);
    if (chosen.open > 1 && !quiet()) {
        const Case& k = chosen.kase;
        fmt::print(stderr,
                   "escalate: {} open cases; taking the one touched last, #{} {}{} (name "
                   "a case to choose another)\n",
                   chosen.open > 10 ? "more than 10" : std::to_string(chosen.open), k.id, k.org,
                   k.title.empty() ? "" : " (" + k.title + ")");
        std::fflush(stderr);
    }
    return chosen.kase;
}

void Context::refuse_log_file(std::string_view flag, const std::string& target) const {
    if (target.empty() || target == "-") {
        return;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path log = fs::weakly_canonical(db_path(), ec);
    const fs::path out = fs::weakly_canonical(target, ec);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const fs::path file = log.string() + suffix;
        std::error_code same_ec;
        if (out == file || fs::equivalent(target, file, same_ec)) {
            throw UsageError(fmt::format("{} {} is {}: writing there would destroy the log; "
                                         "give another path",
                                         flag, target,
                                         *suffix == '\0'
                                             ? std::string("the case log itself")
                                             : fmt::format("the case log's {} file", suffix + 1)));
        }
    }
}

std::optional<std::string> Context::committed() const {
    return store_ ? store_->committed() : std::nullopt;
}

void Context::discard_unsaved() noexcept {
    if (store_) {
        store_->discard_if_unused();
    }
}

std::string Context::busy_message() const {
    return store_ ? store_->busy_message()
                  : fmt::format("the case log {} is busy: another escalate command is writing to "
                                "it; try again when it has finished",
                                db_path());
}

int Context::system_errno() const noexcept {
    return store_ ? store_->system_errno() : 0;
}

void Context::page() {
    if (!pager_ && !options_.no_pager && !options_.json) {
        pager_ = Pager::start();
    }
}

Style Context::style() const {
    return Style::for_stdout(options_.color, env_or_empty("NO_COLOR"));
}

} // namespace escalate::cli
