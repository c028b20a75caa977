#include "sandbox.hpp"

#include <cstdlib>

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <catch2/catch.hpp>
#include <stdlib.h>

namespace escalate::test {

namespace fs = std::filesystem;

Sandbox::Sandbox(std::string tz) {
    std::string templ = (fs::temp_directory_path() / "escalate-test-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = templ;
    db_ = dir_ / "data" / "cases.db";
    env_ = {"TZ=" + tz,
            "HOME=" + dir_.string(),
            "XDG_DATA_HOME=" + (dir_ / "xdg-data").string(),
            "XDG_CONFIG_HOME=" + (dir_ / "xdg-config").string(),
            "ESCALATE_DB=" + db_.string(),
            "NO_COLOR=1",
            "ESCALATE=" ESCALATE_BINARY,
            "PATH=/usr/bin:/bin",
            "LC_ALL=C.UTF-8"};
    // The sanitizer run's options (tools/dev sanitize) reach the binary under test.
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (const char* value = std::getenv(name)) {
            env_.push_back(std::string(name) + "=" + value);
        }
    }
}

Sandbox::~Sandbox() {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
}

void Sandbox::set_env(const std::string& name, const std::string& value) {
    std::erase_if(env_, [&](const std::string& e) { return e.starts_with(name + "="); });
    env_.push_back(name + "=" + value);
}

ProcessResult Sandbox::run(const std::vector<std::string>& args, const std::string& input) const {
    std::vector<std::string> argv{ESCALATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, env_, input);
}

ProcessResult Sandbox::at(const std::string& now, const std::vector<std::string>& args,
                          const std::string& input) const {
    std::vector<std::string> full{"--now", now};
    full.insert(full.end(), args.begin(), args.end());
    return run(full, input);
}

ProcessResult Sandbox::script(const std::string& path) const {
    return run_process({"/bin/bash", path}, env_);
}

ProcessResult Sandbox::run_shell(const std::string& command) const {
    return run_process({"/bin/bash", "-c", command}, env_);
}

std::string Sandbox::ok(const std::string& now, const std::vector<std::string>& args,
                        const std::string& input) const {
    const auto r = at(now, args, input);
    INFO("escalate " << Catch::rangeToString(args) << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

nlohmann::json Sandbox::json(const std::string& now, std::vector<std::string> args) const {
    args.emplace_back("--json");
    const std::string out = ok(now, args);
    return nlohmann::json::parse(out);
}

std::string Sandbox::db_bytes() const {
    return read_file(db_);
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace escalate::test
