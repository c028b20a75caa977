// A case log written by an older escalate opens in this one: migrated after a backup copy is
// written beside it, every row kept. (tests/fixtures/schema-v1.db was made by the build that
// wrote schema version 1, with its dump beside it.)
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::read_file;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

std::string body(const std::string& dump) {
    return dump.substr(dump.find('\n') + 1);
}

// The dump without its end line (2026-11-23), which the fixtures' older dumps do not have.
std::string without_end(const std::string& dump) {
    const auto end = dump.rfind("{\"end\":");
    return end == std::string::npos ? dump : dump.substr(0, end);
}

// The rows of a dump, without its header line, and without the fields a later schema added
// (null on rows an older version wrote): what an older dump of the same log must equal.
std::vector<nlohmann::json> rows(const std::string& dump) {
    static const char* const added[] = {"country",  "sector",    "amount",
                                        "currency", "order_ref", "requires"};
    std::vector<nlohmann::json> out;
    std::istringstream in(body(dump));
    for (std::string line; std::getline(in, line);) {
        auto j = nlohmann::json::parse(line);
        if (j.contains("end")) { // the end line (2026-11-23): older dumps have none
            continue;
        }
        for (auto& [kind, row] : j.items()) {
            for (const char* key : added) {
                if (row.is_object() && row.contains(key) && row[key].is_null()) {
                    row.erase(key);
                }
            }
        }
        out.push_back(std::move(j));
    }
    return out;
}

std::string scalar(const fs::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string value(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(handle);
    return value;
}

} // namespace

TEST_CASE("a version 1 case log is migrated after a backup, keeping every row",
          "[reliability][upgrade]") {
    Sandbox box;
    fs::create_directories(box.db().parent_path());
    fs::permissions(box.db().parent_path(), fs::perms::owner_all, fs::perm_options::replace);
    fs::copy_file(fs::path(FIXTURE_DIR) / "schema-v1.db", box.db());
    fs::permissions(box.db(), fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    const std::string original = box.db_bytes();
    REQUIRE(scalar(box.db(), "PRAGMA user_version") == "1");

    const std::string dump = box.ok("2026-11-22T10:00", {"export", "--all", "--format", "json"});
    CHECK(rows(dump) == rows(read_file(fs::path(FIXTURE_DIR) / "schema-v1.dump.jsonl")));
    CHECK(scalar(box.db(), "PRAGMA user_version") == "6");
    CHECK(scalar(box.db(), "PRAGMA integrity_check") == "ok");

    const fs::path backup = box.db().string() + ".v1.bak";
    REQUIRE(fs::exists(backup));
    struct stat st {};
    REQUIRE(::stat(backup.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777U) == 0600);
    CHECK(scalar(backup, "PRAGMA user_version") == "1");
    CHECK(scalar(backup, "SELECT count(*) FROM contacts") == "20");
    CHECK(scalar(backup, "PRAGMA integrity_check") == "ok");
    const std::string backup_bytes = read_file(backup);

    // The new version's features work on the old data, and a second run changes no backup.
    CHECK_THAT(box.ok("2026-11-22T10:00", {"search", "collections"}), Contains("Meterco"));
    box.ok("2026-11-22T10:00", {"log", "call", "parcel", "-m", "after the upgrade"});
    CHECK(read_file(backup) == backup_bytes);
    CHECK(box.db_bytes() != original);
}

TEST_CASE("nothing is written outside the case log's folder and the named output file",
          "[reliability][privacy]") {
    Sandbox box;
    const fs::path out = box.dir() / "exports" / "thread.txt";
    fs::create_directories(out.parent_path());
    box.ok("2026-11-20T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-20T09:30", {"log", "call", "--promise", "refund", "--due", "fri"});
    box.ok("2026-11-20T09:40", {"org", "Meterco", "--social", "@meterco"});
    box.ok("2026-11-20T10:00", {"next"});
    box.ok("2026-11-20T10:00", {"draft", "1"});
    box.ok("2026-11-20T10:00", {"export", "1", "--format", "thread", "-o", out.string()});
    box.ok("2026-11-20T10:00", {"export", "--all", "--format", "json"});
    box.ok("2026-11-20T10:00", {"undo", "--yes"});
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(box.dir())) {
        if (entry.is_regular_file()) {
            files.push_back(fs::relative(entry.path(), box.dir()).string());
        }
    }
    std::sort(files.begin(), files.end());
    // The case log alone in its folder (its -wal and -shm are gone once the last command
    // closed it), and the export where it was asked for.
    CHECK(files == std::vector<std::string>{"data/cases.db", "exports/thread.txt"});
    struct stat st {};
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777U) == 0600);
}

TEST_CASE("a version 2 case log gains the case facts of version 3, after a backup",
          "[reliability][upgrade]") {
    Sandbox box;
    fs::create_directories(box.db().parent_path());
    fs::copy_file(fs::path(FIXTURE_DIR) / "schema-v2.db", box.db());
    const std::string dump = box.ok("2026-11-22T10:00", {"export", "--all", "--format", "json"});
    CHECK(rows(dump) == rows(read_file(fs::path(FIXTURE_DIR) / "schema-v2.dump.jsonl")));
    CHECK(scalar(box.db(), "PRAGMA user_version") == "6");
    CHECK(scalar(box.db().string() + ".v2.bak", "PRAGMA user_version") == "2");
    CHECK_THAT(box.ok("2026-11-22T10:00", {"search", "engineer"}), Contains("Broadbandco"));
    const auto j = box.json("2026-11-22T10:00", {"show", "1"});
    CHECK(j["country"].is_null());
}

TEST_CASE("a version 3 case log gains the tallies and state rows of version 4, after a backup",
          "[reliability][upgrade]") {
    Sandbox box;
    fs::create_directories(box.db().parent_path());
    fs::copy_file(fs::path(FIXTURE_DIR) / "schema-v3.db", box.db());
    const std::string before = box.ok("2026-11-22T10:00", {"--json", "next", "1"});
    CHECK(scalar(box.db(), "PRAGMA user_version") == "6");
    CHECK(scalar(box.db().string() + ".v3.bak", "PRAGMA user_version") == "3");
    // Every outbound contact is tallied; every open case has a row, computed by the agenda.
    CHECK(scalar(box.db(), "SELECT sum(attempts) FROM case_channels") ==
          scalar(box.db(), "SELECT count(*) FROM contacts WHERE direction = 'out'"));
    CHECK(scalar(box.db(), "SELECT count(*) FROM case_state") ==
          scalar(box.db(), "SELECT count(*) FROM cases WHERE status = 'open'"));
    box.ok("2026-11-22T10:00", {"next"});
    CHECK_THAT(box.ok("2026-11-22T10:00", {"rebuild", "--check"}), Contains(" 0 differ"));
    CHECK(box.ok("2026-11-22T10:00", {"--json", "next", "1"}) == before);
}

TEST_CASE("a version 4 case log keeps the overall history of version 5, after a backup",
          "[reliability][upgrade]") {
    Sandbox box;
    fs::create_directories(box.db().parent_path());
    fs::copy_file(fs::path(FIXTURE_DIR) / "schema-v4.db", box.db());
    const std::string dump = box.ok("2026-11-22T10:00", {"export", "--all", "--format", "json"});
    CHECK(without_end(body(dump)) ==
          body(read_file(fs::path(FIXTURE_DIR) / "schema-v4.dump.jsonl")));
    CHECK(scalar(box.db(), "PRAGMA user_version") == "6");
    CHECK(scalar(box.db().string() + ".v4.bak", "PRAGMA user_version") == "4");
    // Nothing is kept until a command writes; the advice is the same before and after.
    CHECK(scalar(box.db(), "SELECT count(*) FROM history_stamp") == "0");
    const std::string before = box.ok("2026-11-22T10:00", {"--json", "next", "1"});
    box.ok("2026-11-22T10:00", {"next"});
    CHECK(scalar(box.db(), "SELECT count(*) FROM history_stamp") == "1");
    CHECK(scalar(box.db(), "SELECT sum(attempts) FROM history_overall") ==
          scalar(box.db(), "SELECT count(*) FROM contacts WHERE direction = 'out'"));
    CHECK(box.ok("2026-11-22T10:00", {"--json", "next", "1"}) == before);
    CHECK_THAT(box.ok("2026-11-22T10:00", {"rebuild", "--check"}), Contains(" 0 differ"));
}

TEST_CASE("a version 5 case log finds order refs and promises after the upgrade",
          "[reliability][upgrade]") {
    Sandbox box;
    fs::create_directories(box.db().parent_path());
    fs::copy_file(fs::path(FIXTURE_DIR) / "schema-v5.db", box.db());
    const std::string dump = box.ok("2026-11-22T10:00", {"export", "--all", "--format", "json"});
    CHECK(without_end(body(dump)) ==
          body(read_file(fs::path(FIXTURE_DIR) / "schema-v5.dump.jsonl")));
    CHECK(scalar(box.db(), "PRAGMA user_version") == "6");
    CHECK(scalar(box.db().string() + ".v5.bak", "PRAGMA user_version") == "5");
    // The case's order ref and its promise's text were indexed by the upgrade.
    const auto order = box.json("2026-11-22T10:00", {"search", "Q-17"})["results"];
    REQUIRE(order.size() == 1);
    CHECK(order[0]["case_id"] == 1);
    CHECK(order[0]["promise_id"].is_null());
    const auto promise = box.json("2026-11-22T10:00", {"search", "reply"})["results"];
    REQUIRE(promise.size() == 1);
    CHECK(promise[0]["promise_id"] == 1);
    CHECK(scalar(box.db(), "SELECT count(*) FROM promise_index") ==
          scalar(box.db(), "SELECT count(*) FROM promises"));
    CHECK_THAT(box.ok("2026-11-22T10:00", {"rebuild", "--check"}), Contains(" 0 differ"));
}

TEST_CASE("a case log of the current version opens as it is, with no backup",
          "[reliability][upgrade]") {
    Sandbox box;
    fs::create_directories(box.db().parent_path());
    fs::copy_file(fs::path(FIXTURE_DIR) / "schema-v6.db", box.db());
    const std::string dump = box.ok("2026-11-22T10:00", {"export", "--all", "--format", "json"});
    CHECK(without_end(body(dump)) ==
          body(read_file(fs::path(FIXTURE_DIR) / "schema-v6.dump.jsonl")));
    CHECK(scalar(box.db(), "PRAGMA user_version") == "6");
    CHECK_FALSE(fs::exists(box.db().string() + ".v6.bak"));
    CHECK_THAT(box.ok("2026-11-22T10:00", {"search", "deposit"}), Contains("Brick"));
    CHECK_THAT(box.ok("2026-11-22T10:00", {"search", "Q-17"}), Contains("Brick"));
}
