// The case log is evidence: what other tests leave between them. A command that created the
// log and then failed never removes a log another command wrote to meanwhile; no output path
// may be the log itself; a result that cannot be printed after a change was saved says so
// (exit 5) however standard output or standard error went away.
#include <filesystem>

#include <catch2/catch.hpp>

#include "checks.hpp"
#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::check_one_line_error;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

constexpr const char* now = "2026-11-20T09:00";

} // namespace

TEST_CASE("a failed command removes the log it created only when no one else opened it",
          "[reliability][evidence]") {
    Sandbox box;
    const fs::path db = box.dir() / "new" / "cases.db";
    box.set_env("ESCALATE_DB", db.string());
    // import creates the log and holds its write lock while it waits for its input (a FIFO);
    // meanwhile open waits for the lock; then import reads a bad line and fails.
    const auto r = box.run_shell(
        "cd '" + box.dir().string() +
        "' || exit 1; mkfifo in.jsonl || exit 1; "
        "{ \"$ESCALATE\" --now 2026-11-20T09:00 import in.jsonl 2> import.err; "
        "echo $? > import.rc; } & "
        "exec 3> in.jsonl; sleep 0.5; "
        "{ \"$ESCALATE\" --now 2026-11-20T09:00 open Acme --title kept > open.out 2>&1; "
        "echo $? > open.rc; } & "
        "sleep 0.5; echo '{not json' >&3; exec 3>&-; wait");
    INFO(r.err);
    CHECK(escalate::test::read_file(box.dir() / "import.rc") == "2\n");
    CHECK(escalate::test::read_file(box.dir() / "open.rc") == "0\n");
    // The case open saved is there: the log was not removed under it.
    REQUIRE(fs::exists(db));
    CHECK_THAT(box.ok(now, {"list"}), Contains("kept"));

    // Alone, the same failure leaves nothing behind.
    box.set_env("ESCALATE_DB", (box.dir() / "other" / "cases.db").string());
    check_one_line_error(box.at(now, {"import", "-"}, "{not json\n"), 2);
    CHECK_FALSE(fs::exists(box.dir() / "other"));
}

TEST_CASE("no output path may be the case log or its -wal, -shm or -journal file",
          "[reliability][evidence]") {
    Sandbox box;
    box.ok(now, {"open", "Acme", "--title", "the log"});
    const std::string before = box.db_bytes();
    for (const std::string suffix : {"", "-wal", "-shm", "-journal"}) {
        const std::string target = box.db().string() + suffix;
        INFO(target);
        const auto out = box.at(now, {"export", "1", "--format", "md", "-o", target});
        check_one_line_error(out, 2);
        CHECK_THAT(out.err, Contains("would destroy the log"));
        check_one_line_error(box.at(now, {"export", "--all", "--format", "json", "-o", target}), 2);
        check_one_line_error(box.at(now, {"backup", target}), 2);
    }
    CHECK(box.db_bytes() == before);
    CHECK_THAT(box.ok(now, {"list"}), Contains("the log"));
}

TEST_CASE("a saved change whose result cannot be printed is exit 5, whatever went away",
          "[reliability][evidence][output]") {
    Sandbox box;
    box.ok(now, {"open", "Acme"});
    // A pipe with no reader left: the write fails with EPIPE (SIGPIPE is ignored while the
    // command runs, so the saved change is reported rather than the process dying).
    const std::string no_reader =
        "cd '" + box.dir().string() + "' && rm -f p && mkfifo p && exec 3<>p 4>p && exec 3<&- && ";
    const auto logged =
        box.run_shell(no_reader + "\"$ESCALATE\" --now 2026-11-20T10:00 --json log call -m "
                                  "piped >&4; echo \"rc=$?\" >&2");
    CHECK_THAT(logged.err, Contains("escalate: saved: log 1st call to Acme on #1 (contact 1)"));
    CHECK_THAT(logged.err, Contains("Broken pipe"));
    CHECK_THAT(logged.err, Contains("rc=5"));
    // A command that saved nothing ends quietly by SIGPIPE, as `git log | head` does.
    const auto listed = box.run_shell(no_reader + "\"$ESCALATE\" list >&4; echo \"rc=$?\" >&2");
    CHECK(listed.err == "rc=141\n");
    // Standard error closed as well: still exit 5, never an abort.
    const auto closed = box.run_shell("\"$ESCALATE\" --now 2026-11-20T11:00 --json log call -m "
                                      "closed > /dev/full 2>&-; echo \"rc=$?\"");
    CHECK(closed.out == "rc=5\n");
    CHECK_THAT(box.ok(now, {"show", "1"}), Contains("piped") && Contains("closed"));
}
