// Shell completion: the scripts parse in their shells, and offer what the case log holds.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

namespace {

bool have(const std::string& program) {
    return std::filesystem::exists("/usr/bin/" + program) ||
           std::filesystem::exists("/bin/" + program);
}

// Three cases, the last closed: completion offers the two open ones.
void open_cases(const Sandbox& box) {
    box.ok("2026-11-05T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-05T09:00", {"open", "Parcelco", "--title", "Lost parcel"});
    box.ok("2026-11-05T09:00", {"open", "Oldco", "--title", "Done"});
    box.ok("2026-11-05T09:00", {"close", "3", "--resolved"});
}

} // namespace

TEST_CASE("completion scripts parse in their shells", "[cli][completion]") {
    Sandbox box;
    for (const std::string shell : {"bash", "zsh", "fish"}) {
        DYNAMIC_SECTION(shell) {
            if (!have(shell)) {
                WARN(shell << " is not installed: its completion script is not checked");
                return;
            }
            const auto script = box.run({"completion", shell});
            REQUIRE(script.exit_code == 0);
            CHECK_THAT(script.out, Contains("escalate") && Contains("__complete"));
            const auto file = box.dir() / ("completion." + shell);
            {
                std::ofstream out(file);
                out << script.out;
            }
            const auto check =
                escalate::test::run_process({"/usr/bin/" + shell, "-n", file.string()}, {});
            INFO(check.err);
            CHECK(check.exit_code == 0);
            CHECK(check.err.empty());
        }
    }
    SECTION("an unknown shell is bad usage") {
        CHECK(box.run({"completion", "tcsh"}).exit_code == 2);
    }
}

TEST_CASE("__complete lists the open cases, orgs, channels and outcomes", "[cli][completion]") {
    Sandbox box;
    SECTION("with no case log it prints nothing and creates none") {
        const auto r = box.run({"__complete", "cases"});
        CHECK(r.exit_code == 0);
        CHECK(r.out.empty());
        CHECK(r.err.empty());
        CHECK_FALSE(std::filesystem::exists(box.db()));
    }
    SECTION("from the log and the policy") {
        open_cases(box);
        CHECK(box.run({"__complete", "cases"}).out ==
              "1\tMeterco: Billing\n2\tParcelco: Lost parcel\n");
        CHECK(box.run({"__complete", "orgs"}).out == "Meterco\nOldco\nParcelco\n");
        CHECK_THAT(box.run({"__complete", "channels"}).out,
                   Contains("call\ttier 1\n") && Contains("regulator\ttier 5\n"));
        CHECK_THAT(box.run({"__complete", "outcomes"}).out,
                   Contains("no-answer\n") && Contains("hung-up\n"));
    }
    SECTION("a broken policy file offers no channels, quietly") {
        box.set_env("ESCALATE_POLICY", (box.dir() / "missing.json").string());
        const auto r = box.run({"__complete", "channels"});
        CHECK(r.exit_code == 0);
        CHECK(r.out.empty());
        CHECK(r.err.empty());
    }
    SECTION("it is not listed among the commands") {
        CHECK_THAT(box.run({"--help"}).out, !Contains("__complete"));
    }
}

TEST_CASE("in bash, escalate log call TAB TAB offers the open cases", "[cli][completion]") {
    if (!have("tmux") || !have("bash")) {
        WARN("tmux is not installed: the interactive bash completion is not checked");
        return;
    }
    Sandbox box;
    open_cases(box);
    const auto script = box.dir() / "escalate.bash";
    {
        std::ofstream out(script);
        out << box.run({"completion", "bash"}).out;
    }
    const std::string bin = std::filesystem::path(ESCALATE_BINARY).parent_path().string();
    // A private tmux server; the pane is read until the candidates show (at most 5 s).
    const auto r = box.run_shell(R"(
        sock=escalate-test-$$
        tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 30 \
            "PATH=)" + bin + R"(:/usr/bin:/bin bash --norc --noprofile"
        trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
        tmux -L "$sock" send-keys "source )" +
                                 script.string() + R"(" Enter
        tmux -L "$sock" send-keys "escalate log call " Tab Tab
        for _ in $(seq 50); do
            pane=$(tmux -L "$sock" capture-pane -p)
            [[ $pane == *Parcelco* ]] && break
            sleep 0.1
        done
        printf '%s\n' "$pane")");
    INFO(r.out << r.err);
    CHECK_THAT(r.out, Contains("1  (Meterco: Billing)"));
    CHECK_THAT(r.out, Contains("2  (Parcelco: Lost parcel)"));
    CHECK_THAT(r.out, !Contains("Oldco"));
}

TEST_CASE("in fish, completion offers commands, flags and the log's values", "[cli][completion]") {
    if (!have("fish")) {
        WARN("fish is not installed: its completion is not checked");
        return;
    }
    Sandbox box;
    open_cases(box);
    const auto script = box.dir() / "escalate.fish";
    {
        std::ofstream out(script);
        out << box.run({"completion", "fish"}).out;
    }
    const std::string bin = std::filesystem::path(ESCALATE_BINARY).parent_path().string();
    auto complete = [&](const std::string& line) {
        return box
            .run_shell("PATH=" + bin + ":$PATH fish --no-config -c 'source " + script.string() +
                       "; complete -C \"" + line + "\"'")
            .out;
    };
    CHECK_THAT(complete("escalate lo"), Contains("log\tRecord a contact"));
    CHECK_THAT(complete("escalate log call "),
               Contains("1\tMeterco: Billing") && Contains("2\tParcelco: Lost parcel"));
    CHECK_THAT(complete("escalate log "), Contains("email\ttier 1"));
    CHECK_THAT(complete("escalate log call 1 --outcome "), Contains("hung-up"));
    CHECK_THAT(complete("escalate log call --"), Contains("--hold") && Contains("--db"));
    CHECK_THAT(complete("escalate policy "), Contains("check"));
}
