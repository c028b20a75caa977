// --db at things that are not a case log file: refused at once (never opened, never hung on),
// and failed write commands on a new path leave no file and no folder behind.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

const std::vector<std::vector<std::string>> reading_and_writing{
    {"list"},
    {"show", "1"},
    {"export", "--all", "--format", "json"},
    {"open", "Meterco"},
    {"log", "call"},
    {"backup", "copy.db"}};

void check_refused(const Sandbox& box, const std::string& path, const std::string& expected) {
    for (const auto& args : reading_and_writing) {
        std::vector<std::string> full{"--db", path};
        full.insert(full.end(), args.begin(), args.end());
        const auto r = box.at("2026-11-20T09:00", full);
        INFO(args[0] << ": " << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "escalate: " + expected + "\n");
        CHECK(r.out.empty());
    }
}

} // namespace

TEST_CASE("a FIFO, a device, a socket or a dangling link as --db is refused at once",
          "[reliability][paths]") {
    Sandbox box;
    SECTION("a FIFO (opening it would hang)") {
        const fs::path fifo = box.dir() / "pipe";
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        check_refused(box, fifo.string(),
                      fifo.string() +
                          " is a FIFO, not a case log file; give --db the path of a regular file");
        CHECK(fs::is_fifo(fifo));
    }
    SECTION("a character device") {
        check_refused(box, "/dev/null",
                      "/dev/null is a character device, not a case log file; give --db the path "
                      "of a regular file");
        CHECK(fs::is_character_file("/dev/null"));
    }
    SECTION("a socket") {
        const fs::path path = box.dir() / "sock";
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const std::string name = path.string();
        REQUIRE(name.size() < sizeof(addr.sun_path));
        std::copy(name.begin(), name.end(), addr.sun_path);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
        check_refused(
            box, path.string(),
            path.string() +
                " is a socket, not a case log file; give --db the path of a regular file");
        ::close(fd);
    }
    SECTION("a symbolic link to nothing") {
        const fs::path link = box.dir() / "cases.db";
        fs::create_symlink("gone/cases.db", link);
        check_refused(box, link.string(),
                      link.string() + " is a symbolic link to gone/cases.db, which does not "
                                      "exist; point --db at the log itself or remove the link");
        CHECK(fs::is_symlink(link));
        CHECK_FALSE(fs::exists(box.dir() / "gone"));
    }
}

TEST_CASE("failed write commands on a new path leave no file and no folder behind",
          "[reliability][paths]") {
    Sandbox box;
    const fs::path top = box.dir() / "new";
    const std::string db = (top / "a" / "b" / "cases.db").string();
    const std::string bad_dump = (box.dir() / "bad.jsonl").string();
    {
        std::ofstream out(bad_dump);
        out << "{\"format\":\"escalate-dump\",\"version\":1}\n{\"case\": 7}\n";
    }
    const std::vector<std::pair<std::vector<std::string>, int>> commands{
        {{"log", "call", "-m", "no case yet"}, 3},
        {{"close", "9", "--resolved"}, 3},
        {{"undo", "--yes"}, 3},
        {{"import", bad_dump}, 2},
        {{"promise", "kept", "4"}, 3},
    };
    for (const auto& [args, code] : commands) {
        std::vector<std::string> full{"--db", db};
        full.insert(full.end(), args.begin(), args.end());
        const auto r = box.at("2026-11-20T09:00", full);
        INFO(args[0] << ": " << r.err);
        CHECK(r.exit_code == code);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK_FALSE(fs::exists(top));
    }
    // A successful write creates the folders, private.
    box.ok("2026-11-20T09:00", {"--db", db, "open", "Meterco"});
    CHECK(fs::exists(db));
    CHECK((fs::status(top).permissions() & fs::perms::all) == fs::perms::owner_all);
}
