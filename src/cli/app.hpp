#pragma once

namespace escalate::cli {

// Parses the command line, runs the chosen command, and turns any error into one line on
// stderr and an exit code (SPEC section 2). The only place that catches.
int run(int argc, char** argv);

} // namespace escalate::cli
