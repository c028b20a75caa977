// Threads for real networks (issue 10): every post of every scenario's thread, redacted and
// not, checked by X's own twitter-text package (tests/js/check_posts.js) and by grapheme counts
// for Bluesky and Mastodon; CJK, emoji, flags, joined emoji and links; the post budget; a
// 300-contact case; bad flags.
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "process.hpp"
#include "sandbox.hpp"
#include "thread_check.hpp"

using Catch::Contains;
using escalate::test::posts_of;
using escalate::test::ProcessResult;
using escalate::test::run_process;
using escalate::test::Sandbox;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Step {
    std::string now;
    std::vector<std::string> args;
};

// The scenarios replayed in C++ by scenarios_test.cpp and regimes_test.cpp, to their last
// state; S1 and S5 are the scripts in this folder.
struct Scenario {
    std::string name;
    std::string now; // when the thread is exported
    std::vector<std::string> scripts;
    std::vector<Step> steps;
};

const std::vector<Scenario>& scenarios() {
    static const std::vector<Scenario> all{
        {"S1", "2026-11-06T10:00", {"s1_account.sh", "s1_resolution.sh"}, {}},
        {"S5", "2026-11-22T09:00", {"s5_broadband.sh"}, {}},
        {"S2",
         "2026-11-02T16:00",
         {},
         {{"2026-11-02T09:00", {"open", "Parcelco", "--title", "Misdelivered parcel"}},
          {"2026-11-02T09:20", {"log", "call", "--hold", "10m", "--outcome", "hung-up"}},
          {"2026-11-02T09:40",
           {"log", "chat", "--agent", "Lucy G.", "--outcome", "refused", "-m",
            "Cannot pick up a misdelivered parcel"}},
          {"2026-11-02T10:00", {"org", "Parcelco", "--social", "@parcelco"}},
          {"2026-11-02T15:00", {"log", "dm", "--in", "--outcome", "resolved"}},
          {"2026-11-02T15:10", {"close", "1", "--resolved", "-m", "Refund and flowers"}}}},
        {"S3",
         "2026-10-01T09:00",
         {},
         {{"2026-09-01T09:00",
           {"open", "Washco", "--title", "Washer broke in a week", "--want",
            "A working washer or a replacement"}},
          {"2026-09-05T10:00",
           {"log", "visit", "--outcome", "partial", "-m", "Engineer replaced a part"}},
          {"2026-09-12T10:00",
           {"log", "visit", "--outcome", "partial", "-m", "Engineer replaced a part"}},
          {"2026-09-19T10:00",
           {"log", "visit", "--outcome", "partial", "-m", "Engineer replaced a part"}},
          {"2026-09-26T10:00",
           {"log", "visit", "--outcome", "partial", "-m", "Engineer replaced a part"}},
          {"2026-09-27T09:00", {"org", "Washco", "--exec", "Pat Doe <pat.doe@washco.example>"}},
          {"2026-09-28T09:00", {"log", "social", "-m", "Four visits, still broken"}}}},
        {"S4",
         "2026-11-04T13:00",
         {},
         {{"2026-11-02T09:00", {"open", "Shopco", "--title", "Refund not received"}},
          {"2026-11-02T10:00", {"log", "email", "-m", "Where is my refund?"}},
          {"2026-11-03T10:00", {"log", "email", "--in", "--outcome", "stock-reply"}},
          {"2026-11-03T11:00", {"log", "email", "-m", "That is not an answer"}},
          {"2026-11-04T10:00",
           {"log", "email", "--in", "--outcome", "stock-reply", "-m",
            "After 60 days you must call"}},
          {"2026-11-04T12:00", {"log", "social", "-m", "Two stock replies. @shopco?"}},
          {"2026-11-04T12:14", {"log", "social", "--in", "--outcome", "resolved"}},
          {"2026-11-04T12:20", {"close", "1", "--resolved"}}}},
        {"S6",
         "2026-06-03T09:30",
         {},
         {{"2026-05-04T09:00",
           {"open", "Mobilo", "--country", "GB", "--sector", "telecom", "--title",
            "Price rise billed twice", "--want", "Refund of the double charge", "--paid-by",
            "other"}},
          {"2026-05-04T09:30", {"log", "call", "--hold", "25m", "--outcome", "no-answer"}},
          {"2026-05-04T14:00",
           {"log", "call", "--duration", "20m", "--agent", "Kim", "--outcome", "refused"}},
          {"2026-05-05T10:00",
           {"log", "email", "-m", "Formal complaint: double charge on the March bill"}},
          {"2026-05-07T10:00", {"log", "email", "--in", "--outcome", "stock-reply"}},
          {"2026-06-03T09:00",
           {"log", "letter", "--in", "--outcome", "final", "-m",
            "Final response: we will not change our position"}}}},
        {"S7",
         "2026-04-15T09:30",
         {},
         {{"2026-02-03T10:00",
           {"open", "Sofaland", "--country", "US", "--sector", "retail", "--title",
            "Sofa never delivered", "--incident", "2026-02-02", "--paid-by", "card", "--amount",
            "1240", "--currency", "USD", "--order-ref", "SF-2231"}},
          {"2026-02-03T10:05", {"log", "email", "-m", "Where is my sofa?"}},
          {"2026-02-04T12:00",
           {"log", "email", "--in", "--outcome", "promised", "--promise", "delivery", "--due",
            "2026-02-11"}},
          {"2026-02-13T09:00", {"log", "email", "-m", "The sofa did not come on the 11th"}},
          {"2026-02-14T12:00",
           {"log", "email", "--in", "--outcome", "promised", "--promise", "delivery by 30 March",
            "--due", "2026-03-30"}},
          {"2026-03-25T10:00",
           {"log", "chargeback", "-m", "Disputed the charge with the card issuer"}},
          {"2026-04-15T09:00",
           {"log", "chargeback", "--in", "--outcome", "resolved", "-m",
            "Issuer credited 1,240 USD"}}}},
        {"S8",
         "2026-03-26T09:00",
         {},
         {{"2026-03-02T09:00",
           {"open", "First Fidelity", "--country", "US", "--sector", "bank", "--title",
            "Overdraft fees on a held deposit", "--want", "Refund of 105 USD in fees", "--paid-by",
            "debit"}},
          {"2026-03-02T09:05", {"org", "First Fidelity", "--no", "social"}},
          {"2026-03-02T09:30", {"log", "call", "--outcome", "refused"}},
          {"2026-03-03T10:00", {"log", "letter", "-m", "Written dispute of the fees"}},
          {"2026-03-12T10:00",
           {"log", "letter", "--in", "--outcome", "denied", "-m", "Dispute denied"}},
          {"2026-03-13T09:00", {"log", "regulator", "-m", "CFPB complaint filed"}},
          {"2026-03-16T10:00",
           {"log", "call", "--in", "--outcome", "asked", "-m",
            "Executive office asked me to call back today"}},
          {"2026-03-16T11:00",
           {"log", "call", "--outcome", "promised", "--promise", "fees refunded", "--due",
            "2026-03-23"}}}},
        {"S9",
         "2026-06-08T09:00",
         {},
         {{"2026-06-01T09:00", {"open", "Wavenet", "--title", "Wrong monthly price"}},
          {"2026-06-01T10:05", {"log", "email", "-m", "The price is not what I signed up for"}},
          {"2026-06-02T08:00",
           {"log", "letter", "--in", "--outcome", "notice", "-m",
            "Monthly bill, still the wrong price"}},
          {"2026-06-04T11:00", {"log", "call", "--outcome", "no-answer"}},
          {"2026-06-04T15:00", {"log", "call", "--outcome", "hung-up"}},
          {"2026-06-05T09:00", {"log", "exec", "-m", "Letter to the CEO"}},
          {"2026-06-08T08:00",
           {"log", "letter", "--in", "--outcome", "notice", "-m", "Another bill"}}}},
        {"S10",
         "2026-08-01T10:00",
         {},
         {{"2026-07-01T09:00",
           {"open", "Brick & Co", "--country", "GB", "--sector", "other", "--title",
            "Deposit kept, work never started", "--want", "Deposit of 2,000 GBP returned",
            "--amount", "2000", "--currency", "GBP"}},
          {"2026-07-01T09:10", {"log", "call", "--outcome", "no-answer"}},
          {"2026-07-02T10:00",
           {"log", "call", "--in", "--outcome", "asked", "-m", "Put it in writing"}},
          {"2026-07-02T10:01", {"org", "Brick & Co", "--requires", "letter"}},
          {"2026-07-02T12:00", {"log", "letter", "-m", "Request to return the deposit"}},
          {"2026-07-17T10:00", {"log", "legal", "-m", "Letter before action: 14 days"}}}},
    };
    return all;
}

void replay(const Sandbox& box, const Scenario& s) {
    for (const auto& script : s.scripts) {
        const auto r = box.script(std::string(SCENARIO_DIR) + "/" + script);
        INFO(script << ": " << r.err);
        REQUIRE(r.exit_code == 0);
    }
    for (const auto& step : s.steps) {
        box.ok(step.now, step.args);
    }
}

std::optional<std::string> find_node() {
    for (const char* candidate : {"/usr/bin/node", "/usr/local/bin/node"}) {
        if (fs::exists(candidate)) {
            return std::string(candidate);
        }
    }
    return std::nullopt;
}

// What twitter-text's parseTweet (and Intl.Segmenter) say of each post; nothing when node or
// the package is missing (a failure under CI, a warning otherwise).
std::optional<json> check_with_twitter_text(const std::vector<std::string>& posts) {
    const auto node = find_node();
    const fs::path script = fs::path(SCENARIO_DIR) / "../js/check_posts.js";
    const fs::path package = fs::path(SCENARIO_DIR) / "../js/node_modules/twitter-text";
    if (!node || !fs::exists(package)) {
        if (std::getenv("CI") != nullptr) {
            FAIL("node and tests/js/node_modules/twitter-text are needed (tools/dev test)");
        }
        WARN("node or the twitter-text package is missing: X's own check skipped");
        return std::nullopt;
    }
    const ProcessResult r =
        run_process({*node, script.string()}, {"PATH=/usr/bin:/bin"}, json(posts).dump());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

std::size_t graphemes(const std::string& s) {
    std::size_t n = 0;
    utf8proc_int32_t state = 0;
    utf8proc_int32_t previous = -1;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    std::size_t at = 0;
    while (at < s.size()) {
        utf8proc_int32_t cp = 0;
        const auto len =
            utf8proc_iterate(p + at, static_cast<utf8proc_ssize_t>(s.size() - at), &cp);
        REQUIRE(len > 0);
        if (previous < 0 || utf8proc_grapheme_break_stateful(previous, cp, &state)) {
            ++n;
        }
        previous = cp;
        at += static_cast<std::size_t>(len);
    }
    return n;
}

// Mastodon's count: graphemes, each http(s) link as 23.
std::size_t mastodon_length(std::string post) {
    for (std::size_t at = post.find("http"); at != std::string::npos;
         at = post.find("http", at + 1)) {
        if (post.compare(at, 7, "http://") != 0 && post.compare(at, 8, "https://") != 0) {
            continue;
        }
        auto end = post.find(' ', at);
        end = end == std::string::npos ? post.size() : end;
        while (end > at && std::string(".,;:!?)]}'\"").find(post[end - 1]) != std::string::npos) {
            --end;
        }
        post.replace(at, end - at, std::string(23, 'x'));
    }
    return graphemes(post);
}

// A post's body, without its "n/N " number.
std::string body(const std::string& post) {
    return post.substr(post.find(' ') + 1);
}

// Numbered n/N, at most max_posts, no line break inside.
void check_shape(const std::vector<std::string>& posts, std::size_t max_posts = 12) {
    REQUIRE_FALSE(posts.empty());
    CHECK(posts.size() <= max_posts);
    for (std::size_t i = 0; i < posts.size(); ++i) {
        INFO(posts[i]);
        CHECK(
            posts[i].starts_with(std::to_string(i + 1) + "/" + std::to_string(posts.size()) + " "));
        CHECK(posts[i].find('\n') == std::string::npos);
    }
}

struct Export {
    std::string network;
    std::vector<std::string> flags;
};

// Every network, redacted and not: the shape, Bluesky's 300 and Mastodon's 500 graphemes
// here, and X through twitter-text (all of a test's X posts in one run of node).
void check_all_networks(const Sandbox& box, const std::string& now, const std::string& ref,
                        std::vector<std::string>& x_posts, std::size_t max_posts = 12,
                        std::vector<std::string> extra = {}) {
    for (const bool redact : {false, true}) {
        for (const auto& [network, limit] : std::vector<std::pair<std::string, std::size_t>>{
                 {"x", 280}, {"bluesky", 300}, {"mastodon", 500}}) {
            std::vector<std::string> args{"export", ref,         "--format",
                                          "thread", "--network", network};
            if (redact) {
                args.emplace_back("--redact");
            }
            args.insert(args.end(), extra.begin(), extra.end());
            INFO(Catch::rangeToString(args));
            const auto posts = posts_of(box.ok(now, args));
            check_shape(posts, max_posts);
            for (const auto& post : posts) {
                INFO(post);
                if (network == "x") {
                    x_posts.push_back(post); // checked by twitter-text
                } else if (network == "mastodon") {
                    CHECK(mastodon_length(post) <= limit);
                } else {
                    CHECK(graphemes(post) <= limit);
                }
            }
        }
    }
}

void check_x(const std::vector<std::string>& posts) {
    const auto verdicts = check_with_twitter_text(posts);
    if (!verdicts) {
        return;
    }
    REQUIRE(verdicts->size() == posts.size());
    for (std::size_t i = 0; i < posts.size(); ++i) {
        INFO(posts[i] << "\n" << (*verdicts)[i].dump());
        CHECK((*verdicts)[i]["valid"] == true);
        CHECK((*verdicts)[i]["weightedLength"].get<int>() <= 280);
        CHECK((*verdicts)[i]["graphemes"].get<std::size_t>() == graphemes(posts[i]));
    }
}

// The regional indicators of a text, as letters: "GBFR" for 🇬🇧🇫🇷.
std::string flag_letters(const std::string& s) {
    std::string out;
    for (std::size_t at = 0; at + 3 < s.size(); ++at) {
        // U+1F1E6..U+1F1FF: F0 9F 87 A6..BF
        if (static_cast<unsigned char>(s[at]) == 0xF0 &&
            static_cast<unsigned char>(s[at + 1]) == 0x9F &&
            static_cast<unsigned char>(s[at + 2]) == 0x87) {
            const int letter = static_cast<unsigned char>(s[at + 3]) - 0xA6;
            if (letter >= 0 && letter < 26) {
                out += static_cast<char>('A' + letter);
            }
            at += 3;
        }
    }
    return out;
}

// Every network, redacted and not, for scenarios [from, to) of scenarios(); X's posts are
// added to x_posts for one run of twitter-text.
void check_scenarios(std::size_t from, std::size_t to, std::vector<std::string>& x_posts) {
    for (std::size_t i = from; i < to; ++i) {
        const Scenario& s = scenarios()[i];
        INFO(s.name);
        Sandbox box;
        replay(box, s);
        check_all_networks(box, s.now, "1", x_posts);
        // The first post holds every headline figure and the handles.
        const auto posts = posts_of(box.ok(s.now, {"export", "1", "--format", "thread"}));
        const auto md = box.ok(s.now, {"export", "1", "--format", "md"});
        const auto title = md.substr(2, md.find('\n') - 2);
        const auto headline = title.substr(title.rfind(": ") + 2);
        CHECK_THAT(posts.front(), Contains(headline));
        // Outcomes in words, never the log's names for them.
        for (const auto& post : posts) {
            for (const char* raw : {"hung-up", "stock-reply", "no-answer", "Outcome::"}) {
                CHECK_THAT(post, !Contains(raw));
            }
        }
    }
}

} // namespace

TEST_CASE("S6 to S10: every thread is valid on X, Bluesky and Mastodon", "[thread]") {
    std::vector<std::string> x_posts;
    check_scenarios(5, scenarios().size(), x_posts);
    check_x(x_posts);
}

TEST_CASE("S1 to S5: every thread is valid on X, Bluesky and Mastodon", "[thread]") {
    std::vector<std::string> x_posts;
    check_scenarios(0, 5, x_posts);
    const auto s1 = [&] {
        Sandbox box;
        replay(box, scenarios().front());
        return posts_of(box.ok("2026-11-06T10:00", {"export", "1", "--format", "thread"}));
    }();
    CHECK_THAT(s1.front(), Contains("@meterco"));
    CHECK(s1.size() <= 12);
    {
        // Three posts: the figures, the whole middle summed up exactly, and the end.
        Sandbox box;
        replay(box, scenarios().front());
        const auto three = posts_of(
            box.ok("2026-11-06T10:00", {"export", "1", "--format", "thread", "--max-posts", "3"}));
        REQUIRE(three.size() == 3);
        CHECK_THAT(three[1], Contains("12 calls"));
        CHECK_THAT(three[1], Contains("3 promises broken"));
        CHECK_THAT(three[2], Contains("It was resolved on"));
        const auto one = posts_of(
            box.ok("2026-11-06T10:00", {"export", "1", "--format", "thread", "--max-posts", "1"}));
        REQUIRE(one.size() == 1);
        CHECK_THAT(one[0], Contains("66 days, 12 calls"));
        x_posts.insert(x_posts.end(), three.begin(), three.end());
        x_posts.insert(x_posts.end(), one.begin(), one.end());
    }
    check_x(x_posts);
}

TEST_CASE("CJK, emoji, flags, joined emoji and links stay whole and valid", "[thread]") {
    Sandbox box;
    const std::string flags = "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7";
    const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F"
                               "\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6";
    const std::string rainbow = "\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xF0\x9F\x8C\x88";
    const std::string cjk = "\xE8\xAB\x8B\xE6\xB1\x82\xE6\x9B\xB8\xE3\x81\x8C\xE5\xB1\x8A\xE3\x81"
                            "\x8D\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F"; // 請求書が届きました
    std::string hangul = "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4";        // 한국어
    box.ok("2026-11-02T09:00", {"open", "Flagco", "--title", flags + " roaming " + cjk});
    box.ok("2026-11-02T09:05", {"org", "Flagco", "--social", "@flagco"});
    std::string cjk_run;
    for (int i = 0; i < 20; ++i) {
        cjk_run += cjk;
    }
    std::string flag_word;
    for (int i = 0; i < 60; ++i) {
        flag_word += flags;
    }
    const std::vector<std::string> notes{
        cjk_run,
        "Roaming in " + flags + " charged twice " + family + " " + rainbow +
            " see https://example.com/a/very/long/path/to/the/terms/and/conditions/page.html "
            "and flagco.com/help and www.example.org " +
            hangul +
            " Mr.Smith e.g. file.txt example.uk x:example.com billing@flagco.com "
            "ftp://example.com/x https://\xE4\xBE\x8B\xE3\x81\x88.jp/\xE3\x83\x91\xE3\x82\xB9 "
            "\xE2\x98\x8E\xEF\xB8\x8E \xC2\xA9 1\xEF\xB8\x8F\xE2\x83\xA3",
        flag_word,
        "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA6 caf\x65\xCC\x81 " + family + family + family + " " +
            cjk_run,
    };
    int minute = 0;
    for (int day = 3; day < 23; ++day) {
        const auto& note = notes[static_cast<std::size_t>(day) % notes.size()];
        const std::string at = fmt::format("2026-11-{:02}T10:{:02}", day, minute++ % 60);
        std::vector<std::string> args{"log", day % 2 == 0 ? "call" : "email", "-m", note};
        if (day % 3 == 0) {
            args.insert(args.end(), {"--promise", "refund " + flags + " " + cjk, "--due",
                                     fmt::format("2026-11-{:02}", day + 2)});
        }
        if (day % 5 == 0) {
            args.insert(args.end(), {"--in", "--outcome", "refused"});
        }
        box.ok(at, args);
    }
    std::vector<std::string> x_posts;
    check_all_networks(box, "2026-11-25T09:00", "1", x_posts);
    SECTION("--max-posts 5 is kept") {
        check_all_networks(box, "2026-11-25T09:00", "1", x_posts, 5, {"--max-posts", "5"});
    }
    SECTION("a word of 120 flags is cut between flags, and comes back whole") {
        Sandbox one;
        one.ok("2026-11-02T09:00", {"open", "Flagco"});
        one.ok("2026-11-02T10:00", {"log", "call", "--in", "-m", "flags: " + flag_word});
        for (const auto& network : {"x", "bluesky", "mastodon"}) {
            const auto posts =
                posts_of(one.ok("2026-11-03T09:00", {"export", "1", "--format", "thread",
                                                     "--network", network, "--max-posts", "40"}));
            check_shape(posts, 40);
            std::string joined;
            for (const auto& post : posts) {
                INFO(post);
                const auto letters = flag_letters(post);
                CHECK(letters.size() % 2 == 0); // never half a flag in a post
                joined += body(post);
                if (std::string(network) == "x") {
                    x_posts.push_back(post);
                }
            }
            CHECK_THAT(joined, Contains(flag_word));
        }
    }
    check_x(x_posts);
    // Every flag in every post is whole: its pairs of regional indicators are GB or FR.
    for (const auto& post : x_posts) {
        const auto letters = flag_letters(post);
        INFO(post);
        REQUIRE(letters.size() % 2 == 0);
        for (std::size_t i = 0; i < letters.size(); i += 2) {
            const auto pair = letters.substr(i, 2);
            CHECK((pair == "GB" || pair == "FR"));
        }
    }
}

TEST_CASE("X's length, worked out without X's lists, is never under twitter-text's", "[thread]") {
    // escalate counts X's length from Unicode's properties alone: equal to twitter-text's for
    // the words of `common`, so a post is as full as X allows; at least twitter-text's for
    // those of `safe_side`, where X's emoji or domain lists would tell (joined sequences, skin
    // tones and U+FE0F are counted by their code points: docs/export.md).
    const std::vector<std::string> common{
        "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7",     // GB flag
        "\xF0\x9F\x98\x80",                     // grinning face
        "1\xEF\xB8\x8F\xE2\x83\xA3",            // keycap 1
        "\xE2\x84\xA2",                         // trade mark
        "\xE8\xAB\x8B\xE6\xB1\x82\xE6\x9B\xB8", // CJK
        "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", // Hangul
        "\xE2\x80\xA2",                         // bullet
        "\xE2\x80\xA6",                         // ellipsis
        "caf\x65\xCC\x81",                      // e + combining acute
        "https://example.com/x",
        "bit.ly/x",
        "flagco.com/help,",
        "example.uk",
        "billing@flagco.com",
        "refund",
    };
    const std::vector<std::string> safe_side{
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F" // family
        "\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6",
        "\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xF0\x9F\x8C\x88",     // rainbow flag
        "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",                             // thumbs up, skin tone
        "\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x92\xBB", // woman technologist
        "\xE2\x98\x8E\xEF\xB8\x8F",                                     // telephone, emoji style
        "\xC2\xA9",                                                     // copyright sign, 1 on X
        "\xE2\x98\x8E\xEF\xB8\x8E",                                     // telephone, text style
        "Mr.Smith",
        "file.txt",
        "e.g.",
        "_a.co",
        "x:example.com",
        "ftp://example.com/x",
        "(((a.co",
        "a.co,b.co",
        "example.comfoo",
        "https://example.com/a/very/long/path/to/the/terms/and/conditions/page.html",
        "https://\xE4\xBE\x8B\xE3\x81\x88.jp/\xE3\x83\x91\xE3\x82\xB9",
        "example.\xE3\x81\xBF\xE3\x82\x93\xE3\x81\xAA", // example.みんな: linked
        "#a.co",
        "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", // two flags
    };
    // Each word of `safe_side` as many times in a row as fill a post on X, so that a post holds
    // nothing else and an undercount would show.
    const auto weights = check_with_twitter_text(safe_side);
    if (!weights) {
        return;
    }
    std::vector<std::string> x_posts;
    std::vector<std::string> bodies; // the note's posts, each within escalate's room on X too
    std::vector<std::string> pairs;  // a post's body and the next word, from `common`
    for (const bool tight : {true, false}) {
        const auto& words = tight ? common : safe_side;
        std::string note;
        for (int round = 0; round < 2; ++round) {
            for (std::size_t w = 0; w < words.size(); ++w) {
                const int times =
                    tight ? 6 : 560 / ((*weights)[w]["weightedLength"].get<int>() + 1) / 2 + 1;
                for (int again = 0; again < times; ++again) {
                    note += (note.empty() ? "" : " ") + words[w];
                }
            }
        }
        Sandbox box;
        box.ok("2026-11-02T09:00", {"open", "Wordco"});
        box.ok("2026-11-02T10:00", {"log", "call", "-m", note});
        const auto posts =
            posts_of(box.ok("2026-11-03T09:00", {"export", "1", "--format", "thread", "--network",
                                                 "x", "--max-posts", "40"}));
        check_shape(posts, 40);
        REQUIRE(posts.size() >= 8); // the hook, the note in 6 or more, the end
        x_posts.insert(x_posts.end(), posts.begin(), posts.end());
        for (std::size_t i = 1; i + 1 < posts.size(); ++i) {
            bodies.push_back(body(posts[i]));
            // But the note's last: the next word would not have fitted on X either.
            if (tight && i + 2 < posts.size()) {
                const auto next = body(posts[i + 1]);
                pairs.push_back(body(posts[i]) + " " + next.substr(0, next.find(' ')));
            }
        }
    }
    check_x(x_posts);
    std::vector<std::string> all = bodies;
    all.insert(all.end(), pairs.begin(), pairs.end());
    const auto verdicts = check_with_twitter_text(all);
    if (!verdicts) {
        return;
    }
    REQUIRE(verdicts->size() == all.size());
    // 274: 280 less the room kept for "n/N " with up to 40 posts.
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO(all[i] << "\n" << (*verdicts)[i].dump());
        const int length = (*verdicts)[i]["weightedLength"].get<int>();
        if (i < bodies.size()) {
            CHECK(length <= 274);
        } else {
            CHECK(length > 274);
        }
    }
}

TEST_CASE("a 300-contact case tells its story in 12 posts, the figures first", "[thread]") {
    // One case logged once, then its dump grown to 300 contacts and imported.
    Sandbox seed;
    seed.ok("2026-01-05T09:00", {"open", "Bigco", "--title", "Three hundred calls"});
    seed.ok("2026-01-05T09:05", {"org", "Bigco", "--social", "@bigco"});
    seed.ok("2026-01-05T10:00", {"log", "call", "--duration", "10m", "--hold", "20m", "--outcome",
                                 "hung-up", "-m", "Cut off again"});
    const std::string dump = seed.ok("2026-01-05T11:00", {"export", "--all", "--format", "json"});
    std::vector<json> lines;
    for (std::size_t at = 0; at < dump.size();) {
        const auto end = dump.find('\n', at);
        lines.push_back(json::parse(dump.substr(at, end - at)));
        at = end + 1;
    }
    std::string grown;
    std::size_t contacts = 0;
    for (auto& line : lines) {
        if (line.contains("case")) {
            auto& c = line["case"];
            const json first = c["contacts"][0];
            c["contacts"] = json::array();
            const char* outcomes[] = {"hung-up", "no-answer", "stock-reply", "transferred",
                                      "refused"};
            for (int i = 0; i < 300; ++i) {
                json contact = first;
                contact["id"] = i + 1;
                const int day = i / 3; // three a day for 100 days
                const auto when = 1767603600 + day * 86400 + (i % 3) * 3600; // from 5 Jan 2026
                const std::time_t t = when;
                std::tm tm{};
                gmtime_r(&t, &tm);
                char buf[32];
                std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
                contact["at"] = buf;
                contact["outcome"] = outcomes[i % 5];
                c["contacts"].push_back(contact);
            }
            contacts = c["contacts"].size();
        }
        if (line.contains("end")) {
            line["end"]["contacts"] = contacts;
        }
        grown += line.dump() + "\n";
    }
    Sandbox box;
    const auto file = box.dir() / "big.jsonl";
    std::ofstream(file) << grown;
    box.ok("2026-04-20T09:00", {"import", file.string()});
    const auto md = box.ok("2026-04-20T09:00", {"export", "1", "--format", "md"});
    const auto title = md.substr(2, md.find('\n') - 2);
    const auto headline = title.substr(title.rfind(": ") + 2);
    CHECK_THAT(headline, Contains("300 calls"));
    std::vector<std::string> x_posts;
    check_all_networks(box, "2026-04-20T09:00", "1", x_posts);
    const auto posts = posts_of(box.ok("2026-04-20T09:00", {"export", "1", "--format", "thread"}));
    CHECK(posts.size() <= 12);
    CHECK_THAT(posts.front(), Contains(headline));
    CHECK_THAT(posts.front(), Contains("@bigco"));
    check_x(x_posts);
}

TEST_CASE("a thread refuses a network, a budget or a limit it cannot keep", "[thread]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Meterco"});
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--network", "foo"}, {"--max-posts", "0"}, {"--limit", "10"}}) {
        std::vector<std::string> all{"export", "1", "--format", "thread"};
        all.insert(all.end(), args.begin(), args.end());
        const auto r = box.at("2026-11-02T10:00", all);
        INFO(Catch::rangeToString(all) << "\n" << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
}
