// The html export in a real browser: headless Chromium (Debian's `chromium`, which
// `tools/dev test` installs) renders the S1 page, the SVG is there, no script ran, and the
// page asked for no network resource; at a phone's width and a desktop's, no text is smaller
// than 12 px as rendered. And the picture alone: the svg export is well-formed XML, the png
// export a PNG of the expected size. Without the browser the browser tests say so and pass
// (and fail when CI is set: tools/dev test installs it).
#include <algorithm>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>

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

bool have_chromium() {
    if (fs::exists(chromium)) {
        return true;
    }
    if (std::getenv("CI") != nullptr) {
        FAIL("chromium is not installed (tools/dev test installs it)");
    }
    WARN("chromium is not installed (tools/dev test installs it): browser test not run");
    return false;
}

struct PngSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

// The size a PNG's IHDR declares; zero when the bytes are not a PNG.
PngSize png_size(const std::string& bytes) {
    static const std::string signature("\x89PNG\r\n\x1a\n", 8);
    if (bytes.size() < 33 || bytes.compare(0, 8, signature) != 0 ||
        bytes.compare(12, 4, "IHDR") != 0) {
        return {};
    }
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
        }
        return v;
    };
    return {be32(16), be32(20)};
}

// Headless Chromium will not make a window narrower than 500 px, so the page is shown in an
// iframe of the width under test, at the top left of the window: the screenshot (as wide as
// asked) is the iframe. The page goes in untouched, as srcdoc (same origin, so the wrapper's
// script can read the page's computed styles); the page itself runs no script. The wrapper
// writes into its own DOM the smallest font size as rendered (an SVG text's size times the
// scale its viewBox gives it) and whether the page is wider than its viewport.
fs::path probe_wrapper(const fs::path& page, int width) {
    std::string srcdoc;
    for (const char c : read_file(page)) {
        srcdoc += c == '&'   ? std::string("&amp;")
                  : c == '"' ? std::string("&quot;")
                             : std::string(1, c);
    }
    const fs::path wrapper =
        page.parent_path() / (page.stem().string() + "-" + std::to_string(width) + ".probe.html");
    std::ofstream(wrapper) << R"(<!DOCTYPE html><html><head><meta charset="utf-8"><style>
html,body{margin:0}iframe{border:0;display:block}</style></head><body>
<script>
addEventListener("load", () => {
  const w = document.querySelector("iframe").contentWindow, d = w.document;
  let min = 1e9, what = "";
  for (const el of d.body.querySelectorAll("*")) {
    if (el.closest("title,script,style")) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== "");
    if (!own || el.getClientRects().length === 0) continue;
    let px = parseFloat(w.getComputedStyle(el).fontSize);
    if (el instanceof w.SVGGraphicsElement) {
      const m = el.getScreenCTM();
      px *= Math.hypot(m.a, m.b);
    }
    if (px < min) { min = px; what = el.tagName + " " + el.textContent.slice(0, 40); }
    if (el instanceof w.SVGTextElement &&
        el.getBoundingClientRect().right > el.ownerSVGElement.getBoundingClientRect().right) {
      document.body.dataset.clipped = el.textContent.slice(0, 40);
    }
  }
  document.body.dataset.viewport = String(w.innerWidth);
  document.body.dataset.minFont = min.toFixed(2);
  document.body.dataset.minWhat = what;
  document.body.dataset.overflow = String(d.documentElement.scrollWidth > w.innerWidth);
});
</script>
<iframe width=")" << width << R"(" height="1600" srcdoc=")"
                           << srcdoc << R"("></iframe>
</body></html>
)";
    return wrapper;
}

std::string attribute(const std::string& dom, const std::string& name) {
    std::smatch m;
    const std::regex re(name + "=\"([^\"]*)\"");
    return std::regex_search(dom, m, re) ? m[1].str() : std::string();
}

// The page at one width, in one browser start: a screenshot, and the smallest text on the page
// as the browser lays it out.
void check_width(const Sandbox& box, const fs::path& page, const std::string& name, int width) {
    INFO(name << " at " << width << " px");
    const fs::path dir = box.dir() / ("browser-" + name + "-" + std::to_string(width));
    fs::create_directories(dir);
    const fs::path shot = fs::path(BUILD_DIR) / (name + "-" + std::to_string(width) + ".png");
    fs::remove(shot);
    const auto r = browse(box, probe_wrapper(page, width), dir / "net.json",
                          {"--hide-scrollbars", "--window-size=" + std::to_string(width) + ",1600",
                           "--screenshot=" + shot.string(), "--dump-dom"});
    INFO(r.err.substr(0, 2000));
    REQUIRE(r.exit_code == 0);
    REQUIRE(fs::exists(shot));
    CHECK(png_size(read_file(shot)).width == static_cast<std::uint32_t>(width));
    CHECK(page_requests(dir / "net.json").empty());
    CHECK(attribute(r.out, "data-viewport") == std::to_string(width));
    const std::string min = attribute(r.out, "data-min-font");
    INFO("smallest text: " << attribute(r.out, "data-min-what"));
    REQUIRE_FALSE(min.empty());
    CHECK(std::stod(min) >= 12.0);
    CHECK(attribute(r.out, "data-overflow") == "false");
    CHECK(attribute(r.out, "data-clipped").empty()); // no SVG text runs past the picture
}

// A case of 300 contacts over five months: calls that go nowhere, a few promises, letters,
// then a public post and the executive office. One script, so the binary starts 300 times in
// one shell rather than 300 times from the test.
void replay_big_case(const Sandbox& box) {
    std::string script = "set -e\ne() { \"$ESCALATE\" \"$@\"; }\n"
                         "e --now 2026-01-05T08:00 open Bigco --title \"Refund never paid: "
                         "ref_REFUND-2026-000123-see-attached-statement-and-earlier-emails\"\n";
    std::tm day{};
    day.tm_year = 2026 - 1900;
    day.tm_mon = 0;
    day.tm_mday = 5;
    const std::time_t start = timegm(&day);
    for (int i = 0; i < 300; ++i) {
        const std::time_t at =
            start + 9 * 3600 + static_cast<std::time_t>(i) * 12 * 3600 + 60 * (i % 50);
        std::tm tm{};
        gmtime_r(&at, &tm);
        char when[32];
        std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M", &tm);
        std::string args;
        if (i == 280) {
            args = "social -m \"300 contacts and still no refund\"";
        } else if (i == 290) {
            args = "exec --in --outcome promised --promise \"refund in full\" --due 2026-06-30";
        } else if (i % 30 == 29) {
            args = "letter --in --outcome notice -m \"Reminder\"";
        } else if (i % 40 == 10) {
            std::tm due = tm;
            due.tm_mday += 7;
            timegm(&due);
            char d[16];
            std::strftime(d, sizeof d, "%Y-%m-%d", &due);
            args = std::string("call --duration 10m --promise \"refund sent to "
                               "account_ending_in_the_number_already_on_file_WWWWWWWWWW\" --due ") +
                   d;
        } else {
            static const char* outcomes[] = {"no-answer", "hung-up", "stock-reply", "transferred",
                                             "no-answer", "refused", "hung-up"};
            args = std::string("call --hold 20m --outcome ") + outcomes[i % 7];
        }
        script += std::string("e --now ") + when + " log " + args + "\n";
    }
    const auto r = box.run_shell(script);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

// Well-formed enough for XML: every element closed, in order.
bool balanced_tags(const std::string& xml) {
    std::vector<std::string> open;
    for (auto at = xml.find('<'); at != std::string::npos; at = xml.find('<', at + 1)) {
        const auto end = xml.find('>', at);
        if (end == std::string::npos) {
            return false;
        }
        const std::string tag = xml.substr(at + 1, end - at - 1);
        if (tag.starts_with("?") || tag.starts_with("!")) {
            continue;
        }
        const auto name_end = tag.find_first_of(" /\n", tag.starts_with("/") ? 1 : 0);
        const std::string name =
            tag.substr(tag.starts_with("/") ? 1 : 0,
                       name_end == std::string::npos ? std::string::npos
                                                     : name_end - (tag.starts_with("/") ? 1 : 0));
        if (tag.starts_with("/")) {
            if (open.empty() || open.back() != name) {
                return false;
            }
            open.pop_back();
        } else if (!tag.ends_with("/")) {
            open.push_back(name);
        }
    }
    return open.empty();
}

} // namespace

TEST_CASE("the html export renders in headless Chromium and fetches nothing", "[export][html]") {
    if (!have_chromium()) {
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

TEST_CASE("the timeline picture reads on a phone and on a desktop", "[html][picture]") {
    if (!have_chromium()) {
        return;
    }
    Sandbox s1;
    REQUIRE(s1.script(std::string(SCENARIO_DIR) + "/s1_account.sh").exit_code == 0);
    REQUIRE(s1.script(std::string(SCENARIO_DIR) + "/s1_resolution.sh").exit_code == 0);
    Sandbox s5;
    REQUIRE(s5.script(std::string(SCENARIO_DIR) + "/s5_broadband.sh").exit_code == 0);
    Sandbox big;
    replay_big_case(big);
    struct Page {
        const Sandbox* box;
        std::string name;
        std::string now;
    };
    for (const Page& p : {Page{&s1, "s1", "2026-11-06T10:00"}, Page{&s5, "s5", "2026-11-22T09:00"},
                          Page{&big, "big", "2026-06-10T09:00"}}) {
        const fs::path page = p.box->dir() / (p.name + ".html");
        p.box->ok(p.now, {"export", "1", "--format", "html", "-o", page.string()});
        const std::string html = read_file(page);
        CHECK(html.find("<script") == std::string::npos);
        for (const int width : {390, 1280}) {
            check_width(*p.box, page, p.name, width);
        }
    }
    // 300 contacts are summed up in a few dozen rows, not drawn as one bar.
    const std::string svg = big.ok("2026-06-10T09:00", {"export", "1", "--format", "svg"});
    CHECK_THAT(svg, Contains("summed up"));
    CHECK_THAT(svg, Contains("calls to Bigco"));
    std::size_t rows = 0;
    for (auto at = svg.find("Day"); at != std::string::npos; at = svg.find("Day", at + 1)) {
        ++rows;
    }
    CHECK(rows >= 5);
    CHECK(rows <= 40);
}

TEST_CASE("svg and png exports: the picture alone", "[picture]") {
    Sandbox box;
    REQUIRE(box.script(std::string(SCENARIO_DIR) + "/s5_broadband.sh").exit_code == 0);
    const std::string now = "2026-11-22T09:00";
    const std::string svg = box.ok(now, {"export", "1", "--format", "svg"});
    CHECK(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
    CHECK(svg.ends_with("</svg>\n"));
    CHECK(balanced_tags(svg));
    CHECK_THAT(svg, Contains("font-family=\"DejaVu Sans"));
    CHECK_THAT(svg, Contains("Router died"));
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, std::regex("width=\"([0-9]+)\" height=\"([0-9]+)\"")));
    const auto width = std::stoul(m[1].str());
    const auto height = std::stoul(m[2].str());

    const fs::path file = box.dir() / "s5.png";
    const auto r = box.at(now, {"export", "1", "--format", "png", "-o", file.string()});
    REQUIRE(r.exit_code == 0);
    const std::string png = read_file(file);
    const auto size = png_size(png);
    CHECK(size.width == 2 * width); // twice the CSS size, for dense screens
    CHECK(size.height == 2 * height);
    CHECK(png.size() > 10000);
    CHECK(png.size() < 2000000);
    CHECK(png.ends_with(std::string("IEND\xAE\x42\x60\x82", 8)));

    SECTION("hostile text is escaped for XML") {
        Sandbox evil;
        evil.ok("2026-11-02T09:00",
                {"open", "Evil & Co <b>", "--title", "</text><script>x()</script>&amp; \"q\""});
        evil.ok("2026-11-02T10:00",
                {"log", "chat", "--agent", "<img src=x onerror=y()>", "--promise",
                 "]]><svg onload=z()>" + std::string(300, 'W'), "--due", "2026-11-09"});
        const std::string bad = evil.ok("2026-11-03T10:00", {"export", "1", "--format", "svg"});
        CHECK(balanced_tags(bad));
        CHECK(bad.find("<script") == std::string::npos);
        CHECK(bad.find("<img") == std::string::npos);
        CHECK(bad.find("<svg onload") == std::string::npos);
        CHECK_THAT(bad, Contains("&lt;/text&gt;&lt;script&gt;"));
        // Still drawable: librsvg parses it.
        CHECK(png_size(evil.ok("2026-11-03T10:00", {"export", "1", "--format", "png"})).width ==
              2 * width);
    }
    SECTION("png is not written to a terminal") {
        const auto tty = box.run_shell("script -qec '\"$ESCALATE\" --now " + now +
                                       " export 1 --format png' /dev/null");
        CHECK(tty.exit_code == 2);
        CHECK_THAT(tty.out, Contains("-o FILE"));
        CHECK(tty.out.find("PNG\r\n") == std::string::npos);
    }
}
