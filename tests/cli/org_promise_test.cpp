// org (the directory), promise and promises.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

TEST_CASE("org sets and shows how to reach an organisation", "[cli][org]") {
    Sandbox box;
    const auto r = box.at("2026-11-20T09:00", {"org", "Meterco"});
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Contains("no org matches \"Meterco\"; known: none"));

    box.ok("2026-11-20T09:00", {"org", "Meterco", "--new", "--phone", "+1 800 555 0100", "--social",
                                "@meterco", "--social", "@meterco_help", "--exec",
                                "Pat Doe <pat@meterco.example>", "--no", "chat"});
    const auto text = box.ok("2026-11-20T09:00", {"org", "meterco"});
    CHECK_THAT(text, Contains("phone      +1 800 555 0100"));
    CHECK_THAT(text, Contains("social     @meterco @meterco_help"));
    CHECK_THAT(text, Contains("exec       Pat Doe <pat@meterco.example>"));
    CHECK_THAT(text, Contains("not offered chat"));

    auto j = box.json("2026-11-20T09:00", {"org", "METERCO", "--phone", "", "--offers", "chat"});
    CHECK(j["name"] == "Meterco");
    CHECK(j["phone"].is_null());
    CHECK(j["social"] == nlohmann::json{"@meterco", "@meterco_help"});
    CHECK(j["unavailable"] == nlohmann::json::array());

    const auto bad = box.at("2026-11-20T09:00", {"org", "Meterco", "--no", "pigeon"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("unknown channel \"pigeon\"; accepted: call, chat, email"));
}

TEST_CASE("promises are listed and settled", "[cli][promise]") {
    Sandbox box;
    box.ok("2026-11-01T09:00", {"open", "Meterco"});
    box.ok("2026-11-01T10:00",
           {"log", "call", "--promise", "no more bills", "--due", "2026-11-05"});
    box.ok("2026-11-02T10:00", {"log", "call", "--promise", "refund", "--due", "2026-11-30"});

    const auto text = box.ok("2026-11-10T09:00", {"promises"});
    CHECK_THAT(text, Contains("1   #1    Meterco  no more bills  overdue, due Thu 5 Nov 2026 23:59 "
                              "(counts as broken)"));
    CHECK_THAT(text,
               Contains("2   #1    Meterco  refund         pending, due Mon 30 Nov 2026 23:59"));
    CHECK(box.ok("2026-11-10T09:00", {"-q", "promises", "--overdue"}) == "1\n");

    CHECK(box.ok("2026-11-10T09:00", {"promise", "broken", "1"}) ==
          "Promise 1 (\"no more bills\", case #1) marked broken\n");
    const auto kept = box.json("2026-11-10T09:00", {"promise", "kept", "2"});
    CHECK(kept["status"] == "kept");
    CHECK(box.json("2026-11-10T09:00", {"promises", "--pending"})["promises"].empty());
    const auto stats = box.json("2026-11-10T09:00", {"show", "1"})["stats"];
    CHECK(stats["promises_broken"] == 1);
    CHECK(stats["promises_kept"] == 1);

    CHECK(box.at("2026-11-10T09:00", {"promise", "kept", "9"}).exit_code == 3);
    CHECK(box.at("2026-11-10T09:00", {"promise", "maybe", "1"}).exit_code == 2);
}
