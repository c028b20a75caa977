// The engine's rules, one test each in their order of precedence (docs/engine.md), and its
// regimes, one test each: which clocks a case of that regime shows and when its regulator's
// route opens. Directions are asserted (action, channel, tier, time), never scores.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "escalate/engine.hpp"
#include "story.hpp"
#include "zone.hpp"

using namespace escalate;
using Catch::Contains;
using test::day;
using test::hour;
using test::Story;
using test::t0;

namespace {

std::set<std::string> clock_names(const Advice& a) {
    std::set<std::string> names;
    for (const auto& c : a.clocks) {
        if (c.name != "reply_due") {
            names.insert(c.name);
        }
    }
    return names;
}

const DeadlineClock* clock(const Advice& a, const std::string& name) {
    const auto it = std::find_if(a.clocks.begin(), a.clocks.end(),
                                 [&](const DeadlineClock& c) { return c.name == name; });
    return it == a.clocks.end() ? nullptr : &*it;
}

bool suggests(const Advice& a, const std::string& channel) {
    return std::any_of(a.suggestions.begin(), a.suggestions.end(), [&](const Suggestion& s) {
        return s.channel == channel && s.action != Action::Wait;
    });
}

Story in_regime(const char* country, const char* sector, std::optional<PaidBy> paid = {}) {
    Story s;
    if (country != nullptr) {
        s.file.kase.country = country;
    }
    if (sector != nullptr) {
        s.file.kase.sector = sector;
    }
    s.file.kase.paid_by = paid;
    return s;
}

} // namespace

// ---- Rules, in order ------------------------------------------------------------------------

TEST_CASE("rule closed: a closed case gets no suggestion", "[engine][rules]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::HungUp);
    s.file.kase.status = CaseStatus::Abandoned;
    const Advice a = s.advise_at(t0 + day);
    CHECK(a.suggestions.empty());
    CHECK(a.decided_by == "closed");
}

TEST_CASE("rule resolved: the newest contact that says something says resolved",
          "[engine][rules]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::HungUp);
    SECTION("their own call fixed it") {
        s.out("call", t0 + hour, Outcome::Resolved);
        const Suggestion top = s.top(t0 + 2 * hour);
        CHECK(top.action == Action::Close);
        CHECK_THAT(top.summary, Contains("your call"));
    }
    SECTION("a bill after the fix does not hide it") {
        s.in("email", t0 + hour, Outcome::Resolved).in("letter", t0 + day, Outcome::Notice);
        CHECK(s.top(t0 + day + hour).action == Action::Close);
    }
    SECTION("a later failure does") {
        s.in("email", t0 + hour, Outcome::Resolved).out("call", t0 + day, Outcome::Refused);
        CHECK(s.top(t0 + day + hour).action != Action::Close);
    }
}

TEST_CASE("rule they asked: do what they asked, now, on their channel", "[engine][rules]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::NoAnswer).in("call", t0 + hour, Outcome::Asked);
    SECTION("call back at once: their call starts no cool-down") {
        const Advice a = s.advise_at(t0 + hour + 60);
        CHECK(a.decided_by == "they asked");
        CHECK(a.suggestions.front().channel == std::string("call"));
        CHECK(a.suggestions.front().not_before == t0 + hour + 60);
    }
    SECTION("on the channel they accept: org --requires") {
        s.org.requires_channel = "letter";
        const Suggestion top = s.top(t0 + hour + 60);
        CHECK(top.channel == std::string("letter"));
        CHECK_THAT(top.summary, Contains("as they asked"));
    }
}

TEST_CASE("rule follow up the complaint: new failures go to the filed complaint",
          "[engine][rules]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("US", "bank");
    s.out("letter", t0).in("letter", t0 + 5 * day, Outcome::Denied);
    s.out("regulator", t0 + 6 * day);
    SECTION("nothing new: wait for the company's answer to the regulator (15 days)") {
        const Suggestion top = s.top(t0 + 8 * day);
        CHECK(top.action == Action::Wait);
        CHECK(top.not_before == add_local_days(t0 + 6 * day, 15));
    }
    SECTION("a broken promise since: add it to the complaint, never file again") {
        s.in("call", t0 + 7 * day, Outcome::Promised).promise("refund", t0 + 8 * day);
        const Advice a = s.advise_at(t0 + 10 * day);
        CHECK(a.decided_by == "follow up the complaint");
        CHECK(a.suggestions.front().action == Action::FollowUp);
        CHECK(a.suggestions.front().channel == std::string("regulator"));
        CHECK(std::none_of(a.suggestions.begin(), a.suggestions.end(), [](const Suggestion& x) {
            return x.channel == std::string("regulator") && x.action == Action::Contact;
        }));
    }
}

TEST_CASE("rule wait: a promise or a reply is awaited; a closing clock stands beside it",
          "[engine][rules]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("US", "retail", PaidBy::Card);
    s.file.kase.incident_at = t0 - 50 * day; // the 60-day billing-dispute window is closing
    s.out("email", t0).in("email", t0 + hour, Outcome::Promised).promise("refund", t0 + 5 * day);
    const Advice a = s.advise_at(t0 + 2 * hour);
    CHECK(a.decided_by == "wait");
    REQUIRE(a.suggestions.size() >= 2);
    CHECK(a.suggestions[0].action == Action::Wait);
    CHECK(a.suggestions[1].parallel);
    CHECK(a.suggestions[1].channel == std::string("chargeback"));
    CHECK_THAT(a.suggestions[1].summary, Contains("billing dispute window closes"));
    SECTION("no weight lets a contact outrank the wait") {
        const Policy eager = Policy::with_overrides(
            nlohmann::ordered_json::parse(R"({"weights": {"untried": 1000}})"));
        CHECK(s.top(t0 + 2 * hour, eager).action == Action::Wait);
    }
    SECTION("a bill does not end the wait for the executive office") {
        Story e;
        e.out("exec", t0).in("letter", t0 + day, Outcome::Notice);
        const Suggestion top = e.top(t0 + day + hour);
        CHECK(top.action == Action::Wait);
        CHECK(top.not_before == add_business_days(t0, 5, Policy::builtin().workdays()));
    }
}

TEST_CASE("rule warn: the route is not open yet, so warn the company and name the date",
          "[engine][rules]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("GB", "energy");
    s.out("call", t0, Outcome::Refused).out("letter", t0 + day); // the letter goes unanswered
    const Advice a = s.advise_at(t0 + 20 * day);
    CHECK(a.decided_by == "warn");
    const Suggestion& top = a.suggestions.front();
    CHECK(top.action == Action::Contact);
    REQUIRE(top.channel);
    CHECK(Policy::builtin().channel(*top.channel).written);
    CHECK_THAT(top.summary, Contains("the Energy Ombudsman"));
    CHECK_THAT(top.summary, Contains("Mon 28 Dec 2026")); // 8 weeks from the first call
    CHECK_FALSE(suggests(a, "regulator"));
}

TEST_CASE("rule ladder: written after a failed call, never an unavailable channel, the "
          "required one first",
          "[engine][rules]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::HungUp);
    SECTION("a paper trail after a failed call") {
        const Advice a = s.advise_at(t0 + hour);
        CHECK(a.decided_by == "ladder");
        CHECK(Policy::builtin().channel(*a.suggestions.front().channel).written);
        CHECK_FALSE(suggests(a, "call"));
        CHECK_FALSE(suggests(a, "chat"));
    }
    SECTION("the org's unavailable channels, by name or directory") {
        s.org.unavailable = {"social", "email"};
        const Advice a = s.advise_at(t0 + 30 * day);
        CHECK_FALSE(suggests(a, "social"));
        CHECK_FALSE(suggests(a, "dm")); // reached through the same social handles
        CHECK_FALSE(suggests(a, "email"));
    }
    SECTION("letter only") {
        s.org.requires_channel = "letter";
        CHECK(s.top(t0 + hour).channel == std::string("letter"));
    }
    SECTION("no chargeback without a card payment") {
        CHECK_FALSE(suggests(s.advise_at(t0 + 70 * day), "chargeback"));
    }
}

// ---- Regimes --------------------------------------------------------------------------------

TEST_CASE("regime unknown: no country or sector; a regulator is named at once",
          "[engine][regimes]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.file.kase.paid_by = PaidBy::Card;
    s.file.kase.incident_at = t0;
    s.out("call", t0, Outcome::Refused);
    const Advice a = s.advise_at(t0 + day);
    CHECK(a.regime == "unknown");
    CHECK(clock_names(a) == std::set<std::string>{"chargeback"});
    CHECK(clock(a, "route") == nullptr); // open at once: no date to wait for
}

TEST_CASE("regime generic: no regulator; the outside step is legal", "[engine][regimes]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("FR", "retail");
    s.out("letter", t0).out("legal", t0 + 20 * day);
    const Advice a = s.advise_at(t0 + 21 * day);
    CHECK(a.regime == "generic");
    CHECK(clock_names(a) == std::set<std::string>{"letter_before_action"});
    CHECK(clock(a, "letter_before_action")->ends_at == add_local_days(t0 + 20 * day, 14));
    CHECK_FALSE(suggests(s.advise_at(t0 + 90 * day), "regulator"));
}

TEST_CASE("regime gb_finance: FOS after 8 weeks or a final response; 15 business days for "
          "payments",
          "[engine][regimes]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("GB", "bank", PaidBy::Debit);
    s.out("call", t0, Outcome::Refused);
    const Advice a = s.advise_at(t0 + day);
    CHECK(a.regime == "gb_finance");
    CHECK(clock_names(a) == std::set<std::string>{"psd_reply", "route"}); // no chargeback
    CHECK(clock(a, "psd_reply")->ends_at ==
          add_business_days(t0, 15, Policy::builtin().workdays()));
    CHECK(clock(a, "route")->ends_at == add_local_days(t0, 56));
    s.in("letter", t0 + 10 * day, Outcome::Final);
    const Advice final_response = s.advise_at(t0 + 10 * day + hour);
    CHECK(final_response.suggestions.front().channel == std::string("regulator"));
    CHECK_THAT(final_response.suggestions.front().summary, Contains("Financial Ombudsman"));
}

TEST_CASE("regime gb_energy: the Energy Ombudsman after 8 weeks or deadlock", "[engine][regimes]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("GB", "energy");
    s.out("email", t0);
    const Advice a = s.advise_at(t0 + day);
    CHECK(a.regime == "gb_energy");
    CHECK(clock_names(a) == std::set<std::string>{"route"});
    CHECK(clock(a, "route")->ends_at == add_local_days(t0, 56));
    CHECK(clock(a, "route")->effect == ClockEffect::Opens);
}

TEST_CASE("regime gb_comms: ADR after 8 weeks, 6 for complaints from 8 April 2026",
          "[engine][regimes]") {
    test::ZoneGuard zone("Europe/London");
    Story now = in_regime("GB", "telecom");
    now.out("call", t0, Outcome::Refused);
    const Advice a = now.advise_at(t0 + day);
    CHECK(a.regime == "gb_comms");
    CHECK(clock(a, "route")->ends_at == add_local_days(t0, 42));
    Story before = in_regime("GB", "telecom");
    const Timestamp march = t0 - 240 * day; // a complaint made in March 2026
    before.file.kase.opened_at = march;
    before.out("call", march, Outcome::Refused);
    CHECK(clock(before.advise_at(march + day), "route")->ends_at == add_local_days(march, 56));
}

TEST_CASE("regime gb_other: no ombudsman; letter before action, then small claims",
          "[engine][regimes]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("GB", "housing");
    s.out("letter", t0);
    const Advice a = s.advise_at(t0 + 20 * day); // the letter went unanswered
    CHECK(a.regime == "gb_other");
    CHECK(clock_names(a).empty());
    CHECK(a.suggestions.front().channel == std::string("legal"));
    CHECK_FALSE(suggests(a, "regulator"));
}

TEST_CASE("regime us_consumer: FCBA 60 days on a credit card, Regulation E on a debit card",
          "[engine][regimes]") {
    test::ZoneGuard zone("America/New_York");
    Story credit = in_regime("US", "retail", PaidBy::Card);
    credit.file.kase.incident_at = t0;
    const Advice a = credit.advise_at(t0 + day);
    CHECK(a.regime == "us_consumer");
    CHECK(clock_names(a) == std::set<std::string>{"billing_dispute", "chargeback"});
    CHECK(clock(a, "billing_dispute")->ends_at == add_local_days(t0, 60));
    Story debit = in_regime("US", "retail", PaidBy::Debit);
    debit.file.kase.incident_at = t0;
    CHECK(clock_names(debit.advise_at(t0 + day)) ==
          std::set<std::string>{"chargeback", "regulation_e"});
}

TEST_CASE("regime us_finance: the CFPB at once; the company answers in 15 days, finally in 60",
          "[engine][regimes]") {
    test::ZoneGuard zone("America/New_York");
    Story s = in_regime("US", "bank", PaidBy::Debit);
    s.file.kase.incident_at = t0;
    s.out("call", t0, Outcome::Refused).out("regulator", t0 + day);
    const Advice a = s.advise_at(t0 + 2 * day);
    CHECK(a.regime == "us_finance");
    // Regulation E is a written dispute to the bank itself, not a chargeback.
    CHECK(clock_names(a) == std::set<std::string>{"cfpb_final", "cfpb_response", "regulation_e"});
    CHECK(clock(a, "regulation_e")->channel == "letter");
    CHECK(clock(a, "cfpb_response")->ends_at == add_local_days(t0 + day, 15));
    CHECK(clock(a, "cfpb_final")->ends_at == add_local_days(t0 + day, 60));
    CHECK_FALSE(suggests(a, "chargeback"));
}

TEST_CASE("regime us_telecom: the FCC at once; the carrier answers in 30 days",
          "[engine][regimes]") {
    test::ZoneGuard zone("America/New_York");
    Story s = in_regime("US", "telecom");
    s.out("regulator", t0);
    const Advice a = s.advise_at(t0 + day);
    CHECK(a.regime == "us_telecom");
    CHECK(clock_names(a) == std::set<std::string>{"fcc_reply"});
    CHECK(clock(a, "fcc_reply")->ends_at == add_local_days(t0, 30));
    CHECK(a.suggestions.front().not_before == add_local_days(t0, 30)); // the wait is the FCC's
}

TEST_CASE("regime us_airline: a written complaint acknowledged in 30 days, answered in 60",
          "[engine][regimes]") {
    test::ZoneGuard zone("America/New_York");
    Story s = in_regime("US", "airline");
    s.out("call", t0, Outcome::Refused).out("email", t0 + day);
    const Advice a = s.advise_at(t0 + 2 * day);
    CHECK(a.regime == "us_airline");
    CHECK(clock_names(a) == std::set<std::string>{"dot_ack", "dot_answer"});
    CHECK(clock(a, "dot_ack")->ends_at == add_local_days(t0 + day, 30));
    CHECK(clock(a, "dot_answer")->ends_at == add_local_days(t0 + day, 60));
}

TEST_CASE("regime eu_air: the national enforcement body 6 weeks after the written claim",
          "[engine][regimes]") {
    test::ZoneGuard zone("Europe/Paris");
    Story s = in_regime("FR", "airline");
    s.out("call", t0, Outcome::Refused);
    CHECK(clock(s.advise_at(t0 + day), "route") == nullptr); // no written claim yet
    s.out("email", t0 + day);
    const Advice a = s.advise_at(t0 + 2 * day);
    CHECK(a.regime == "eu_air");
    CHECK(clock(a, "route")->ends_at == add_local_days(t0 + day, 42));
}

TEST_CASE("regime baggage: written reports within 7 days (damage) or 21 (delay)",
          "[engine][regimes]") {
    test::ZoneGuard zone("Europe/London");
    Story s = in_regime("GB", "baggage");
    s.file.kase.incident_at = t0;
    const Advice a = s.advise_at(t0 + day);
    CHECK(a.regime == "baggage");
    CHECK(clock_names(a) == std::set<std::string>{"baggage_damage", "baggage_delay"});
    CHECK(clock(a, "baggage_damage")->ends_at == add_local_days(t0, 7));
    CHECK(clock(a, "baggage_delay")->ends_at == add_local_days(t0, 21));
    s.out("letter", t0 + 2 * day); // the written report stops both
    CHECK(clock_names(s.advise_at(t0 + 3 * day)).empty());
}
