// Runs a program and collects what it printed and how it ended.
#pragma once

#include <string>
#include <vector>

namespace escalate::test {

struct ProcessResult {
    int exit_code = -1; // 128 + signal when killed by one
    std::string out;
    std::string err;
};

// argv[0] is the program's path. env replaces the environment entirely. input is written to
// the program's standard input, which is then closed.
ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                          const std::string& input = {});

} // namespace escalate::test
