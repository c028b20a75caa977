// Looking into a case log (or a backup) from the test, with SQLite directly, read-only.
#pragma once

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <sqlite3.h>

namespace escalate::test {

// The first column of the first row of sql, as text ("" for NULL or no row).
inline std::string probe(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(handle, 10000); // a writer closing the log checkpoints it
    sqlite3_stmt* st = nullptr;
    const int rc = sqlite3_prepare_v2(handle, sql.c_str(), -1, &st, nullptr);
    INFO(db.string() << ": " << sql << ": " << sqlite3_errmsg(handle));
    REQUIRE(rc == SQLITE_OK);
    std::string value;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_close(handle);
    return value;
}

inline long probe_int(const std::filesystem::path& db, const std::string& sql) {
    return std::stol(probe(db, sql));
}

} // namespace escalate::test
