// A throw-away home for one end-to-end test: its own folder, case log, zone and clock, and a
// way to run the real escalate binary in it.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.hpp"

namespace escalate::test {

class Sandbox {
public:
    // tz is pinned for every command; NO_COLOR is set unless a test asks for colour.
    explicit Sandbox(std::string tz = "Europe/London");
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
    [[nodiscard]] const std::filesystem::path& db() const { return db_; }

    // Runs escalate with these arguments (the --db comes from ESCALATE_DB).
    ProcessResult run(const std::vector<std::string>& args, const std::string& input = {}) const;
    // The same with --now pinned first.
    ProcessResult at(const std::string& now, const std::vector<std::string>& args,
                     const std::string& input = {}) const;
    // Runs and parses stdout as JSON; fails the test when the command fails.
    nlohmann::json json(const std::string& now, std::vector<std::string> args) const;
    // Runs and requires exit 0; returns stdout.
    std::string ok(const std::string& now, const std::vector<std::string>& args,
                   const std::string& input = {}) const;

    // Runs a bash script (a scenario replay) with this sandbox's environment; $ESCALATE is the
    // binary under test.
    ProcessResult script(const std::string& path) const;
    // Runs a line of bash the same way.
    ProcessResult run_shell(const std::string& command) const;

    void set_env(const std::string& name, const std::string& value);

    // The database file's bytes (after every connection has closed).
    [[nodiscard]] std::string db_bytes() const;

private:
    std::filesystem::path dir_;
    std::filesystem::path db_;
    std::vector<std::string> env_;
};

// Reads a whole file.
std::string read_file(const std::filesystem::path& path);

} // namespace escalate::test
