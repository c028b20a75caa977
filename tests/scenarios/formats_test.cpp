// Safe text and one truth across md, txt, csv, ics, json and the terminal (issue 10): user text
// opens no Markdown structure (checked with a CommonMark parser), no CSV cell is a formula in
// LibreOffice, a promise means the same in every format, an ics always has something to
// import, a contact back-filled before the opening moves it, and the terminal shows control
// characters instead of obeying them.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include <catch2/catch.hpp>

#include "process.hpp"
#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::read_file;
using escalate::test::run_process;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

// An external program the test needs: missing fails under CI, otherwise warns and skips.
bool have(const std::string& path) {
    if (fs::exists(path)) {
        return true;
    }
    if (std::getenv("CI") != nullptr) {
        FAIL(path << " is not installed (tools/dev test installs it)");
    }
    WARN(path << " is not installed (tools/dev test installs it): test not run");
    return false;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

std::string xml_unescape(std::string s) {
    const std::pair<std::string, std::string> entities[] = {{"&lt;", "<"},    {"&gt;", ">"},
                                                            {"&quot;", "\""}, {"&apos;", "'"},
                                                            {"&#39;", "'"},   {"&amp;", "&"}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        for (const auto& e : entities) {
            if (s.compare(i, e.first.size(), e.first) == 0) {
                out += e.second;
                i += e.first.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out += s[i++];
        }
    }
    return out;
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    const auto last = s.find_last_not_of(" \t\\");
    return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

const std::string hostile_line = "~~strike~~ *emph* _em_ **strong** `code` [link](http://x) "
                                 "<http://y> ![img](x.png) <b>html</b> &amp; &copy; | a | b | "
                                 "[^1] # end #";

const std::string hostile_note = "- item\n"
                                 "* star\n"
                                 "+ plus\n"
                                 "1. one\n"
                                 "2) two\n"
                                 "```\n"
                                 "fenced\n"
                                 "```\n"
                                 "~~~\n"
                                 "    indented code\n"
                                 "| a | b |\n"
                                 "|---|---|\n"
                                 "# heading\n"
                                 "setext\n"
                                 "===\n"
                                 "setext two\n"
                                 "---\n"
                                 "> quote\n"
                                 "***\n"
                                 "\n"
                                 "<div>block</div>\n"
                                 "hard break  \n"
                                 "backslash\\\n"
                                 "[^1]: footnote\n"
                                 "[ref]: http://x\n" +
                                 hostile_line;

} // namespace

TEST_CASE("md: no user text opens Markdown structure (CommonMark)", "[formats]") {
    const std::string cmark = "/usr/bin/cmark";
    if (!have(cmark)) {
        return;
    }
    Sandbox box;
    box.ok("2026-11-01T09:00",
           {"open", "Acme", "--title", "1. " + hostile_line, "--want", "=== " + hostile_line});
    box.ok("2026-11-01T10:00", {"log", "call", "--agent", "- " + hostile_line, "--ref",
                                "+ " + hostile_line, "-m", hostile_note});
    box.ok("2026-11-02T10:00", {"log", "email", "--in", "--promise", "> " + hostile_line, "--due",
                                "2026-11-05", "-m", "--- " + hostile_line});
    box.ok("2026-11-03T10:00",
           {"close", "1", "--resolved", "-m", "```" + hostile_line + "\n***\n~~~"});
    const std::string md = box.ok("2026-11-04T10:00", {"export", "1", "--format", "md"});
    const fs::path path = box.dir() / "case.md";
    std::ofstream(path, std::ios::binary) << md;
    const auto r = run_process({cmark, "-t", "xml", path.string()}, {});
    REQUIRE(r.exit_code == 0);
    const std::string& xml = r.out;
    INFO(md);

    // Only what escalate writes: one list with a strong "Day" label per event, the article's
    // three headings, a quote per note, and no other structure.
    const std::size_t events = count(md, "\n- **Day ");
    CHECK(events == 3); // two contacts and the closing
    CHECK(count(xml, "<list ") == 1);
    CHECK(count(xml, "<item>") == events);
    CHECK(count(xml, "<strong>") == events);
    CHECK(count(xml, "<heading ") == 3);
    CHECK(count(xml, "<block_quote>") == 2);
    for (const char* tag :
         {"<code_block", "<code>", "<html_block", "<html_inline", "<link", "<image", "<emph>",
          "<strikethrough", "<thematic_break", "<linebreak", "<table", "<footnote"}) {
        INFO(tag);
        CHECK(count(xml, tag) == 0);
    }
    // Every user text reads back as typed.
    std::string text;
    const std::regex node("<text[^>]*>([^<]*)</text>|<softbreak />");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), node); it != std::sregex_iterator();
         ++it) {
        text += (*it)[0].str() == "<softbreak />" ? "\n" : xml_unescape((*it)[1].str());
    }
    std::vector<std::string> typed{hostile_line};
    std::string line;
    for (std::istringstream in(hostile_note); std::getline(in, line);) {
        if (!trim(line).empty()) {
            typed.push_back(trim(line));
        }
    }
    for (const auto& t : typed) {
        INFO(t);
        CHECK_THAT(text, Contains(t));
    }
}

TEST_CASE("csv: LibreOffice reads no formula, and text as typed", "[formats]") {
    const std::string soffice = "/usr/bin/soffice";
    if (!have(soffice)) {
        return;
    }
    Sandbox box;
    const std::vector<std::string> typed{"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1+1",
                                         "@SUM(1,1)", "=1+2"};
    box.ok("2026-11-01T09:00", {"open", "Acme", "--title", "Refund"});
    box.ok("2026-11-01T10:00", {"log", "call", "--agent", typed[0], "--ref", typed[1], "-m",
                                typed[2], "--promise", typed[3], "--due", "2026-11-05"});
    box.ok("2026-11-01T11:00", {"log", "call", "--agent", typed[4], "-m", "\t=1+3"});
    const fs::path csv = box.dir() / "case.csv";
    box.ok("2026-11-02T10:00", {"export", "1", "--format", "csv", "-o", csv.string()});

    const fs::path profile = box.dir() / "lo-profile";
    const auto r =
        box.run_shell("'" + soffice + "' -env:UserInstallation=file://" + profile.string() +
                      " --headless --infilter=CSV:44,34,76,1 --convert-to fods --outdir '" +
                      box.dir().string() + "' '" + csv.string() + "'");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::string fods = read_file(box.dir() / "case.fods");
    CHECK(count(fods, "table:formula") == 0);
    // Each cell of user text holds the text as typed, behind the quote that keeps it a string.
    for (const auto& t : typed) {
        std::string escaped = "&apos;";
        for (char c : t) {
            escaped += c == '"' ? std::string("&quot;") : std::string(1, c);
        }
        INFO(t);
        CHECK_THAT(fods, Contains("<text:p>" + escaped + "</text:p>"));
    }
}

TEST_CASE("csv: --excel begins with a byte order mark, other formats refuse it", "[formats]") {
    Sandbox box;
    box.ok("2026-11-01T09:00", {"open", "Acme", "--title", "Refund"});
    box.ok("2026-11-01T10:00", {"log", "call"});
    const auto csv = box.ok("2026-11-02T10:00", {"export", "1", "--format", "csv", "--excel"});
    CHECK(csv.rfind("\xEF\xBB\xBFid,at,", 0) == 0);
    const auto plain = box.ok("2026-11-02T10:00", {"export", "1", "--format", "csv"});
    CHECK(plain.rfind("id,at,", 0) == 0);
    const auto md = box.at("2026-11-02T10:00", {"export", "1", "--format", "md", "--excel"});
    CHECK(md.exit_code == 2);
}

TEST_CASE("a promise means the same in md, json, csv and ics (S1)", "[formats]") {
    Sandbox box;
    REQUIRE(box.script(std::string(SCENARIO_DIR) + "/s1_account.sh").exit_code == 0);

    SECTION("open: promise 4 is pending, and reminded") {
        const std::string now = "2026-10-29T10:00";
        const auto j = box.json(now, {"export", "1", "--format", "json"});
        CHECK(j["promises"][3]["status"] == "pending");
        CHECK(j["promises"][0]["status"] == "broken");
        CHECK(j["stats"]["promises_pending"] == 1);
        CHECK_THAT(box.ok(now, {"export", "1", "--format", "md"}),
                   Contains("Meterco made 4 promises: 3 broken and 1 still pending."));
        CHECK_THAT(box.ok(now, {"export", "1", "--format", "csv"}),
                   Contains("\"account closed, collections withdrawn\",2026-11-04T23:59:59Z,"
                            "pending,"));
        CHECK_THAT(box.ok(now, {"export", "1", "--format", "ics"}),
                   Contains("SUMMARY:Meterco promised: account closed\\, collections withdrawn"));
    }
    SECTION("closed: promise 4 is unresolved when the case closed, never reminded") {
        REQUIRE(box.script(std::string(SCENARIO_DIR) + "/s1_resolution.sh").exit_code == 0);
        const std::string now = "2026-11-06T10:00";
        const auto j = box.json(now, {"export", "1", "--format", "json"});
        CHECK(j["promises"][3]["status"] == "unresolved");
        for (int i = 0; i < 3; ++i) {
            CHECK(j["promises"][i]["status"] == "broken");
        }
        CHECK(j["stats"]["promises_kept"] == 0);
        CHECK(j["stats"]["promises_broken"] == 3);
        CHECK(j["stats"]["promises_pending"] == 0);
        CHECK(j["stats"]["promises_unresolved"] == 1);
        const auto md = box.ok(now, {"export", "1", "--format", "md"});
        CHECK_THAT(md, Contains("Meterco made 4 promises: 3 broken and 1 unresolved when the case "
                                "closed."));
        const auto txt = box.ok(now, {"export", "1", "--format", "txt"});
        CHECK_THAT(txt, Contains("1 unresolved when the case closed"));
        const auto csv = box.ok(now, {"export", "1", "--format", "csv"});
        CHECK_THAT(csv, Contains("\"account closed, collections withdrawn\",2026-11-04T23:59:59Z,"
                                 "unresolved,"));
        CHECK(count(csv, ",broken,") == 3);
        // A month later nothing changes: a closed case is judged as of its closing.
        CHECK(box.ok("2026-12-06T10:00", {"export", "1", "--format", "csv"}) == csv);
        CHECK_THAT(box.ok(now, {"show", "1"}),
                   Contains("4 promises made: 0 kept, 3 broken, 1 unresolved when the case "
                            "closed"));
        const auto ics = box.at(now, {"export", "1", "--format", "ics"});
        CHECK(ics.exit_code == 3);
        CHECK(ics.out.empty());
        CHECK_THAT(ics.err, Contains("case #1 has nothing to remind"));
    }
}

TEST_CASE("ics: UIDs unique across case logs, stable across exports", "[formats]") {
    auto make = [](const Sandbox& box, const std::string& opened) {
        box.ok(opened, {"open", "Acme", "--title", "Refund"});
        box.ok("2026-11-02T10:00", {"log", "call", "--promise", "refund", "--due", "2026-11-20"});
        return box.ok("2026-11-03T10:00", {"export", "1", "--format", "ics"});
    };
    Sandbox a;
    Sandbox b;
    const std::string ics_a = make(a, "2026-11-01T09:00");
    const std::string ics_b = make(b, "2026-11-01T09:05");
    CHECK(a.ok("2026-11-03T10:00", {"export", "1", "--format", "ics"}) == ics_a);
    const std::regex uid("UID:([^\r]*)\r\n");
    std::vector<std::string> uids_a, uids_b;
    for (auto it = std::sregex_iterator(ics_a.begin(), ics_a.end(), uid);
         it != std::sregex_iterator(); ++it) {
        uids_a.push_back((*it)[1].str());
    }
    for (auto it = std::sregex_iterator(ics_b.begin(), ics_b.end(), uid);
         it != std::sregex_iterator(); ++it) {
        uids_b.push_back((*it)[1].str());
    }
    REQUIRE(uids_a.size() == 2); // the promise and the next step
    REQUIRE(uids_b.size() == 2);
    CHECK(uids_a[0] != uids_a[1]);
    for (const auto& u : uids_a) {
        CHECK(std::find(uids_b.begin(), uids_b.end(), u) == uids_b.end());
    }
    CHECK(ics_a.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0) == 0);
}

TEST_CASE("log and edit --at before the opening move the opening, and say so", "[formats]") {
    Sandbox box;
    box.ok("2026-11-20T10:00", {"open", "Acme", "--title", "Refund"});
    const auto logged =
        box.at("2026-11-20T11:00", {"log", "call", "--at", "2026-11-02 09:00", "-m", "first"});
    REQUIRE(logged.exit_code == 0);
    CHECK_THAT(logged.err, Contains("case #1 now opens Mon 2 Nov 2026 09:00"));
    box.ok("2026-11-20T11:05", {"log", "call", "-m", "second"});
    const auto edited = box.at("2026-11-20T11:10", {"edit", "2", "--at", "2026-10-30 15:00"});
    REQUIRE(edited.exit_code == 0);
    CHECK_THAT(edited.err, Contains("case #1 now opens Fri 30 Oct 2026 15:00"));
    const auto j = box.json("2026-11-20T11:10", {"show", "1", "--json"});
    CHECK(j["opened_at"] == "2026-10-30T15:00:00Z");
    for (const char* f : {"md", "txt", "csv"}) {
        const auto out = box.ok("2026-11-20T12:00", {"export", "1", "--format", f});
        INFO(f << "\n" << out);
        CHECK(out.find("Day -") == std::string::npos);
        CHECK(out.find(",-") == std::string::npos);
    }
    CHECK_THAT(box.ok("2026-11-20T12:00", {"export", "1", "--format", "md"}),
               Contains("**Day 1, Fri 30 Oct 2026 15:00**"));
    // Later than the opening: nothing moves, nothing said.
    const auto later = box.at("2026-11-20T12:00", {"log", "call", "--at", "2026-11-19 09:00"});
    CHECK(later.exit_code == 0);
    CHECK(later.err.empty());
}

TEST_CASE("show, list, next and search print control characters visibly", "[formats]") {
    Sandbox source;
    source.ok("2026-11-01T09:00", {"open", "Acme", "--title", "TITLE"});
    source.ok("2026-11-01T10:00", {"log", "call", "--agent", "AGENT", "-m", "NOTE"});
    std::string dump = source.ok("2026-11-02T10:00", {"export", "--all", "--format", "json"});
    auto replace = [&dump](const std::string& from, const std::string& to) {
        const auto at = dump.find(from);
        REQUIRE(at != std::string::npos);
        dump.replace(at, from.size(), to);
    };
    // As an older version stored them: one-line fields with a CR, a C1 CSI and bidi controls.
    replace("\"TITLE\"", R"("we will NOT refund\rrefund approved \u009b2J")");
    replace("\"AGENT\"", R"("Dana \u202Edcba\u202C \u2066x\u2069")");
    replace("\"NOTE\"", R"("ok\r\u202Eevil")");
    const fs::path file = source.dir() / "dump.jsonl";
    std::ofstream(file, std::ios::binary) << dump;

    Sandbox box;
    const auto imported = box.at("2026-11-02T10:00", {"import", file.string()});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    auto raw = [](const std::string& out) {
        return out.find('\r') != std::string::npos || out.find('\x1b') != std::string::npos ||
               out.find("\xC2\x9B") != std::string::npos ||
               out.find("\xE2\x80\xAE") != std::string::npos ||
               out.find("\xE2\x81\xA6") != std::string::npos;
    };
    const auto show = box.ok("2026-11-02T10:00", {"show", "1"});
    INFO(show);
    CHECK_FALSE(raw(show));
    CHECK_THAT(show, Contains("we will NOT refund\\rrefund approved \\x9b2J"));
    CHECK_THAT(show, Contains("agent Dana <U+202E>dcba<U+202C> <U+2066>x<U+2069>"));
    CHECK_THAT(show, Contains("ok\\r<U+202E>evil"));
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"list"}, {"next"}, {"next", "1"}, {"search", "evil"}}) {
        const auto out = box.ok("2026-11-02T10:00", args);
        INFO(args[0] << ": " << out);
        CHECK_FALSE(raw(out));
    }
}
