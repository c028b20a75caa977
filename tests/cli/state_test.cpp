// The state rows the case log keeps for the agenda never change the advice: for a few hundred
// random cases, at random later times and after every kind of write (log, edit, undo, import,
// a policy change), each stored row still valid at that time equals a full recomputation
// (`rebuild --check`), and the agenda lists the cases in the order a full recomputation gives.
#include <ctime>
#include <fstream>
#include <random>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "sandbox.hpp"

using Catch::Contains;
using Catch::StartsWith;
using escalate::test::Sandbox;
using Json = nlohmann::ordered_json;

namespace {

constexpr std::int64_t day = 86400;
constexpr std::int64_t t0 = 1795000000; // 2026-11-18, a Wednesday

std::string iso(std::int64_t t) {
    const std::time_t tt = t;
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A dump of n random cases against a dozen orgs, opened up to 90 days before t0, each with up
// to 12 contacts on random channels, directions and outcomes, and some promises.
std::string random_dump(int n, std::uint32_t seed, std::int64_t first_id) {
    std::mt19937 rng(seed);
    auto pick = [&](const std::vector<std::string>& v) {
        return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
    };
    auto chance = [&](int percent) {
        return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
    };
    const std::vector<std::string> channels{"call",   "chat", "email", "form",     "letter",
                                            "social", "dm",   "exec",  "regulator"};
    const std::vector<std::string> outcomes{
        "no-answer", "hung-up",  "stock-reply", "transferred", "refused", "promised", "escalated",
        "partial",   "resolved", "info",        "asked",       "final",   "denied"};
    std::string out =
        Json{{"format", "escalate-dump"}, {"version", 1}, {"exported_at", iso(t0)}}.dump() + "\n";
    const int orgs = 12;
    for (int o = 0; o < orgs; ++o) {
        out += Json{{"org",
                     {{"name", fmt::format("Org {:02} ({})", o, first_id)},
                      {"phone", o % 3 == 0 ? Json("+44 20 7946 00" + std::to_string(10 + o))
                                           : Json(nullptr)},
                      {"email", o % 2 == 0 ? Json("help@org.example") : Json(nullptr)},
                      {"chat", nullptr},
                      {"social", o % 4 == 0 ? Json::array({"@org"}) : Json::array()},
                      {"exec", o % 5 == 0 ? Json("Pat Doe <ceo@org.example>") : Json(nullptr)},
                      {"regulator", nullptr},
                      {"unavailable", Json::array()},
                      {"requires", nullptr}}}}
                   .dump() +
               "\n";
    }
    std::int64_t contact_id = first_id * 20, promise_id = first_id * 20;
    int contacts = 0, promises = 0;
    for (int i = 0; i < n; ++i) {
        const std::int64_t id = first_id + i;
        const std::int64_t opened = t0 -
                                    std::uniform_int_distribution<std::int64_t>(0, 90)(rng) * day -
                                    std::uniform_int_distribution<std::int64_t>(0, day)(rng);
        Json cs = Json::array(), ps = Json::array();
        const int k = std::uniform_int_distribution<int>(0, 12)(rng);
        std::int64_t at = opened;
        for (int c = 0; c < k; ++c) {
            at += std::uniform_int_distribution<std::int64_t>(600, 6 * day)(rng);
            if (at >= t0) {
                break;
            }
            const bool in = chance(25);
            const bool promised = !in && chance(15);
            Json contact{{"id", ++contact_id},
                         {"case_id", id},
                         {"channel", pick(channels)},
                         {"direction", in ? "in" : "out"},
                         {"at", iso(at)},
                         {"duration_s", nullptr},
                         {"hold_s", chance(30) ? Json(600) : Json(nullptr)},
                         {"agent", nullptr},
                         {"ref", nullptr},
                         {"outcome", promised     ? Json("promised")
                                     : chance(75) ? Json(pick(outcomes))
                                                  : Json(nullptr)},
                         {"note", chance(50) ? Json("note " + std::to_string(c)) : Json(nullptr)},
                         {"private", false},
                         {"promise_id", promised ? Json(promise_id + 1) : Json(nullptr)}};
            if (promised) {
                const std::int64_t due =
                    at + std::uniform_int_distribution<std::int64_t>(day, 20 * day)(rng);
                ps.push_back({{"id", ++promise_id},
                              {"case_id", id},
                              {"contact_id", contact_id},
                              {"text", "call back"},
                              {"due", iso(due)},
                              {"status", chance(70) ? "pending" : pick({"kept", "broken"})}});
                ++promises;
            }
            cs.push_back(std::move(contact));
            ++contacts;
        }
        const bool closed = chance(15);
        out += Json{{"case",
                     {{"id", id},
                      {"org", fmt::format("Org {:02} ({})", i % orgs, first_id)},
                      {"title", "case " + std::to_string(id)},
                      {"want", chance(50) ? Json("a refund") : Json(nullptr)},
                      {"status", closed ? "resolved" : "open"},
                      {"opened_at", iso(opened)},
                      {"closed_at", closed ? Json(iso(at + 60)) : Json(nullptr)},
                      {"resolution", nullptr},
                      {"tags", Json::array()},
                      {"country", chance(50) ? Json("GB") : Json("US")},
                      {"sector", pick({"energy", "telecom", "bank", "other"})},
                      {"amount", nullptr},
                      {"currency", nullptr},
                      {"order_ref", nullptr},
                      {"incident_at", nullptr},
                      {"paid_by", chance(30) ? Json("card") : Json(nullptr)},
                      {"contacts", cs},
                      {"promises", ps}}}}
                   .dump() +
               "\n";
    }
    out += Json{{"end",
                 {{"orgs", orgs}, {"cases", n}, {"contacts", contacts}, {"promises", promises}}}}
               .dump() +
           "\n";
    return out;
}

// `rebuild --check` at t: every row still valid then equals a full recomputation.
void check_rows(const Sandbox& box, std::int64_t t) {
    INFO("at " << iso(t));
    const auto r = box.at(iso(t), {"rebuild", "--check"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains(" 0 differ"));
}

// The agenda's case order from the rows equals the order of a read-only full recomputation.
std::vector<std::int64_t> order(const nlohmann::json& agenda) {
    std::vector<std::int64_t> ids;
    for (const auto& e : agenda["agenda"]) {
        ids.push_back(e["case_id"].get<std::int64_t>());
    }
    return ids;
}

} // namespace

TEST_CASE("state rows equal a full recomputation at any time and after any write", "[cli][state]") {
    Sandbox box;
    const std::string dump = (box.dir() / "cases.jsonl").string();
    { std::ofstream(dump) << random_dump(300, 7, 1); }
    box.ok(iso(t0), {"import", dump});
    // The import marked its cases to be computed: the first agenda computes and stores them.
    box.ok(iso(t0), {"next"});
    check_rows(box, t0);

    const std::int64_t t = t0 + 2 * day + 3600;

    SECTION("rows kept from one time stay right at later times until their recheck moment") {
        std::mt19937 rng(11);
        std::int64_t later = t0;
        for (int i = 0; i < 12; ++i) {
            later += std::uniform_int_distribution<std::int64_t>(60, 3 * day)(rng);
            check_rows(box, later);
            if (i % 3 == 2) {
                box.ok(iso(later), {"next"}); // recomputes what came due, and stores it
                check_rows(box, later);
            }
        }
    }
    SECTION("after log, edit, close, undo and org") {
        box.ok(iso(t), {"log", "call", "5", "--outcome", "hung-up", "--hold", "20m"});
        check_rows(box, t);
        const auto logged =
            box.json(iso(t + 60), {"log", "email", "9", "--promise", "refund", "--due", "in 3d"});
        check_rows(box, t + 120);
        box.ok(iso(t + 120), {"edit", std::to_string(logged["contact"]["id"].get<std::int64_t>()),
                              "--outcome", "refused"});
        check_rows(box, t + 180);
        box.ok(iso(t + 180), {"close", "9", "--resolved"});
        check_rows(box, t + 240);
        box.ok(iso(t + 240), {"undo", "--yes"});
        box.ok(iso(t + 240), {"undo", "--yes"});
        check_rows(box, t + 300);
        box.ok(iso(t + 300), {"org", "Org 03 (1)", "--phone", "+44 20 7946 0999"});
        check_rows(box, t + 360);
        check_rows(box, t + 5 * day);
    }
    SECTION("after another import, small and large, and its undo") {
        const std::string more = (box.dir() / "more.jsonl").string();
        std::ofstream(more) << random_dump(20, 8, 1000);
        box.ok(iso(t), {"import", more});
        check_rows(box, t);
        std::ofstream(more, std::ios::trunc) << random_dump(150, 9, 2000);
        box.ok(iso(t), {"import", more});
        box.ok(iso(t), {"next"});
        check_rows(box, t + day);
        box.ok(iso(t + day), {"undo", "--yes"});
        check_rows(box, t + day);
    }
    SECTION("under another policy, every row is recomputed") {
        const std::string policy = (box.dir() / "policy.json").string();
        std::ofstream(policy) << R"({"channels": {"email": {"window_days": 9}}})";
        box.ok(iso(t), {"--policy", policy, "next"});
        const auto r = box.at(iso(t), {"--policy", policy, "rebuild", "--check"});
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Contains(" 0 due for recomputing"));
        // Back to the built-in policy: its rows are due again, and right once recomputed.
        CHECK_THAT(box.ok(iso(t), {"rebuild", "--check"}), StartsWith("0 state rows checked"));
        box.ok(iso(t), {"next"});
        check_rows(box, t);
    }
    SECTION("the agenda's order is a full recomputation's") {
        const auto kept = order(box.json(iso(t), {"next"}));
        // A read-only copy cannot keep rows: it computes the agenda in full.
        const std::string copy = (box.dir() / "copy.db").string();
        box.ok(iso(t), {"backup", copy});
        std::filesystem::permissions(copy, std::filesystem::perms::owner_read);
        box.ok(iso(t + 1000), {"log", "call", "3"}); // the copy's rows are now out of date
        const auto r = box.at(iso(t), {"--db", copy, "--json", "next"});
        REQUIRE(r.exit_code == 0);
        CHECK(order(nlohmann::json::parse(r.out)) == kept);
        // And rebuild recomputes every row from the record.
        CHECK_THAT(box.ok(iso(t), {"rebuild"}), Contains("state rows"));
        check_rows(box, t);
    }
}

TEST_CASE("rebuild needs a case log to rebuild", "[cli][state]") {
    Sandbox box;
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"rebuild"}, std::vector<std::string>{"rebuild", "--check"}}) {
        const auto r = box.at("2026-11-02T09:00", args);
        CHECK(r.exit_code == 3);
        CHECK(r.out.empty());
        CHECK(r.err == "escalate: no case log at " + box.db().string() + ": nothing to rebuild\n");
        CHECK_FALSE(std::filesystem::exists(box.db()));
    }
}
