// Where and how the case log is stored (SPEC section 6): private files, WAL, a schema version,
// and files that are not ours left alone.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777U;
}

std::string pragma(const fs::path& db, const std::string& name) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(handle, ("PRAGMA " + name).c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string value(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(handle);
    return value;
}

void sql(const fs::path& db, const std::string& statement) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
    REQUIRE(sqlite3_exec(handle, statement.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(handle);
}

void write_file(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

} // namespace

TEST_CASE("the case log is created private, in WAL mode, with a schema version", "[cli][storage]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    CHECK(mode_of(box.db()) == 0600);
    CHECK(mode_of(box.db().parent_path()) == 0700);
    CHECK(pragma(box.db(), "journal_mode") == "wal");
    CHECK(pragma(box.db(), "user_version") == "6");
    CHECK(pragma(box.db(), "application_id") == std::to_string(0x45534331));
    CHECK(pragma(box.db(), "integrity_check") == "ok");
}

TEST_CASE("without --db the case log lives in the XDG data folder", "[cli][storage]") {
    Sandbox box;
    box.set_env("ESCALATE_DB", "");
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const fs::path expected = box.dir() / "xdg-data" / "escalate" / "cases.db";
    CHECK(fs::exists(expected));
    CHECK(mode_of(expected.parent_path()) == 0700);

    SECTION("--db points elsewhere") {
        const fs::path other = box.dir() / "elsewhere" / "mine.db";
        box.ok("2026-11-20T09:00", {"--db", other.string(), "open", "Parcelco"});
        CHECK(fs::exists(other));
    }
}

TEST_CASE("reading commands do not create a case log", "[cli][storage]") {
    Sandbox box;
    CHECK_THAT(box.ok("2026-11-20T09:00", {"list"}), Contains("No open cases"));
    CHECK(box.at("2026-11-20T09:00", {"show", "1"}).exit_code == 3);
    CHECK(box.ok("2026-11-20T09:00", {"promises"}) == "No promises.\n");
    CHECK_FALSE(fs::exists(box.db()));
}

TEST_CASE("a file that is not an escalate case log is refused and left alone", "[cli][storage]") {
    Sandbox box;
    std::string expected_error;
    SECTION("an empty file") {
        write_file(box.db(), "");
        expected_error = "is an empty file, not an escalate case log";
    }
    SECTION("a text file") {
        write_file(box.db(), "name,phone\nMeterco,555\n");
        expected_error = "is not an escalate case log (not an SQLite database)";
    }
    SECTION("another application's database") {
        fs::create_directories(box.db().parent_path());
        sql(box.db(), "CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES ('x');");
        expected_error = "is not an escalate case log (it is another application's database)";
    }
    SECTION("random bytes") {
        std::string bytes(4096, '\0');
        unsigned state = 12345;
        for (char& c : bytes) {
            state = state * 1103515245U + 12345U;
            c = static_cast<char>(state >> 16);
        }
        write_file(box.db(), bytes);
        expected_error = "is not an escalate case log (not an SQLite database)";
    }
    SECTION("a truncated case log") {
        for (int i = 0; i < 40; ++i) {
            box.ok("2026-11-20T09:00",
                   {"open", "Org " + std::to_string(i), "--title", std::string(300, 'x')});
        }
        fs::resize_file(box.db(), fs::file_size(box.db()) / 2);
        expected_error = "is damaged (database disk image is malformed)";
    }
    SECTION("a case log from a newer escalate") {
        box.ok("2026-11-20T09:00", {"open", "Meterco"});
        sql(box.db(), "PRAGMA user_version = 99");
        expected_error = "was written by a newer escalate (schema version 99";
    }
    const std::string before = box.db_bytes();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"list"}, {"open", "Meterco"}, {"log", "call"}}) {
        const auto r = box.at("2026-11-20T10:00", args);
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains(expected_error));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(box.db_bytes() == before);
    }
}

TEST_CASE("colour follows --color and NO_COLOR", "[cli][output]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    CHECK_THAT(box.ok("2026-11-20T09:00", {"show", "1", "--color", "always"}), Contains("\x1b["));
    CHECK_THAT(box.ok("2026-11-20T09:00", {"show", "1"}), !Contains("\x1b["));
    CHECK_THAT(box.ok("2026-11-20T09:00", {"show", "1", "--color", "never"}), !Contains("\x1b["));
}

TEST_CASE("next answers in the contract's shape", "[cli][next]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const auto j = box.json("2026-11-20T10:00", {"next", "1"});
    CHECK(j["case_id"] == 1);
    CHECK(j["org"] == "Meterco");
    CHECK(j["clocks"].is_array());
    CHECK(j["suggestions"].is_array());
    CHECK(box.json("2026-11-20T10:00", {"next"})["agenda"].is_array());
    CHECK(box.at("2026-11-20T10:00", {"next", "5"}).exit_code == 3);
}

TEST_CASE("help has examples", "[cli][help]") {
    Sandbox box;
    for (const char* cmd : {"open", "log", "show", "list", "close", "reopen", "promise", "promises",
                            "org", "edit", "undo", "next"}) {
        const auto r = box.run({cmd, "--help"});
        INFO(cmd);
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("Example"));
    }
    CHECK_THAT(box.run({"--help"}).out, Contains("escalate log call"));
}

TEST_CASE("a read-only case log can be read but not written", "[cli][storage]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    // Permission bits do not stop root, so make the file immutable; skip where that is refused.
    const auto lock = escalate::test::run_process({"/usr/bin/chattr", "+i", box.db().string()},
                                                  {"PATH=/usr/bin:/bin"});
    if (lock.exit_code != 0) {
        WARN("chattr +i is not allowed here: read-only test not run");
        return;
    }
    const std::string before = box.db_bytes();
    const auto r = box.at("2026-11-20T10:00", {"log", "call"});
    const auto list = box.at("2026-11-20T10:00", {"list"});
    escalate::test::run_process({"/usr/bin/chattr", "-i", box.db().string()},
                                {"PATH=/usr/bin:/bin"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("the file is read-only"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(box.db_bytes() == before);
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.out, Contains("Meterco"));
}

TEST_CASE("a case log in a read-only folder is refused in one line and left alone",
          "[cli][storage]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const std::string folder = box.db().parent_path().string();
    const auto lock =
        escalate::test::run_process({"/usr/bin/chattr", "+i", folder}, {"PATH=/usr/bin:/bin"});
    if (lock.exit_code != 0) {
        WARN("chattr +i is not allowed here: read-only folder test not run");
        return;
    }
    const std::string before = box.db_bytes();
    const auto write = box.at("2026-11-20T10:00", {"log", "call"});
    const auto read = box.at("2026-11-20T10:00", {"list"});
    escalate::test::run_process({"/usr/bin/chattr", "-i", folder}, {"PATH=/usr/bin:/bin"});
    for (const auto& r : {write, read}) {
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains("its folder must be writable"));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    CHECK(box.db_bytes() == before);
}
