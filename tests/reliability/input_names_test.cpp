// Input rules for names and rows: org names match under Unicode case folding, org takes the
// references other commands take, a damaged list in a row is an error naming it, and a
// command refused for its clock or policy writes nothing.
#include <algorithm>
#include <fstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "checks.hpp"
#include "sandbox.hpp"

using Catch::Contains;
using Catch::StartsWith;
using escalate::test::check_one_line_error;
using escalate::test::ProcessResult;
using escalate::test::Sandbox;

namespace {

void sql(const std::filesystem::path& db, const std::string& statement) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
    const int rc = sqlite3_exec(handle, statement.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(handle);
    REQUIRE(rc == SQLITE_OK);
}

} // namespace

TEST_CASE("org names match under Unicode case folding everywhere", "[reliability][input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Électricité", "--title", "Meter"});
    box.ok("2026-11-20T09:05", {"open", "ÉLECTRICITÉ", "--title", "Bill"});
    box.ok("2026-11-20T09:10", {"open", "Straße 100%_Co"});
    const auto orgs = box.json("2026-11-20T09:20", {"list", "--all"})["cases"];
    std::set<std::string> names;
    for (const auto& c : orgs) {
        names.insert(c["org"].get<std::string>());
    }
    CHECK(names == std::set<std::string>{"Électricité", "Straße 100%_Co"});

    box.ok("2026-11-20T09:30", {"org", "électricité", "--phone", "0800 000 000"});
    CHECK(box.json("2026-11-20T09:30", {"org", "ÉLEC"})["phone"] == "0800 000 000");
    // Two cases of one org: the reference is ambiguous, whatever the case it is typed in.
    check_one_line_error(box.at("2026-11-20T09:40", {"log", "call", "élec"}), 4);
    CHECK(box.json("2026-11-20T09:40", {"list", "--org", "ÉLECTRICITÉ"})["cases"].size() == 2);
    CHECK(box.json("2026-11-20T09:40", {"list", "--org", "électr"})["cases"].size() == 2);
    // Prefixes are text, not patterns: % and _ match only themselves.
    CHECK(box.json("2026-11-20T09:40", {"list", "--org", "STRASSE 100%_"})["cases"].size() == 1);
    CHECK(box.json("2026-11-20T09:40", {"list", "--org", "Straße 1_"})["cases"].empty());
    CHECK(box.json("2026-11-20T09:40", {"list", "--org", "%"})["cases"].empty());
    box.ok("2026-11-20T09:50", {"log", "call", "strasse"});
}

TEST_CASE("org takes a unique prefix and needs --new to add an org", "[reliability][input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Northwind Energy"});
    box.ok("2026-11-20T09:00", {"open", "Northwest Water"});
    const std::string before = box.db_bytes();

    const auto missing = box.at("2026-11-20T09:10", {"org", "Southwind", "--phone", "1"});
    check_one_line_error(missing, 3);
    CHECK_THAT(missing.err, Contains("no org matches \"Southwind\"; known: Northwest Water, "
                                     "Northwind Energy; to add one: escalate org \"Southwind\" "
                                     "--new"));
    const auto ambiguous = box.at("2026-11-20T09:10", {"org", "north", "--phone", "1"});
    check_one_line_error(ambiguous, 4);
    CHECK_THAT(ambiguous.err, Contains("Northwest Water, Northwind Energy"));
    check_one_line_error(box.at("2026-11-20T09:10", {"org", "north"}), 4);
    CHECK(box.db_bytes() == before);

    // `org northwind --phone ...` sets the phone of the org the engine reads.
    box.ok("2026-11-20T09:20", {"org", "northwind", "--phone", "0800 111"});
    CHECK(box.json("2026-11-20T09:20", {"org", "NORTHWIND ENERGY"})["phone"] == "0800 111");
    CHECK(box.json("2026-11-20T09:20", {"org", "northwi"})["name"] == "Northwind Energy");

    // --new adds one, even when its name starts another's; with an existing name it edits it.
    box.ok("2026-11-20T09:30", {"org", "North", "--new", "--phone", "0800 222"});
    CHECK(box.json("2026-11-20T09:30", {"org", "north"})["phone"] == "0800 222");
    box.ok("2026-11-20T09:30", {"org", "NORTH", "--new", "--email", "n@north.example"});
    CHECK(box.json("2026-11-20T09:30", {"org", "North"})["phone"] == "0800 222");
}

TEST_CASE("a damaged JSON list in a row is an error naming the row", "[reliability][input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco", "--tag", "gas"});
    box.ok("2026-11-20T09:00", {"open", "Parcelco"});
    sql(box.db(), "UPDATE cases SET tags = '[\"gas\"' WHERE id = 1");
    const auto r = box.at("2026-11-20T10:00", {"show", "1"});
    check_one_line_error(r, 1);
    CHECK_THAT(r.err, Contains("case 1: tags is not a JSON list (damaged log?)"));
    check_one_line_error(box.at("2026-11-20T10:00", {"list"}), 1);

    sql(box.db(), "UPDATE cases SET tags = '[]' WHERE id = 1");
    sql(box.db(), "UPDATE orgs SET unavailable = '{}' WHERE name = 'Parcelco'");
    const auto org = box.at("2026-11-20T10:00", {"org", "Parcelco"});
    check_one_line_error(org, 1);
    CHECK_THAT(org.err, Contains(": unavailable is not a JSON list (damaged log?)"));
    CHECK_THAT(org.err, StartsWith("escalate: org "));
}

TEST_CASE("a command refused for its policy or clock writes nothing", "[reliability][input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T09:30", {"log", "call", "1", "--promise", "refund", "--due", "fri"});
    const auto bad = box.dir() / "bad.json";
    std::ofstream(bad) << R"({"tiers": "no"})";
    const std::string before = box.db_bytes();
    const std::vector<std::vector<std::string>> commands{
        {"--policy", bad.string(), "--json", "close", "1", "--resolved"},
        {"--policy", bad.string(), "promise", "kept", "1"},
        {"--policy", bad.string(), "open", "Parcelco"},
        {"--policy", bad.string(), "log", "call", "1"},
        {"--policy", bad.string(), "org", "Meterco", "--phone", "1"},
    };
    for (const auto& args : commands) {
        INFO(Catch::rangeToString(args));
        check_one_line_error(box.at("2026-11-20T10:00", args), 2);
        CHECK(box.db_bytes() == before);
    }
    check_one_line_error(box.at("2026-03-29T01:30", {"close", "1", "--resolved"}), 2);
    CHECK(box.db_bytes() == before);
    const auto j = box.json("2026-11-20T10:00", {"show", "1"});
    CHECK(j["status"] == "open");
    CHECK(j["promises"][0]["status"] == "pending");
    CHECK(box.json("2026-11-20T10:00", {"list", "--all"})["cases"].size() == 1);
}
