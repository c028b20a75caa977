// S6 to S10 of SCENARIOS.md, end to end through the real binary: regimes, bills, chargebacks,
// requests to call back and small claims. Each "Must" line is asserted on the direction of the
// advice (action, channel, tier, time), never on scores.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;
using nlohmann::json;

namespace {

json next(const Sandbox& box, const std::string& now, const std::string& ref = "1") {
    const auto j = box.json(now, {"next", ref});
    REQUIRE_FALSE(j["suggestions"].empty());
    return j;
}

json top(const Sandbox& box, const std::string& now, const std::string& ref = "1") {
    return next(box, now, ref)["suggestions"][0];
}

bool written(const json& s) {
    const std::string c = s["channel"].is_string() ? s["channel"].get<std::string>() : "";
    return c == "email" || c == "letter" || c == "form";
}

bool any_channel(const json& suggestions, const std::string& channel,
                 const std::string& action = "") {
    for (const auto& s : suggestions) {
        if (s["channel"] == channel && (action.empty() || s["action"] == action)) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("S6: the mobile contract and the deadlock letter (UK communications)", "[scenario][s6]") {
    Sandbox box;
    box.ok("2026-05-04T09:00", {"open", "Mobilo", "--country", "GB", "--sector", "telecom",
                                "--title", "Price rise billed twice", "--want",
                                "Refund of the double charge", "--paid-by", "other"});
    box.ok("2026-05-04T09:30", {"log", "call", "--hold", "25m", "--outcome", "no-answer"});
    box.ok("2026-05-04T14:00",
           {"log", "call", "--duration", "20m", "--agent", "Kim", "--outcome", "refused"});
    // After the refused second call: in writing, not a third call.
    const auto t1 = top(box, "2026-05-04T14:30");
    CHECK(t1["action"] == "contact");
    CHECK(written(t1));

    box.ok("2026-05-05T10:00",
           {"log", "email", "-m", "Formal complaint: double charge on the March bill"});
    box.ok("2026-05-07T10:00", {"log", "email", "--in", "--outcome", "stock-reply"});
    // Day 20, no final response: the ADR route is not open (6 weeks from 4 May: 15 June).
    const auto day20 = next(box, "2026-05-24T09:00");
    CHECK_FALSE(any_channel(day20["suggestions"], "regulator"));
    bool route_clock = false;
    for (const auto& c : day20["clocks"]) {
        if (c["name"] == "route") {
            route_clock = true;
            CHECK(c["ends_at"] == "2026-06-15T08:30:00Z"); // 6 weeks from the first call
            CHECK(c["state"] == "running");
        }
    }
    CHECK(route_clock);

    box.ok("2026-06-03T09:00", {"log", "letter", "--in", "--outcome", "final", "-m",
                                "Final response: we will not change our position"});
    // Their final response opens the ADR route at once.
    const auto t3 = top(box, "2026-06-03T09:30");
    CHECK(t3["action"] == "contact");
    CHECK(t3["channel"] == "regulator");
    CHECK(t3["tier"] == 5);
    CHECK(t3["not_before"] == "2026-06-03T08:30:00Z");
    CHECK_THAT(t3["summary"].get<std::string>(), Contains("communications ADR scheme"));
    const std::string summary = t3["draft"];
    CHECK_THAT(summary, Contains("we will not change our position"));
    CHECK_THAT(summary, Contains("Full history"));
    // In the first person, about the company, stating the decisive fact.
    CHECK_THAT(summary, Contains("Since Mon 4 May 2026 I have contacted Mobilo 3 times"));
    CHECK_THAT(summary, Contains("On Wed 3 Jun 2026 they sent me a final response"));
    CHECK_THAT(summary, Contains("Mon 4 May 2026: my call, refused"));

    // show lists only the UK communications clocks: no chargeback (not paid by card), no US.
    const std::string shown = box.ok("2026-05-24T09:00", {"show", "1"});
    CHECK_THAT(shown, Contains("UK communications"));
    CHECK_THAT(shown, !Contains("chargeback"));
    CHECK_THAT(shown, !Contains("billing dispute"));
    CHECK_THAT(shown, !Contains("CFPB"));
}

TEST_CASE("S7: the sofa that never came (US, paid by credit card)", "[scenario][s7]") {
    Sandbox box;
    box.ok("2026-02-03T10:00",
           {"open", "Sofaland", "--country", "US", "--sector", "retail", "--title",
            "Sofa never delivered", "--incident", "2026-02-02", "--paid-by", "card", "--amount",
            "1240", "--currency", "USD", "--order-ref", "SF-2231"});
    box.ok("2026-02-03T10:05", {"log", "email", "-m", "Where is my sofa?"});
    box.ok("2026-02-04T12:00", {"log", "email", "--in", "--outcome", "promised", "--promise",
                                "delivery", "--due", "2026-02-11"});
    box.ok("2026-02-13T09:00", {"log", "email", "-m", "The sofa did not come on the 11th"});
    box.ok("2026-02-14T12:00", {"log", "email", "--in", "--outcome", "promised", "--promise",
                                "delivery by 30 March", "--due", "2026-03-30"});

    // The promise is pending and the billing-dispute window (60 days from 2 Feb) is closing.
    const auto waiting = next(box, "2026-03-25T09:00")["suggestions"];
    CHECK(waiting[0]["action"] == "wait");
    REQUIRE(waiting.size() >= 2);
    CHECK(waiting[1]["channel"] == "chargeback");
    CHECK(waiting[1]["parallel"] == true);
    CHECK_THAT(waiting[1]["summary"].get<std::string>(), Contains("closes in 8 days"));
    const std::string agenda = box.ok("2026-03-25T09:00", {"next"});
    CHECK_THAT(agenda, Contains("Wait until Tue 31 Mar 2026"));
    CHECK_THAT(agenda, Contains("· chargeback now: billing dispute window closes in 8 days"));

    // The chargeback request states the amount, the order, the date and the broken promise.
    const std::string draft = box.ok("2026-03-25T09:00", {"draft", "1", "--channel", "chargeback"});
    CHECK_THAT(draft, Contains("1,240 USD"));
    CHECK_THAT(draft, Contains("SF-2231"));
    CHECK_THAT(draft, Contains("Mon 2 Feb 2026"));
    CHECK_THAT(draft, Contains("\"delivery\" (Wed 4 Feb 2026, due Wed 11 Feb 2026): not kept"));

    box.ok("2026-03-25T10:00",
           {"log", "chargeback", "-m", "Disputed the charge with the card issuer"});
    const auto filed = next(box, "2026-03-25T10:30")["suggestions"];
    CHECK(filed[0]["action"] == "wait");
    CHECK_THAT(filed[0]["summary"].get<std::string>(), Contains("your chargeback"));
    CHECK_FALSE(any_channel(filed, "chargeback"));

    box.ok("2026-04-15T09:00", {"log", "chargeback", "--in", "--outcome", "resolved", "-m",
                                "Issuer credited 1,240 USD"});
    CHECK(top(box, "2026-04-15T09:30")["action"] == "close");
}

TEST_CASE("S8: the bank's fees (US bank: the card's issuer itself)", "[scenario][s8]") {
    Sandbox box;
    box.ok("2026-03-02T09:00", {"open", "First Fidelity", "--country", "US", "--sector", "bank",
                                "--title", "Overdraft fees on a held deposit", "--want",
                                "Refund of 105 USD in fees", "--paid-by", "debit"});
    box.ok("2026-03-02T09:05", {"org", "First Fidelity", "--no", "social"});
    box.ok("2026-03-02T09:30", {"log", "call", "--outcome", "refused"});
    box.ok("2026-03-03T10:00", {"log", "letter", "-m", "Written dispute of the fees"});
    box.ok("2026-03-12T10:00",
           {"log", "letter", "--in", "--outcome", "denied", "-m", "Dispute denied"});

    // After the denial: the CFPB, not a chargeback against the issuer, not social.
    const auto denied = next(box, "2026-03-12T11:00")["suggestions"];
    CHECK(denied[0]["channel"] == "regulator");
    CHECK(denied[0]["tier"] == 5);
    CHECK_THAT(denied[0]["summary"].get<std::string>(), Contains("CFPB"));
    CHECK_FALSE(any_channel(denied, "chargeback"));
    CHECK_FALSE(any_channel(denied, "social"));
    CHECK_FALSE(any_channel(denied, "dm"));

    box.ok("2026-03-13T09:00", {"log", "regulator", "-m", "CFPB complaint filed"});
    box.ok("2026-03-16T10:00", {"log", "call", "--in", "--outcome", "asked", "-m",
                                "Executive office asked me to call back today"});
    // They asked: a call, now (their call starts no cool-down).
    const auto asked = top(box, "2026-03-16T10:05");
    CHECK(asked["action"] == "contact");
    CHECK(asked["channel"] == "call");
    CHECK(asked["not_before"] == "2026-03-16T10:05:00Z");

    box.ok("2026-03-16T11:00", {"log", "call", "--outcome", "promised", "--promise",
                                "fees refunded", "--due", "2026-03-23"});
    // The promise broke: add it to the CFPB complaint, do not file again or step down.
    const auto after = next(box, "2026-03-26T09:00")["suggestions"];
    CHECK(after[0]["action"] == "follow-up");
    CHECK(after[0]["channel"] == "regulator");
    CHECK_THAT(after[0]["summary"].get<std::string>(), Contains("Add what has happened since"));
    CHECK_FALSE(any_channel(after, "regulator", "contact"));
    CHECK_THAT(after[0]["draft"].get<std::string>(), Contains("fees refunded"));
}

TEST_CASE("S9: fixed on the first call, and bills are not replies", "[scenario][s9]") {
    Sandbox box;
    box.ok("2026-06-01T09:00", {"open", "Wavenet", "--title", "No internet"});
    box.ok("2026-06-01T09:30", {"log", "call", "--duration", "15m", "--outcome", "resolved"});
    CHECK(top(box, "2026-06-01T09:35")["action"] == "close");

    box.ok("2026-06-01T10:00", {"open", "Wavenet", "--title", "Wrong monthly price"});
    box.ok("2026-06-01T10:05",
           {"log", "email", "2", "-m", "The price is not what I signed up for"});
    box.ok("2026-06-02T08:00", {"log", "letter", "2", "--in", "--outcome", "notice", "-m",
                                "Monthly bill, still the wrong price"});
    // The bill does not answer the email: wait for the email's window (2 business days).
    const auto bill = top(box, "2026-06-02T09:00", "2");
    CHECK(bill["action"] == "wait");
    CHECK(bill["not_before"] == "2026-06-03T09:05:00Z");
    // The agenda: case 2 waits; case 1 only needs closing, and comes last.
    const auto agenda = box.json("2026-06-02T09:00", {"next"})["agenda"];
    REQUIRE(agenda.size() == 2);
    CHECK(agenda[0]["case_id"] == 2);
    CHECK(agenda[1]["case_id"] == 1);
    CHECK(agenda[1]["suggestion"]["action"] == "close");
    // The agenda, `next CASE` and `list` give the same advice for the same case.
    CHECK(agenda[0]["suggestion"]["summary"] == bill["summary"]);
    const std::string list = box.ok("2026-06-02T09:00", {"list"});
    CHECK_THAT(list, Contains("Wait until Wed 3 Jun 2026 10:05"));

    box.ok("2026-06-04T11:00", {"log", "call", "2", "--outcome", "no-answer"});
    box.ok("2026-06-04T15:00", {"log", "call", "2", "--outcome", "hung-up"});
    box.ok("2026-06-05T09:00", {"log", "exec", "2", "-m", "Letter to the CEO"});
    box.ok("2026-06-08T08:00",
           {"log", "letter", "2", "--in", "--outcome", "notice", "-m", "Another bill"});
    // The second bill answers nothing either: wait for the executive office, no step down.
    const auto j = next(box, "2026-06-08T09:00", "2");
    const auto& waiting = j["suggestions"][0];
    CHECK(waiting["action"] == "wait");
    CHECK(waiting["not_before"] == "2026-06-12T08:00:00Z"); // 5 business days from Fri 5 Jun
    CHECK_THAT(waiting["summary"].get<std::string>(), Contains("executive contact"));
    for (const auto& s : j["suggestions"]) {
        if (s["tier"].is_number()) {
            CHECK(s["tier"] >= 4);
        }
    }
}

TEST_CASE("S10: the builder who kept the deposit (UK, no regulator)", "[scenario][s10]") {
    Sandbox box;
    box.ok("2026-07-01T09:00",
           {"open", "Brick & Co", "--country", "GB", "--sector", "other", "--title",
            "Deposit kept, work never started", "--want", "Deposit of 2,000 GBP returned",
            "--amount", "2000", "--currency", "GBP"});
    box.ok("2026-07-01T09:10", {"log", "call", "--outcome", "no-answer"});
    box.ok("2026-07-02T10:00",
           {"log", "call", "--in", "--outcome", "asked", "-m", "Put it in writing"});
    box.ok("2026-07-02T10:01", {"org", "Brick & Co", "--requires", "letter"});
    const auto t1 = top(box, "2026-07-02T10:05");
    CHECK(t1["action"] == "contact");
    CHECK(t1["channel"] == "letter");

    box.ok("2026-07-02T12:00", {"log", "letter", "-m", "Request to return the deposit"});
    // The letter went unanswered for its 14 days: the outside steps are legal, not a review.
    const auto unanswered = next(box, "2026-07-17T09:00")["suggestions"];
    CHECK(unanswered[0]["channel"] == "legal");
    CHECK(unanswered[0]["tier"] == 5);
    CHECK_THAT(unanswered[0]["summary"].get<std::string>(), Contains("letter before action"));
    CHECK_FALSE(any_channel(unanswered, "regulator"));
    CHECK(unanswered[0]["channel"] != "review");

    box.ok("2026-07-17T10:00", {"log", "legal", "-m", "Letter before action: 14 days"});
    // Fourteen days later: small claims, with the amount, the dates and the letters sent.
    const auto claim = top(box, "2026-08-01T10:00");
    CHECK(claim["action"] == "contact");
    CHECK(claim["channel"] == "legal");
    CHECK_THAT(claim["summary"].get<std::string>(), Contains("small claim"));
    const std::string draft = claim["draft"];
    CHECK_THAT(draft, Contains("2,000 GBP"));
    CHECK_THAT(draft, Contains("Letter before action sent on Fri 17 Jul 2026"));
    CHECK_THAT(draft, Contains("Thu 2 Jul 2026: my letter, unanswered"));
}
