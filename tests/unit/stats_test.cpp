#include "escalate/stats.hpp"

#include <catch2/catch.hpp>

#include "zone.hpp"

using namespace escalate;

namespace {

Contact contact(std::int64_t id, const char* channel, Direction d, Timestamp at,
                std::optional<Outcome> outcome = std::nullopt) {
    Contact c;
    c.id = id;
    c.case_id = 1;
    c.channel = channel;
    c.direction = d;
    c.at = at;
    c.outcome = outcome;
    return c;
}

} // namespace

TEST_CASE("stats add up a case", "[stats]") {
    escalate::test::ZoneGuard zone("Europe/London");
    const Policy policy = Policy::builtin();
    const Timestamp day = 86400;
    const Timestamp t0 = 1788220800; // 2026-09-01T00:00:00Z
    CaseFile f;
    f.kase.id = 1;
    f.kase.org = "Meterco";
    f.kase.opened_at = t0 + 9 * 3600;
    auto call = contact(1, "call", Direction::Out, t0 + 10 * 3600, Outcome::Promised);
    call.duration_s = 1500;
    call.hold_s = 600;
    call.promise_id = 1;
    f.contacts.push_back(call);
    f.contacts.push_back(contact(2, "email", Direction::Out, t0 + day));
    f.contacts.push_back(contact(3, "letter", Direction::In, t0 + 3 * day, Outcome::StockReply));
    f.contacts.push_back(contact(4, "email", Direction::Out, t0 + 4 * day));
    f.promises.push_back(Promise{1, 1, 1, "no more bills", t0 + 2 * day, PromiseStatus::Pending});

    SECTION("counts, times and promises") {
        const CaseStats s = compute_stats(f, policy, t0 + 10 * day);
        CHECK(s.days_open == 10);
        CHECK(s.contacts == 4);
        CHECK(s.by_channel.at("email") == 2);
        CHECK(s.outbound == 3);
        CHECK(s.inbound == 1);
        CHECK(s.talk_s == 1500);
        CHECK(s.hold_s == 600);
        CHECK(s.promises_made == 1);
        CHECK(s.promises_broken == 1); // overdue counts as broken
        CHECK(s.first_reply_s == 3 * day - 10 * 3600);
        CHECK_FALSE(s.resolved_via.has_value());
    }
    SECTION("a promise is pending until its due time plus grace") {
        const Promise& p = f.promises[0];
        CHECK_FALSE(is_overdue(f, p, policy, p.due + policy.promise_grace_s()));
        CHECK(is_overdue(f, p, policy, p.due + policy.promise_grace_s() + 1));
        const CaseStats s = compute_stats(f, policy, p.due + 60);
        CHECK(s.promises_broken == 0);
        CHECK(s.promises_pending == 1);
    }
    SECTION("an inbound contact answers the outbound ones before it") {
        const auto states = contact_states(f, policy, t0 + 4 * day + 3600);
        CHECK_FALSE(states[0].awaiting_reply); // a call is synchronous
        CHECK_FALSE(states[1].awaiting_reply); // answered by the letter
        CHECK_FALSE(states[1].ignored);
        CHECK(states[3].awaiting_reply);
        const auto later = contact_states(f, policy, t0 + 30 * day);
        CHECK(later[3].ignored);
        CHECK_FALSE(later[3].awaiting_reply);
    }
    SECTION("a notice or information is not a reply: a bill answers nothing") {
        for (const Outcome o : {Outcome::Notice, Outcome::Info}) {
            f.contacts[2].outcome = o;
            const auto states = contact_states(f, policy, t0 + 4 * day + 3600);
            CHECK(states[1].ignored); // the email's 2 business days have passed unanswered
        }
    }
    SECTION("attempts are counted per channel and direction") {
        CHECK(attempt_number(f, f.contacts[3]) == 2);
        CHECK(attempt_number(f, f.contacts[2]) == 1);
    }
}
