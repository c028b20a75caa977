// Two commands opening a version 1 case log at the same moment: the upgrade happens once,
// under the write lock, after one backup of the version 1 file; both commands succeed (one
// waits for the other), and the backup is never a later version.
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "sandbox.hpp"
#include "sqlite_probe.hpp"

using escalate::test::probe;
using escalate::test::ProcessResult;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

constexpr int rounds = 20;

void place_v1_log(const Sandbox& box) {
    fs::create_directories(box.db().parent_path());
    fs::copy_file(fs::path(FIXTURE_DIR) / "schema-v1.db", box.db());
    fs::permissions(box.db(), fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
}

} // namespace

TEST_CASE("two commands opening a version 1 log at once: one upgrade, one v1 backup",
          "[reliability][upgrade-race]") {
    for (int round = 0; round < rounds; ++round) {
        Sandbox box;
        place_v1_log(box);
        // Half the rounds two readers, half a reader and a writer.
        const std::vector<std::string> first{"list", "--all"};
        const std::vector<std::string> second =
            round % 2 == 0 ? std::vector<std::string>{"list"}
                           : std::vector<std::string>{"open", "Racer", "--title", "race"};
        ProcessResult a, b;
        std::thread ta([&] { a = box.at("2026-11-22T10:00", first); });
        std::thread tb([&] { b = box.at("2026-11-22T10:00", second); });
        ta.join();
        tb.join();
        INFO("round " << round << "\nA: " << a.err << "\nB: " << b.err);
        CHECK(a.exit_code == 0);
        CHECK(b.exit_code == 0);
        CHECK(a.err.empty());
        CHECK(b.err.empty());

        // Written once: no second backup, no temporary file left behind (looked at before the
        // test opens the backup, which adds its own -wal and -shm).
        for (const auto& entry : fs::directory_iterator(box.db().parent_path())) {
            const std::string name = entry.path().filename().string();
            INFO(name);
            CHECK((name == "cases.db" || name == "cases.db.v1.bak" || name == "cases.db-wal" ||
                   name == "cases.db-shm"));
        }
        const fs::path backup = box.db().string() + ".v1.bak";
        REQUIRE(fs::exists(backup));
        CHECK(probe(backup, "PRAGMA user_version") == "1");
        CHECK(probe(backup, "PRAGMA integrity_check") == "ok");
        CHECK(probe(box.db(), "PRAGMA user_version") == "6");
        CHECK(probe(box.db(), "PRAGMA integrity_check") == "ok");
        if (round % 2 == 1) {
            CHECK(probe(box.db(), "SELECT count(*) FROM cases WHERE title = 'race'") == "1");
        }
    }
}

TEST_CASE("an existing backup is never replaced by a later upgrade's",
          "[reliability][upgrade-race]") {
    Sandbox box;
    place_v1_log(box);
    const fs::path backup = box.db().string() + ".v1.bak";
    {
        std::ofstream out(backup, std::ios::binary);
        out << "an older backup the user kept";
    }
    box.ok("2026-11-22T10:00", {"list"});
    CHECK(escalate::test::read_file(backup) == "an older backup the user kept");
    const fs::path next = box.db().string() + ".v1.2.bak";
    REQUIRE(fs::exists(next));
    CHECK(probe(next, "PRAGMA user_version") == "1");
    CHECK((fs::status(next).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
}
