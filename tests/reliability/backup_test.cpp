// escalate backup FILE: a consistent, private copy of the live log, taken while other
// processes write, that opens as a case log.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "sandbox.hpp"
#include "sqlite_probe.hpp"

using Catch::Contains;
using escalate::test::probe;
using escalate::test::probe_int;
using escalate::test::ProcessResult;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

constexpr int writers = 4;
// 500 logged contacts in all. Under the sanitizers (the second CI pass, where each start costs
// three times as much) 100: that pass looks for memory errors, which do not grow with the
// count; the plain pass holds the 500.
#if defined(__SANITIZE_ADDRESS__)
constexpr int per_writer = 25;
#else
constexpr int per_writer = 125;
#endif

bool private_file(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && (st.st_mode & 0777) == 0600;
}

// What every backup must be: a case log (ours, this version), intact, every contact's case
// present; returns its contact count.
long check_backup(const fs::path& copy, const fs::path& log) {
    CHECK(probe(copy, "PRAGMA integrity_check") == "ok");
    CHECK(probe(copy, "PRAGMA application_id") == probe(log, "PRAGMA application_id"));
    CHECK(probe(copy, "PRAGMA user_version") == probe(log, "PRAGMA user_version"));
    CHECK(probe(copy, "SELECT count(*) FROM contacts WHERE case_id NOT IN (SELECT id FROM "
                      "cases)") == "0");
    CHECK(probe(copy, "SELECT count(*) FROM promises WHERE contact_id NOT IN (SELECT id FROM "
                      "contacts)") == "0");
    CHECK(private_file(copy));
    return probe_int(copy, "SELECT count(*) FROM contacts");
}

} // namespace

TEST_CASE("backup during 500 concurrent logs: every copy is whole and consistent",
          "[reliability][backup]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T09:00", {"open", "Gridco"});
    std::vector<ProcessResult> results(writers);
    std::vector<std::thread> threads;
    for (int k = 0; k < writers; ++k) {
        threads.emplace_back([&, k] {
            const std::string script = "set -e; for i in $(seq 1 " + std::to_string(per_writer) +
                                       "); do \"$ESCALATE\" --now 2026-11-20T10:00 log call " +
                                       std::to_string(1 + k % 2) + " -q -m \"w" +
                                       std::to_string(k) +
                                       " n$i\" --promise \"call back $i\" --due 2026-12-01; done";
            results[static_cast<std::size_t>(k)] = box.run_shell(script);
        });
    }
    std::atomic<bool> done{false};
    std::thread joiner([&] {
        for (auto& t : threads) {
            t.join();
        }
        done = true;
    });
    const fs::path copy = box.dir() / "copies" / "cases-backup.db";
    fs::create_directories(copy.parent_path());
    int backups = 0;
    long previous = 0;
    while (!done) {
        const long before = probe_int(box.db(), "SELECT count(*) FROM contacts");
        const auto r = box.at("2026-11-20T11:00", {"backup", copy.string()});
        const long after = probe_int(box.db(), "SELECT count(*) FROM contacts");
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("Backed up 2 cases ("));
        const long count = check_backup(copy, box.db());
        // Between the counts before and after the backup ran, and never fewer than the last.
        CHECK(count >= before);
        CHECK(count <= after);
        CHECK(count >= previous);
        CHECK(probe_int(copy, "SELECT count(*) FROM promises") == count);
        previous = count;
        ++backups;
        // Leave the two cores to the writers for a moment: the test is about the copies.
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    joiner.join();
    for (const auto& r : results) {
        INFO(r.err);
        CHECK(r.exit_code == 0);
    }
    const auto j = box.json("2026-11-20T12:00", {"backup", copy.string()});
    CHECK(j["backup"] == copy.string());
    CHECK(j["cases"] == 2);
    CHECK(j["contacts"] == writers * per_writer);
    CHECK(check_backup(copy, box.db()) == writers * per_writer);
    // The copy opens as a case log and holds the same log.
    const auto listed = box.run({"--db", copy.string(), "--json", "show", "1"});
    CHECK(listed.exit_code == 0);
    // Nothing but the copy in its folder: no temporary file left behind.
    CHECK(std::distance(fs::directory_iterator(copy.parent_path()), fs::directory_iterator()) == 1);
    INFO(backups << " backups taken during the writes");
    CHECK(backups >= 2);
    WARN(backups << " backups during " << writers * per_writer << " concurrent logs");
}

TEST_CASE("backup refuses what it cannot write, and a log that is not there",
          "[reliability][backup]") {
    Sandbox box;
    SECTION("no case log: exit 3, nothing created") {
        const auto r = box.at("2026-11-20T09:00", {"backup", (box.dir() / "b.db").string()});
        CHECK(r.exit_code == 3);
        CHECK(r.err == "escalate: no case log at " + box.db().string() + ": nothing to back up\n");
        CHECK_FALSE(fs::exists(box.db()));
        CHECK_FALSE(fs::exists(box.dir() / "b.db"));
    }
    SECTION("a folder, standard output, the log itself: exit 2") {
        box.ok("2026-11-20T09:00", {"open", "Meterco"});
        for (const std::string& target :
             {box.dir().string(), std::string("-"), box.db().string(), std::string("/dev/null")}) {
            const auto r = box.at("2026-11-20T09:00", {"backup", target});
            INFO(target << ": " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        }
    }
    SECTION("a missing folder: exit 1, naming it") {
        box.ok("2026-11-20T09:00", {"open", "Meterco"});
        const auto r = box.at("2026-11-20T09:00", {"backup", (box.dir() / "no/b.db").string()});
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains((box.dir() / "no").string()));
    }
    SECTION("an existing file is replaced whole, and made private") {
        box.ok("2026-11-20T09:00", {"open", "Meterco"});
        const fs::path target = box.dir() / "old.db";
        {
            std::ofstream out(target);
            out << "old contents";
        }
        fs::permissions(target, fs::perms::all, fs::perm_options::replace);
        CHECK(box.ok("2026-11-20T09:00", {"backup", target.string()}) ==
              "Backed up 1 case (0 contacts) to " + target.string() + "\n");
        CHECK(check_backup(target, box.db()) == 0);
    }
}
