#include "escalate/words.hpp"

#include <catch2/catch.hpp>

#include "escalate/model.hpp"
#include "escalate/time.hpp"
#include "zone.hpp"

using namespace escalate;
using escalate::test::ZoneGuard;

TEST_CASE("a count is printed with its noun in the form the count takes", "[words]") {
    SECTION("one takes the singular, every other count the plural") {
        CHECK(plural(1, "case") == "1 case");
        CHECK(plural(0, "case") == "0 cases");
        CHECK(plural(2, "case") == "2 cases");
        CHECK(plural(-1, "day") == "-1 days");
    }
    SECTION("the plural follows the noun's last letters") {
        CHECK(plural(3, "reply") == "3 replies");
        CHECK(plural(2, "day") == "2 days");
        CHECK(plural(2, "box") == "2 boxes");
        CHECK(plural(2, "speech") == "2 speeches");
        CHECK(plural(2, "broken promise") == "2 broken promises");
        CHECK(plural(2, "stock reply") == "2 stock replies");
    }
    SECTION("an irregular plural is given") {
        CHECK(plural(1, "person", "people") == "1 person");
        CHECK(plural(4, "person", "people") == "4 people");
        CHECK(noun_for(5, "bill or notice", "bills or notices") == "bills or notices");
    }
}

TEST_CASE("a count has thousands separators", "[words]") {
    CHECK(grouped(0) == "0");
    CHECK(grouped(999) == "999");
    CHECK(grouped(1000) == "1,000");
    CHECK(grouped(9412) == "9,412");
    CHECK(grouped(1234567) == "1,234,567");
    CHECK(grouped(-1234) == "-1,234");
    CHECK(grouped(-123) == "-123");
}

TEST_CASE("every outcome a person reads is in words, not its machine name", "[words]") {
    for (const auto o :
         {Outcome::NoAnswer, Outcome::HungUp, Outcome::StockReply, Outcome::Transferred,
          Outcome::Refused, Outcome::Promised, Outcome::Escalated, Outcome::Partial,
          Outcome::Resolved, Outcome::Asked, Outcome::Final, Outcome::Denied}) {
        const std::string words = outcome_words(o);
        INFO(to_string(o));
        CHECK_FALSE(words.empty());
        CHECK(words.find('-') == std::string::npos);
    }
    CHECK(outcome_words(Outcome::NoAnswer) == "no answer");
    CHECK(outcome_words(Outcome::HungUp) == "cut off");
    CHECK(outcome_words(Outcome::StockReply) == "a stock reply");
    CHECK(to_string(Outcome::HungUp) == "hung-up"); // the machine name stays for JSON and flags
}

TEST_CASE("a case's day counts its opening day as day 1", "[words][time]") {
    ZoneGuard zone("Europe/London");
    const Timestamp opened = *parse_rfc3339("2026-10-24T08:00:00Z");
    CHECK(case_day(opened, opened) == 1);
    CHECK(case_day(opened, *parse_rfc3339("2026-10-24T22:59:00Z")) == 1); // 23:59 BST
    CHECK(case_day(opened, *parse_rfc3339("2026-10-24T23:00:00Z")) == 2); // midnight
    CHECK(case_day(opened, *parse_rfc3339("2026-10-26T12:00:00Z")) == 3); // across the DST end
}
