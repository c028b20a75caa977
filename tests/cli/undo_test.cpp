// undo reverts the last change of any command, one at a time, newest first.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

TEST_CASE("undo reverts log, edit and close", "[cli][undo]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00",
           {"log", "call", "--hold", "10m", "--promise", "refund", "--due", "fri"});
    const auto after_log = box.json("2026-11-20T12:00", {"show", "1"});

    SECTION("after log: the contact and its promise are gone") {
        CHECK(box.ok("2026-11-20T11:00", {"undo"}) ==
              "Undid: log 1st call to Meterco on #1 (contact 1)\n");
        const auto j = box.json("2026-11-20T12:00", {"show", "1"});
        CHECK(j["contacts"].empty());
        CHECK(j["promises"].empty());
        SECTION("and the next undo reverts the open") {
            box.ok("2026-11-20T11:00", {"undo", "--yes"});
            CHECK(box.at("2026-11-20T12:00", {"show", "1"}).exit_code == 3);
            const auto r = box.at("2026-11-20T12:00", {"undo"});
            CHECK(r.exit_code == 3);
            CHECK(r.err == "escalate: nothing to undo\n");
        }
    }
    SECTION("after edit: the contact is as it was") {
        box.ok("2026-11-20T11:00", {"edit", "1", "--outcome", "refused", "--hold", "20m", "--due",
                                    "2026-12-01", "-m", "it's \"fixed\"\nnot"});
        const auto j = box.json("2026-11-20T11:00", {"undo"});
        CHECK(j["undone"]["command"] == "edit");
        CHECK(box.json("2026-11-20T12:00", {"show", "1"}) == after_log);
    }
    SECTION("after close: the case is open again") {
        box.ok("2026-11-20T11:00", {"close", "1", "--resolved", "-m", "done"});
        CHECK_THAT(box.ok("2026-11-20T11:30", {"undo"}), Contains("close case #1"));
        CHECK(box.json("2026-11-20T12:00", {"show", "1"}) == after_log);
    }
    SECTION("after promise and org") {
        box.ok("2026-11-20T11:00", {"org", "Meterco", "--social", "@meterco"});
        box.ok("2026-11-20T11:00", {"promise", "broken", "1"});
        box.ok("2026-11-20T11:30", {"undo"});
        CHECK(box.json("2026-11-20T12:00", {"show", "1"})["promises"][0]["status"] == "pending");
        box.ok("2026-11-20T11:30", {"undo"});
        CHECK(box.json("2026-11-20T12:00", {"org", "Meterco"})["social"].empty());
    }
    SECTION("a failed command leaves nothing to undo") {
        CHECK(box.at("2026-11-20T11:00", {"log", "fax"}).exit_code == 2);
        CHECK_THAT(box.ok("2026-11-20T11:30", {"undo"}), Contains("log 1st call"));
    }
}
