// The man page and `cmake --install`, from the tree already built (nothing is rebuilt here).
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
          share / "doc/escalate/LICENSE", share / "doc/escalate/docs/reference.md"}) {
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
}
