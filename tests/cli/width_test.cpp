// Tables fitted to the terminal's width, measured in display columns (CJK and emoji take two),
// and the pager: used on a terminal only, never for a pipe, --no-pager or --json.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include <catch2/catch.hpp>
#include <utf8proc.h>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

namespace {

// One grapheme cluster of a line and the display column it starts at.
struct Cell {
    std::size_t column = 0;
    std::size_t width = 0;
    std::string text;
};

// The line cut into grapheme clusters with their columns, as a terminal draws them: East Asian
// wide characters and emoji 2, combining marks 0 (they join the cluster before them).
std::vector<Cell> cells(const std::string& line) {
    std::vector<Cell> out;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(line.data());
    std::size_t at = 0;
    std::size_t column = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    bool emoji_selector = false;
    int regional = 0;
    auto close = [&] {
        if (!out.empty() && (regional >= 2 || (emoji_selector && out.back().width == 1))) {
            out.back().width = 2;
        }
        if (!out.empty()) {
            column = out.back().column + out.back().width;
        }
        emoji_selector = false;
        regional = 0;
    };
    while (at < line.size()) {
        utf8proc_int32_t cp = 0;
        const auto n =
            utf8proc_iterate(p + at, static_cast<utf8proc_ssize_t>(line.size() - at), &cp);
        REQUIRE(n > 0);
        const std::string bytes = line.substr(at, static_cast<std::size_t>(n));
        if (previous < 0 || utf8proc_grapheme_break_stateful(previous, cp, &state)) {
            close();
            const int w = utf8proc_charwidth(cp);
            out.push_back({column, static_cast<std::size_t>(w < 0 ? 0 : w), bytes});
        } else {
            out.back().text += bytes;
        }
        emoji_selector = emoji_selector || cp == 0xFE0F;
        regional += cp >= 0x1F1E6 && cp <= 0x1F1FF ? 1 : 0;
        previous = cp;
        at += static_cast<std::size_t>(n);
    }
    close();
    return out;
}

std::size_t width(const std::string& line) {
    const auto c = cells(line);
    return c.empty() ? 0 : c.back().column + c.back().width;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

// The display columns where the header's words start ("ID  ORG       TITLE": 0, 4, 14).
std::vector<std::size_t> header_starts(const std::string& header) {
    std::vector<std::size_t> starts;
    const auto c = cells(header);
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c[i].text != " " &&
            (i == 0 || (i >= 2 && c[i - 1].text == " " && c[i - 2].text == " "))) {
            starts.push_back(c[i].column);
        }
    }
    return starts;
}

// Every line fits in `columns`, and on every line each column starts where its header does: a
// cluster begins exactly there (no wide character straddles it), after two spaces; a row's
// first line (it starts with '#') has something in every column.
void check_table(const std::string& text, std::size_t columns, std::size_t expected_columns) {
    const auto lines = lines_of(text);
    REQUIRE(lines.size() >= 2);
    const auto starts = header_starts(lines[0]);
    REQUIRE(starts.size() == expected_columns);
    for (const auto& line : lines) {
        INFO("line: " << line);
        CHECK(width(line) <= columns);
        if (line.starts_with("and ")) {
            continue; // the agenda's "and 3 waiting: escalate next --all"
        }
        const auto c = cells(line);
        for (const std::size_t start : starts) {
            if (start >= width(line)) {
                CHECK_FALSE(line.starts_with("#")); // a row's last cell is never empty
                continue;
            }
            const auto it = std::find_if(c.begin(), c.end(), [&](const Cell& x) {
                return x.column <= start && start < x.column + std::max<std::size_t>(x.width, 1);
            });
            REQUIRE(it != c.end());
            INFO("column " << start);
            CHECK(it->column == start); // nothing wide straddles the column's start
            if (line.starts_with("#")) {
                CHECK(it->text != " ");
            }
            if (it->text != " " && start > 0) {
                CHECK((it - 1)->text == " ");
                CHECK((it - 2)->text == " ");
            }
        }
    }
}

// Cases whose titles and orgs mix ASCII, CJK, emoji, a flag and combining accents.
void open_mixed_cases(Sandbox& box) {
    box.ok("2026-11-01T09:00", {"open", "Meterco", "--title",
                                "Billing after the contract ended, charged twice for November"});
    box.ok("2026-11-02T09:00",
           {"open", "東京電力", "--title", "請求書が二重に届いた件について確認をお願いします"});
    box.ok("2026-11-03T09:00",
           {"open", "Parcelco 📦", "--title", "Lost parcel 🚚 never arrived 🙏 refund 🇬🇧 please"});
    box.ok("2026-11-04T09:00", {"open", "Cafe\xCC\x81 Cre\xCC\x80me", "--title",
                                "Re\xCC\x81sume\xCC\x81 of the de\xCC\x81ja\xCC\x80 vu refund"});
    box.ok("2026-11-05T09:00", {"log", "call", "1", "--outcome", "hung-up"});
    box.ok("2026-11-05T10:00", {"log", "email", "2"});
    box.ok("2026-11-05T11:00", {"log", "call", "3", "--outcome", "no-answer"});
}

} // namespace

TEST_CASE("list fits the width in display columns, CJK and emoji aligned", "[cli][list][width]") {
    Sandbox box;
    open_mixed_cases(box);
    const std::string now = "2026-11-20T10:00";

    SECTION("at 80 columns: every row on one line, cut with an ellipsis") {
        box.set_env("COLUMNS", "80");
        const auto text = box.ok(now, {"list"});
        check_table(text, 80, 6); // no STATUS (all open), no LAST CONTACT under 120 columns
        CHECK_THAT(text, !Contains("LAST CONTACT") && !Contains("STATUS"));
        CHECK(lines_of(text).size() == 5); // the header and one line per case
        CHECK_THAT(text, Contains("…"));
    }
    SECTION("at 200 columns: titles whole, no longer cut at 40") {
        box.set_env("COLUMNS", "200");
        const auto text = box.ok(now, {"list"});
        check_table(text, 200, 7);
        CHECK_THAT(text, Contains("LAST CONTACT"));
        CHECK_THAT(text, Contains("Billing after the contract ended, charged twice for November"));
        CHECK_THAT(text, Contains("請求書が二重に届いた件について確認をお願いします"));
    }
    SECTION("in a pipe with no COLUMNS: the widths it has always had, measured in columns") {
        const auto text = box.ok(now, {"list"});
        check_table(text, 1000, 7);
        CHECK_THAT(text, Contains("Billing after the contract ended, charg…"));
    }
    SECTION("a narrow terminal cuts names and titles, never inside a character") {
        box.set_env("COLUMNS", "70");
        check_table(box.ok(now, {"list"}), 70, 6);
        check_table(box.ok(now, {"list", "--all"}), 70, 7); // STATUS, when cases can differ
    }
}

TEST_CASE("the agenda wraps its next step to the width", "[cli][next][width]") {
    Sandbox box;
    open_mixed_cases(box);
    const std::string now = "2026-11-20T10:00";
    for (const char* columns : {"80", "200"}) {
        box.set_env("COLUMNS", columns);
        for (const auto& args :
             std::vector<std::vector<std::string>>{{"next"}, {"next", "--all"}}) {
            const auto text = box.ok(now, args);
            INFO("COLUMNS=" << columns << " " << args.size() << "\n" << text);
            check_table(text, std::stoul(columns), 4);
        }
    }
    SECTION("at 80 columns a long next step goes on over more lines, under its column") {
        box.set_env("COLUMNS", "80");
        const auto lines = lines_of(box.ok(now, {"next"}));
        CHECK(std::count_if(lines.begin(), lines.end(),
                            [](const std::string& l) { return l.starts_with(" "); }) > 0);
    }
}

TEST_CASE("promises and stats fit the width too", "[cli][promise][width]") {
    Sandbox box;
    open_mixed_cases(box);
    box.ok("2026-11-06T09:00",
           {"log", "call", "2", "--outcome", "promised", "--promise",
            "返金は来週中に処理いたします。ご迷惑をおかけしました 🙇", "--due", "2026-11-30"});
    box.set_env("COLUMNS", "60");
    const auto promises = box.ok("2026-11-20T10:00", {"promises"});
    for (const auto& line : lines_of(promises)) {
        CHECK(width(line) <= 60);
    }
    for (const auto& line : lines_of(box.ok("2026-11-20T10:00", {"stats"}))) {
        CHECK(width(line) <= 80); // the table, and the note under it in two short lines
    }
}

namespace {

// Runs escalate ARGS under a pseudo-terminal (script(1), util-linux), so that its standard
// output is a terminal; returns what the terminal showed.
escalate::test::ProcessResult on_terminal(const Sandbox& box, const std::string& args) {
    return box.run_shell("script -qec '\"$ESCALATE\" --now 2026-11-20T10:00 " + args +
                         "' /dev/null");
}

bool have_script() {
    return std::filesystem::exists("/usr/bin/script");
}

} // namespace

TEST_CASE("a pipe is never paged", "[cli][pager]") {
    Sandbox box;
    open_mixed_cases(box);
    const auto marker = box.dir() / "paged";
    for (const char* variable : {"PAGER", "ESCALATE_PAGER"}) {
        box.set_env(variable, "touch " + marker.string());
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"list"}, {"next"}, {"show", "1"}, {"promises"}, {"stats"}}) {
            box.ok("2026-11-20T10:00", args);
        }
    }
    CHECK_FALSE(std::filesystem::exists(marker));
}

TEST_CASE("on a terminal, output goes through the pager", "[cli][pager]") {
    if (!have_script()) {
        WARN("script(1) is not installed: the pager is not checked on a terminal");
        return;
    }
    Sandbox box;
    open_mixed_cases(box);
    const auto paged = box.dir() / "paged.txt";
    const auto less = box.dir() / "less.txt";
    box.set_env("PAGER", "printenv LESS > " + less.string() + "; cat > " + paged.string());

    SECTION("PAGER gets the table, with LESS=FRX as git sets it") {
        const auto r = on_terminal(box, "list");
        CHECK(r.exit_code == 0);
        CHECK_THAT(escalate::test::read_file(paged), Contains("ID  ORG"));
        CHECK_THAT(escalate::test::read_file(paged), Contains("Meterco"));
        CHECK_FALSE(r.out.find("Meterco") != std::string::npos);
        CHECK(escalate::test::read_file(less) == "FRX\n");
    }
    SECTION("LESS set by the person is left alone") {
        box.set_env("LESS", "-R");
        CHECK(on_terminal(box, "next").exit_code == 0);
        CHECK(escalate::test::read_file(less) == "-R\n");
    }
    SECTION("ESCALATE_PAGER comes before PAGER") {
        box.set_env("ESCALATE_PAGER", "cat > " + paged.string());
        CHECK(on_terminal(box, "show 1").exit_code == 0);
        CHECK_THAT(escalate::test::read_file(paged), Contains("Timeline"));
        CHECK_FALSE(std::filesystem::exists(less));
    }
    SECTION("--no-pager, --json, PAGER=cat or empty: printed directly") {
        box.set_env("PAGER", "touch " + paged.string());
        CHECK_THAT(on_terminal(box, "list --no-pager").out, Contains("Meterco"));
        CHECK_THAT(on_terminal(box, "--no-pager next").out, Contains("Meterco"));
        CHECK_THAT(on_terminal(box, "list --json").out, Contains("\"cases\""));
        box.set_env("PAGER", "cat");
        CHECK_THAT(on_terminal(box, "list").out, Contains("Meterco"));
        box.set_env("PAGER", "");
        CHECK_THAT(on_terminal(box, "list").out, Contains("Meterco"));
        CHECK_FALSE(std::filesystem::exists(paged));
    }
    SECTION("a pager that cannot be run is said, and the output printed directly") {
        box.set_env("PAGER", "no-such-pager-anywhere");
        const auto r = on_terminal(box, "list");
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("cannot run the pager \"no-such-pager-anywhere\""));
        CHECK_THAT(r.out, Contains("Meterco"));
    }
    SECTION("quitting the pager early is no error, and the exit code stays the command's") {
        // A megabyte of note: far more than a pipe holds, so the pager's going is felt.
        const std::string note(1000000, 'x');
        box.ok("2026-11-06T09:00", {"log", "call", "1", "-m", "-"}, note);
        box.set_env("PAGER", "head -c 100 > /dev/null");
        const auto r = on_terminal(box, "show 1");
        CHECK(r.exit_code == 0);
        CHECK_FALSE(r.out.find("escalate:") != std::string::npos);
        const auto missing = on_terminal(box, "show 99");
        CHECK(missing.exit_code == 3);
        CHECK_THAT(missing.out, Contains("escalate: "));
    }
}
