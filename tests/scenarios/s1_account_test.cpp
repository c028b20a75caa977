// S1 of SCENARIOS.md, end to end: the account that would not close.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using escalate::test::Sandbox;

namespace {

// Replays the scenario script into the sandbox's case log; returns everything it printed.
std::string replay_s1(const Sandbox& box) {
    const auto replay = box.script(SCENARIO_DIR "/s1_account.sh");
    INFO(replay.err);
    REQUIRE(replay.exit_code == 0);
    return replay.out;
}

} // namespace

TEST_CASE("S1: twelve calls and three broken promises are counted", "[scenario][s1]") {
    Sandbox box;
    const std::string log = replay_s1(box);

    SECTION("log says which attempt each call was") {
        CHECK_THAT(log, Catch::Contains("1st call to Meterco"));
        CHECK_THAT(log, Catch::Contains("12th call to Meterco"));
        CHECK_THAT(log, Catch::Contains("4th letter from Meterco"));
    }

    SECTION("show reports 12 calls, talk and hold time, and 3 broken promises") {
        const auto show = box.json("2026-11-05T09:00", {"show", "meterco"});
        const auto& stats = show["stats"];
        CHECK(stats["by_channel"]["call"] == 12);
        CHECK(stats["by_channel"]["letter"] == 4);
        CHECK(stats["talk_s"] == 197 * 60);
        CHECK(stats["hold_s"] == 187 * 60);
        CHECK(stats["promises_made"] == 4);
        CHECK(stats["promises_broken"] == 3);
        CHECK(stats["promises_kept"] == 0);
        CHECK(stats["days_open"] == 65);

        const std::string text = box.ok("2026-11-05T09:00", {"show", "1"});
        CHECK_THAT(text, Catch::Contains("12 calls"));
        CHECK_THAT(text, Catch::Contains("3 h 17 min on the phone, 3 h 7 min on hold"));
        CHECK_THAT(text, Catch::Contains("4 promises made: 0 kept, 3 broken, 1 pending"));
        CHECK_THAT(text, Catch::Contains("Collections notice from a law firm"));
    }

    SECTION("the last promise is pending until its due day plus a day's grace has passed") {
        auto promises = box.json("2026-11-05T09:00", {"promises", "--overdue"})["promises"];
        CHECK(promises.size() == 3);
        promises = box.json("2026-11-06T09:00", {"promises", "--overdue"})["promises"];
        CHECK(promises.size() == 4);
    }

    SECTION("going public, the executive office's call, and closing") {
        box.ok("2026-11-05T10:00", {"log", "social", "-m", "12 calls, 3 promises broken"});
        box.ok("2026-11-05T10:12", {"log", "dm", "--in", "--outcome", "escalated"});
        box.ok("2026-11-06T09:00", {"log", "exec", "--in", "--outcome", "resolved", "-m",
                                    "Office of the president: account closed"});
        box.ok("2026-11-06T09:30", {"close", "1", "--resolved", "-m", "Account closed"});
        const auto show = box.json("2026-11-06T10:00", {"show", "1"});
        CHECK(show["status"] == "resolved");
        CHECK(show["stats"]["resolved_via"] == "exec");
        CHECK(show["stats"]["days_open"] == 66);
        CHECK(show["stats"]["by_channel"]["call"] == 12);
    }
}
