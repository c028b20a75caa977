#include "escalate/policy.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

#include "escalate/errors.hpp"
#include "escalate/text.hpp"

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

TEST_CASE("the compiled built-in policy is the one its JSON document reads as", "[policy]") {
    const Policy compiled = Policy::builtin();
    const Policy parsed = Policy::builtin_from_document();
    const Policy::Settings& c = compiled.settings();
    const Policy::Settings& p = parsed.settings();

    SECTION("every channel, tier, clock and regime, field by field") {
        REQUIRE(c.channels.size() == p.channels.size());
        for (std::size_t i = 0; i < p.channels.size(); ++i) {
            INFO("channel " << p.channels[i].name);
            CHECK(c.channels[i] == p.channels[i]);
        }
        CHECK(c.aliases == p.aliases);
        CHECK(c.tiers == p.tiers);
        REQUIRE(c.clocks.size() == p.clocks.size());
        for (std::size_t i = 0; i < p.clocks.size(); ++i) {
            INFO("clock " << p.clocks[i].name);
            CHECK(c.clocks[i] == p.clocks[i]);
        }
        REQUIRE(c.regimes.size() == p.regimes.size());
        for (std::size_t i = 0; i < p.regimes.size(); ++i) {
            INFO("regime " << p.regimes[i].name);
            CHECK(c.regimes[i] == p.regimes[i]);
        }
    }
    SECTION("and everything else the engine reads") {
        CHECK(c.outcome_weights == p.outcome_weights);
        CHECK(c.weights == p.weights);
        CHECK(c.agenda_weights == p.agenda_weights);
        CHECK(c.sectors == p.sectors);
        CHECK(c.issuer_sectors == p.issuer_sectors);
        CHECK(c == p); // the whole, so a member added to Settings is compared too
    }
    SECTION("the same fingerprint, so stored state rows stay valid, and the same document") {
        CHECK(compiled.fingerprint() == parsed.fingerprint());
        CHECK(compiled.fingerprint() == hash64(parsed.document().dump()));
        CHECK(compiled.fingerprint() ==
              Policy::with_overrides(Policy::Json::object()).fingerprint());
        CHECK(compiled.document() == parsed.document());
    }
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

TEST_CASE("channel names are folded to lower case, and two that fold to one are a problem",
          "[policy][channels]") {
    using Json = nlohmann::ordered_json;
    const Json user = Json::parse(R"({
        "channels": {"WhatsApp": {"tier": 1, "sync": false}, "EMAIL": {"window": 5}},
        "aliases": {"WA": "WHATSAPP"},
        "clocks": {"Chat": {"from": "contact", "on": "WhatsApp", "days": 2, "channel": "Letter"}}
    })");
    CHECK(Policy::check(user).empty());
    const Policy p = Policy::with_overrides(user);
    CHECK(p.channel("whatsapp").name == "whatsapp");
    CHECK(p.channel("WHATSAPP").name == "whatsapp");
    CHECK(p.channel("wa").name == "whatsapp");
    CHECK(p.channel("Email").window == 5); // the built-in email, overridden
    CHECK(std::count_if(p.channels().begin(), p.channels().end(),
                        [](const ChannelPolicy& c) { return c.name == "email"; }) == 1);
    const ClockPolicy* clock = p.find_clock("Chat");
    REQUIRE(clock != nullptr);
    CHECK(clock->on == "whatsapp");
    CHECK(clock->channel == "letter");

    const Json clash = Json::parse(R"({"channels": {"WhatsApp": {"tier": 1},
                                                    "whatsapp": {"tier": 1}}})");
    const auto problems = Policy::check(clash);
    REQUIRE(problems.size() == 1);
    CHECK(problems.front() == "/channels/whatsapp is the same channel as /channels/WhatsApp: "
                              "channel names are not case-sensitive");
    CHECK_THROWS_WITH(Policy::with_overrides(clash), "policy: " + problems.front());

    const Json bad = Json::parse(R"({"channels": {"What's App": {"tier": 1}}})");
    REQUIRE(Policy::check(bad).size() == 1);
    CHECK_THAT(Policy::check(bad).front(), Contains("/channels/What's App must be named in "
                                                    "letters, digits, - and _"));
    CHECK_THROWS_AS(Policy::with_overrides(bad), UsageError);
}

TEST_CASE("a policy nested deeper than the limit is refused without a deep walk",
          "[policy][limits]") {
    using Json = nlohmann::ordered_json;
    Json deep = Json::array();
    for (int i = 0; i < 100000; ++i) {
        Json outer = Json::array();
        outer.push_back(std::move(deep));
        deep = std::move(outer);
    }
    Json doc = Json::object();
    doc["sectors"] = std::move(deep);
    const auto problems = Policy::check(doc);
    REQUIRE(problems.size() == 1);
    CHECK(problems.front() == "/ nests arrays and objects deeper than the limit of 64 levels");
    CHECK_THROWS_WITH(Policy::with_overrides(doc),
                      "policy: the document nests arrays and objects deeper than the limit of "
                      "64 levels");
    CHECK(Policy::check(Json::parse(R"({"sectors": [[[["x"]]]]})")).size() == 1); // wrong, not deep
}
