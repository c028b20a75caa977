// A log command killed with SIGKILL at a random moment either happened whole or not at all;
// the case log stays intact, and every command that printed its id is in it.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.hpp"

using escalate::test::read_file;
using escalate::test::Sandbox;

namespace {

constexpr int rounds = 60;

// Starts escalate with stdout to a file, kills it after `delay`, and says whether it had
// finished.
bool run_and_kill(const std::vector<std::string>& args, const std::vector<std::string>& env,
                  const std::string& out_path, std::chrono::microseconds delay) {
    std::vector<char*> argv;
    std::vector<std::string> full{ESCALATE_BINARY};
    full.insert(full.end(), args.begin(), args.end());
    for (auto& a : full) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> env_copy = env;
    std::vector<char*> envp;
    for (auto& e : env_copy) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, STDOUT_FILENO);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDERR_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string query(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        out += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        out += "\n";
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

} // namespace

TEST_CASE("log killed at random moments: all or nothing, nothing printed is lost",
          "[reliability][slow]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    const std::vector<std::string> env{"TZ=Europe/London", "ESCALATE_DB=" + box.db().string(),
                                       "HOME=" + box.dir().string(), "NO_COLOR=1"};
    std::mt19937 random(20261122); // a fixed seed: the same kills on every run
    std::uniform_int_distribution<int> delay_us(0, 25000);
    std::vector<std::string> printed;
    int killed = 0;
    for (int n = 0; n < rounds; ++n) {
        const std::string out = (box.dir() / ("out" + std::to_string(n))).string();
        const bool finished = run_and_kill({"--now", "2026-11-20T10:00", "log", "call", "1", "-q",
                                            "-m", "k" + std::to_string(n), "--promise",
                                            "p" + std::to_string(n), "--due", "2026-12-01"},
                                           env, out, std::chrono::microseconds(delay_us(random)));
        killed += finished ? 0 : 1;
        const std::string id = read_file(out);
        if (!id.empty()) {
            printed.push_back(id.substr(0, id.find('\n')));
        }
    }
    INFO(killed << " of " << rounds << " commands killed before they finished");
    CHECK(killed > 0);
    const std::string db = box.db().string();
    CHECK(query(db, "PRAGMA integrity_check") == "ok\n");
    // Every contact has its promise and its own note: no half-done command.
    CHECK(query(db, "SELECT count(*) FROM contacts c LEFT JOIN promises p ON p.contact_id = c.id "
                    "WHERE p.id IS NULL OR p.text != 'p' || substr(c.note, 2)") == "0\n");
    for (const auto& id : printed) {
        INFO("contact " << id << " was reported as logged");
        CHECK(query(db, "SELECT count(*) FROM contacts WHERE id = " + id) == "1\n");
    }
    // And the log still works.
    box.ok("2026-11-20T11:00", {"log", "call", "1"});
    CHECK(query(db, "PRAGMA integrity_check") == "ok\n");
}

TEST_CASE("import killed at random moments: the whole dump or nothing", "[reliability][slow]") {
    Sandbox box;
    // A dump of 3000 cases with 4 contacts and a promise each.
    constexpr int cases = 3000;
    std::string dump = "{\"format\":\"escalate-dump\",\"version\":1,\"exported_at\":"
                       "\"2026-11-22T10:00:00Z\"}\n";
    for (int i = 1; i <= cases; ++i) {
        std::string contacts;
        for (int c = 0; c < 4; ++c) {
            const int id = i * 4 + c;
            contacts += (c == 0 ? "" : ",") +
                        ("{\"id\":" + std::to_string(id) +
                         ",\"channel\":\"call\",\"direction\":\"out\",\"at\":"
                         "\"2026-11-01T10:00:00Z\",\"outcome\":\"hung-up\",\"note\":\"note " +
                         std::to_string(id) + "\"}");
        }
        dump += "{\"case\":{\"id\":" + std::to_string(i) + ",\"org\":\"Org " +
                std::to_string(i % 50) + "\",\"title\":\"Case " + std::to_string(i) +
                "\",\"status\":\"open\",\"opened_at\":\"2026-11-01T09:00:00Z\","
                "\"contacts\":[" +
                contacts + "],\"promises\":[{\"id\":" + std::to_string(i) +
                ",\"contact_id\":" + std::to_string(i * 4) +
                ",\"text\":\"refund\",\"due\":\"2026-11-05T00:00:00Z\",\"status\":"
                "\"pending\"}]}}\n";
    }
    dump += "{\"end\":{\"orgs\":0,\"cases\":3000,\"contacts\":12000,\"promises\":3000}}\n";
    const auto dump_path = box.dir() / "big.jsonl";
    { std::ofstream(dump_path) << dump; }
    const std::vector<std::string> env{"TZ=Europe/London", "ESCALATE_DB=" + box.db().string(),
                                       "HOME=" + box.dir().string(), "NO_COLOR=1"};
    std::mt19937 random(1122);
    std::uniform_int_distribution<int> delay_us(0, 600000);
    int killed = 0;
    int completed = 0;
    for (int round = 0; round < 12; ++round) {
        std::filesystem::remove_all(box.db().parent_path());
        box.ok("2026-11-22T09:00", {"open", "Before", "--title", "already here"});
        const bool finished =
            run_and_kill({"import", dump_path.string()}, env, (box.dir() / "import-out").string(),
                         std::chrono::microseconds(delay_us(random)));
        (finished ? completed : killed) += 1;
        const std::string db = box.db().string();
        INFO("round " << round << (finished ? ": finished" : ": killed"));
        CHECK(query(db, "PRAGMA integrity_check") == "ok\n");
        const std::string count = query(db, "SELECT count(*) FROM cases");
        CHECK((count == "1\n" || count == std::to_string(cases + 1) + "\n"));
        if (finished) {
            CHECK(count == std::to_string(cases + 1) + "\n");
        }
        CHECK(query(db, "SELECT count(*) FROM contacts") ==
              (count == "1\n" ? std::string("0\n") : std::to_string(cases * 4) + "\n"));
    }
    INFO(killed << " imports killed, " << completed << " finished");
    CHECK(killed > 0);
}
