// escalate backup FILE: a consistent copy of the live case log, safe while others write.
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../commands.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

namespace fs = std::filesystem;

struct BackupOptions {
    std::string file;
};

// Refuses, before the log is opened, a target the backup cannot be renamed over.
void check_target(const std::string& file, const fs::path& log, const Context& ctx) {
    ctx.refuse_log_file("backup", file);
    if (file == "-") {
        throw UsageError("backup writes a file, not standard output: give a path such as "
                         "cases-backup.db (export --all gives a dump on standard output)");
    }
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        throw UsageError(fmt::format("{} is a folder: give the backup a file name, such as "
                                     "{}/cases-backup.db",
                                     file, file));
    }
    if (!S_ISREG(st.st_mode)) {
        throw UsageError(
            fmt::format("{} is not a regular file: backup writes a case log file; give a path "
                        "to a new or existing file",
                        file));
    }
    std::error_code ec;
    if (fs::equivalent(file, log, ec)) {
        throw UsageError(
            fmt::format("{} is the case log itself: give the backup another path", file));
    }
}

// "Backing up: 40%" on a terminal's stderr, rewritten in place; nothing elsewhere.
class Progress {
public:
    explicit Progress(bool on) : on_(on) {}
    ~Progress() {
        if (shown_) {
            std::fputs("\r\033[K", stderr);
            std::fflush(stderr);
        }
    }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void operator()(int done, int total) {
        if (!on_ || total <= 0) {
            return;
        }
        const int percent = static_cast<int>(100LL * done / total);
        if (percent != last_) {
            last_ = percent;
            shown_ = true;
            std::fputs(
                fmt::format("\rBacking up: {}% ({} of {} pages)", percent, done, total).c_str(),
                stderr);
            std::fflush(stderr);
        }
    }

private:
    bool on_;
    bool shown_ = false;
    int last_ = -1;
};

void run_backup(const BackupOptions& o, Context& ctx) {
    const std::string log = ctx.db_path();
    check_target(o.file, log, ctx);
    Store& store = ctx.existing_store(Access::Read, "back up");
    Progress progress(!ctx.quiet() && ::isatty(STDERR_FILENO) == 1);
    const BackupResult r =
        store.backup_to(o.file, [&progress](int done, int total) { progress(done, total); });
    if (ctx.json()) {
        print_json({{"backup", o.file},
                    {"orgs", r.orgs},
                    {"cases", r.cases},
                    {"contacts", r.contacts},
                    {"promises", r.promises},
                    {"bytes", r.bytes}});
    } else if (!ctx.quiet()) {
        fmt::print("Backed up {} case{} ({} contact{}) to {}\n", r.cases, r.cases == 1 ? "" : "s",
                   r.contacts, r.contacts == 1 ? "" : "s", o.file);
    }
}

} // namespace

Command setup_backup(CLI::App& app) {
    auto o = std::make_shared<BackupOptions>();
    CLI::App* sub = app.add_subcommand(
        "backup", "Copy the live case log to FILE (consistent, private, safe while others write)");
    sub->add_option("FILE", o->file, "The copy to write (0600; replaced whole, atomically)")
        ->required()
        ->type_name("FILE");
    sub->footer("The copy is itself a case log: open it with --db FILE.\n\nExamples:\n"
                "  escalate backup ~/cases-2026-11-23.db\n"
                "  escalate --json backup /media/usb/cases.db");
    return {sub, [o](Context& ctx) { run_backup(*o, ctx); }, false};
}

} // namespace escalate::cli
