// Checks on what a failed command showed the user, shared by the end-to-end tests.
#pragma once

#include <algorithm>

#include <catch2/catch.hpp>

#include "process.hpp"

namespace escalate::test {

// The command failed with this exit code, in one line on stderr starting "escalate: ".
inline void check_one_line_error(const ProcessResult& r, int code) {
    INFO("exit " << r.exit_code << ", stderr: " << r.err.substr(0, 400));
    CHECK(r.exit_code == code);
    CHECK_THAT(r.err, Catch::StartsWith("escalate: "));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

} // namespace escalate::test
