// The public timeline (SPEC section 5): golden files for every format on S1 and S5, threads
// within their limit, redaction, private contacts and escaping.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "sandbox.hpp"
#include "thread_check.hpp"

using Catch::Contains;
using escalate::test::check_thread;
using escalate::test::posts_of;
using escalate::test::read_file;
using escalate::test::Sandbox;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> formats{"md", "txt", "thread", "json", "csv", "html", "ics"};

void replay(const Sandbox& box, const std::string& script) {
    const auto r = box.script(std::string(SCENARIO_DIR) + "/" + script);
    INFO(script << ": " << r.err);
    REQUIRE(r.exit_code == 0);
}

// Compares with tests/golden/<name>; ESCALATE_UPDATE_GOLDEN=1 writes them instead.
void check_golden(const std::string& name, const std::string& actual) {
    const fs::path path = fs::path(GOLDEN_DIR) / name;
    if (std::getenv("ESCALATE_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    INFO("golden file " << path << " (ESCALATE_UPDATE_GOLDEN=1 rewrites it)");
    REQUIRE(fs::exists(path));
    CHECK(read_file(path) == actual);
}

} // namespace

TEST_CASE("golden exports of S1, the account that would not close", "[export][golden]") {
    Sandbox box;
    replay(box, "s1_account.sh");
    replay(box, "s1_resolution.sh");
    for (const auto& f : formats) {
        if (f == "ics") {
            continue; // closed, nothing pending: refused (formats_test.cpp)
        }
        INFO(f);
        check_golden("s1." + f, box.ok("2026-11-06T10:00", {"export", "1", "--format", f}));
    }
    check_golden("s1.redacted.md",
                 box.ok("2026-11-06T10:00", {"export", "1", "--format", "md", "--redact"}));
    const auto md = box.ok("2026-11-06T10:00", {"export", "1", "--format", "md"});
    CHECK_THAT(md, Contains("66 days, 12 calls"));
    CHECK_THAT(md, Contains("3 broken promises"));
}

TEST_CASE("golden exports of S5, the public channel that did not help", "[export][golden]") {
    Sandbox box;
    replay(box, "s5_broadband.sh");
    for (const auto& f : formats) {
        INFO(f);
        const auto out = box.ok("2026-11-22T09:00", {"export", "1", "--format", f});
        check_golden("s5." + f, out);
        if (f != "ics" && f != "json" && f != "csv") {
            // The total phone time (3.5 h) and hold time are in every export's headline.
            CHECK_THAT(out, Contains("3 h 30 min on the phone, 40 min on hold"));
        }
    }
    check_golden("s5.redacted.thread",
                 box.ok("2026-11-22T09:00", {"export", "1", "--format", "thread", "--redact"}));
}

TEST_CASE("a thread: numbered posts within the limit, the whole story in order", "[export]") {
    Sandbox box;
    replay(box, "s1_account.sh");
    replay(box, "s1_resolution.sh");
    const auto thread = box.ok("2026-11-06T10:00", {"export", "1", "--format", "thread"});
    check_thread(thread);
    const auto posts = posts_of(thread);
    CHECK_THAT(posts[0], Contains("@meterco"));
    CHECK_THAT(posts[0], Contains("66 days, 12 calls"));
    CHECK_THAT(posts[0], Contains("3 broken promises"));
    // In the default 12 posts: the broken promises, going public and the resolution, in order;
    // the contacts between them summed up.
    CHECK(posts.size() <= 12);
    std::size_t at = 0;
    for (const char* event :
         {"Call to Meterco", "Promise broken: \"no more bills\"", "calls 6 to 10: 5 calls",
          "Promise broken: \"no more bills\"", "Public post", "Executive contact from Meterco",
          "It was resolved on"}) {
        INFO(event);
        const auto found = thread.find(event, at);
        CHECK(found != std::string::npos);
        if (found != std::string::npos) {
            at = found + 1;
        }
    }
    // With room for it, every key event in a post of its own, in order.
    const auto whole =
        box.ok("2026-11-06T10:00", {"export", "1", "--format", "thread", "--max-posts", "40"});
    check_thread(whole);
    at = 0;
    for (const char* event :
         {"promised \"no more bills\"", "Promise broken: \"no more bills\"", "Another bill arrived",
          "promised \"no more bills\"", "Collections notice",
          "account closed, collections withdrawn", "Public post", "Direct message from Meterco",
          "Executive contact from Meterco", "It was resolved on"}) {
        INFO(event);
        const auto found = whole.find(event, at);
        CHECK(found != std::string::npos);
        if (found != std::string::npos) {
            at = found;
        }
    }
    SECTION("other limits, and words are never cut") {
        const auto small =
            box.ok("2026-11-06T10:00", {"export", "1", "--format", "thread", "--limit", "80"});
        check_thread(small, 80);
        for (const auto& post : posts_of(small)) {
            CHECK_FALSE(post.ends_with(" "));
        }
        CHECK(box.at("2026-11-06T10:00", {"export", "1", "--format", "thread", "--limit", "5"})
                  .exit_code == 2);
    }
}

TEST_CASE("every scenario's thread stays within 280 characters", "[export]") {
    Sandbox box;
    replay(box, "s5_broadband.sh");
    check_thread(box.ok("2026-11-22T09:00", {"export", "1", "--format", "thread"}));
    check_thread(box.ok("2026-11-22T09:00", {"export", "1", "--format", "thread", "--redact"}));
    box.ok("2026-11-22T09:00", {"open", "Parcelco", "--title",
                                std::string(300, 'x') + " a title far longer than any post"});
    box.ok("2026-11-22T09:10", {"log", "call", "2", "-m", std::string(2000, 'y')});
    check_thread(box.ok("2026-11-22T09:30", {"export", "2", "--format", "thread"}));
}

TEST_CASE("redaction masks personal data in every format", "[export][redact]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Cardco", "--title",
                                "Card 4111 1111 1111 1111 charged "
                                "twice",
                                "--want", "Refund to jo.bloggs@example.com"});
    box.ok("2026-11-02T09:05",
           {"org", "Cardco", "--phone", "+44 20 7946 0958", "--email", "help@cardco.example"});
    box.ok("2026-11-02T10:00",
           {"log", "call", "--agent", "Dana Whitfield", "--ref", "REF-88231X", "--promise",
            "refund to 4111111111111111 by Friday", "--due", "2026-11-06", "-m",
            "Dana Whitfield said call (555) 123-4567 or 555.123.4567 or 07700900123 or "
            "+44 (0)20 7946 0958, or write to jo.bloggs@example.com, quoting REF-88231X and "
            "account 12345678."});
    box.ok("2026-11-03T10:00", {"log", "email", "--in", "--agent", "Priya Raman", "-m",
                                "From: priya.raman@cardco.example. Ms Raman will call back."});
    box.ok("2026-11-03T11:00",
           {"log", "call", "--private", "-m", "PRIVATE-NOTE my PIN hint is the dog's name"});
    const std::vector<std::string> secrets{"4111 1111 1111",
                                           "4111111111111111",
                                           "7946 0958",
                                           "123-4567",
                                           "123.4567",
                                           "07700900123",
                                           "jo.bloggs@example.com",
                                           "priya.raman@cardco.example",
                                           "help@cardco.example",
                                           "Whitfield",
                                           "Raman",
                                           "REF-88231X",
                                           "12345678",
                                           "PRIVATE-NOTE"};
    for (const auto& f : formats) {
        const auto out = box.ok("2026-11-10T09:00", {"export", "1", "--format", f, "--redact"});
        for (const auto& secret : secrets) {
            INFO(f << " must not contain " << secret);
            CHECK(out.find(secret) == std::string::npos);
        }
        INFO(f);
        if (f != "ics") { // the calendar holds promises and the next step, not agents
            CHECK_THAT(out, Contains("Dana W."));
        }
        const auto plain = box.ok("2026-11-10T09:00", {"export", "1", "--format", f});
        CHECK(plain.find("PRIVATE-NOTE") == std::string::npos); // private unless asked
    }
    const auto md = box.ok("2026-11-10T09:00", {"export", "1", "--format", "md", "--redact"});
    CHECK_THAT(md, Contains("\xE2\x80\xA2\xE2\x80\xA2"
                            "11 charged")); // "•••• •••• •••• ••11"
    CHECK_THAT(md, Contains("2026"));       // dates are not phone numbers
    CHECK_THAT(box.ok("2026-11-10T09:00", {"export", "1", "--format", "md", "--include-private"}),
               Contains("PRIVATE-NOTE"));
}

TEST_CASE("user text in the HTML page is escaped and inert", "[export][html]") {
    Sandbox box;
    box.ok("2026-11-02T09:00",
           {"open", "Evil & Co <b>", "--title", "</title><script>alert('t')</script>"});
    box.ok("2026-11-02T10:00",
           {"log", "chat", "--agent", "<img src=x onerror=alert(1)>", "-m",
            "<script>alert(\"x\")</script> </svg><svg onload=alert(2)> \"quotes\" & 'apostrophes' "
            "&amp; <!-- comment -->"});
    const auto html = box.ok("2026-11-02T11:00", {"export", "1", "--format", "html"});
    std::string lower = html;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    CHECK(lower.find("<script") == std::string::npos);
    CHECK(lower.find("<img") == std::string::npos);
    CHECK(lower.find("<svg onload") == std::string::npos);
    CHECK(lower.find("<!-- comment") == std::string::npos);
    // Our own svg and title elements, once each.
    auto count = [&](const std::string& s) {
        std::size_t n = 0;
        for (auto at = lower.find(s); at != std::string::npos; at = lower.find(s, at + 1)) {
            ++n;
        }
        return n;
    };
    CHECK(count("</svg>") == 1);
    CHECK(count("<svg ") == 1);
    CHECK(count("</title>") == count("<title"));
    CHECK_THAT(html, Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    CHECK_THAT(html, Contains("Evil &amp; Co &lt;b&gt;"));
    CHECK_THAT(html, Contains("&amp;amp;"));
    CHECK_THAT(html, Contains("default-src 'none'"));
    // The only URL is the SVG namespace, which is a name, not a request.
    CHECK(count("http://") == count("http://www.w3.org/2000/svg"));
    CHECK(html.find("https://") == std::string::npos);
    const auto md = box.ok("2026-11-02T11:00", {"export", "1", "--format", "md"});
    CHECK(md.find("<script") == std::string::npos);
}

TEST_CASE("export writes a file with -o, and refuses a bad format", "[export]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Meterco"});
    const auto file = box.dir() / "out.md";
    const auto r =
        box.at("2026-11-02T10:00", {"export", "1", "--format", "md", "-o", file.string()});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK_THAT(read_file(file), Contains("# My complaint to Meterco"));
    const auto bad = box.at("2026-11-02T10:00", {"export", "1", "--format", "pdf"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("accepted: md, txt, thread, json, csv, html, ics"));
    CHECK(box.at("2026-11-02T10:00", {"export", "9", "--format", "md"}).exit_code == 3);
    const auto unwritable = box.at("2026-11-02T10:00", {"export", "1", "--format", "md", "-o",
                                                        (box.dir() / "no/such/dir/x.md").string()});
    CHECK(unwritable.exit_code == 1);
}

TEST_CASE("a csv cell never starts a formula", "[export][csv]") {
    Sandbox box;
    box.ok("2026-11-20T09:00", {"open", "Meterco"});
    box.ok("2026-11-20T10:00", {"log", "call", "--agent", "=HYPERLINK(\"http://x.example\",\"y\")",
                                "--ref", "+44", "-m", "@SUM(A1)"});
    box.ok("2026-11-20T10:05", {"log", "email", "-m", "-1 refund"});
    const std::string csv = box.ok("2026-11-20T11:00", {"export", "1", "--format", "csv"});
    CHECK_THAT(csv, Contains(",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\","));
    CHECK_THAT(csv, Contains(",'+44,"));
    CHECK_THAT(csv, Contains(",'@SUM(A1)\r\n"));
    CHECK_THAT(csv, Contains(",'-1 refund\r\n"));
    CHECK_THAT(csv, !Contains(",=HYPERLINK"));
}
