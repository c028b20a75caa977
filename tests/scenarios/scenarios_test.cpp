// S1 to S5 of SCENARIOS.md, end to end through the real binary: the "Must" lines about the
// engine's advice. S1's counting is in s1_account_test.cpp.
#include <catch2/catch.hpp>

#include "sandbox.hpp"
#include "thread_check.hpp"

using Catch::Contains;
using escalate::test::check_thread;
using escalate::test::posts_of;
using escalate::test::Sandbox;

namespace {

nlohmann::json top(const Sandbox& box, const std::string& now, const std::string& ref = "1") {
    const auto j = box.json(now, {"next", ref});
    REQUIRE_FALSE(j["suggestions"].empty());
    return j["suggestions"][0];
}

void replay_s1(const Sandbox& box) {
    const auto r = box.script(SCENARIO_DIR "/s1_account.sh");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

} // namespace

TEST_CASE("S1: after the first broken promise, no front-line call on top", "[scenario][s1]") {
    Sandbox box;
    box.ok("2026-09-01T09:00", {"open", "Meterco", "--title", "Billing after contract end"});
    box.ok("2026-09-01T09:40", {"log", "call", "--duration", "25m", "--outcome", "transferred"});
    box.ok("2026-09-03T10:00",
           {"log", "call", "--agent", "Dana", "--promise", "no more bills", "--due", "2026-09-30"});
    CHECK(top(box, "2026-09-20T09:00")["action"] == "wait"); // the promise is not due yet
    box.ok("2026-10-02T08:00", {"log", "letter", "--in", "--outcome", "info", "-m", "A bill"});
    const auto t = top(box, "2026-10-02T09:00");
    CHECK(t["action"] != "wait");
    CHECK(t["channel"] != "call");
    CHECK(t["tier"] >= 2);
}

TEST_CASE("S1: by the 12th call the advice is public or executive", "[scenario][s1]") {
    Sandbox box;
    replay_s1(box);
    SECTION("by the 12th call: public or executive, naming the counts") {
        const auto t = top(box, "2026-11-05T09:00");
        CHECK(t["action"] == "contact");
        CHECK((t["tier"] == 3 || t["tier"] == 4));
        CHECK_THAT(t["summary"].get<std::string>(), Contains("12 calls"));
        CHECK_THAT(t["summary"].get<std::string>(), Contains("3 broken promises"));
    }
    SECTION("going public gets a reply; the executive office resolves it; close") {
        box.ok("2026-11-05T10:00", {"log", "social", "-m", "12 calls, 3 broken promises"});
        box.ok("2026-11-05T10:12", {"log", "dm", "--in", "--outcome", "escalated"});
        box.ok("2026-11-06T09:00", {"log", "exec", "--in", "--outcome", "resolved"});
        const auto t = top(box, "2026-11-06T09:05");
        CHECK(t["action"] == "close");
        box.ok("2026-11-06T09:30", {"close", "1", "--resolved"});
        CHECK(box.json("2026-11-06T09:35", {"next", "1"})["suggestions"].empty());
    }
}

TEST_CASE("S2: the parcel delivered seven blocks away", "[scenario][s2]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Parcelco", "--title", "Misdelivered parcel"});
    box.ok("2026-11-02T09:20", {"log", "call", "--hold", "10m", "--outcome", "hung-up"});
    box.ok("2026-11-02T09:40", {"log", "chat", "--agent", "Lucy G.", "--outcome", "refused", "-m",
                                "Cannot pick up a misdelivered parcel"});
    SECTION("two failed front-line attempts: the next channel now, not a week's wait") {
        const auto t = top(box, "2026-11-02T09:45");
        CHECK(t["action"] == "contact");
        CHECK(t["not_before"] == "2026-11-02T09:45:00Z");
        CHECK(t["channel"] != "call");
        CHECK(t["channel"] != "chat");
        const auto explain = box.ok("2026-11-02T09:45", {"next", "1", "--explain"});
        CHECK_THAT(explain, Contains("failures at tier 1"));
        CHECK_THAT(explain, Contains("failure: refused"));
        CHECK_THAT(explain, Contains("needs 1 more failed attempt at tier 1"));
    }
    SECTION("a public post names the handle; its draft fits in 280 characters") {
        box.ok("2026-11-02T10:00", {"org", "Parcelco", "--social", "@parcelco"});
        const auto all = box.json("2026-11-02T10:00", {"next", "1", "--all"})["suggestions"];
        bool named = false;
        for (const auto& s : all) {
            if (s["channel"] == "social") {
                named = s["summary"].get<std::string>().find("@parcelco") != std::string::npos;
            }
        }
        CHECK(named);
        std::string post = box.ok("2026-11-02T10:00", {"draft", "1", "--channel", "social"});
        post.pop_back();
        CHECK(escalate::test::code_points(post) <= 280);
        CHECK_THAT(post, Contains("@parcelco"));
    }
    SECTION("an inbound dm saying resolved: close") {
        box.ok("2026-11-02T15:00", {"log", "dm", "--in", "--outcome", "resolved"});
        CHECK(top(box, "2026-11-02T15:05")["action"] == "close");
        box.ok("2026-11-02T15:10", {"close", "1", "--resolved", "-m", "Refund and flowers"});
        const auto thread = box.ok("2026-11-02T16:00", {"export", "1", "--format", "thread"});
        check_thread(thread);
        CHECK_THAT(thread, Contains("Cannot pick up a misdelivered parcel"));
        CHECK_THAT(thread, Contains("Refund and flowers"));
    }
}

TEST_CASE("S3: the washer that broke in a week", "[scenario][s3]") {
    Sandbox box;
    box.ok("2026-09-01T09:00", {"open", "Washco", "--title", "Washer broke in a week", "--want",
                                "A working washer or a replacement"});
    for (const char* at :
         {"2026-09-05T10:00", "2026-09-12T10:00", "2026-09-19T10:00", "2026-09-26T10:00"}) {
        box.ok(at, {"log", "visit", "--outcome", "partial", "-m", "Engineer replaced a part"});
    }
    const auto explain = box.json("2026-09-26T12:00", {"next", "1", "--explain"})["explain"];
    int repeated = 0;
    for (const auto& t : explain["terms"]) {
        repeated += t["term"] == "failure: partial-repeated" ? 1 : 0;
    }
    CHECK(repeated == 3); // every partial fix after the first counts as a failure

    box.ok("2026-09-27T09:00", {"org", "Washco", "--exec", "Pat Doe <pat.doe@washco.example>"});
    box.ok("2026-09-28T09:00", {"log", "social", "-m", "Four visits, still broken"});
    const auto all = box.json("2026-10-01T09:00", {"next", "1", "--all"})["suggestions"];
    bool named = false;
    for (const auto& s : all) {
        if (s["tier"] == 4) {
            named = named || s["summary"].get<std::string>().find("Pat Doe") != std::string::npos;
        }
    }
    CHECK(named);
    CHECK(all[0]["tier"] == 4);

    const std::string letter = box.ok("2026-10-01T09:00", {"draft", "1", "--channel", "exec"});
    CHECK_THAT(letter, Contains("Dear Pat Doe"));
    CHECK_THAT(letter, Contains("4 visits"));
    CHECK_THAT(letter, Contains("Sat 5 Sep 2026"));
    CHECK_THAT(letter, Contains("A working washer or a replacement"));
    CHECK(std::count(letter.begin(), letter.end(), '\n') <= 50); // under one page
    CHECK(letter.size() <= 3500);
    check_thread(box.ok("2026-10-01T09:00", {"export", "1", "--format", "thread"}));
}

TEST_CASE("S4: the stock replies", "[scenario][s4]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Shopco", "--title", "Refund not received"});
    box.ok("2026-11-02T10:00", {"log", "email", "-m", "Where is my refund?"});
    SECTION("an email with no reply: wait for the email window, do not email again") {
        const auto t = top(box, "2026-11-03T10:00");
        CHECK(t["action"] == "wait");
        CHECK(t["not_before"] == "2026-11-04T10:00:00Z"); // 2 business days
        CHECK_THAT(box.ok("2026-11-03T10:00", {"next", "1"}),
                   Contains("Wait until Wed 4 Nov 2026 10:00"));
    }
    SECTION("two stock replies on email: another channel") {
        box.ok("2026-11-03T10:00", {"log", "email", "--in", "--outcome", "stock-reply"});
        box.ok("2026-11-03T11:00", {"log", "email", "-m", "That is not an answer"});
        box.ok("2026-11-04T10:00", {"log", "email", "--in", "--outcome", "stock-reply", "-m",
                                    "After 60 days you must call"});
        const auto t = top(box, "2026-11-04T11:00");
        CHECK(t["action"] != "wait");
        CHECK(t["channel"] != "email");
        SECTION("a public post resolves it; the thread opens with the headline figures") {
            box.ok("2026-11-04T12:00", {"log", "social", "-m", "Two stock replies. @shopco?"});
            box.ok("2026-11-04T12:14", {"log", "social", "--in", "--outcome", "resolved"});
            box.ok("2026-11-04T12:20", {"close", "1", "--resolved"});
            const auto thread = box.ok("2026-11-04T13:00", {"export", "1", "--format", "thread"});
            check_thread(thread);
            const auto posts = posts_of(thread);
            CHECK_THAT(posts[0], Contains("2 days, 2 emails, 1 public post"));
            CHECK_THAT(posts[0], Contains("Refund not received"));
            CHECK_THAT(posts.back(), Contains("resolved"));
        }
    }
}

TEST_CASE("S5: the public channel that did not help", "[scenario][s5]") {
    Sandbox box;
    box.ok("2026-11-02T09:00",
           {"open", "Broadbandco", "--title", "Router died", "--want", "A working connection"});
    box.ok("2026-11-02T12:30", {"log", "call", "--duration", "3.5h", "--hold", "40m", "--promise",
                                "engineer visit", "--due", "2026-11-09"});
    box.ok("2026-11-10T09:00", {"log", "social", "-m", "No internet for 8 days"});

    const auto text = box.ok("2026-11-11T10:00", {"next", "1"});
    CHECK_THAT(text, Contains("unanswered public post"));
    const auto explain = box.json("2026-11-11T10:00", {"next", "1", "--explain"})["explain"];
    bool ignored = false;
    for (const auto& t : explain["terms"]) {
        ignored = ignored || t["term"] == "failure: ignored";
    }
    CHECK(ignored);

    box.ok("2026-11-11T12:00",
           {"log", "dm", "--in", "--promise", "earlier slot", "--due", "2026-11-12"});
    const auto exec = top(box, "2026-11-14T09:00");
    CHECK(exec["tier"] == 4);
    CHECK(exec["channel"] == "exec");

    box.ok("2026-11-14T10:00",
           {"log", "exec", "--in", "--promise", "call back next week", "--due", "2026-11-20"});
    const auto t5 = top(box, "2026-11-22T09:00");
    CHECK(t5["tier"] == 5);
    CHECK(t5["channel"] == "regulator");
    const std::string summary = t5["draft"].get<std::string>();
    CHECK_THAT(summary, Contains("Full history"));
    CHECK_THAT(summary, Contains("engineer visit"));
    CHECK_THAT(summary, Contains("earlier slot"));
    CHECK_THAT(summary, Contains("call back next week"));
    CHECK_THAT(summary, Contains("3 h 30 min on the phone, 40 min on hold"));

    CHECK_THAT(box.ok("2026-11-22T09:00", {"show", "1"}),
               Contains("3 h 30 min on the phone, 40 min on hold"));
}
