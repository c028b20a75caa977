// help, --version, and building only the command named.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using Catch::Matches;
using escalate::test::Sandbox;

TEST_CASE("help COMMAND prints what COMMAND --help prints", "[cli][help]") {
    Sandbox box;
    SECTION("a command") {
        const auto help = box.run({"help", "log"});
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.out, Contains("Usage: escalate log"));
        CHECK(help.out == box.run({"log", "--help"}).out);
    }
    SECTION("a subcommand") {
        CHECK(box.run({"help", "policy", "check"}).out ==
              box.run({"policy", "check", "--help"}).out);
    }
    SECTION("no command: the overview, as --help") {
        const auto help = box.run({"help"});
        CHECK(help.exit_code == 0);
        CHECK(help.out == box.run({"--help"}).out);
        CHECK_THAT(help.out, Contains("completion"));
    }
    SECTION("a command that does not exist is bad usage, naming the commands") {
        const auto r = box.run({"help", "lgo"});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains("\"lgo\"") && Contains("log, next"));
        CHECK(r.out.empty());
    }
}

TEST_CASE("escalate --version shows escalate's version and SQLite's", "[cli][help]") {
    Sandbox box;
    const auto r = box.run({"--version"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Matches("escalate [0-9]+\\.[0-9]+\\.[0-9]+\nSQLite 3\\.[0-9]+\\.[0-9]+\n"));
    CHECK(box.run({"-V"}).out == r.out);
}

TEST_CASE("only the command named is built, and every one is there when none is", "[cli][help]") {
    Sandbox box;
    box.ok("2026-11-05T09:00", {"open", "Meterco", "--title", "Billing"});
    SECTION("options and their values before the command are skipped") {
        CHECK_THAT(box.ok("2026-11-05T09:00", {"--db", box.db().string(), "-q", "show", "1"}),
                   Contains("Meterco"));
        CHECK_THAT(box.run({"--now=2026-11-05T09:00", "--color", "never", "show", "1"}).out,
                   Contains("Meterco"));
    }
    SECTION("--help and a mistyped command see them all") {
        CHECK_THAT(box.run({"--db", "x.db", "--help"}).out, Contains("backup") && Contains("open"));
        const auto r = box.run({"shwo", "1"});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains("shwo"));
    }
}
