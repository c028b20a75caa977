// export --all and import: the dump of SPEC section 7, and restoring it.
#include <fstream>

#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::read_file;
using escalate::test::Sandbox;

namespace {

// The dump without its header line (which carries the time it was made).
std::string body(const std::string& dump) {
    return dump.substr(dump.find('\n') + 1);
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

} // namespace

TEST_CASE("a dump restores into an empty log with every id", "[cli][dump]") {
    Sandbox from;
    REQUIRE(from.script(std::string(SCENARIO_DIR) + "/s5_broadband.sh").exit_code == 0);
    from.ok("2026-11-22T09:00", {"open", "Meterco", "--title", "Billing", "--tag", "a",
                                 "--incident", "2026-11-01", "--paid-by", "card"});
    from.ok("2026-11-22T09:10", {"log", "call", "2", "--private", "-m", "line one\nline two"});
    const std::string dump = from.ok("2026-11-22T10:00", {"export", "--all", "--format", "json"});
    CHECK(dump.starts_with("{\"format\":\"escalate-dump\",\"version\":1,\"exported_at\":"
                           "\"2026-11-22T10:00:00Z\"}\n"));
    CHECK_THAT(dump, Contains("\"incident_at\":\"2026-11-01T00:00:00Z\",\"paid_by\":\"card\""));
    const auto file = from.dir() / "dump.jsonl";
    write(file, dump);

    Sandbox to;
    const auto j = to.json("2026-11-22T11:00", {"import", file.string()});
    CHECK(j["imported"]["cases"] == 2);
    CHECK(j["imported"]["contacts"] == 6);
    CHECK(j["imported"]["promises"] == 3);
    CHECK(j["kept_ids"] == true);
    CHECK(body(to.ok("2026-11-22T10:00", {"export", "--all", "--format", "json"})) == body(dump));
    CHECK(to.json("2026-11-22T10:00", {"show", "1"}) ==
          from.json("2026-11-22T10:00", {"show", "1"}));

    SECTION("into a log with cases: new ids, and a case already there is skipped") {
        Sandbox other;
        other.ok("2026-11-01T09:00", {"open", "Parcelco"});
        other.ok("2026-11-02T09:00", {"open", "broadbandco", "--title", "Router died"});
        const auto out = other.ok("2026-11-22T11:00", {"import", file.string()});
        CHECK_THAT(out, Contains("with new ids"));
        CHECK_THAT(out, Contains("Skipped #1 Broadbandco (Router died): already in the log"));
        const auto list = other.json("2026-11-22T11:00", {"list", "--all"})["cases"];
        CHECK(list.size() == 3);
        CHECK(list[2]["org"] == "Meterco");
        CHECK(list[2]["id"] == 3);
    }
}

TEST_CASE("a bad dump is refused whole, naming its line", "[cli][dump]") {
    Sandbox box;
    box.ok("2026-11-22T09:00", {"open", "Meterco"});
    const std::string before = box.db_bytes();
    const auto file = box.dir() / "bad.jsonl";
    const std::string header = "{\"format\":\"escalate-dump\",\"version\":1,\"exported_at\":"
                               "\"2026-11-22T10:00:00Z\"}\n";
    const std::string good_case =
        "{\"case\":{\"id\":7,\"org\":\"Parcelco\",\"title\":\"t\",\"status\":\"open\","
        "\"opened_at\":\"2026-11-01T09:00:00Z\",\"contacts\":[],\"promises\":[]}}\n";
    const std::vector<std::pair<std::string, std::string>> bad{
        {header + good_case + "not json\n", "line 3: not valid JSON"},
        {"{\"format\":\"escalate-dump\",\"version\":2}\n" + good_case,
         "line 1: the dump is version 2, newer than this escalate reads (1)"},
        {good_case, "line 1: the first line must be the dump's header"},
        {header + "{\"case\":{\"id\":1,\"org\":\"X\",\"status\":\"lost\",\"opened_at\":"
                  "\"2026-11-01T09:00:00Z\"}}\n",
         "line 2: case.status must be open, resolved or abandoned"},
        {header + "{\"case\":{\"id\":1,\"org\":\"X\",\"status\":\"open\",\"opened_at\":"
                  "\"yesterday\"}}\n",
         "line 2: case.opened_at must be an RFC 3339 time"},
        {header + good_case + "{\"org\":{\"name\":\"bad \\u0000 name\"}}\n",
         "line 3: org.name holds a control character"},
        {"", "is empty, not an escalate dump"},
        // Found by fuzzing: a number too large for JSON's reader.
        {header + "{\"case\":{\"id\":1097860931e00931}}\n", "line 2: not readable JSON"},
    };
    for (const auto& [text, message] : bad) {
        write(file, text);
        const auto r = box.at("2026-11-22T11:00", {"import", file.string()});
        INFO(text);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains(message));
        CHECK(box.db_bytes() == before);
    }
    CHECK(box.at("2026-11-22T11:00", {"import", (box.dir() / "missing").string()}).exit_code == 3);
    CHECK(box.at("2026-11-22T11:00", {"export", "--all", "--format", "md"}).exit_code == 2);
}
