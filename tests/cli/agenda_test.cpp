// The agenda (`next` without a case): the cases needing action now and a count of the rest;
// `--all` and `--json` over every open case, written as the rows are read.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "sandbox.hpp"

using Catch::Contains;
using Catch::EndsWith;
using Catch::StartsWith;
using escalate::test::Sandbox;
using Json = nlohmann::ordered_json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = text.find('\n', at);
        out.push_back(text.substr(at, end - at));
        at = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
}

// Three cases on 2 Nov 2026: #1 waits for an email's reply until Wed 4 Nov 09:10, #2 can call
// again now, #3 was told the problem is resolved and only needs closing.
void open_three(Sandbox& box) {
    box.ok("2026-11-02T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-02T09:00", {"open", "Parcelco", "--title", "Parcel"});
    box.ok("2026-11-02T09:00", {"open", "Phoneco", "--title", "Roaming"});
    box.ok("2026-11-02T09:10", {"log", "email", "meterco"});
    box.ok("2026-11-02T09:20", {"log", "call", "parcel", "--outcome", "hung-up"});
    box.ok("2026-11-02T09:30", {"log", "call", "phoneco", "--in", "--outcome", "resolved"});
}

// A dump of n cases opened on 1 Nov 2026 with no contact yet (each one to act on now), and
// `waiting` more with an email sent on 19 Nov (each waiting for the reply).
std::string dump_of(int n, int waiting) {
    std::string out =
        Json{{"format", "escalate-dump"}, {"version", 1}, {"exported_at", "2026-11-20T09:00:00Z"}}
            .dump() +
        "\n";
    out += Json{{"org",
                 {{"name", "Bigco"},
                  {"phone", nullptr},
                  {"email", "help@bigco.example"},
                  {"chat", nullptr},
                  {"social", Json::array()},
                  {"exec", nullptr},
                  {"regulator", nullptr},
                  {"unavailable", Json::array()},
                  {"requires", nullptr}}}}
               .dump() +
           "\n";
    for (int id = 1; id <= n + waiting; ++id) {
        Json contacts = Json::array();
        if (id > n) {
            contacts.push_back({{"id", id},
                                {"case_id", id},
                                {"channel", "email"},
                                {"direction", "out"},
                                {"at", "2026-11-19T09:00:00Z"},
                                {"duration_s", nullptr},
                                {"hold_s", nullptr},
                                {"agent", nullptr},
                                {"ref", nullptr},
                                {"outcome", nullptr},
                                {"note", nullptr},
                                {"private", false},
                                {"promise_id", nullptr}});
        }
        out += Json{{"case",
                     {{"id", id},
                      {"org", "Bigco"},
                      {"title", "case " + std::to_string(id)},
                      {"want", nullptr},
                      {"status", "open"},
                      {"opened_at", "2026-11-01T09:00:00Z"},
                      {"closed_at", nullptr},
                      {"resolution", nullptr},
                      {"tags", Json::array()},
                      {"country", "GB"},
                      {"sector", "other"},
                      {"amount", nullptr},
                      {"currency", nullptr},
                      {"order_ref", nullptr},
                      {"incident_at", nullptr},
                      {"paid_by", nullptr},
                      {"contacts", contacts},
                      {"promises", Json::array()}}}}
                   .dump() +
               "\n";
    }
    out +=
        Json{{"end", {{"orgs", 1}, {"cases", n + waiting}, {"contacts", waiting}, {"promises", 0}}}}
            .dump() +
        "\n";
    return out;
}

void import_cases(Sandbox& box, int n, int waiting) {
    const auto file = box.dir() / "dump.jsonl";
    std::ofstream(file) << dump_of(n, waiting);
    box.ok("2026-11-20T09:00", {"import", file.string()});
}

// The document as print_json() writes it: two-space indents, invalid UTF-8 replaced.
std::string as_one_document(const std::string& text) {
    return Json::parse(text).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// A read-only copy of the log whose rows are out of date: the agenda is computed in full.
std::string read_only_copy(Sandbox& box, const std::string& now) {
    const std::string copy = (box.dir() / "copy.db").string();
    box.ok(now, {"backup", copy});
    std::filesystem::permissions(copy, std::filesystem::perms::owner_read);
    return copy;
}

} // namespace

TEST_CASE("the agenda shows the cases needing action now and counts the rest", "[cli][next]") {
    Sandbox box;
    open_three(box);
    const auto text = box.ok("2026-11-02T12:00", {"next"});
    INFO(text);
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 4);
    CHECK_THAT(lines[0], StartsWith("CASE"));
    CHECK_THAT(lines[1], StartsWith("#2    Parcelco  now   Email")); // to act on now
    CHECK_THAT(lines[2], StartsWith("#3    Phoneco   now   Close")); // to close
    CHECK(lines[3] == "and 1 waiting: escalate next --all");         // #1
    CHECK_THAT(text, !Contains("Meterco"));

    SECTION("--all lists every open case, the waiting one between") {
        const auto all = lines_of(box.ok("2026-11-02T12:00", {"next", "--all"}));
        REQUIRE(all.size() == 4);
        CHECK_THAT(all[1], StartsWith("#2    Parcelco  now "));
        CHECK_THAT(all[2], StartsWith("#1    Meterco   until Wed 4 Nov 2026 09:10  Wait"));
        CHECK_THAT(all[3], StartsWith("#3    Phoneco   now "));
        // The columns line up as the held table's did: NEXT starts where the widest WHEN ends.
        const auto next_at = all[0].find("NEXT");
        CHECK(all[1].find("Email") == next_at);
        CHECK(all[2].find("Wait") == next_at);
        CHECK(all[3].find("Close") == next_at);
    }
    SECTION("with nothing to act on, one line says when the next wait ends") {
        box.ok("2026-11-02T12:00", {"close", "2", "--abandoned"});
        box.ok("2026-11-02T12:00", {"close", "3", "--resolved"});
        const auto only = box.ok("2026-11-02T12:00", {"next"});
        CHECK_THAT(only, StartsWith("Nothing to act on now. Next: #1 Meterco: Wait until Wed 4 "
                                    "Nov 2026 09:10 for Meterco's reply"));
        CHECK_THAT(only, EndsWith("\n1 waiting: escalate next --all\n"));
        CHECK(lines_of(only).size() == 2);
    }
    SECTION("with no open case, it says so") {
        for (const char* id : {"1", "2", "3"}) {
            box.ok("2026-11-02T12:00", {"close", id, "--abandoned"});
        }
        CHECK(box.ok("2026-11-02T12:00", {"next"}) == "Nothing to do: no open cases.\n");
        CHECK(box.ok("2026-11-02T12:00", {"next", "--all"}) == "Nothing to do: no open cases.\n");
        CHECK(box.ok("2026-11-02T12:00", {"next", "--json"}) == "{\n  \"agenda\": []\n}\n");
    }
    SECTION("a read-only log whose rows are out of date shows the same agenda, computed") {
        const auto copy = read_only_copy(box, "2026-11-02T12:00");
        const std::string later = "2026-11-05T12:00"; // #1's wait has ended: its row is due
        CHECK(box.ok(later, {"--db", copy, "next"}) == box.ok(later, {"next"}));
        CHECK(box.ok(later, {"--db", copy, "next", "--all"}) == box.ok(later, {"next", "--all"}));
        CHECK(box.ok(later, {"--db", copy, "next", "--json"}) == box.ok(later, {"next", "--json"}));
    }
}

TEST_CASE("a wait with a closing clock beside it is shown, not only counted", "[cli][next]") {
    Sandbox box;
    // S7's sofa: a delivery promised for 30 March, paid by card; the billing-dispute window
    // (60 days from 2 Feb) closes in 8 days on 25 March. And another case to act on now.
    box.ok("2026-02-03T10:00",
           {"open", "Sofaland", "--country", "US", "--sector", "retail", "--title",
            "Sofa never delivered", "--incident", "2026-02-02", "--paid-by", "card"});
    box.ok("2026-02-14T12:00", {"log", "email", "--in", "--outcome", "promised", "--promise",
                                "delivery by 30 March", "--due", "2026-03-30"});
    box.ok("2026-03-25T08:00", {"open", "Parcelco", "--title", "Parcel"});
    box.ok("2026-03-25T08:10", {"log", "call", "parcel", "--outcome", "hung-up"});
    box.ok("2026-03-25T08:20", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-03-25T08:30", {"log", "email", "meterco"});
    const auto text = box.ok("2026-03-25T09:00", {"next"});
    INFO(text);
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 4);
    CHECK_THAT(lines[1], StartsWith("#2 ")); // to act on now
    CHECK_THAT(lines[2], StartsWith("#1 ")); // waiting, with the chargeback beside it
    CHECK_THAT(lines[2], Contains("· chargeback now: billing dispute window closes in 8 days"));
    CHECK(lines[3] == "and 1 more waiting: escalate next --all"); // #3, an email's reply
}

TEST_CASE("a long agenda shows 20 cases and counts the rest in words", "[cli][next]") {
    Sandbox box;
    import_cases(box, 1030, 1);
    const auto lines = lines_of(box.ok("2026-11-20T10:00", {"next"}));
    REQUIRE(lines.size() == 22); // the header, 20 cases, the count
    CHECK(lines.back() == "and 1,010 more to act on now, 1 waiting: escalate next --all");

    SECTION("--all: every case, one line each, in the widths of the widest") {
        const auto all = lines_of(box.ok("2026-11-20T10:00", {"next", "--all"}));
        REQUIRE(all.size() == 1032);
        const auto next_at = all[0].find("NEXT");
        for (std::size_t i = 1; i < all.size(); ++i) {
            INFO(all[i]);
            REQUIRE(all[i].size() > next_at);
            CHECK(all[i][next_at - 1] == ' ');
            CHECK(all[i][next_at] != ' ');
        }
        CHECK_THAT(all.back(), StartsWith("#1031 "));
    }
}

TEST_CASE("the agenda's JSON is one document, written case by case", "[cli][next][json]") {
    Sandbox box;
    SECTION("several cases, one waiting beside a closing clock") {
        open_three(box);
        box.ok("2026-11-02T12:00", {"open", "Shopco", "--title", "Refund — 返金", "--incident",
                                    "2026-09-10", "--paid-by", "card"});
        box.ok("2026-11-02T12:10", {"log", "letter", "shopco"});
        const auto text = box.ok("2026-11-02T13:00", {"next", "--json"});
        CHECK(text == as_one_document(text));
        CHECK(Json::parse(text)["agenda"].size() == 4);
    }
    SECTION("many cases") {
        import_cases(box, 40, 3);
        const auto text = box.ok("2026-11-20T10:00", {"next", "--json"});
        CHECK(text == as_one_document(text));
        CHECK(Json::parse(text)["agenda"].size() == 43);
    }
}
