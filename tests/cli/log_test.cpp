// log and edit: one short line right after hanging up, and fixing it afterwards.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

TEST_CASE("log records a contact in one short line", "[cli][log]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "UPS", "--title", "Lost parcel"});

    SECTION("the whole command after hanging up") {
        const auto out = box.ok("2026-11-20T10:00",
                                {"log", "call", "ups", "--hold", "10m", "--outcome", "hung-up"});
        CHECK(out.starts_with(
            "Logged the 1st call to UPS (case #1, contact 1): 10 min on hold, cut off\n"
            "Next: "));
        CHECK(std::count(out.begin(), out.end(), '\n') == 2);
        const auto j = box.json("2026-11-20T10:00", {"show", "1"});
        CHECK(j["contacts"][0]["hold_s"] == 600);
        CHECK(j["contacts"][0]["outcome"] == "hung-up");
        CHECK(j["contacts"][0]["at"] == "2026-11-20T10:00:00Z");
    }
    SECTION("outcomes in words, and no hold when there was none") {
        CHECK_THAT(box.ok("2026-11-20T10:00", {"log", "email", "--in", "--outcome", "stock-reply"}),
                   Contains("(case #1, contact 1): a stock reply\n"));
        CHECK_THAT(box.ok("2026-11-20T10:05", {"log", "call", "--hold", "0s", "--duration", "5m",
                                               "--outcome", "no-answer"}),
                   Contains("(case #1, contact 2): 5 min talk, no answer\n"));
        const auto show = box.ok("2026-11-20T10:10", {"show", "1"});
        CHECK_THAT(show, Contains("5 min on the phone\n"));
        CHECK_THAT(show, !Contains("on hold"));
        CHECK_THAT(show, !Contains("stock-reply"));
        CHECK_THAT(show, !Contains("no-answer"));
    }
    SECTION("the case may be left out when only one is open, and counted per channel") {
        box.ok("2026-11-20T10:00", {"log", "call"});
        box.ok("2026-11-20T10:05", {"log", "chat"});
        CHECK_THAT(box.ok("2026-11-20T10:10", {"log", "call"}), Contains("2nd call to UPS"));
        CHECK_THAT(box.ok("2026-11-20T10:10", {"log", "call", "--in"}),
                   Contains("1st call from UPS"));
    }
    SECTION("global options go before or after the subcommand") {
        const auto r = box.run({"log", "call", "--now", "2026-11-20T11:00", "-q"});
        CHECK(r.exit_code == 0);
        CHECK(r.out == "1\n");
    }
    SECTION("ESCALATE_NOW pins the clock like --now") {
        box.set_env("ESCALATE_NOW", "2026-11-20T12:34");
        CHECK(box.run({"log", "call"}).exit_code == 0);
        CHECK(box.json("2026-11-21", {"show", "1"})["contacts"][0]["at"] == "2026-11-20T12:34:00Z");
    }
    SECTION("--at back-fills and --due is read relative to the contact") {
        box.ok("2026-11-20T18:00", {"log", "call", "--at", "today 9:30", "--duration", "1:05:00",
                                    "--promise", "a callback", "--due", "in 2d"});
        const auto j = box.json("2026-11-20T18:00", {"show", "1"});
        CHECK(j["contacts"][0]["at"] == "2026-11-20T09:30:00Z");
        CHECK(j["contacts"][0]["duration_s"] == 3900);
        CHECK(j["contacts"][0]["outcome"] == "promised");
        CHECK(j["promises"][0]["due"] == "2026-11-22T09:30:00Z");
    }
    SECTION("--at and --due as people say them") {
        // 2026-11-20 is a Friday: fri is today for --at, next mon is three days on.
        box.ok("2026-11-20T18:00", {"log", "call", "--at", "Fri 9:30am", "--promise", "a callback",
                                    "--due", "next mon noon"});
        const auto j = box.json("2026-11-20T18:00", {"show", "1"});
        CHECK(j["contacts"][0]["at"] == "2026-11-20T09:30:00Z");
        CHECK(j["promises"][0]["due"] == "2026-11-23T12:00:00Z");
    }
    SECTION("as JSON: contact, promise, attempt and next") {
        const auto j = box.json("2026-11-20T10:00", {"log", "call", "--agent", "Dana", "--promise",
                                                     "refund", "--due", "2026-11-27"});
        CHECK(j["contact"]["id"] == 1);
        CHECK(j["contact"]["agent"] == "Dana");
        CHECK(j["contact"]["promise_id"] == 1);
        CHECK(j["promise"]["text"] == "refund");
        CHECK(j["promise"]["status"] == "pending");
        CHECK(j["promise"]["contact_id"] == 1);
        CHECK(j["attempt"] == nlohmann::json{{"channel", "call"}, {"n", 1}});
        CHECK(j.contains("next"));
    }
    SECTION("aliases name their channel") {
        const auto j = box.json("2026-11-20T10:00", {"log", "tweet"});
        CHECK(j["contact"]["channel"] == "social");
        CHECK(j["contact"]["tier"] == 3);
        CHECK(j["contact"]["awaiting_reply"] == true);
    }
}

TEST_CASE("numeric dates are read in the order the setting or the locale says", "[cli][log]") {
    Sandbox box("America/New_York");
    box.ok("2026-11-20T09:00", {"open", "UPS"});
    const std::vector<std::string> log{"log", "call", "--at", "11/20/2026 10am"};
    SECTION("day first in the C locale, refused with a pointer to the setting") {
        const auto r = box.at("2026-11-20T18:00", log);
        CHECK(r.exit_code == 2);
        CHECK(r.err == "escalate: --at \"11/20/2026 10am\": 11/20/2026 is not a date: numeric "
                       "dates are day first here (see ESCALATE_DATE_ORDER)\n");
    }
    SECTION("month first when ESCALATE_DATE_ORDER says so, or the locale is American") {
        SECTION("the setting") {
            box.set_env("ESCALATE_DATE_ORDER", "mdy");
        }
        SECTION("the locale") {
            box.set_env("LC_ALL", "en_US.UTF-8");
        }
        box.ok("2026-11-20T18:00", log);
        CHECK(box.json("2026-11-20T18:00", {"show", "1"})["contacts"][0]["at"] ==
              "2026-11-20T15:00:00Z");
    }
    SECTION("a setting that is neither order") {
        box.set_env("ESCALATE_DATE_ORDER", "ymd");
        const auto r = box.at("2026-11-20T18:00", log);
        CHECK(r.exit_code == 2);
        CHECK(r.err == "escalate: ESCALATE_DATE_ORDER is \"ymd\": give dmy (20/11/2026) or mdy "
                       "(11/20/2026)\n");
    }
}

TEST_CASE("notes round-trip exactly", "[cli][log]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "O'Brien & Sons; DROP TABLE orgs;--"});
    const std::string note = "She said \"no\" -- then 'maybe'.\nLine two; DROP TABLE contacts;--\n"
                             "Emoji: \xF0\x9F\x98\xA4 caf\xC3\xA9 100% {} %s \\n";
    SECTION("from the command line") {
        box.ok("2026-11-20T10:00", {"log", "chat", "-m", note});
    }
    SECTION("from standard input with -m -") {
        box.ok("2026-11-20T10:00", {"log", "chat", "-m", "-"}, note + "\n");
    }
    const auto j = box.json("2026-11-20T10:00", {"show", "1"});
    CHECK(j["org"] == "O'Brien & Sons; DROP TABLE orgs;--");
    CHECK(j["contacts"][0]["note"] == note);
    CHECK_THAT(box.ok("2026-11-20T10:00", {"show", "1"}), Contains("Emoji: \xF0\x9F\x98\xA4"));
}

TEST_CASE("a pasted note's CRLF and CR become LF, and one-line fields refuse what would garble",
          "[cli][log][text]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00", {"log", "email", "-m", "Dear customer,\r\nwe will NOT refund\rBye"});
    const auto j = box.json("2026-11-20T10:00", {"show", "1"});
    CHECK(j["contacts"][0]["note"] == "Dear customer,\nwe will NOT refund\nBye");
    const std::vector<std::pair<std::vector<std::string>, std::string>> refused{
        {{"log", "call", "--agent", "Kim\rrefund approved"}, "--agent holds a carriage return"},
        {{"log", "call", "--ref", "A\tB"}, "--ref holds a tab"},
        {{"open", "X", "--title",
          "Bill \xE2\x80\xAE"
          "dnuf"},
         "--title holds a bidirectional control"},
        {{"log", "call", "--promise",
          "x\xC2\x9B"
          "2J",
          "--due", "fri"},
         "holds a control character"},
    };
    for (const auto& [args, message] : refused) {
        const auto r = box.at("2026-11-20T11:00", args);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains(message));
    }
    CHECK(box.json("2026-11-20T11:00", {"show", "1"})["contacts"].size() == 1);
}

TEST_CASE("edit changes only the flags given", "[cli][edit]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00", {"log", "call", "--hold", "10m", "--agent", "Dana", "-m", "x"});

    const auto out = box.ok("2026-11-20T11:00", {"edit", "1", "--outcome", "refused", "--note", "",
                                                 "--channel", "chat"});
    CHECK(out == "Edited contact 1, the 1st chat to Meterco (case #1): 10 min on hold, refused, "
                 "agent Dana\n");
    auto j = box.json("2026-11-20T11:00", {"show", "1"});
    CHECK(j["contacts"][0]["channel"] == "chat");
    CHECK(j["contacts"][0]["hold_s"] == 600);
    CHECK(j["contacts"][0]["note"].is_null());

    SECTION("a promise can be added, then moved") {
        CHECK(box.at("2026-11-20T11:00", {"edit", "1", "--due", "fri"}).exit_code == 2);
        box.ok("2026-11-20T11:00", {"edit", "1", "--promise", "refund", "--due", "2026-11-25"});
        const auto e = box.json("2026-11-20T11:00", {"edit", "1", "--due", "2026-11-30"});
        CHECK(e["promise"]["text"] == "refund");
        CHECK(e["promise"]["due"] == "2026-11-30T23:59:59Z");
    }
    SECTION("a missing contact is exit 3") {
        const auto r = box.at("2026-11-20T11:00", {"edit", "99", "--outcome", "info"});
        CHECK(r.exit_code == 3);
        CHECK(r.err == "escalate: no contact 99 (escalate show CASE lists them)\n");
    }
}

// -e/--edit: the note written in the person's editor, as git commit does. The "editor" here is
// a script that records the file it was given and then writes the note.
TEST_CASE("log and edit -e write the note in $VISUAL or $EDITOR and nothing when it fails",
          "[cli][log][edit]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const auto tmp = box.dir() / "tmp";
    std::filesystem::create_directories(tmp);
    box.set_env("TMPDIR", tmp.string());
    const auto script = [&](const std::string& name, const std::string& body) {
        const auto path = box.dir() / name;
        std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        return path.string();
    };
    // Keeps a copy of what it was shown, then writes two lines, a comment and blank lines.
    const std::string writer =
        script("writer", "cp \"$1\" \"$1.seen\"; ls -l \"$1\" | cut -c1-10 > \"$1.mode\"\n"
                         "printf '\\nCalled about the bill.\\nThey said: wait.\\n# left out\\n\\n' "
                         "> \"$1\"");

    SECTION("log: the note comes from $VISUAL, before $EDITOR") {
        box.set_env("VISUAL", writer);
        box.set_env("EDITOR", "false");
        box.ok("2026-11-20T10:00", {"log", "call", "-e"});
        CHECK(box.json("2026-11-20T10:00", {"show", "1"})["contacts"][0]["note"] ==
              "Called about the bill.\nThey said: wait.");
        // The file was private, explained itself, and is gone.
        std::string seen, mode;
        for (const auto& entry : std::filesystem::directory_iterator(tmp)) {
            const std::string name = entry.path().filename().string();
            if (name.ends_with(".seen")) {
                seen = escalate::test::read_file(entry.path());
            } else if (name.ends_with(".mode")) {
                mode = escalate::test::read_file(entry.path());
            } else {
                FAIL("left behind: " << name);
            }
        }
        CHECK_THAT(seen, Contains("# Write the note for the call to log."));
        CHECK(mode == "-rw-------\n");
    }
    SECTION("edit: the editor starts from the note as it is") {
        box.ok("2026-11-20T10:00", {"log", "call", "-m", "first words"});
        box.set_env("EDITOR", script("append", "sed -i 's/^first words$/first words, and more/' "
                                               "\"$1\""));
        const auto out = box.ok("2026-11-20T10:05", {"edit", "1", "--edit"});
        CHECK_THAT(out, Contains("Edited contact 1"));
        CHECK(box.json("2026-11-20T10:05", {"show", "1"})["contacts"][0]["note"] ==
              "first words, and more");
    }
    SECTION("an editor that fails, or an empty note, writes nothing") {
        const std::string before = box.db_bytes();
        box.set_env("EDITOR", "false");
        const auto failed = box.at("2026-11-20T10:00", {"log", "call", "-e"});
        CHECK(failed.exit_code == 1);
        CHECK(failed.err == "escalate: the editor \"false\" exited with 1: nothing was written\n");
        box.set_env("EDITOR", "true"); // leaves only the help lines
        const auto empty = box.at("2026-11-20T10:00", {"log", "call", "-e"});
        CHECK(empty.exit_code == 2);
        CHECK(empty.err ==
              "escalate: the note is empty: nothing was written (leave out -e to write no note)\n");
        CHECK(box.at("2026-11-20T10:00", {"log", "call", "-e", "-m", "x"}).exit_code == 2);
        CHECK(box.db_bytes() == before);
        CHECK(std::filesystem::is_empty(tmp));
    }
}
