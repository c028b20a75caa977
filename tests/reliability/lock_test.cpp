// Waiting for another process's lock: a write waits (silently off a terminal), says who holds
// the lock after the wait runs out, and undo asks its question without holding the lock.
#include <chrono>
#include <filesystem>
#include <thread>

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include "sandbox.hpp"
#include "sqlite_probe.hpp"

using Catch::Contains;
using escalate::test::probe;
using escalate::test::ProcessResult;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

// The test process's own connection holding the log's write lock (BEGIN IMMEDIATE), as
// another escalate command in the middle of a change would.
class WriteLock {
public:
    explicit WriteLock(const fs::path& db) {
        REQUIRE(sqlite3_open_v2(db.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ~WriteLock() { release(); }
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;
    void release() {
        if (db_ != nullptr) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_close(db_);
            db_ = nullptr;
        }
    }

private:
    sqlite3* db_ = nullptr;
};

std::size_t lines(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

long contacts(const Sandbox& box) {
    return escalate::test::probe_int(box.db(), "SELECT count(*) FROM contacts");
}

} // namespace

TEST_CASE("a write that waits past the timeout names the process holding the lock",
          "[reliability][lock]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.set_env("ESCALATE_BUSY_TIMEOUT", "0.3");
    WriteLock lock(box.db());
    const auto started = std::chrono::steady_clock::now();
    const auto r = box.at("2026-11-20T10:00", {"log", "call", "1", "-m", "waited"});
    const auto took = std::chrono::steady_clock::now() - started;
    lock.release();
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(lines(r.err) == 1);
    CHECK_THAT(r.err, Contains("escalate: the case log " + box.db().string() + " is busy"));
    CHECK_THAT(r.err,
               Contains("another escalate command (pid " + std::to_string(::getpid()) +
                        ") held it for all of the 0.3 s waited; try again when it has finished"));
    CHECK(took >= std::chrono::milliseconds(300));
    CHECK(took < std::chrono::seconds(10));
    CHECK(contacts(box) == 0);
}

TEST_CASE("a write waits for a lock held a moment, then succeeds", "[reliability][lock]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    WriteLock lock(box.db());
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        lock.release();
    });
    const auto r = box.at("2026-11-20T10:00", {"log", "call", "1", "-m", "after the wait"});
    releaser.join();
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty()); // stderr is no terminal: no "waiting" line
    CHECK(contacts(box) == 1);
}

TEST_CASE("on a terminal, a write waiting over a second says for whom", "[reliability][lock]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    WriteLock lock(box.db());
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1600));
        lock.release();
    });
    // script(1) gives the command a terminal; its output is what the terminal showed.
    const auto r = box.run_shell(
        "script -qec '\"$ESCALATE\" --now 2026-11-20T10:00 log call 1 -q -m waited' /dev/null");
    releaser.join();
    if (r.exit_code == 127) {
        WARN("script(1) is not available: the terminal test was not run");
        return;
    }
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("escalate: waiting for another escalate command (pid " +
                               std::to_string(::getpid()) + ") to finish..."));
    CHECK(contacts(box) == 1);
}

TEST_CASE("ESCALATE_BUSY_TIMEOUT must be a number of seconds", "[reliability][lock]") {
    Sandbox box;
    box.set_env("ESCALATE_BUSY_TIMEOUT", "soon");
    const auto r = box.at("2026-11-20T09:00", {"open", "Meterco"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "escalate: ESCALATE_BUSY_TIMEOUT is \"soon\": give a number of seconds from 0 "
                   "to 86400, such as 30 or 0.5\n");
    CHECK_FALSE(fs::exists(box.db()));
}

TEST_CASE("undo asks before taking the lock, and checks the change is still the newest",
          "[reliability][lock][undo]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00", {"log", "call", "1", "-m", "first"});
    box.set_env("ESCALATE_BUSY_TIMEOUT", "5");
    const std::string screen = (box.dir() / "screen").string();
    // While undo waits for its answer on a terminal, another command logs (it would time out
    // were the lock held); then the answer comes.
    const auto run_undo = [&](const std::string& meanwhile) {
        return box.run_shell(
            "{ until grep -q 'Undo' '" + screen + "' 2>/dev/null; do sleep 0.05; done; " +
            meanwhile +
            " echo y; } | script -qec '\"$ESCALATE\" --now 2026-11-20T11:00 undo' /dev/null > '" +
            screen + "'");
    };
    SECTION("the log changed meanwhile: nothing is undone") {
        const auto r = run_undo(
            "\"$ESCALATE\" --now 2026-11-20T10:30 log call 1 -q -m second >/dev/null || exit 9;");
        const std::string shown = escalate::test::read_file(screen);
        INFO(shown << r.err);
        if (r.exit_code == 127) {
            WARN("script(1) is not available: the terminal test was not run");
            return;
        }
        CHECK(r.exit_code == 1);
        CHECK_THAT(shown, Contains("Undo \"log 1st call to Meterco on #1 (contact 1)\""));
        CHECK_THAT(shown, Contains("escalate: the log changed while you were answering: \"log "
                                   "1st call to Meterco on #1 (contact 1)\" is no longer the "
                                   "newest change"));
        CHECK_THAT(shown, Contains("run undo again"));
        CHECK(contacts(box) == 2);
    }
    SECTION("nothing changed meanwhile: the answer undoes the change shown") {
        const auto r = run_undo("");
        const std::string shown = escalate::test::read_file(screen);
        INFO(shown << r.err);
        if (r.exit_code == 127) {
            WARN("script(1) is not available: the terminal test was not run");
            return;
        }
        CHECK(r.exit_code == 0);
        CHECK_THAT(shown, Contains("Undid: log 1st call"));
        CHECK(contacts(box) == 0);
    }
}

TEST_CASE("undo asks nothing with --yes or when standard input is no terminal",
          "[reliability][undo]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00", {"log", "call", "1", "-m", "first"});
    box.ok("2026-11-20T10:00", {"log", "email", "1", "-m", "second"});
    // Standard input a pipe holding "n": no question is asked, so the "n" is never read.
    auto r = box.at("2026-11-20T11:00", {"undo"}, "n\n");
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "Undid: log 1st email to Meterco on #1 (contact 2)\n");
    r = box.at("2026-11-20T11:00", {"undo", "--yes"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contacts(box) == 0);
}
