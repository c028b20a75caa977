// Several processes logging to one case log at once: every command succeeds (no "database is
// locked" reaches anyone), nothing is lost, and each process's contacts keep their order.
#include <thread>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "sandbox.hpp"

using escalate::test::ProcessResult;
using escalate::test::run_process;
using escalate::test::Sandbox;

namespace {

// Enough for the writers' transactions to interleave many times over (each process's loop runs
// for seconds, each write for milliseconds), and no more: under the sanitizers each start costs
// a tenth of a second.
constexpr int per_process = 60;

// One writer: a shell loop of `escalate log`, printing each new contact's id.
ProcessResult writer(const Sandbox& box, int k) {
    const std::string script = "set -e; for i in $(seq 1 " + std::to_string(per_process) +
                               "); do \"$ESCALATE\" --now 2026-11-20T10:00 log call 1 -q -m "
                               "\"p" +
                               std::to_string(k) + " n$i\"; done";
    return box.run_shell(script);
}

std::vector<std::pair<std::string, std::int64_t>> notes_by_id(const Sandbox& box) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(box.db().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT note, id FROM contacts ORDER BY id", -1, &st, nullptr) ==
            SQLITE_OK);
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                         sqlite3_column_int64(st, 1));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

} // namespace

TEST_CASE("concurrent writers: every log succeeds and none is lost", "[reliability][slow]") {
    for (int processes : {2, 6}) {
        DYNAMIC_SECTION(processes << " processes, " << per_process << " contacts each") {
            Sandbox box;
            box.ok("2026-11-20T09:00", {"open", "Meterco"});
            std::vector<ProcessResult> results(static_cast<std::size_t>(processes));
            std::vector<std::thread> threads;
            for (int k = 0; k < processes; ++k) {
                threads.emplace_back(
                    [&, k] { results[static_cast<std::size_t>(k)] = writer(box, k); });
            }
            for (auto& t : threads) {
                t.join();
            }
            for (int k = 0; k < processes; ++k) {
                const auto& r = results[static_cast<std::size_t>(k)];
                INFO("process " << k << ": " << r.err);
                CHECK(r.exit_code == 0);
                CHECK(r.err.empty());
                CHECK(std::count(r.out.begin(), r.out.end(), '\n') == per_process);
            }
            const auto rows = notes_by_id(box);
            CHECK(rows.size() == static_cast<std::size_t>(processes * per_process));
            // Each process's contacts appear in the order it logged them.
            for (int k = 0; k < processes; ++k) {
                int expected = 1;
                const std::string prefix = "p" + std::to_string(k) + " n";
                for (const auto& [note, id] : rows) {
                    if (note.starts_with(prefix)) {
                        CHECK(note == prefix + std::to_string(expected));
                        ++expected;
                    }
                }
                CHECK(expected == per_process + 1);
            }
        }
    }
}
