#define CATCH_CONFIG_RUNNER
#include <cstdlib>

#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
    // Dates name days and months in the locale's words (format_local): a developer's own
    // locale must not change what the tests see. Tests that want a locale set it themselves.
    ::setenv("LC_ALL", "C.UTF-8", 1);
    return Catch::Session().run(argc, argv);
}
