// next, draft, stats and policy through the real binary.
#include <fstream>

#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

namespace {

void write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

} // namespace

TEST_CASE("a policy file changes the advice", "[cli][policy]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Meterco"});
    box.ok("2026-11-02T09:30", {"log", "call", "--outcome", "no-answer"});
    auto tier = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args{"next", "1"};
        args.insert(args.end(), extra.begin(), extra.end());
        return box.json("2026-11-02T12:00", args)["suggestions"][0]["tier"].get<int>();
    };
    CHECK(tier({}) == 1);

    const auto eager = box.dir() / "eager.json";
    write(eager, R"({"tiers": {"2": {"enter_after_failures": 1}}})");
    SECTION("--policy FILE") {
        CHECK(tier({"--policy", eager.string()}) == 2);
    }
    SECTION("ESCALATE_POLICY") {
        box.set_env("ESCALATE_POLICY", eager.string());
        CHECK(tier({}) == 2);
    }
    SECTION("the XDG config file") {
        write(box.dir() / "xdg-config" / "escalate" / "policy.json",
              R"({"tiers": {"2": {"enter_after_failures": 1}}})");
        CHECK(tier({}) == 2);
        CHECK(box.json("2026-11-02T12:00",
                       {"policy", "show"})["tiers"]["2"]["enter_after_failures"] == 1);
    }
    SECTION("a bad policy file is exit 2 naming the path") {
        write(eager, R"({"tiers": {"2": {"enter_after_failures": -1}}})");
        const auto r = box.at("2026-11-02T12:00", {"--policy", eager.string(), "next", "1"});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains("/tiers/2/enter_after_failures must be a number from 0"));
    }
}

TEST_CASE("policy show and policy check", "[cli][policy]") {
    Sandbox box;
    const auto shown = box.json("2026-11-02T12:00", {"policy", "show"});
    CHECK(shown["channels"]["email"]["window"] == 2);
    CHECK(shown["tiers"]["5"]["enter_after_days"] == 56);
    CHECK(shown["clocks"]["chargeback"]["days"] == 120);

    const auto file = box.dir() / "p.json";
    write(file, R"({"tiers": {"2": {"enter_after_failures": "x"}}, "bogus": 1,
                   "channels": {"call": {"tierr": 1}, "whatsapp": {"tier": 1, "sync": false}}})");
    const auto r = box.run({"policy", "check", file.string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Contains(": /bogus is not a policy key"));
    CHECK_THAT(r.out, Contains(": /channels/call/tierr is not a policy key"));
    CHECK_THAT(r.out, Contains(": /tiers/2/enter_after_failures must be a number from 0 to 1000"));
    CHECK_THAT(r.err, Contains("has 3 problems"));

    write(file, R"({"channels": {"whatsapp": {"tier": 1, "sync": false, "window": 6,
                                               "window_unit": "hours"}}})");
    const auto good = box.run({"policy", "check", file.string()});
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Contains("ok"));
    SECTION("a channel added by the policy can be logged") {
        box.ok("2026-11-02T09:00", {"open", "Meterco"});
        box.ok("2026-11-02T09:30", {"--policy", file.string(), "log", "whatsapp"});
        CHECK(box.json("2026-11-02T10:00", {"--policy", file.string(), "next",
                                            "1"})["suggestions"][0]["action"] == "wait");
    }
    CHECK(box.run({"policy", "check", (box.dir() / "missing.json").string()}).exit_code == 2);
}

TEST_CASE("next: the agenda, one case, and the explain table", "[cli][next]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-02T09:00", {"open", "Parcelco", "--title", "Parcel"});
    box.ok("2026-11-02T09:10", {"log", "email", "meterco"});
    box.ok("2026-11-02T09:20", {"log", "call", "parcel", "--outcome", "hung-up"});

    const auto agenda = box.json("2026-11-02T12:00", {"next"})["agenda"];
    REQUIRE(agenda.size() == 2);
    CHECK(agenda[0]["case_id"] == 2); // can act now
    CHECK(agenda[1]["case_id"] == 1); // only waiting
    CHECK(agenda[1]["suggestion"]["action"] == "wait");
    // The agenda shows the case to act on; the waiting one is counted, and listed with --all.
    CHECK_THAT(box.ok("2026-11-02T12:00", {"next"}),
               Contains("\nand 1 waiting: escalate next --all\n"));
    CHECK_THAT(box.ok("2026-11-02T12:00", {"next", "--all"}),
               Contains("until Wed 4 Nov 2026 09:10"));

    const auto one = box.json("2026-11-02T12:00", {"next", "parcel"});
    CHECK(one["case_id"] == 2);
    CHECK(one["status"] == "open");
    for (const char* key :
         {"action", "channel", "tier", "not_before", "score", "summary", "reasons", "draft"}) {
        CHECK(one["suggestions"][0].contains(key));
    }
    CHECK(one["suggestions"][0]["reasons"][0].contains("factor"));

    const auto explain = box.ok("2026-11-02T12:00", {"next", "2", "--explain"});
    CHECK_THAT(explain, Contains("TERM"));
    CHECK_THAT(explain, Contains("THRESHOLD"));
    CHECK_THAT(explain, Contains("climb: failures at the rung: needs 2 more failed attempts"));
    CHECK_THAT(explain, Contains("days open"));

    box.ok("2026-11-02T13:00", {"close", "2", "--abandoned"});
    CHECK(box.json("2026-11-02T13:00", {"next", "2"})["suggestions"].empty());
    CHECK(box.json("2026-11-02T13:00", {"next"})["agenda"].size() == 1);

    SECTION("log prints the top suggestion, and its JSON carries it") {
        const auto j =
            box.json("2026-11-05T09:00", {"log", "call", "meterco", "--outcome", "no-answer"});
        CHECK(j["next"]["action"] == "contact");
        CHECK_THAT(box.ok("2026-11-05T09:05", {"log", "chat", "meterco"}), Contains("\nNext: "));
    }
}

TEST_CASE("draft and stats", "[cli][draft]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Meterco", "--title", "Billing", "--want", "A refund"});
    box.ok("2026-11-02T09:30", {"log", "call", "--agent", "Dana", "--ref", "MC-1", "--promise",
                                "refund in 3 days", "--due", "2026-11-05"});
    box.ok("2026-11-09T09:30", {"log", "email"});
    box.ok("2026-11-10T09:30", {"log", "email", "--in", "--outcome", "stock-reply"});

    const auto email = box.ok("2026-11-10T10:00", {"draft", "1", "--channel", "email"});
    CHECK_THAT(email, Contains("Subject: Complaint: Billing"));
    CHECK_THAT(email, Contains("\"refund in 3 days\" (Dana, Mon 2 Nov 2026"));
    CHECK_THAT(email, Contains("References: MC-1."));
    CHECK_THAT(email, Contains("What I want: A refund."));
    const auto j = box.json("2026-11-10T10:00", {"draft", "1"});
    CHECK(j["case_id"] == 1);
    CHECK(j["draft"].get<std::string>().size() > 40);
    CHECK(box.at("2026-11-10T10:00", {"draft", "1", "--channel", "fax"}).exit_code == 2);

    const auto stats = box.json("2026-11-10T10:00", {"stats"})["by_channel"];
    CHECK(stats["call"]["attempts"] == 1);
    CHECK(stats["email"]["attempts"] == 1);
    CHECK(stats["email"]["replies"] == 1);
    CHECK(stats["email"]["median_reply_s"] == 86400);
    CHECK_THAT(box.ok("2026-11-10T10:00", {"stats"}), Contains("REPLY RATE"));
}
