// Every byte of output is checked, and -o writes safely: a full disk or /dev/full is an error
// naming the target; -o goes through a private temporary file renamed into place, or straight
// into a device or FIFO, never replacing one (issue 11).
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox.hpp"

using Catch::Contains;
using Catch::StartsWith;
using escalate::test::read_file;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

const char* const now = "2026-11-22T10:00";

void two_cases(const Sandbox& box) {
    box.ok("2026-11-20T09:00", {"open", "Meterco", "--title", "Billing"});
    box.ok("2026-11-20T09:10", {"log", "call", "1", "-m", "they said next week"});
    box.ok("2026-11-20T09:20", {"open", "Parcelco", "--title", "Lost parcel"});
}

// One line on stderr, starting "escalate: ".
void one_error_line(const escalate::test::ProcessResult& r) {
    INFO(r.err);
    CHECK_THAT(r.err, StartsWith("escalate: "));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st.st_mode;
}

// A small filesystem of its own, where the test may mount one (root, usually); unmounted at
// the end.
class SmallDisk {
public:
    SmallDisk(const fs::path& at, const char* size) : path_(at) {
        fs::create_directories(at);
        mounted_ = ::mount("tmpfs", at.c_str(), "tmpfs", 0, size) == 0;
    }
    ~SmallDisk() {
        if (mounted_) {
            ::umount2(path_.c_str(), MNT_DETACH);
        }
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    [[nodiscard]] bool mounted() const { return mounted_; }

private:
    fs::path path_;
    bool mounted_ = false;
};

} // namespace

TEST_CASE("output that cannot be written is an error, never exit 0", "[reliability][output]") {
    Sandbox box;
    two_cases(box);
    for (const std::string command :
         {"export --all --format json", "list", "next", "show 1", "export 1 --format md"}) {
        const auto r = box.run_shell("\"$ESCALATE\" --now " + std::string(now) + " " + command +
                                     " > /dev/full");
        INFO(command);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains("standard output"));
        one_error_line(r);
    }
}

TEST_CASE("a log that was saved but could not be printed says so, with exit 5",
          "[reliability][output]") {
    Sandbox box;
    two_cases(box);
    const auto r = box.run_shell("\"$ESCALATE\" --now 2026-11-21T09:00 --json log email 1 -m "
                                 "'sent the bill' > /dev/full");
    CHECK(r.exit_code == 5);
    CHECK_THAT(r.err, Contains("saved: "));
    CHECK_THAT(r.err, Contains("contact"));
    one_error_line(r);
    // The contact is there: a script must not log it again.
    CHECK(box.json(now, {"show", "1"})["contacts"].size() == 2);
}

TEST_CASE("export -o writes a private file through a temporary file no one can plant",
          "[reliability][output]") {
    Sandbox box;
    two_cases(box);
    const fs::path victim = box.dir() / "victim";
    std::ofstream(victim) << "precious";
    const fs::path target = box.dir() / "page.md";
    // Symlinks at the old fixed temporary name and at names one might guess.
    for (const std::string name :
         {"page.md.tmp-escalate", ".page.md.tmp", "page.md.tmp", ".page.md.XXXXXX", "page.md~"}) {
        fs::create_symlink(victim, box.dir() / name);
    }
    box.ok(now, {"export", "1", "--format", "md", "-o", target.string()});
    CHECK(read_file(victim) == "precious");
    CHECK(read_file(target) == box.ok(now, {"export", "1", "--format", "md"}));
    CHECK((mode_of(target) & 0777) == 0600);

    SECTION("a file left 0644 by an earlier run is still written 0600") {
        fs::permissions(target, fs::perms(0644));
        box.ok(now, {"export", "--all", "--format", "json", "-o", target.string()});
        CHECK((mode_of(target) & 0777) == 0600);
        // Nothing else left beside it but what the test made.
        std::size_t files = 0;
        for (const auto& e : fs::directory_iterator(box.dir())) {
            files += e.path().filename().string().starts_with(".page.md.") && !e.is_symlink();
        }
        CHECK(files == 0);
    }
    SECTION("a folder is refused") {
        const auto r = box.at(now, {"export", "1", "--format", "md", "-o", box.dir().string()});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains("is a folder; give a file name"));
        one_error_line(r);
    }
    SECTION("a missing folder is a storage error") {
        const auto r = box.at(
            now, {"export", "1", "--format", "md", "-o", (box.dir() / "no/such.md").string()});
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains("no/such.md"));
    }
}

TEST_CASE("export -o writes devices and FIFOs and /dev/stdout directly and replaces none",
          "[reliability][output]") {
    Sandbox box;
    two_cases(box);
    const std::string expected = box.ok(now, {"export", "--all", "--format", "json"});

    const auto null_mode = mode_of("/dev/null");
    REQUIRE(S_ISCHR(null_mode));
    box.ok(now, {"export", "--all", "--format", "json", "-o", "/dev/null"});
    CHECK(mode_of("/dev/null") == null_mode);

    const auto out = box.ok(now, {"export", "--all", "--format", "json", "-o", "/dev/stdout"});
    CHECK(out == expected);

    const fs::path fifo = box.dir() / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string got;
    std::thread reader([&] { got = read_file(fifo); });
    const auto r = box.at(now, {"export", "--all", "--format", "json", "-o", fifo.string()});
    reader.join();
    CHECK(r.exit_code == 0);
    CHECK(got == expected);
    CHECK(S_ISFIFO(mode_of(fifo)));
}

TEST_CASE("a dump to a full filesystem fails and leaves nothing", "[reliability][output]") {
    Sandbox box;
    // A dump of about 200 KB: 400 cases.
    std::string dump = "{\"format\":\"escalate-dump\",\"version\":1,\"exported_at\":"
                       "\"2026-11-20T10:00:00Z\"}\n";
    for (int i = 1; i <= 400; ++i) {
        dump += "{\"case\":{\"id\":" + std::to_string(i) + ",\"org\":\"Org\",\"title\":\"" +
                std::string(300, 'a') +
                "\",\"status\":\"open\",\"opened_at\":\"2026-11-01T09:00:00Z\",\"contacts\":[],"
                "\"promises\":[]}}\n";
    }
    dump += "{\"end\":{\"orgs\":0,\"cases\":400,\"contacts\":0,\"promises\":0}}\n";
    std::ofstream(box.dir() / "in.jsonl") << dump;
    box.ok(now, {"import", (box.dir() / "in.jsonl").string()});

    const fs::path disk = box.dir() / "small";
    const SmallDisk small(disk, "size=64k");
    if (!small.mounted()) {
        WARN("cannot mount a tmpfs here: the full-filesystem part is skipped");
        return;
    }
    const auto r =
        box.at(now, {"export", "--all", "--format", "json", "-o", (disk / "dump.jsonl").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("dump.jsonl"));
    CHECK_THAT(r.err, Contains("No space left on device"));
    one_error_line(r);
    CHECK(fs::is_empty(disk)); // no partial file, no temporary file

    const auto shell =
        box.run_shell("\"$ESCALATE\" --now " + std::string(now) + " export --all --format json > " +
                      (disk / "redirected.jsonl").string());
    CHECK(shell.exit_code == 1);
    CHECK_THAT(shell.err, Contains("standard output"));
    one_error_line(shell);
}
