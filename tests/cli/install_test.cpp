// The man page and `cmake --install`, from the tree already built (nothing is rebuilt here).
#include <algorithm>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

TEST_CASE("the man page renders without a warning", "[cli][install]") {
    const std::string page = ESCALATE_MAN_PAGE;
    if (page.empty()) {
        WARN("built without help2man: there is no man page to check");
        return;
    }
    Sandbox box;
    box.set_env("MANWIDTH", "80");
    const auto r = box.run_shell("man --warnings -l '" + page + "' 2>&1 >/dev/null; echo done");
    CHECK(r.out == "done\n"); // man --warnings prints groff's warnings on stderr
    const auto text = box.run_shell("man -l '" + page + "' | col -b").out;
    CHECK_THAT(text, Contains("complaint-escalation tracker"));
    CHECK_THAT(text, Contains("EXIT STATUS") && Contains("ENVIRONMENT") && Contains("FILES"));
    CHECK_THAT(text, Contains("--version") && Contains("completion"));
}

TEST_CASE("cmake --install puts each file where it is looked for", "[cli][install]") {
    Sandbox box;
    const fs::path prefix = box.dir() / "prefix";
    const auto r =
        box.run_shell(std::string("'") + CMAKE_COMMAND + "' --install '" + ESCALATE_BUILD_ROOT +
                      "' --strip --prefix '" + prefix.string() + "'");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const fs::path share = prefix / "share";
    for (const fs::path& file :
         {prefix / "bin/escalate", share / "bash-completion/completions/escalate",
          share / "zsh/vendor-completions/_escalate",
          share / "fish/vendor_completions.d/escalate.fish", share / "doc/escalate/README.md",
          share / "doc/escalate/LICENSE", share / "doc/escalate/docs/reference.md",
          prefix / "lib/escalate/escalate-phone.so", prefix / "lib/escalate/escalate-png.so"}) {
        CHECK(fs::is_regular_file(file));
    }
    if (std::string(ESCALATE_MAN_PAGE).empty()) {
        WARN("built without help2man: no man page installed");
    } else {
        CHECK(fs::is_regular_file(share / "man/man1/escalate.1"));
    }
    SECTION("the binary is stripped and runs") {
        const auto bin = (prefix / "bin/escalate").string();
        CHECK(box.run_shell("readelf -S '" + bin + "' | grep -c '\\.symtab'").out == "0\n");
        CHECK_THAT(box.run_shell("'" + bin + "' --version").out, Contains("SQLite 3."));
    }
    SECTION("the installed binary finds its modules, wherever the tree is moved") {
        const fs::path moved = box.dir() / "moved";
        fs::rename(prefix, moved);
        const auto bin = "'" + (moved / "bin/escalate").string() + "' --now 2026-11-02T10:00 ";
        REQUIRE(box.run_shell(bin + "open Skyways --title 'Refund for AB123'").exit_code == 0);
        REQUIRE(box.run_shell(bin + "log call -m 'Agent said call +44 20 7946 0958'").exit_code ==
                0);
        const auto md = box.run_shell(bin + "export 1 --format md --redact");
        INFO(md.err);
        CHECK(md.exit_code == 0);
        CHECK_THAT(md.out, !Contains("7946 0958"));
        const auto png = box.run_shell(bin + "export 1 --format png -o '" +
                                       (box.dir() / "t.png").string() + "'");
        INFO(png.err);
        CHECK(png.exit_code == 0);
        CHECK(fs::file_size(box.dir() / "t.png") > 1000);
    }
}

// The large libraries are modules loaded by the commands that need them (src/modules): a
// binary without them still does everything else, and the one command that needs a module
// says which file is missing and writes nothing.
TEST_CASE("a binary without its modules", "[cli][install]") {
    Sandbox box;
    const fs::path alone = box.dir() / "alone";
    fs::create_directories(alone);
    fs::copy_file(ESCALATE_BINARY, alone / "escalate");
    const auto bin = "'" + (alone / "escalate").string() + "' --now 2026-11-02T10:00 ";
    REQUIRE(box.run_shell(bin + "open Skyways --title 'Refund'").exit_code == 0);
    REQUIRE(box.run_shell(bin + "log call -m 'Agent said call +44 20 7946 0958'").exit_code == 0);
    CHECK(box.run_shell(bin + "show 1").exit_code == 0);
    CHECK(box.run_shell(bin + "export 1 --format html").exit_code == 0);
    const fs::path file = box.dir() / "t.png";
    const auto png = box.run_shell(bin + "export 1 --format png -o '" + file.string() + "'");
    CHECK(png.exit_code == 1);
    CHECK(png.out.empty());
    CHECK_THAT(png.err, Contains("escalate: cannot find the png module (escalate-png.so is "
                                 "neither next to the escalate binary nor in "));
    CHECK(std::count(png.err.begin(), png.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(file));
    const auto md = box.run_shell(bin + "export 1 --format md --redact");
    CHECK(md.exit_code == 1);
    CHECK(md.out.empty());
    CHECK_THAT(md.err, Contains("the phone-number module"));
}
