// Input rules: a note from standard input is read only to its limit, a policy is refused
// before a deep tree is built, channel names are not case-sensitive, local times that do not
// exist are refused, and TZ must name a zone. Each refusal is one line, its exit code, and
// nothing written.
#include <algorithm>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "checks.hpp"
#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::check_one_line_error;
using escalate::test::ProcessResult;
using escalate::test::Sandbox;

namespace {

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

} // namespace

TEST_CASE("a note from /dev/zero is refused at the limit, in bounded memory",
          "[reliability][input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const std::string before = box.db_bytes();
    const auto peak_file = box.dir() / "peak";
    // /usr/bin/time -f %M: the peak resident set of escalate, in KiB.
    const auto r = box.run_shell("/usr/bin/time -f %M -o '" + peak_file.string() +
                                 "' \"$ESCALATE\" --now 2026-11-20T10:00 log call 1 -m - "
                                 "< /dev/zero");
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("the note on standard input is longer than the limit of 1048576 "
                               "bytes"));
    CHECK(box.db_bytes() == before);
    // time(1) may write "Command exited with non-zero status 2" first: the figure is last.
    std::string report = escalate::test::read_file(peak_file);
    while (!report.empty() && report.back() == '\n') {
        report.pop_back();
    }
    const long peak_kib = std::stol(report.substr(report.find_last_of('\n') + 1));
#if defined(__SANITIZE_ADDRESS__)
    const long limit_kib = 256 * 1024; // AddressSanitizer's shadow memory and quarantine
#else
    const long limit_kib = 64 * 1024;
#endif
    WARN("peak memory reading -m - from /dev/zero: " << peak_kib << " KiB");
    CHECK(peak_kib < limit_kib);

    // Exactly the limit is a note; one byte more is not.
    const std::string at_limit(1024 * 1024, 'n');
    CHECK(box.at("2026-11-20T10:00", {"log", "call", "1", "-m", "-"}, at_limit).exit_code == 0);
    check_one_line_error(
        box.at("2026-11-20T10:00", {"log", "call", "1", "-m", "-"}, at_limit + "n"), 2);
}

TEST_CASE("a policy nested 100,000 deep is refused without a crash", "[reliability][input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const std::string before = box.db_bytes();
    const auto deep = box.dir() / "deep.json";
    write(deep, "{\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}");
    const auto big = box.dir() / "big.json";
    write(big, "{\"sectors\": [\"" + std::string(2 * 1024 * 1024, 'a') + "\"]}");

    for (const auto& file : {deep, big}) {
        const auto check = box.at("2026-11-20T10:00", {"policy", "check", file.string()});
        check_one_line_error(check, 2);
        const auto used = box.at("2026-11-20T10:00", {"--policy", file.string(), "next"});
        check_one_line_error(used, 2);
        const auto logged = box.at("2026-11-20T10:00", {"--policy", file.string(), "log", "call"});
        check_one_line_error(logged, 2);
        if (file == deep) {
            CHECK_THAT(check.err, Contains("deeper than the limit of 64 levels"));
        } else {
            CHECK_THAT(check.err, Contains("larger than the limit of 1048576 bytes"));
        }
    }
    // A string full of brackets is not nesting.
    const auto brackets = box.dir() / "brackets.json";
    write(brackets, "{\"reply_clock\": {\"label\": \"" + std::string(1000, '[') + "\\\"{\"}}");
    CHECK(box.at("2026-11-20T10:00", {"policy", "check", brackets.string()}).exit_code == 0);
    CHECK(box.db_bytes() == before);
}

TEST_CASE("channel names are not case-sensitive: what policy check accepts works everywhere",
          "[reliability][input]") {
    Sandbox box;
    const auto policy = box.dir() / "policy.json";
    write(policy, R"({"channels": {"WhatsApp": {"tier": 1, "sync": false, "written": true,
                                              "directory": "chat"},
                                   "Email": {"tier": 2}},
                      "aliases": {"WA": "WHATSAPP"}})");
    const auto check = box.at("2026-11-20T09:00", {"policy", "check", policy.string()});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);

    const std::string p = policy.string();
    box.ok("2026-11-20T09:00", {"--policy", p, "open", "Meterco"});
    box.ok("2026-11-20T09:10", {"--policy", p, "log", "WhatsApp", "1"});
    box.ok("2026-11-20T09:20", {"--policy", p, "log", "WHATSAPP", "1", "--outcome", "refused"});
    box.ok("2026-11-20T09:30", {"--policy", p, "log", "wa", "1"});
    box.ok("2026-11-20T09:40", {"--policy", p, "log", "EMAIL", "1"});
    box.ok("2026-11-20T09:50", {"--policy", p, "org", "Meterco", "--no", "WhatsApp"});
    box.ok("2026-11-20T10:00", {"--policy", p, "next"});
    box.ok("2026-11-20T10:00", {"--policy", p, "draft", "1", "--channel", "Email"});
    const auto shown = box.json("2026-11-20T10:00", {"--policy", p, "show", "1"});
    for (const auto& c : shown["contacts"]) {
        CHECK((c["channel"] == "whatsapp" || c["channel"] == "email"));
    }
    CHECK(box.json("2026-11-20T10:00", {"--policy", p, "org", "Meterco"})["unavailable"] ==
          nlohmann::json{"whatsapp"});

    // What breaks use is reported by check: two names that fold to one, a name that is not one.
    const auto clash = box.dir() / "clash.json";
    write(clash, R"({"channels": {"WhatsApp": {"tier": 1}, "whatsapp": {"tier": 1}}})");
    const auto bad = box.dir() / "bad.json";
    write(bad, R"({"channels": {"What's App": {"tier": 1}}})");
    for (const auto& file : {clash, bad}) {
        const auto r = box.at("2026-11-20T10:00", {"policy", "check", file.string()});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.out, Contains("/channels/"));
        check_one_line_error(box.at("2026-11-20T10:00", {"--policy", file.string(), "next"}), 2);
    }
    CHECK_THAT(box.at("2026-11-20T10:00", {"policy", "check", clash.string()}).out,
               Contains("not case-sensitive"));
}

TEST_CASE("a local time in a DST gap is refused, and a repeated one is the earlier",
          "[reliability][input]") {
    Sandbox box; // Europe/London
    box.ok("2026-03-28T09:00", {"open", "Meterco"});
    const std::string before = box.db_bytes();
    for (const char* at : {"2026-03-29 01:30", "2026-03-29T01:00", "sun 01:59"}) {
        const auto r = box.at("2026-03-29T12:00", {"log", "call", "1", "--at", at});
        check_one_line_error(r, 2);
        CHECK_THAT(r.err, Contains("does not exist in Europe/London: the clocks went from 01:00 "
                                   "to 02:00\n"));
    }
    check_one_line_error(box.at("2026-03-29 01:30", {"list"}), 2);
    CHECK(box.db_bytes() == before);
    // A day and the times either side of the gap still work.
    CHECK(box.at("2026-03-29T12:00", {"log", "call", "1", "--at", "2026-03-29 00:59"}).exit_code ==
          0);
    CHECK(box.at("2026-03-29T12:00", {"log", "call", "1", "--at", "2026-03-29 02:00"}).exit_code ==
          0);
    CHECK(box.at("2026-03-29T12:00", {"log", "call", "1", "--at", "2026-03-29"}).exit_code == 0);

    // 2026-10-25 01:30 happens twice in London: the first, in summer time (00:30 UTC).
    box.ok("2026-10-25T12:00", {"log", "email", "1", "--at", "2026-10-25 01:30"});
    const auto j = box.json("2026-10-25T12:00", {"show", "1"});
    CHECK(j["contacts"].back()["at"] == "2026-10-25T00:30:00Z");
}

TEST_CASE("TZ must name a time zone", "[reliability][input]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const std::string before = box.db_bytes();
    for (const char* tz :
         {"garbage", "Europe/Nowhere", "<+03", "zone.tab", ":nowhere", "EST5EDT,M3"}) {
        box.set_env("TZ", tz);
        const auto r = box.at("2026-11-20T10:00", {"log", "call", "1"});
        INFO("TZ=" << tz);
        check_one_line_error(r, 2);
        CHECK_THAT(r.err, Contains(std::string("TZ \"") + tz +
                                   "\" is not a time zone: use a name "
                                   "such as Europe/London, or unset TZ"));
    }
    CHECK(box.db_bytes() == before);
    for (const char* tz : {"UTC", "GMT", "EST5EDT", "<+03>-3", "CET-1CEST,M3.5.0,M10.5.0/3",
                           ":Europe/Paris", "America/New_York", ""}) {
        box.set_env("TZ", tz);
        INFO("TZ=" << tz);
        CHECK(box.at("2026-11-20T10:00", {"list"}).exit_code == 0);
    }
}
