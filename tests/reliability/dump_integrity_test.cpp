// A dump is a backup: import refuses one that was cut short, whose counts disagree, that
// repeats an id or holds a line too long to read in bounded memory; errors keep their kind;
// and an import is one change that undo reverts whole (issue 11).
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.hpp"
#include "sqlite_probe.hpp"

using Catch::Contains;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

const char* const now = "2026-11-22T10:00";
const std::string header =
    "{\"format\":\"escalate-dump\",\"version\":1,\"exported_at\":\"2026-11-22T10:00:00Z\"}\n";

std::string case_line(int id, const std::string& org, int contact_id) {
    return "{\"case\":{\"id\":" + std::to_string(id) + ",\"org\":\"" + org +
           "\",\"title\":\"imported " + std::to_string(id) +
           "\",\"status\":\"open\",\"opened_at\":\"2026-11-01T09:00:00Z\",\"contacts\":[{\"id\":" +
           std::to_string(contact_id) +
           ",\"channel\":\"call\",\"direction\":\"out\",\"at\":\"2026-11-02T09:00:00Z\","
           "\"note\":\"zebracrossing\"}],\"promises\":[]}}\n";
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

// A dump made by escalate itself, of a small log.
std::string made_dump() {
    Sandbox from;
    from.ok("2026-11-20T09:00", {"open", "Meterco", "--title", "Billing"});
    from.ok("2026-11-20T09:10", {"log", "call", "1", "--outcome", "promised", "--promise", "refund",
                                 "--due", "2026-12-01"});
    from.ok("2026-11-20T09:20", {"open", "Parcelco", "--title", "Lost parcel"});
    from.ok("2026-11-20T09:30", {"log", "email", "2", "-m", "where is it"});
    return from.ok(now, {"export", "--all", "--format", "json"});
}

// Runs the binary in a child of a child and returns the grandchild's peak memory in KiB (the
// child has no other children, so its RUSAGE_CHILDREN is the binary's alone), and its exit.
std::pair<long, int> peak_kib(const std::vector<std::string>& args) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const pid_t grandchild = ::fork();
        if (grandchild == 0) {
            std::vector<char*> argv{const_cast<char*>(ESCALATE_BINARY)};
            for (const auto& a : args) {
                argv.push_back(const_cast<char*>(a.c_str()));
            }
            argv.push_back(nullptr);
            const int null = ::open("/dev/null", O_RDWR);
            ::dup2(null, 0);
            ::dup2(null, 1);
            ::dup2(null, 2);
            ::execv(ESCALATE_BINARY, argv.data());
            ::_exit(127);
        }
        int status = 0;
        ::waitpid(grandchild, &status, 0);
        rusage usage{};
        ::getrusage(RUSAGE_CHILDREN, &usage);
        const long result[2] = {usage.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
        (void)!::write(fds[1], result, sizeof result);
        ::_exit(0);
    }
    ::close(fds[1]);
    long result[2] = {-1, -1};
    REQUIRE(::read(fds[0], result, sizeof result) == sizeof result);
    ::close(fds[0]);
    ::waitpid(child, nullptr, 0);
    return {result[0], static_cast<int>(result[1])};
}

} // namespace

TEST_CASE("a dump cut short or miscounted is refused, and the log is unchanged",
          "[reliability][output][dump]") {
    const std::string dump = made_dump();
    REQUIRE(dump.ends_with("{\"end\":{\"orgs\":2,\"cases\":2,\"contacts\":2,\"promises\":1}}\n"));
    Sandbox box;
    box.ok(now, {"open", "Skyview"});
    const std::string before = box.db_bytes();
    const fs::path file = box.dir() / "dump.jsonl";
    const auto last_line = dump.rfind('\n', dump.size() - 2) + 1;
    const auto second_case = dump.rfind("{\"case\"");
    const std::vector<std::pair<std::string, std::string>> bad{
        {dump.substr(0, last_line), "ends at line 5 without the dump's end line: it was cut short"},
        {dump.substr(0, second_case), "ends at line 4 without the dump's end line"},
        {dump.substr(0, second_case + 40), "line 5: not valid JSON"},
        {dump.substr(0, dump.size() - 10), "line 6: not valid JSON"},
        {dump.substr(0, last_line) + "{\"end\":{\"orgs\":2,\"cases\":3,\"contacts\":2,"
                                     "\"promises\":1}}\n",
         "line 6: the end line counts 3 cases but the dump holds 2"},
        {dump + case_line(9, "Meterco", 90), "line 7: a line after the dump's end line"},
    };
    for (const auto& [text, message] : bad) {
        write(file, text);
        const auto r = box.at(now, {"import", file.string()});
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains(message));
        CHECK_THAT(r.err, Contains("nothing was imported"));
        CHECK(box.db_bytes() == before);
    }
    // A dump written before the end line existed is restored when asked explicitly.
    write(file, dump.substr(0, last_line));
    CHECK(box.json(now, {"import", "--no-end-line", file.string()})["imported"]["cases"] == 2);
}

TEST_CASE("ids repeated in a dump are named in words", "[reliability][output][dump]") {
    Sandbox box;
    const fs::path file = box.dir() / "dump.jsonl";
    const std::string end2 = "{\"end\":{\"orgs\":0,\"cases\":2,\"contacts\":2,\"promises\":0}}\n";
    write(file, header + case_line(7, "A", 1) + case_line(7, "B", 2) + end2);
    auto r = box.at(now, {"import", file.string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("line 3: case id 7 appears twice in the dump"));
    write(file, header + case_line(7, "A", 1) + case_line(8, "B", 1) + end2);
    r = box.at(now, {"import", file.string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("line 3: contact id 1 appears twice in the dump"));
    CHECK(!fs::exists(box.db())); // a failed import leaves no log behind
}

TEST_CASE("a line over the limit is refused in bounded memory", "[reliability][output][dump]") {
    Sandbox box;
    const fs::path file = box.dir() / "huge.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        out << header << std::string(std::size_t{20} << 20, 'x') << "\n";
    }
    const auto r = box.at(now, {"import", file.string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("line 2 is longer than 16 MiB"));
    const auto [kib, code] =
        peak_kib({"--db", (box.dir() / "m.db").string(), "--now", now, "import", file.string()});
    CHECK(code == 2);
#if !defined(__SANITIZE_ADDRESS__)
    INFO("peak " << kib << " KiB");
    CHECK(kib < 64 * 1024);
#endif
}

TEST_CASE("an import that does not fit the disk is a storage error", "[reliability][output]") {
    Sandbox box;
    std::string dump = header;
    for (int i = 1; i <= 2000; ++i) {
        dump += case_line(i, "Org", i);
    }
    dump += "{\"end\":{\"orgs\":0,\"cases\":2000,\"contacts\":2000,\"promises\":0}}\n";
    write(box.dir() / "in.jsonl", dump);
    const fs::path disk = box.dir() / "small";
    fs::create_directories(disk);
    if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=256k") != 0) {
        WARN("cannot mount a tmpfs here: skipped");
        return;
    }
    const auto r = box.at(
        now, {"--db", (disk / "cases.db").string(), "import", (box.dir() / "in.jsonl").string()});
    ::umount2(disk.c_str(), MNT_DETACH);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("disk is full"));
    CHECK_THAT(r.err, !Contains("line"));
}

TEST_CASE("undo reverts an import whole, then the changes before it",
          "[reliability][output][undo]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco", "--title", "Mine"});
    box.ok("2026-11-20T09:10", {"log", "call", "1", "-m", "my own call"});
    std::string dump = header + "{\"org\":{\"name\":\"Meterco\",\"phone\":\"0800 1\"}}\n";
    for (int i = 1; i <= 3; ++i) {
        dump += case_line(i, i == 1 ? "Meterco" : "Newco", i);
    }
    dump += "{\"end\":{\"orgs\":1,\"cases\":3,\"contacts\":3,\"promises\":0}}\n";
    write(box.dir() / "in.jsonl", dump);
    box.ok(now, {"import", (box.dir() / "in.jsonl").string()});
    CHECK(box.json(now, {"list", "--all"})["cases"].size() == 4);
    CHECK(box.json(now, {"search", "zebracrossing"})["results"].size() == 3);

    CHECK_THAT(box.ok(now, {"undo", "--yes"}), Contains("import of 3 cases from"));
    CHECK(box.json(now, {"list", "--all"})["cases"].size() == 1);
    const auto gone = box.at(now, {"--json", "search", "zebracrossing"});
    CHECK(gone.exit_code == 1); // nothing matches, as grep
    CHECK(nlohmann::json::parse(gone.out)["results"].empty());
    CHECK(box.json(now, {"show", "1"})["contacts"].size() == 1);
    CHECK_THAT(box.ok(now, {"undo", "--yes"}), Contains("Undid"));
    CHECK(box.json(now, {"show", "1"})["contacts"].empty());
    CHECK_THAT(box.ok(now, {"undo", "--yes"}), Contains("Undid"));
    CHECK(box.json(now, {"list", "--all"})["cases"].empty());

    SECTION("into an empty log, undo empties it") {
        Sandbox empty;
        empty.ok(now, {"import", (box.dir() / "in.jsonl").string()});
        empty.ok(now, {"undo", "--yes"});
        CHECK(empty.json(now, {"list", "--all"})["cases"].empty());
        CHECK(empty.at(now, {"undo", "--yes"}).exit_code == 3);
    }
}

namespace {

// The schema as sqlite_master holds it (types, names, tables, SQL; not where each lives).
std::string schema_of(const fs::path& db) {
    return escalate::test::probe(
        db, "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' || "
            "coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_master ORDER BY name)");
}

} // namespace

TEST_CASE("an import that builds its indexes at the end leaves the schema as it was",
          "[reliability][output][dump]") {
    const std::string dump = made_dump();
    Sandbox box;
    // A log without cases (the case opened is undone, its org with it): the import sets the
    // secondary indexes aside and builds them once at its end.
    box.ok(now, {"open", "Skyview"});
    box.ok(now, {"undo", "--yes"});
    const std::string schema = schema_of(box.db());
    REQUIRE_THAT(schema, Contains("index contacts_by_case contacts CREATE INDEX"));
    const fs::path file = box.dir() / "dump.jsonl";

    SECTION("a failed import leaves every index in place") {
        write(file, dump.substr(0, dump.size() - 10));
        CHECK(box.at(now, {"import", file.string()}).exit_code == 2);
        CHECK(schema_of(box.db()) == schema);
    }
    SECTION("an import puts back every index and trigger") {
        write(file, dump);
        CHECK(box.json(now, {"import", file.string()})["imported"]["cases"] == 2);
        CHECK(schema_of(box.db()) == schema);
        CHECK(box.json(now, {"list", "--all"})["cases"].size() == 2);
        SECTION("and a second import, into a log larger than it, keeps them as they are") {
            write(file, header + case_line(1, "Newco", 1) +
                            "{\"end\":{\"orgs\":0,\"cases\":1,\"contacts\":1,\"promises\":0}}\n");
            CHECK(box.json(now, {"import", file.string()})["imported"]["cases"] == 1);
            CHECK(schema_of(box.db()) == schema);
        }
    }
}

TEST_CASE("ids restored out of order are still checked against the ones already imported",
          "[reliability][output][dump]") {
    Sandbox box;
    const fs::path file = box.dir() / "dump.jsonl";
    const std::string end2 = "{\"end\":{\"orgs\":0,\"cases\":2,\"contacts\":2,\"promises\":0}}\n";
    write(file, header + case_line(9, "A", 5) + case_line(3, "B", 2) + end2);
    CHECK(box.json(now, {"import", file.string()})["kept_ids"] == true);
    CHECK(box.json(now, {"show", "3"})["contacts"][0]["id"] == 2);

    Sandbox again;
    write(file, header + case_line(9, "A", 5) + case_line(3, "B", 5) + end2);
    const auto r = again.at(now, {"import", file.string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("line 3: contact id 5 appears twice in the dump"));
    write(file, header + case_line(9, "A", 5) + case_line(9, "B", 6) + end2);
    CHECK_THAT(again.at(now, {"import", file.string()}).err,
               Contains("line 3: case id 9 appears twice in the dump"));
}
