// Dates in the user's locale: day and month names from LC_TIME where the C library has the
// locale, English otherwise; JSON and the flags a user types stay as they are.
#include <filesystem>

#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

namespace {

// Compiles fr_FR.UTF-8 into the sandbox (the locales package has its sources) and points the
// binary at it; false when this machine cannot.
bool use_french(Sandbox& box) {
    const auto dir = box.dir() / "locale";
    std::filesystem::create_directories(dir);
    box.run_shell("localedef -i fr_FR -f UTF-8 '" + (dir / "fr_FR.UTF-8").string() +
                  "' >/dev/null 2>&1");
    if (!std::filesystem::exists(dir / "fr_FR.UTF-8")) {
        return false;
    }
    box.set_env("LOCPATH", dir.string());
    box.set_env("LC_ALL", "fr_FR.UTF-8");
    return true;
}

} // namespace

TEST_CASE("dates are written with the locale's day and month names", "[cli][locale]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "UPS", "--title", "Lost parcel"});
    box.ok("2026-11-20T10:00", {"log", "call", "--at", "fri 9:30", "--outcome", "hung-up"});

    SECTION("C.UTF-8, as every other test runs: English") {
        CHECK_THAT(box.ok("2026-11-20T10:00", {"show", "1"}), Contains("Fri 20 Nov 2026 09:30"));
    }
    SECTION("fr_FR.UTF-8: French names in show, English flags still read, JSON unchanged") {
        if (!use_french(box)) {
            WARN("localedef could not compile fr_FR.UTF-8 (install the locales package)");
            return;
        }
        const auto show = box.ok("2026-11-20T10:00", {"show", "1"});
        CHECK_THAT(show, Contains("ven. 20 nov. 2026 09:30"));
        CHECK_THAT(show, !Contains("Fri"));
        box.ok("2026-11-20T10:00", {"log", "email", "--at", "fri 9:45"});
        const auto j = box.json("2026-11-20T10:00", {"show", "1"});
        CHECK(j["contacts"][1]["at"] == "2026-11-20T09:45:00Z");
        CHECK(j["contacts"][0]["outcome"] == "hung-up");
        const auto md = box.ok("2026-11-20T10:00", {"export", "1", "--format", "md"});
        CHECK_THAT(md, Contains("_Dates are in the fr\\_FR.UTF-8 locale._"));
        CHECK_THAT(md, Contains("ven. 20 nov. 2026"));
    }
    SECTION("a locale that is not installed: English") {
        box.set_env("LC_ALL", "xx_YY.UTF-8");
        const auto show = box.ok("2026-11-20T10:00", {"show", "1"});
        CHECK_THAT(show, Contains("Fri 20 Nov 2026 09:30"));
        const auto md = box.ok("2026-11-20T10:00", {"export", "1", "--format", "md"});
        CHECK_THAT(md, !Contains("locale"));
    }
}
