// The engine, item by item of SPEC section 4, with a pinned clock and zone. The tests assert
// the direction of the advice (wait, same tier, climb, which tier, which clock), not scores.
#include "escalate/engine.hpp"

#include <catch2/catch.hpp>

#include "story.hpp"
#include "zone.hpp"

using namespace escalate;
using Catch::Contains;

namespace {

using test::day;
using test::hour;
using test::Story;
using test::t0;

const Suggestion* find_channel(const Advice& a, const char* channel) {
    for (const auto& s : a.suggestions) {
        if (s.channel == channel) {
            return &s;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("1. a pending promise comes first: wait until it is due plus grace", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0 + hour, Outcome::Promised).promise("no more bills", t0 + 5 * day);
    const Suggestion top = s.top(t0 + 2 * day);
    CHECK(top.action == Action::Wait);
    CHECK(top.not_before == t0 + 6 * day); // due plus a day's grace
    CHECK_THAT(top.summary, Contains("no more bills"));
    CHECK_FALSE(top.channel.has_value());

    SECTION("a broken promise pushes toward the next tier") {
        const Advice a = s.advise_at(t0 + 7 * day); // overdue: counts as broken
        CHECK(a.target_tier >= 2);
        CHECK(a.suggestions.front().action != Action::Wait);
        CHECK(*a.suggestions.front().tier >= 2);
    }
    SECTION("a promise from a tier that has broken enough of them earns no wait") {
        Story again;
        again.out("call", t0, Outcome::Promised).promise("a", t0 + day, PromiseStatus::Broken);
        again.out("call", t0 + 2 * day, Outcome::Promised)
            .promise("b", t0 + 3 * day, PromiseStatus::Broken);
        again.out("call", t0 + 4 * day, Outcome::Promised).promise("c", t0 + 9 * day);
        const Suggestion t = again.top(t0 + 4 * day + hour);
        CHECK(t.action != Action::Wait);
        CHECK(*t.tier >= 2);
    }
}

TEST_CASE("2. an asynchronous contact waits for its window; calls cool down", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    SECTION("an email waits 2 business days") {
        Story s;
        s.out("email", t0 + 4 * day); // Friday 09:00
        const Suggestion top = s.top(t0 + 4 * day + hour);
        CHECK(top.action == Action::Wait);
        CHECK(top.not_before == t0 + 8 * day); // Tuesday 09:00
        CHECK_THAT(top.summary, Contains("reply to your email"));
    }
    SECTION("a reply ends the wait") {
        Story s;
        s.out("email", t0).in("email", t0 + hour, Outcome::StockReply);
        CHECK(s.top(t0 + 2 * hour).action != Action::Wait);
    }
    SECTION("no suggestion repeats a call minutes after the last one") {
        Story s;
        s.out("call", t0, Outcome::HungUp);
        const Advice a = s.advise_at(t0 + 10 * 60);
        for (const auto& sug : a.suggestions) {
            if (sug.channel == std::string("call")) {
                CHECK(sug.not_before == t0 + 2 * hour);
            }
        }
        CHECK(a.suggestions.front().channel != std::string("call"));
    }
}

TEST_CASE("3. failed attempts and age climb the ladder, never back down", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    SECTION("two failures stay at the front line, on another channel") {
        Story s;
        s.out("call", t0, Outcome::HungUp).out("chat", t0 + hour, Outcome::Refused);
        const Suggestion top = s.top(t0 + 2 * hour);
        CHECK(top.tier == 1);
        CHECK(top.not_before == t0 + 2 * hour); // now, not in a week
        CHECK(top.channel != std::string("call"));
        CHECK(top.channel != std::string("chat"));
    }
    SECTION("three failed front-line attempts climb to tier 2") {
        Story s;
        s.out("call", t0, Outcome::HungUp)
            .out("chat", t0 + hour, Outcome::Refused)
            .out("email", t0 + 2 * hour, Outcome::StockReply);
        const Advice a = s.advise_at(t0 + 3 * hour);
        CHECK(a.target_tier == 2);
        CHECK(a.suggestions.front().tier == 2);
    }
    SECTION("transferred counts half") {
        Story s;
        s.out("call", t0, Outcome::Transferred)
            .out("call", t0 + 3 * hour, Outcome::Transferred)
            .out("chat", t0 + 4 * hour, Outcome::HungUp);
        CHECK(s.advise_at(t0 + 5 * hour).target_tier == 1);
    }
    SECTION("age alone climbs: 15 days open points to public") {
        Story s;
        s.out("call", t0, Outcome::NoAnswer);
        CHECK(s.advise_at(t0 + 15 * day).target_tier == 3);
        CHECK(s.advise_at(t0 + 22 * day).target_tier == 4);
    }
    SECTION("no more than the max skip above the highest tier tried") {
        Story s;
        s.out("call", t0, Outcome::NoAnswer);
        CHECK(s.advise_at(t0 + 60 * day).target_tier == 4); // 56 days says 5; tier 1 + 3
        s.out("letter", t0 + 60 * day);
        s.in("letter", t0 + 61 * day, Outcome::Refused);
        CHECK(s.advise_at(t0 + 62 * day).target_tier == 5);
    }
    SECTION("repeated partial fixes count as failures after the first") {
        Story s;
        s.out("visit", t0, Outcome::Partial);
        CHECK(s.advise_at(t0 + hour).terms.size() > 0);
        s.out("visit", t0 + 2 * day, Outcome::Partial)
            .out("visit", t0 + 3 * day, Outcome::Partial)
            .out("visit", t0 + 4 * day, Outcome::Partial);
        CHECK(s.advise_at(t0 + 5 * day).target_tier == 2);
    }
    SECTION("never back down a tier after a higher one was tried") {
        Story s;
        s.out("social", t0).in("social", t0 + hour, Outcome::StockReply);
        const Advice a = s.advise_at(t0 + 2 * hour);
        for (const auto& sug : a.suggestions) {
            if (sug.tier) {
                CHECK(*sug.tier >= 3);
            }
        }
        SECTION("unless they came back down and asked") {
            s.in("call", t0 + 3 * hour, Outcome::Asked);
            const Suggestion top = s.top(t0 + 3 * hour + 60);
            CHECK(top.tier == 1);
            CHECK(top.channel == std::string("call"));
            CHECK(top.not_before == t0 + 3 * hour + 60); // their call starts no cool-down
        }
        SECTION("a bill in the post is not them coming back") {
            s.in("letter", t0 + 3 * hour, Outcome::Notice);
            for (const auto& sug : s.advise_at(t0 + 4 * hour).suggestions) {
                if (sug.tier) {
                    CHECK(*sug.tier >= 3);
                }
            }
        }
    }
    SECTION("an ignored public post and a broken promise on dm climb to the executive") {
        Story s;
        s.out("call", t0, Outcome::Promised).promise("engineer visit", t0 + 7 * day);
        s.out("social", t0 + 8 * day);
        const Advice ignored = s.advise_at(t0 + 10 * day);
        bool says_ignored = false;
        for (const auto& t : ignored.terms) {
            says_ignored = says_ignored || t.term == "failure: ignored";
        }
        CHECK(says_ignored);
        s.in("dm", t0 + 10 * day, Outcome::Promised).promise("earlier slot", t0 + 11 * day);
        const Suggestion top = s.top(t0 + 13 * day);
        CHECK(top.tier == 4);
        CHECK(top.channel == std::string("exec"));
        SECTION("and a broken executive promise to the regulator") {
            s.out("exec", t0 + 13 * day);
            s.in("exec", t0 + 14 * day, Outcome::Promised).promise("call back", t0 + 18 * day);
            const Suggestion t5 = s.top(t0 + 20 * day);
            CHECK(t5.tier == 5);
            CHECK(t5.channel == std::string("regulator"));
            CHECK_THAT(t5.draft, Contains("Full history"));
            CHECK_THAT(t5.draft, Contains("earlier slot"));
        }
    }
}

TEST_CASE("4. channel choice within a tier", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::HungUp);
    SECTION("channels the org does not offer are skipped") {
        s.org.unavailable = {"chat", "email"};
        const Advice a = s.advise_at(t0 + 3 * hour);
        CHECK(find_channel(a, "chat") == nullptr);
        CHECK(find_channel(a, "email") == nullptr);
    }
    SECTION("a channel in the directory is preferred") {
        Story fresh;
        fresh.org.chat = "https://meterco.example/chat";
        CHECK(fresh.top(t0 + hour).channel == std::string("chat"));
    }
    SECTION("after a failed call, the next step is in writing") {
        s.org.chat = "https://meterco.example/chat";
        const Suggestion top = s.top(t0 + 3 * hour);
        REQUIRE(top.channel);
        CHECK(Policy::builtin().channel(*top.channel).written);
    }
    SECTION("a better reply rate in the person's history wins, once there are 3 attempts") {
        s.history.overall["form"] = ChannelRecord{5, 5, 2 * hour, 1};
        s.history.overall["email"] = ChannelRecord{5, 0, std::nullopt, 0};
        CHECK(s.top(t0 + 3 * hour).channel == std::string("form"));
        SECTION("history with this org counts before the overall one") {
            s.history.with_org["form"] = ChannelRecord{4, 0, std::nullopt, 0};
            s.history.with_org["email"] = ChannelRecord{3, 3, std::nullopt, 1};
            CHECK(s.top(t0 + 3 * hour).channel == std::string("email"));
        }
        SECTION("two attempts are not enough to judge") {
            s.history.overall["form"] = ChannelRecord{2, 2, hour, 0};
            CHECK(s.top(t0 + 3 * hour).channel != std::string("form"));
        }
    }
}

TEST_CASE("5. summaries name the concrete target; drafts carry the facts", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.org.phone = "+44 800 555 0100";
    s.org.social = {"@meterco"};
    s.org.exec = "Pat Doe <pat.doe@meterco.example>";
    s.out("call", t0, Outcome::Promised).promise("no more bills", t0 + day);
    for (int i = 1; i <= 11; ++i) {
        s.out("call", t0 + i * 2 * day, Outcome::HungUp);
    }
    const Advice a = s.advise_at(t0 + 25 * day);
    const Suggestion& top = a.suggestions.front();
    CHECK(top.tier == 4);
    CHECK_THAT(top.summary, Contains("Pat Doe"));
    CHECK_THAT(top.summary, Contains("12 calls"));
    CHECK_THAT(top.summary, Contains("1 broken promise"));
    CHECK_THAT(top.draft, Contains("Dear Pat Doe"));
    CHECK_THAT(top.draft, Contains("no more bills"));
    CHECK_THAT(top.draft, Contains("Close the account"));
    const Suggestion* social = find_channel(a, "social");
    REQUIRE(social != nullptr);
    CHECK_THAT(social->summary, Contains("@meterco"));
    CHECK_THAT(social->summary, Contains("Pat Doe"));
    CHECK(find_channel(a, "call") == nullptr); // after 11 failed calls: in writing
    Story fresh;
    fresh.org.phone = s.org.phone;
    const Advice first = fresh.advise_at(t0);
    const Suggestion* call = find_channel(first, "call");
    REQUIRE(call != nullptr);
    CHECK_THAT(call->summary, Contains("+44 800 555 0100"));
}

TEST_CASE("6. closed and resolved cases", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::HungUp);
    SECTION("a closed case gets no suggestion") {
        s.file.kase.status = CaseStatus::Resolved;
        CHECK(s.advise_at(t0 + day).suggestions.empty());
    }
    SECTION("their last inbound contact says resolved: close it") {
        s.in("dm", t0 + hour, Outcome::Resolved);
        const Suggestion top = s.top(t0 + 2 * hour);
        CHECK(top.action == Action::Close);
        CHECK_FALSE(top.channel.has_value());
        CHECK_THAT(top.summary, Contains("escalate close 1 --resolved"));
    }
}

TEST_CASE("7. the agenda: overdue first, waiting cases last with their end", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    const Policy policy = Policy::builtin();
    std::vector<CaseFile> files;
    Story waiting;
    waiting.file.kase.id = 1;
    waiting.out("email", t0 + 9 * day);
    Story quiet;
    quiet.file.kase.id = 2;
    quiet.out("call", t0 + day, Outcome::HungUp);
    Story overdue;
    overdue.file.kase.id = 3;
    overdue.out("call", t0, Outcome::Promised).promise("refund", t0 + 2 * day);
    files = {waiting.file, quiet.file, overdue.file};
    std::vector<AgendaCase> cases;
    for (const auto& f : files) {
        cases.push_back({&f, nullptr, nullptr});
    }
    const auto items = agenda(cases, policy, t0 + 9 * day + hour);
    REQUIRE(items.size() == 3);
    CHECK(items[0].file->kase.id == 3);
    CHECK(items[1].file->kase.id == 2);
    CHECK(items[2].file->kase.id == 1);
    CHECK(items[2].suggestion.action == Action::Wait);
}

TEST_CASE("8. deadline clocks, and a closing one outranks the ladder", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    Story s(t0 - 10 * day);
    s.file.kase.country = "US";
    s.file.kase.sector = "retail";
    s.file.kase.incident_at = t0 - 100 * day;
    s.file.kase.paid_by = PaidBy::Card;
    s.out("call", t0 - 9 * day, Outcome::HungUp);
    const Advice a = s.advise_at(t0);
    const auto clock = std::find_if(a.clocks.begin(), a.clocks.end(),
                                    [](const auto& c) { return c.name == "chargeback"; });
    REQUIRE(clock != a.clocks.end());
    CHECK(clock->ends_at == add_local_days(t0 - 100 * day, 120));
    CHECK(clock->remaining_s == clock->ends_at - t0); // about 20 days
    CHECK(clock->state == ClockState::Warning);       // past 75% of 120 days
    CHECK(a.suggestions.front().channel == std::string("chargeback"));
    CHECK_THAT(a.suggestions.front().summary, Contains("chargeback"));

    const auto billing = std::find_if(a.clocks.begin(), a.clocks.end(),
                                      [](const auto& c) { return c.name == "billing_dispute"; });
    REQUIRE(billing != a.clocks.end());
    CHECK(billing->state == ClockState::Expired);
    CHECK(billing->remaining_s == add_local_days(t0 - 100 * day, 60) - t0); // about -40 days
    CHECK(billing->remaining_s < 0);

    SECTION("a UK energy case: the ombudsman can take it 8 weeks after the first complaint") {
        s.file.kase.country = "GB";
        s.file.kase.sector = "energy";
        const Advice later = s.advise_at(t0 + 50 * day);
        const auto omb = std::find_if(later.clocks.begin(), later.clocks.end(),
                                      [](const auto& c) { return c.name == "route"; });
        REQUIRE(omb != later.clocks.end());
        CHECK(omb->state == ClockState::Expired);
        CHECK(omb->ends_at == add_local_days(t0 - 9 * day, 56));
    }
    SECTION("cash payments have no chargeback clock") {
        s.file.kase.paid_by = PaidBy::Cash;
        const Advice cash = s.advise_at(t0);
        CHECK(std::none_of(cash.clocks.begin(), cash.clocks.end(),
                           [](const auto& c) { return c.name == "chargeback"; }));
    }
    SECTION("a regulator complaint runs a 15-day reply clock") {
        s.out("regulator", t0);
        const auto clocks = deadline_clocks(s.file, s.org, Policy::builtin(), t0 + day);
        const auto reply = std::find_if(clocks.begin(), clocks.end(),
                                        [](const auto& c) { return c.name == "reply_due"; });
        REQUIRE(reply != clocks.end());
        CHECK(reply->ends_at == add_local_days(t0, 15));
    }
}

TEST_CASE("the policy is data: a lower threshold climbs sooner", "[engine][policy]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::NoAnswer);
    CHECK(s.advise_at(t0 + 3 * hour).target_tier == 1);
    const Policy eager = Policy::with_overrides(
        nlohmann::ordered_json::parse(R"({"tiers": {"2": {"enter_after_failures": 1}}})"));
    const Advice a = s.advise_at(t0 + 3 * hour, eager);
    CHECK(a.target_tier == 2);
    CHECK(a.suggestions.front().tier == 2);
}

TEST_CASE("every score is the sum of its reasons", "[engine]") {
    test::ZoneGuard zone("Europe/London");
    Story s;
    s.out("call", t0, Outcome::HungUp).out("email", t0 + day);
    for (Timestamp now : {t0 + day + hour, t0 + 9 * day}) {
        for (const auto& sug : s.advise_at(now).suggestions) {
            double sum = 0;
            for (const auto& r : sug.reasons) {
                sum += r.weight;
            }
            CHECK(sug.score == Approx(sum));
            CHECK_FALSE(sug.reasons.empty());
        }
    }
}
