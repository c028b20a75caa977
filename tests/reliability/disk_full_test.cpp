// A case log on a full disk: reads and writes alike say the disk is full (exit 1), not "disk
// I/O error", and the log is left as it was. Needs a small tmpfs (root); skipped elsewhere.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

#include "sandbox.hpp"
#include "sqlite_probe.hpp"

using Catch::Contains;
using escalate::test::run_process;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

// A 1 MiB tmpfs mounted for the test's life, or nothing where mounting is not allowed.
class SmallDisk {
public:
    explicit SmallDisk(fs::path dir) : dir_(std::move(dir)) {
        fs::create_directories(dir_);
        mounted_ = run_process({"/bin/mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs",
                                dir_.string()},
                               {"PATH=/usr/bin:/bin"})
                       .exit_code == 0;
    }
    ~SmallDisk() {
        if (mounted_) {
            run_process({"/bin/umount", "-l", dir_.string()}, {"PATH=/usr/bin:/bin"});
        }
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    [[nodiscard]] bool mounted() const { return mounted_; }

    // Writes a filler file until the disk refuses another byte.
    void fill() const {
        const int fd = ::open((dir_ / "filler").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(fd >= 0);
        const std::string block(4096, 'x');
        while (::write(fd, block.data(), block.size()) > 0) {
        }
        while (::write(fd, block.data(), 1) > 0) {
        }
        ::close(fd);
    }

private:
    fs::path dir_;
    bool mounted_ = false;
};

} // namespace

TEST_CASE("on a full disk, reads and writes say the disk is full", "[reliability][disk-full]") {
    Sandbox box;
    const fs::path dir = box.dir() / "small";
    SmallDisk disk(dir);
    if (!disk.mounted()) {
        WARN("cannot mount a tmpfs here (not root?): the full-disk test was not run");
        return;
    }
    const std::string db = (dir / "cases.db").string();
    box.set_env("ESCALATE_DB", db);
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00", {"log", "call", "1", "-m", "before the disk filled"});
    const std::string before = escalate::test::read_file(db);
    disk.fill();
    for (const std::vector<std::string>& args : {std::vector<std::string>{"list"},
                                                 {"show", "1"},
                                                 {"export", "--all", "--format", "json"},
                                                 {"log", "call", "1", "-m", "on a full disk"},
                                                 {"backup", (box.dir() / "b.db").string()}}) {
        const auto r = box.at("2026-11-20T11:00", args);
        INFO(args[0] << ": " << r.err);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains("escalate: the disk is full"));
        CHECK_THAT(r.err, !Contains("disk I/O error"));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    fs::remove(dir / "filler");
    CHECK(escalate::test::read_file(db) == before);
    CHECK(box.json("2026-11-20T12:00", {"show", "1"})["contacts"].size() == 1);
}
