// Exit codes and one-line errors (SPEC section 2), and that a rejected command writes nothing.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using Catch::StartsWith;
using escalate::test::ProcessResult;
using escalate::test::Sandbox;

namespace {

void check_one_line_error(const ProcessResult& r, int code) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == code);
    CHECK_THAT(r.err, StartsWith("escalate: "));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
}

} // namespace

TEST_CASE("bad input is exit 2 with the bad value and the accepted ones", "[cli][errors]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const std::string now = "2026-11-20T10:00";

    SECTION("an unknown channel") {
        const auto r = box.at(now, {"log", "fax"});
        check_one_line_error(r, 2);
        CHECK_THAT(r.err, Contains("unknown channel \"fax\"; accepted: call, chat, email, form"));
    }
    SECTION("an unknown outcome") {
        const auto r = box.at(now, {"log", "call", "--outcome", "rude"});
        check_one_line_error(r, 2);
        CHECK_THAT(r.err, Contains("unknown outcome \"rude\"; accepted: no-answer, hung-up"));
    }
    SECTION("an unreadable time") {
        const auto r = box.at(now, {"log", "call", "--at", "last thursday-ish"});
        check_one_line_error(r, 2);
        CHECK(r.err == "escalate: cannot read --at \"last thursday-ish\": try \"yesterday "
                       "15:30\", \"fri 9am\" or \"2026-11-20 14:00\"\n");
        CHECK(r.err.size() < 120);
        const auto long_text = box.at(now, {"log", "call", "--promise", "x", "--due",
                                            "a long piece of text that is not a time at all"});
        check_one_line_error(long_text, 2);
        CHECK_THAT(long_text.err, StartsWith("escalate: cannot read --due \"a long piece of text "
                                             "that...\": try "));
        CHECK(long_text.err.size() < 120);
    }
    SECTION("a bad --now") {
        check_one_line_error(box.run({"--now", "2026-02-30", "list"}), 2);
    }
    SECTION("a bare number as a duration") {
        const auto r = box.at(now, {"log", "call", "--hold", "10"});
        check_one_line_error(r, 2);
        CHECK_THAT(r.err, Contains("accepted: 25m, 1h30m, 3.5h, 45s, 1:05:00"));
    }
    SECTION("a contact in the future") {
        check_one_line_error(box.at(now, {"log", "call", "--at", "tomorrow 9:00"}), 2);
    }
    SECTION("a promise without a due time") {
        const auto r = box.at(now, {"log", "call", "--promise", "refund"});
        check_one_line_error(r, 2);
        CHECK_THAT(r.err, Contains("--promise needs --due"));
    }
    SECTION("an unknown flag") {
        check_one_line_error(box.at(now, {"log", "call", "--colour-me"}), 2);
    }
    SECTION("an unknown command") {
        check_one_line_error(box.at(now, {"escalate-now"}), 2);
    }
    SECTION("a bad --color") {
        check_one_line_error(box.at(now, {"--color", "purple", "list"}), 2);
    }
}

TEST_CASE("a missing case is exit 3", "[cli][errors]") {
    Sandbox box;
    SECTION("with no case at all") {
        const auto r = box.at("2026-11-20T10:00", {"log", "call"});
        check_one_line_error(r, 3);
        CHECK_THAT(r.err, Contains("there is no open case"));
    }
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    check_one_line_error(box.at("2026-11-20T10:00", {"show", "7"}), 3);
    check_one_line_error(box.at("2026-11-20T10:00", {"log", "call", "#7"}), 3);
    check_one_line_error(box.at("2026-11-20T10:00", {"log", "call", "parcelco"}), 3);
    check_one_line_error(box.at("2026-11-20T10:00", {"close", "7", "--resolved"}), 3);
}

TEST_CASE("an ambiguous case reference is exit 4 listing the candidates", "[cli][errors]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-20T09:00", {"open", "Metro Bank", "--title", "Card"});

    const auto r = box.at("2026-11-20T10:00", {"log", "call", "me"});
    check_one_line_error(r, 4);
    CHECK(r.err == "escalate: \"me\" matches 2 cases: #1 Meterco (Billing), #2 Metro Bank (Card); "
                   "give the case id\n");

    const auto none = box.at("2026-11-20T10:00", {"log", "call"});
    check_one_line_error(none, 4);
    CHECK_THAT(none.err, Contains("#1 Meterco (Billing), #2 Metro Bank (Card)"));

    CHECK_THAT(box.ok("2026-11-20T10:00", {"log", "call", "METERCO"}),
               Contains("1st call to Meterco"));
    CHECK_THAT(box.ok("2026-11-20T10:00", {"log", "call", "metr"}),
               Contains("1st call to Metro Bank"));
}

TEST_CASE("a rejected command leaves the case log byte for byte unchanged", "[cli][errors]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T09:00", {"open", "Metro Bank"});
    box.ok("2026-11-20T09:30", {"log", "call", "1", "--promise", "refund", "--due", "fri"});
    const std::string before = box.db_bytes();
    REQUIRE_FALSE(before.empty());

    const std::vector<std::vector<std::string>> rejected{
        {"log", "fax", "1"},
        {"log", "call", "1", "--outcome", "rude"},
        {"log", "call", "1", "--at", "someday"},
        {"log", "call", "1", "--hold", "-5m"},
        {"log", "call", "me"},
        {"log", "call", "9"},
        {"log", "call"},
        {"log", "call", "1", "-m", std::string("bad \xC3\x28 utf-8")},
        {"open", ""},
        {"close", "1"},
        {"close", "9", "--resolved"},
        {"reopen", "1"},
        {"edit", "1", "--outcome", "rude"},
        {"edit", "42", "--outcome", "info"},
        {"promise", "kept", "42"},
        {"org", "Meterco", "--no", "fax"},
        {"org", "Meterco", "--requires", "fax"},
        {"open", "Meterco", "--country", "Britain"},
        {"open", "Meterco", "--sector", "water"},
        {"open", "Meterco", "--amount", "12.345"},
        {"open", "Meterco", "--currency", "pounds"},
        {"case", "edit", "1"},
        {"case", "edit", "1", "--sector", "water"},
        {"case", "edit", "9", "--country", "GB"},
        {"log", "call", "1", "--outcome", "deadlock"},
        {"--color", "purple", "log", "call", "1"},
    };
    for (const auto& args : rejected) {
        const auto r = box.at("2026-11-20T10:00", args);
        INFO("escalate " << Catch::rangeToString(args) << " -> " << r.err);
        CHECK(r.exit_code != 0);
        CHECK(box.db_bytes() == before);
    }
}
