#include "escalate/policy.hpp"

#include <catch2/catch.hpp>

#include "escalate/errors.hpp"

using namespace escalate;
using Catch::Contains;

TEST_CASE("the built-in policy has the channels and tiers of SPEC section 1", "[policy]") {
    const Policy p = Policy::builtin();
    CHECK(p.channel("call").tier == 1);
    CHECK(p.channel("call").sync == Sync::Synchronous);
    CHECK(p.channel("email").sync == Sync::Asynchronous);
    CHECK(p.channel("email").window_unit == WindowUnit::BusinessDays);
    CHECK(p.channel("supervisor").tier == 2);
    CHECK(p.channel("letter").tier == 2);
    CHECK(p.channel("social").tier == 3);
    CHECK(p.channel("exec").tier == 4);
    CHECK(p.channel("regulator").tier == 5);
    CHECK(p.channel("tweet").name == "social");
    CHECK(p.channel("POST").name == "social");
    CHECK(p.promise_grace_s() == 86400);
    CHECK(p.workdays() == monday_to_friday);
    CHECK(p.failure_weight(Outcome::Transferred) == 0.5);
    CHECK(p.failure_weight(Outcome::HungUp) == 1.0);
    CHECK(p.failure_weight(Outcome::Resolved) == 0.0);
    CHECK(p.channel_names().starts_with("call, chat, email, form, visit, supervisor"));
}

TEST_CASE("an unknown channel names the accepted ones", "[policy]") {
    const Policy p = Policy::builtin();
    CHECK(p.find_channel("fax") == nullptr);
    CHECK_THROWS_WITH(p.channel("fax"), Contains("unknown channel \"fax\"; accepted: call, chat"));
}

TEST_CASE("a user's policy overrides any part and can add a channel", "[policy]") {
    const Policy p = Policy::with_overrides(nlohmann::ordered_json::parse(R"({
        "promises": {"grace_hours": 48},
        "channels": {"whatsapp": {"tier": 1, "sync": false, "window": 6, "window_unit": "hours"},
                     "email": {"window": 5}}
    })"));
    CHECK(p.promise_grace_s() == 2 * 86400);
    CHECK(p.channel("whatsapp").tier == 1);
    CHECK(p.reply_due(p.channel("whatsapp"), 1000) == 1000 + 6 * 3600);
    CHECK(p.channel("email").window == 5);
    CHECK(p.channel("email").window_unit == WindowUnit::BusinessDays); // kept from the default

    CHECK_THROWS_AS(Policy::with_overrides(
                        nlohmann::ordered_json::parse(R"({"channels": {"call": {"tier": 9}}})")),
                    UsageError);
    CHECK_THROWS_WITH(Policy::with_overrides(
                          nlohmann::ordered_json::parse(R"({"channels": {"call": {"tier": 9}}})")),
                      "policy: /channels/call/tier must be a whole number from 1 to 5");
}
