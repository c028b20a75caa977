// The html export in a real browser: headless Chromium (Debian's `chromium`, which
// `tools/dev test` installs) renders the S1 page, the SVG is there, no script ran, and the
// page asked for no network resource. Without the browser the test says so and passes.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::ProcessResult;
using escalate::test::read_file;
using escalate::test::run_process;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

constexpr const char* chromium = "/usr/bin/chromium";

// Chromium as the machine's probe starts it: headless, no background networking, a fresh
// profile. The net log records every request, with who asked for it.
ProcessResult browse(const Sandbox& box, const fs::path& page, const fs::path& netlog,
                     const std::vector<std::string>& extra) {
    std::vector<std::string> argv{"/usr/bin/timeout",
                                  "120",
                                  chromium,
                                  "--headless",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--disable-quic",
                                  "--no-first-run",
                                  "--disable-background-networking",
                                  "--disable-component-update",
                                  "--disable-sync",
                                  "--user-data-dir=" + (netlog.parent_path() / "profile").string(),
                                  "--log-net-log=" + netlog.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("file://" + page.string());
    return run_process(argv,
                       {"HOME=" + box.dir().string(), "PATH=/usr/bin:/bin", "TZ=Europe/London"});
}

// The requests the page itself made: the browser's own (updates, accounts) have no origin.
std::vector<std::string> page_requests(const fs::path& netlog) {
    const auto log = nlohmann::json::parse(read_file(netlog));
    int start_job = -1;
    for (const auto& [name, id] : log["constants"]["logEventTypes"].items()) {
        if (name == "URL_REQUEST_START_JOB") {
            start_job = id.get<int>();
        }
    }
    REQUIRE(start_job >= 0);
    std::vector<std::string> urls;
    for (const auto& e : log["events"]) {
        if (e.value("type", -1) != start_job || !e.contains("params")) {
            continue;
        }
        const auto& p = e["params"];
        const std::string initiator = p.value("initiator", "not an origin");
        const std::string url = p.value("url", "");
        if (initiator != "not an origin" && !url.starts_with("file:") &&
            !url.starts_with("data:")) {
            urls.push_back(url);
        }
    }
    return urls;
}

} // namespace

TEST_CASE("the html export renders in headless Chromium and fetches nothing", "[export][html]") {
    if (!fs::exists(chromium)) {
        WARN("chromium is not installed (tools/dev test installs it): browser test not run");
        return;
    }
    Sandbox box;
    for (const char* script : {"s1_account.sh", "s1_resolution.sh"}) {
        REQUIRE(box.script(std::string(SCENARIO_DIR) + "/" + script).exit_code == 0);
    }
    const fs::path page = box.dir() / "s1.html";
    box.ok("2026-11-06T10:00", {"export", "1", "--format", "html", "-o", page.string()});

    const fs::path dir = box.dir() / "browser";
    fs::create_directories(dir);
    const auto dom = browse(box, page, dir / "net.json", {"--dump-dom"});
    INFO(dom.err.substr(0, 2000));
    REQUIRE(dom.exit_code == 0);
    CHECK_THAT(dom.out, Contains("<svg"));
    CHECK_THAT(dom.out, Contains("Billing after contract end"));
    CHECK_THAT(dom.out, Contains("Timeline"));
    CHECK(dom.out.find("<script") == std::string::npos);
    CHECK(page_requests(dir / "net.json").empty());

    SECTION("a phone-width screenshot") {
        const fs::path shot = fs::path(BUILD_DIR) / "s1-phone.png";
        const auto r =
            browse(box, page, dir / "net2.json",
                   {"--hide-scrollbars", "--window-size=412,760", "--screenshot=" + shot.string()});
        REQUIRE(r.exit_code == 0);
        CHECK(fs::file_size(shot) > 20000);
    }
    SECTION("hostile text stays text once a browser has parsed the page") {
        Sandbox evil;
        evil.ok("2026-11-02T09:00",
                {"open", "Evil & Co", "--title", "</title><script>x()</script>"});
        evil.ok("2026-11-02T10:00", {"log", "chat", "--agent", "<img src=x onerror=y()>", "-m",
                                     "<script>alert(1)</script></svg><svg onload=z()> & \"q\""});
        const fs::path evil_page = dir / "evil.html";
        evil.ok("2026-11-02T11:00", {"export", "1", "--format", "html", "-o", evil_page.string()});
        const auto parsed = browse(box, evil_page, dir / "net4.json", {"--dump-dom"});
        REQUIRE(parsed.exit_code == 0);
        CHECK(parsed.out.find("<script") == std::string::npos);
        CHECK(parsed.out.find("<img") == std::string::npos);
        CHECK(parsed.out.find("<svg onload") == std::string::npos);
        CHECK_THAT(parsed.out, Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        CHECK(page_requests(dir / "net4.json").empty());
    }
    SECTION("the check is not vacuous: a page that fetches is caught") {
        const fs::path control = box.dir() / "control.html";
        std::ofstream(control)
            << "<html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>";
        REQUIRE(browse(box, control, dir / "net3.json", {"--dump-dom"}).exit_code == 0);
        CHECK(page_requests(dir / "net3.json") ==
              std::vector<std::string>{"http://127.0.0.1:9/x.png"});
    }
}
