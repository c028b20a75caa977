// open, show, list, close and reopen through the real binary.
#include <filesystem>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

TEST_CASE("open prints the new case's id and creates the org", "[cli][open]") {
    Sandbox box;
    const auto out = box.ok("2026-11-20T10:00", {"open", "Meterco", "--title", "Billing", "--want",
                                                 "Stop the bills", "--tag", "billing"});
    CHECK(out.starts_with("Opened case #1 against Meterco: Billing\n"));

    SECTION("quietly: only the id") {
        CHECK(box.ok("2026-11-20T10:00", {"-q", "open", "Parcelco"}) == "2\n");
    }
    SECTION("as JSON: the case object of SPEC section 3") {
        const auto j = box.json("2026-11-20T10:00", {"open", "meterco", "--title", "Second"});
        CHECK(j["id"] == 2);
        CHECK(j["org"] == "Meterco"); // matched case-insensitively: the org's first spelling
        CHECK(j["status"] == "open");
        CHECK(j["opened_at"] == "2026-11-20T10:00:00Z");
        CHECK(j["closed_at"].is_null());
        CHECK(j["want"].is_null());
        CHECK(j["tags"] == nlohmann::json::array());
        for (const char* key : {"id", "org", "title", "want", "status", "opened_at", "closed_at",
                                "resolution", "tags", "stats", "promises", "contacts"}) {
            CHECK(j.contains(key));
        }
    }
}

TEST_CASE("show prints the header, stats, promises and timeline", "[cli][show]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Meterco", "--title", "Billing", "--want", "Stop it"});
    box.ok("2026-11-02T09:30",
           {"log", "call", "--duration", "25m", "--hold", "12m", "--agent", "Dana", "--ref", "A-1",
            "--outcome", "promised", "--promise", "no more bills", "--due", "2026-11-10"});
    box.ok("2026-11-03T11:00", {"log", "email", "-m", "Written complaint"});
    const auto text = box.ok("2026-11-04T09:00", {"show", "1"});
    CHECK_THAT(text, Contains("#1 Meterco: Billing"));
    CHECK_THAT(text, Contains("Status   open (day 3, opened Mon 2 Nov 2026 09:00)"));
    CHECK_THAT(text, Contains("Want     Stop it"));
    CHECK_THAT(text, Contains("2 contacts (2 out, 0 in): 1 call, 1 email"));
    CHECK_THAT(text, Contains("25 min on the phone, 12 min on hold"));
    CHECK_THAT(text, Contains("1 promise made: 0 kept, 0 broken, 1 pending"));
    CHECK_THAT(text, Contains("\"no more bills\": pending, due Tue 10 Nov 2026 23:59"));
    CHECK_THAT(text, Contains("day   1  Mon 2 Nov 2026 09:30   -> call         [1]  25 min talk"));
    CHECK_THAT(text, Contains("25 min talk, 12 min on hold, a promise, agent Dana, ref A-1"));
    // email waits 2 business days: Tue 11:00 -> Thu 11:00
    CHECK_THAT(text, Contains("awaiting a reply until Thu 5 Nov 2026 11:00"));
    CHECK_THAT(text, Contains("Written complaint"));

    SECTION("as JSON, with derived contact state") {
        const auto j = box.json("2026-11-06T09:00", {"show", "#1"});
        CHECK(j["contacts"].size() == 2);
        const auto& call = j["contacts"][0];
        CHECK(call["channel"] == "call");
        CHECK(call["tier"] == 1);
        CHECK(call["direction"] == "out");
        CHECK(call["at"] == "2026-11-02T09:30:00Z");
        CHECK(call["duration_s"] == 1500);
        CHECK(call["hold_s"] == 720);
        CHECK(call["promise_id"] == 1);
        const auto& email = j["contacts"][1];
        CHECK(email["awaiting_reply"] == false);
        CHECK(email["ignored"] == true); // the window passed on Thursday
        CHECK(email["duration_s"].is_null());
        CHECK(j["promises"][0]["due"] == "2026-11-10T23:59:59Z");
        CHECK(j["promises"][0]["overdue"] == false);
        CHECK(j["stats"]["talk_s"] == 1500);
        CHECK(j["stats"]["first_reply_s"].is_null());
    }
    SECTION("an inbound contact answers what was awaited") {
        box.ok("2026-11-04T10:00", {"log", "email", "--in", "--outcome", "stock-reply"});
        const auto j = box.json("2026-11-06T09:00", {"show", "1"});
        CHECK(j["contacts"][1]["ignored"] == false);
        CHECK(j["contacts"][1]["awaiting_reply"] == false);
        CHECK(j["stats"]["first_reply_s"] == (2 * 86400 + 30 * 60));
        CHECK(j["stats"]["inbound"] == 1);
    }
}

TEST_CASE("list shows open cases as a table", "[cli][list]") {
    Sandbox box;
    CHECK(box.ok("2026-11-20T10:00", {"list"}) ==
          "No open cases. Open one with: escalate open ORG --title \"...\"\n");
    box.ok("2026-11-01T10:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-10T10:00", {"open", "Parcelco", "--title", "Lost parcel"});
    box.ok("2026-11-18T10:00", {"log", "call", "parcel", "--outcome", "no-answer"});
    box.ok("2026-11-19T10:00", {"close", "meterco", "--abandoned"});

    const auto text = box.ok("2026-11-20T10:00", {"list"});
    CHECK_THAT(text, Contains("ID  ORG       TITLE        DAY  CONTACTS  LAST CONTACT"));
    CHECK_THAT(text, Contains("#2  Parcelco  Lost parcel  11   1         2 days ago (call)"));
    CHECK_THAT(text, !Contains("Meterco"));

    CHECK_THAT(box.ok("2026-11-20T10:00", {"list", "--all"}),
               Contains("STATUS") && Contains("abandoned") && Contains("Meterco"));
    CHECK_THAT(box.ok("2026-11-20T10:00", {"list", "--status", "abandoned"}),
               Contains("Meterco") && !Contains("Parcelco"));
    CHECK(box.ok("2026-11-20T10:00", {"list", "--all", "--org", "parc", "-q"}) == "2\n");

    const auto j = box.json("2026-11-20T10:00", {"list", "--all"});
    REQUIRE(j["cases"].size() == 2);
    CHECK(j["cases"][1]["stats"]["contacts"] == 1);
    CHECK_FALSE(j["cases"][1].contains("contacts"));
}

TEST_CASE("a case's age is its day, the opening day being day 1, everywhere", "[cli][close]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco", "--title", "Billing"});
    CHECK_THAT(box.ok("2026-11-20T10:00", {"show", "1"}), Contains("(day 1, opened"));
    CHECK_THAT(box.ok("2026-11-20T10:00", {"list"}), Contains("#1  Meterco  Billing  1    0"));
    CHECK(box.ok("2026-11-20T11:00", {"close", "1", "--abandoned"}) ==
          "Closed case #1 (Meterco) as abandoned on day 1\n");
}

TEST_CASE("close and reopen change a case's status", "[cli][close]") {
    Sandbox box;
    box.ok("2026-11-01T10:00", {"open", "Meterco"});
    CHECK(box.ok("2026-11-20T10:00", {"close", "1", "--resolved", "-m", "Refund received"}) ==
          "Closed case #1 (Meterco) as resolved on day 20\n");
    auto j = box.json("2026-11-20T11:00", {"show", "1"});
    CHECK(j["status"] == "resolved");
    CHECK(j["closed_at"] == "2026-11-20T10:00:00Z");
    CHECK(j["resolution"] == "Refund received");
    CHECK(j["stats"]["days_open"] == 19);
    CHECK_THAT(box.ok("2026-11-20T11:00", {"show", "1"}), Contains("(day 20, opened"));

    const auto again = box.at("2026-11-20T10:00", {"close", "1", "--abandoned"});
    CHECK(again.exit_code == 2);
    CHECK(again.err ==
          "escalate: case #1 is already resolved; reopen it first: escalate reopen 1\n");

    CHECK(box.ok("2026-11-21T10:00", {"reopen", "meterco"}) == "Reopened case #1 (Meterco)\n");
    j = box.json("2026-11-21T11:00", {"show", "1"});
    CHECK(j["status"] == "open");
    CHECK(j["closed_at"].is_null());
    CHECK(box.at("2026-11-21T10:00", {"reopen", "1"}).exit_code == 2);
    const auto closed = box.json("2026-11-22T10:00", {"close", "1", "--abandoned"});
    CHECK(closed["status"] == "abandoned");
    CHECK(closed["closed_at"] == "2026-11-22T10:00:00Z");
    const auto reopened = box.json("2026-11-22T11:00", {"reopen", "1"});
    CHECK(reopened["status"] == "open");
    CHECK(reopened["resolution"].is_null());
    CHECK(box.at("2026-11-21T10:00", {"close", "1"}).exit_code == 2); // how did it end?
}

TEST_CASE("case facts: set at open, changed by case edit, undone, shown", "[cli][open][case]") {
    Sandbox box;
    const auto opened =
        box.json("2026-11-20T09:00",
                 {"open", "Sofaland", "--country", "us", "--sector", "Retail", "--amount", "1,240",
                  "--currency", "usd", "--order-ref", "SF-2231", "--paid-by", "card"});
    CHECK(opened["country"] == "US");
    CHECK(opened["sector"] == "retail");
    CHECK(opened["amount"] == "1240");
    CHECK(opened["currency"] == "USD");
    CHECK(opened["order_ref"] == "SF-2231");
    const std::string shown = box.ok("2026-11-20T09:00", {"show", "1"});
    CHECK_THAT(shown, Contains("Rules    US consumer purchase (US, retail)"));
    CHECK_THAT(shown, Contains("Amount   1,240 USD, order SF-2231"));

    const std::string edited =
        box.ok("2026-11-20T09:05", {"case", "edit", "1", "--country", "GB", "--amount", "99.5"});
    CHECK_THAT(edited, Contains("now under UK, no ombudsman for this sector"));
    const auto after = box.json("2026-11-20T09:05", {"show", "1"});
    CHECK(after["country"] == "GB");
    CHECK(after["amount"] == "99.50");
    CHECK(after["order_ref"] == "SF-2231"); // only the flags given change
    box.ok("2026-11-20T09:06", {"case", "edit", "1", "--order-ref", ""});
    CHECK(box.json("2026-11-20T09:06", {"show", "1"})["order_ref"].is_null());
    box.ok("2026-11-20T09:07", {"undo", "--yes"});
    box.ok("2026-11-20T09:07", {"undo", "--yes"});
    CHECK(box.json("2026-11-20T09:07", {"show", "1"})["country"] == "US");

    // org --requires: the only channel they accept; "" clears it.
    const auto org = box.json("2026-11-20T09:10", {"org", "Sofaland", "--requires", "Letter"});
    CHECK(org["requires"] == "letter");
    CHECK(
        box.json("2026-11-20T09:10", {"org", "Sofaland", "--requires", ""})["requires"].is_null());
}

TEST_CASE("case edit adds and removes tags and list --tag filters by them", "[cli][case][list]") {
    Sandbox box;
    const std::string now = "2026-11-20T10:00";
    box.ok("2026-11-01T10:00", {"open", "Meterco", "--title", "Billing", "--tag", "energy"});
    box.ok("2026-11-02T10:00",
           {"open", "Skyways", "--title", "Lost bag", "--tag", "Travel", "--tag", "refund"});

    // Tags match as org names do, whatever the case; several --tag ask for all of them.
    CHECK(box.ok(now, {"list", "--tag", "ENERGY", "-q"}) == "1\n");
    CHECK(box.ok(now, {"list", "--tag", "travel", "--tag", "refund", "-q"}) == "2\n");
    CHECK(box.ok(now, {"list", "--tag", "energy", "--tag", "refund", "-q"}).empty());
    CHECK(box.ok(now, {"list", "--tag", "nope"}) == "No open cases tagged nope.\n");

    const std::string changed =
        box.ok(now, {"case", "edit", "1", "--tag", "refund", "--untag", "Energy", "--incident",
                     "2026-10-03", "--paid-by", "card"});
    CHECK_THAT(changed, Contains("Changed case #1 (Meterco): tags, incident, paid by\n"));
    const auto edited = box.json(now, {"show", "1"});
    CHECK(edited["tags"] == nlohmann::json::array({"refund"}));
    CHECK(edited["paid_by"] == "card");
    CHECK(edited["incident_at"] == "2026-10-02T23:00:00Z"); // midnight in London (BST)
    CHECK(box.ok(now, {"list", "--tag", "refund", "-q"}) == "1\n2\n");
    box.ok(now, {"case", "edit", "1", "--tag", "REFUND"}); // already there: not added twice
    CHECK(box.json(now, {"show", "1"})["tags"].size() == 1);

    // A tag the case does not have, or a payment that is not one: refused, nothing written.
    const std::string before = box.db_bytes();
    const auto untag = box.at(now, {"case", "edit", "1", "--untag", "zzz"});
    CHECK(untag.exit_code == 2);
    CHECK(untag.err == "escalate: --untag \"zzz\": case #1 has no such tag; its tags: refund\n");
    const auto paid = box.at(now, {"case", "edit", "1", "--paid-by", "cheque", "--tag", "x"});
    CHECK(paid.exit_code == 2);
    CHECK(paid.err == "escalate: --paid-by \"cheque\": accepted: card, debit, cash, other\n");
    CHECK(box.db_bytes() == before);

    // "" clears the incident and the payment; undo brings them back.
    box.ok(now, {"case", "edit", "1", "--incident", "", "--paid-by", ""});
    CHECK(box.json(now, {"show", "1"})["paid_by"].is_null());
    box.ok(now, {"undo", "--yes"});
    CHECK(box.json(now, {"show", "1"})["paid_by"] == "card");
}

// The default case (docs/reference.md): the only open case; with several, at a terminal, the
// one touched last with a notice; in a script, exit 4 naming them, and nothing written.
TEST_CASE("commands that take a case use the default case", "[cli][default-case]") {
    Sandbox box;
    const std::string now = "2026-11-20T10:00";
    box.ok("2026-11-10T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-10T09:30", {"log", "call", "-m", "first call"});

    SECTION("the only open case, in every command that takes one") {
        CHECK_THAT(box.ok(now, {"show"}), Contains("#1 Meterco: Billing"));
        CHECK_THAT(box.ok(now, {"draft"}), Contains("Meterco"));
        CHECK_THAT(box.ok(now, {"export", "--format", "txt"}), Contains("first call"));
        box.ok(now, {"case", "edit", "--title", "Double billing"});
        CHECK(box.json(now, {"show"})["title"] == "Double billing");
        box.ok(now, {"close", "--resolved"});
        const auto none = box.at(now, {"show"});
        CHECK(none.exit_code == 3);
        CHECK(none.err == "escalate: there is no open case; open one with: escalate open ORG\n");
    }

    box.ok("2026-11-12T09:00", {"open", "Parcelco", "--title", "Lost parcel"});
    box.ok("2026-11-15T09:00", {"log", "email", "2", "-m", "wrote again"});
    box.ok("2026-11-16T09:00", {"log", "call", "1", "-m", "second call"}); // 1 touched last

    SECTION("several open, in a script: exit 4 naming them, newest first, nothing written") {
        const std::string before = box.db_bytes();
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"show"}, std::vector<std::string>{"log", "call"},
              std::vector<std::string>{"close", "--abandoned"}}) {
            const auto r = box.at(now, args);
            CHECK(r.exit_code == 4);
            CHECK(r.out.empty());
            CHECK(r.err == "escalate: 2 open cases, say which: #1 Meterco (Billing), "
                           "#2 Parcelco (Lost parcel)\n");
        }
        CHECK(box.db_bytes() == before);
    }
    SECTION("several open, at a terminal: the one touched last, with a notice") {
        if (!std::filesystem::exists("/usr/bin/script")) {
            WARN("no script(1): the terminal case is not checked");
            return;
        }
        const auto r = box.run_shell("script -qec '\"$ESCALATE\" --no-pager --now " + now +
                                     " show' /dev/null");
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("escalate: 2 open cases; taking the one touched last, #1 "
                                   "Meterco (Billing) (name a case to choose another)"));
        CHECK_THAT(r.out, Contains("second call"));
    }
}

// escalate refuses control characters in what it is given, but another program may have
// written the log (sqlite3): an error that quotes an org shows them, as every table does.
TEST_CASE("an error quoting hostile text shows its control characters", "[cli][default-case]") {
    Sandbox box;
    box.ok("2026-11-10T09:00", {"open", "Evil Co"});
    box.ok("2026-11-10T09:00", {"open", "Other"});
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(box.db().c_str(), &db) == SQLITE_OK);
    const int rc = sqlite3_exec(
        db,
        "UPDATE orgs SET name = 'Evil' || char(27) || ']0;pwned' || char(7) || ' Co' WHERE id = 1",
        nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
    const auto r = box.at("2026-11-20T10:00", {"show"});
    CHECK(r.exit_code == 4);
    CHECK(r.err.find('\x1b') == std::string::npos);
    CHECK(r.err.find('\x07') == std::string::npos);
    CHECK_THAT(r.err, Contains("Evil\\x1b]0;pwned\\x07 Co"));
}
