// Bad input of every kind, on every command and flag that takes text, times, durations or
// ids: no crash, the right exit code, one line on stderr, and nothing written on rejection.
// What is accepted is stored verbatim.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

namespace {

struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string input;
};

const std::string invalid_utf8 = "caf\xC3(";
const std::string too_long(100 * 1024, 'x'); // argv holds at most 128 KiB per argument
const std::string sql = "'; DROP TABLE contacts; -- \" OR 1=1";
const std::string format = "%s %n %x {} {0} {:>999999999} %%";

} // namespace

TEST_CASE("bad input: the right exit code, and nothing written on rejection",
          "[reliability][bad-input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-20T09:30", {"log", "call", "1", "--promise", "refund", "--due", "fri"});

    std::vector<Case> cases;
    const std::vector<std::vector<std::string>> text_flags{{"open", "X", "--title"},
                                                           {"open", "X", "--want"},
                                                           {"open", "X", "--tag"},
                                                           {"log", "call", "1", "--agent"},
                                                           {"log", "call", "1", "--ref"},
                                                           {"log", "call", "1", "-m"},
                                                           {"org", "Meterco", "--phone"},
                                                           {"org", "Meterco", "--email"},
                                                           {"org", "Meterco", "--social"},
                                                           {"org", "Meterco", "--exec"},
                                                           {"edit", "1", "--agent"},
                                                           {"edit", "1", "-m"},
                                                           {"close", "1", "--resolved", "-m"}};
    for (const auto& flag : text_flags) {
        for (const auto& [value, code] :
             std::vector<std::pair<std::string, int>>{{invalid_utf8, 2},
                                                      {too_long, 2},
                                                      {std::string("tab\x01"
                                                                   "ctl"),
                                                       2}}) {
            if (flag.back() == "-m" && value == too_long) {
                continue; // notes may be long: the 10 MB note on standard input tests the limit
            }
            auto args = flag;
            args.push_back(value);
            cases.push_back({args, code, ""});
        }
    }
    for (const auto& name : {invalid_utf8, too_long, std::string(""), std::string("   ")}) {
        cases.push_back({{"open", name}, 2, ""});
    }
    const std::vector<std::vector<std::string>> time_flags{
        {"log", "call", "1", "--at"},
        {"log", "call", "1", "--promise", "x", "--due"},
        {"open", "X", "--at"},
        {"open", "X", "--incident"},
        {"close", "1", "--resolved", "--at"},
        {"--now"}};
    for (const auto& flag : time_flags) {
        for (const char* value :
             {"", "1800-01-01", "3000-01-01", "0000-00-00", "2026-02-29", "2026-11-20T24:00",
              "in 999999999 days", "yesterday 99:99", "\xC3(", "%s", "'; DROP TABLE cases; --"}) {
            auto args = flag;
            args.emplace_back(value);
            if (args.front() == "--now") {
                args.emplace_back("list");
            }
            cases.push_back({args, 2, ""});
        }
    }
    for (const char* flag : {"--duration", "--hold"}) {
        for (const char* value : {"", "10", "-5m", "99999999999999h", "1e9h", "200h", "0:99",
                                  "1:5:00", "5 parsecs", "NaNh", "%d"}) {
            cases.push_back({{"log", "call", "1", flag, value}, 2, ""});
        }
    }
    for (const char* value : {"", "refuse d", "%s", "resolved; DROP TABLE"}) {
        cases.push_back({{"log", "call", "1", "--outcome", value}, 2, ""});
    }
    for (const char* value : {"", "fax", "%s", "call;"}) {
        cases.push_back({{"log", value, "1"}, 2, ""});
    }
    for (const auto& [id, code] : std::vector<std::pair<std::string, int>>{
             {"-1", 2}, {"99999999999999999999", 2}, {"#", 2}, {"1.5", 2}, {"0", 3}, {"42", 3}}) {
        cases.push_back({{"edit", id, "--outcome", "info"}, code, ""});
        cases.push_back({{"promise", "kept", id}, code, ""});
    }
    for (const auto& [ref, code] : std::vector<std::pair<std::string, int>>{
             {"", 2}, {"#99", 3}, {"%", 3}, {"_", 3}, {sql, 3}, {invalid_utf8, 3}}) {
        cases.push_back({{"show", ref}, code, ""});
        cases.push_back({{"log", "call", ref}, code, ""});
    }
    // Standard input: a 10 MB note, a NUL byte, invalid UTF-8.
    cases.push_back({{"log", "call", "1", "-m", "-"}, 2, std::string(10 * 1024 * 1024, 'n')});
    cases.push_back({{"log", "call", "1", "-m", "-"}, 2, std::string("before\0after", 12)});
    cases.push_back({{"log", "call", "1", "-m", "-"}, 2, invalid_utf8});
    cases.push_back({{"export", "1", "--format", "%s"}, 2, ""});
    for (const char* limit : {"-1", "0", "39", "99999999999999999999", "x"}) {
        cases.push_back({{"export", "1", "--format", "thread", "--limit", limit}, 2, ""});
    }
    cases.push_back({{"list", "--status", "'; --"}, 2, ""});
    cases.push_back({{"org", "Meterco", "--no", "%n"}, 2, ""});
    cases.push_back({{"--color", "%s", "list"}, 2, ""});

    for (const auto& c : cases) {
        const std::string before = box.db_bytes();
        const auto r = box.at("2026-11-20T10:00", c.args, c.input);
        std::string shown = Catch::rangeToString(c.args);
        if (shown.size() > 200) {
            shown = shown.substr(0, 200) + "...";
        }
        INFO("escalate " << shown << " -> " << r.exit_code << " " << r.err.substr(0, 300));
        CHECK(r.exit_code == c.exit_code);
        CHECK_THAT(r.err, Catch::StartsWith("escalate: "));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(box.db_bytes() == before);
    }
    WARN(cases.size() << " bad inputs tried");
}

TEST_CASE("SQL and format-string characters are stored verbatim in every text field",
          "[reliability][bad-input]") {
    Sandbox box;
    for (const auto& text : {sql, format}) {
        box.ok("2026-11-20T09:00", {"open", text, "--title", text, "--want", text, "--tag", text});
        box.ok("2026-11-20T09:00",
               {"org", text, "--phone", text, "--social", text, "--exec", text});
        box.ok("2026-11-20T09:30",
               {"log", "call", "#" + std::to_string(text == sql ? 1 : 2), "--agent", text, "--ref",
                text, "-m", text, "--promise", text, "--due", "fri"});
    }
    for (int id : {1, 2}) {
        const std::string text = id == 1 ? sql : format;
        const auto j = box.json("2026-11-20T10:00", {"show", std::to_string(id)});
        CHECK(j["org"] == text);
        CHECK(j["title"] == text);
        CHECK(j["want"] == text);
        CHECK(j["tags"][0] == text);
        CHECK(j["contacts"][0]["agent"] == text);
        CHECK(j["contacts"][0]["ref"] == text);
        CHECK(j["contacts"][0]["note"] == text);
        CHECK(j["promises"][0]["text"] == text);
        const auto org = box.json("2026-11-20T10:00", {"org", text});
        CHECK(org["phone"] == text);
        CHECK(org["exec"] == text);
        for (const char* f : {"md", "txt", "thread", "html", "csv", "ics", "json"}) {
            CHECK(box.at("2026-11-20T10:00", {"export", std::to_string(id), "--format", f})
                      .exit_code == 0);
        }
        CHECK(box.at("2026-11-20T10:00", {"draft", std::to_string(id), "--channel", "exec"})
                  .exit_code == 0);
    }
    CHECK(box.json("2026-11-20T10:00", {"list"})["cases"].size() == 2);
}
