// Exit codes and one-line errors (SPEC section 2), and that a rejected command writes nothing.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using Catch::EndsWith;
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
    CHECK_THAT(none.err, Contains("#2 Metro Bank (Card), #1 Meterco (Billing)"));

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

namespace {

// Runs a command that must be refused as bad usage (exit 2, one line) without touching the log;
// returns its one line, without "escalate: " and the newline.
std::string refused(const Sandbox& box, const std::vector<std::string>& args) {
    const std::string before = box.db_bytes();
    const auto r = box.at("2026-11-20T10:00", args);
    INFO("escalate " << Catch::rangeToString(args));
    check_one_line_error(r, 2);
    CHECK(box.db_bytes() == before);
    return r.err.substr(std::string("escalate: ").size(),
                        r.err.size() - std::string("escalate: \n").size());
}

} // namespace

TEST_CASE("a mistyped command, flag, channel or outcome gets a \"did you mean\"",
          "[cli][errors][suggest]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});

    SECTION("a command with two letters swapped") {
        CHECK(refused(box, {"lgo", "call"}) ==
              "unknown command \"lgo\"; did you mean log? (see escalate --help)");
    }
    SECTION("a command typed in part, or in capitals") {
        CHECK(refused(box, {"promis", "kept", "1"}) ==
              "unknown command \"promis\"; did you mean promise? (see escalate --help)");
        CHECK_THAT(refused(box, {"LSIT"}), Contains("did you mean list?"));
    }
    SECTION("a command of a command") {
        CHECK(refused(box, {"policy", "shwo"}) == "unknown command \"policy shwo\"; did you mean "
                                                  "policy show? (see escalate policy --help)");
    }
    SECTION("a command like none lists them all") {
        const std::string err = refused(box, {"escalate-now"});
        CHECK_THAT(err, StartsWith("unknown command \"escalate-now\"; accepted: open, log, next"));
        CHECK_THAT(err, !Contains("did you mean"));
        CHECK_THAT(err, !Contains("__complete"));
    }
    SECTION("a flag, pointing at the command's own help") {
        CHECK(refused(box, {"log", "call", "--hodl", "5m"}) ==
              "unknown flag --hodl for log; did you mean --hold? (see escalate log --help)");
        CHECK(refused(box, {"list", "--colour", "never"}) ==
              "unknown flag --colour for list; did you mean --color? (see escalate list --help)");
        CHECK(refused(box, {"log", "call", "--outcom=info"}) ==
              "unknown flag --outcom for log; did you mean --outcome? (see escalate log --help)");
    }
    SECTION("a flag like none") {
        CHECK(refused(box, {"log", "call", "--colour-me"}) ==
              "unknown flag --colour-me for log (see escalate log --help)");
        CHECK(refused(box, {"log", "call", "-x"}) ==
              "unknown flag -x for log (see escalate log --help)");
    }
    SECTION("a flag of the command given before it") {
        CHECK(refused(box, {"--hold", "5m", "log", "call"}) ==
              "--hold is a flag of log: give it after \"log\" (see escalate log --help)");
    }
    SECTION("a channel") {
        const std::string err = refused(box, {"log", "cal"});
        CHECK_THAT(err, StartsWith("unknown channel \"cal\"; did you mean call? accepted: call, "
                                   "chat, email, form"));
        CHECK_THAT(refused(box, {"log", "emial"}), Contains("did you mean email?"));
        CHECK_THAT(refused(box, {"org", "Meterco", "--no", "Emali"}),
                   StartsWith("unknown channel \"Emali\"; did you mean email?"));
    }
    SECTION("an outcome") {
        const std::string err = refused(box, {"log", "call", "--outcome", "hungup"});
        CHECK_THAT(err, StartsWith("unknown outcome \"hungup\"; did you mean hung-up? accepted: "
                                   "no-answer, hung-up, stock-reply"));
        CHECK_THAT(refused(box, {"log", "call", "--outcome", "Promsied"}),
                   StartsWith("unknown outcome \"Promsied\"; did you mean promised?"));
    }
    SECTION("nothing close: no guess") {
        CHECK_THAT(refused(box, {"log", "fax"}),
                   StartsWith("unknown channel \"fax\"; accepted: call, chat"));
        CHECK_THAT(refused(box, {"log", "call", "--outcome", "rude"}),
                   StartsWith("unknown outcome \"rude\"; accepted: no-answer"));
    }
    SECTION("help for a mistyped command") {
        CHECK_THAT(refused(box, {"help", "lgo"}), StartsWith("no command \"lgo\"; did you mean "
                                                             "log? the commands are: open, log"));
    }
}

TEST_CASE("channels and outcomes are accepted in any case and stored as the policy names them",
          "[cli][errors][suggest]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00", {"log", "Call", "--outcome", "Hung-Up"});
    box.ok("2026-11-20T10:05", {"log", "EMAIL", "--outcome", "STOCK-REPLY"});
    const auto j = box.json("2026-11-20T11:00", {"show", "1"});
    CHECK(j["contacts"][0]["channel"] == "call");
    CHECK(j["contacts"][0]["outcome"] == "hung-up");
    CHECK(j["contacts"][1]["channel"] == "email");
    CHECK(j["contacts"][1]["outcome"] == "stock-reply");
}

TEST_CASE("a flag without its value, a flag given twice, a missing argument", "[cli][errors]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});

    SECTION("a flag without its value names what it takes") {
        CHECK(refused(box, {"log", "call", "--hold"}) ==
              "--hold needs a value: time on hold: 10m, 1:05:00 (see escalate log --help)");
        // CLI11 takes the next word as the value, whatever it is, as getopt does.
        CHECK(refused(box, {"log", "call", "--hold", "--outcome", "info"}) ==
              "--hold needs a value: \"--outcome\" is a flag");
        CHECK_THAT(refused(box, {"log", "call", "-m"}),
                   StartsWith("-m/--note needs a value: what happened"));
    }
    SECTION("a flag given twice") {
        CHECK(refused(box, {"log", "call", "--hold", "5m", "--hold", "6m"}) ==
              "--hold given 2 times; give it once (see escalate log --help)");
        CHECK_THAT(refused(box, {"--color", "never", "list", "--color", "never"}),
                   StartsWith("--color given 2 times; give it once"));
    }
    SECTION("a missing argument") {
        CHECK_THAT(refused(box, {"log"}),
                   StartsWith("log needs CHANNEL: call, chat, email, form, visit"));
        CHECK_THAT(refused(box, {"log"}), EndsWith("(see escalate log --help)"));
        CHECK(refused(box, {"policy"}) ==
              "policy needs a command: show, check (see escalate policy --help)");
    }
    SECTION("one argument too many") {
        CHECK(refused(box, {"show", "1", "2"}) ==
              "unexpected argument \"2\": show takes [CASE] (see escalate show --help)");
        CHECK(refused(box, {"log", "call", "1", "x"}) ==
              "unexpected argument \"x\": log takes CHANNEL [CASE] (see escalate log --help)");
    }
    SECTION("flags that exclude each other") {
        CHECK(refused(box, {"close", "1", "--resolved", "--abandoned"}) ==
              "--resolved and --abandoned cannot go together (see escalate close --help)");
    }
}
