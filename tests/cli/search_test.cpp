// search: notes, agents, refs, titles, order refs and promises, kept in step through edit and
// undo; each word a prefix; exit 1 when nothing matches.
#include <catch2/catch.hpp>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

TEST_CASE("search finds notes, agents, references and titles", "[cli][search]") {
    Sandbox box;
    box.ok("2026-11-02T09:00", {"open", "Meterco", "--title", "Billing after contract end"});
    box.ok("2026-11-02T09:00", {"open", "Parcelco", "--title", "Misdelivered parcel"});
    box.ok("2026-11-02T10:00", {"log", "call", "1", "--agent", "Dana Whitfield", "--ref", "MC-4471",
                                "-m", "Promised the collections notice is void"});
    box.ok("2026-11-02T11:00", {"log", "chat", "2", "-m", "Café said: \"we can't\"; refund?"});

    // Exit 1 with an empty list when nothing matches, as grep; 0 with the hits otherwise.
    auto hits = [&](const std::string& text) {
        const auto r = box.at("2026-11-02T12:00", {"--json", "search", text});
        INFO(text << ": " << r.err);
        const auto results = nlohmann::json::parse(r.out)["results"];
        CHECK(r.exit_code == (results.empty() ? 1 : 0));
        return results;
    };
    CHECK(hits("collections")[0]["contact_id"] == 1);
    CHECK(hits("whitfield")[0]["case_id"] == 1);
    CHECK(hits("MC-4471").size() == 1);
    CHECK(hits("misdelivered")[0]["contact_id"].is_null()); // the case's title
    CHECK(hits("cafe").size() == 1);                        // diacritics folded
    CHECK(hits("collections notice")[0]["snippet"].get<std::string>().find("[collections]") !=
          std::string::npos);
    CHECK(hits("\"we can't\"; refund? OR DROP").empty()); // every word must match; no syntax
    CHECK(hits("refund?").size() == 1);
    CHECK_THAT(box.ok("2026-11-02T12:00", {"search", "collections"}), Contains("#1 Meterco [1]"));
    const auto none = box.at("2026-11-02T12:00", {"search", "nothing-like-this"});
    CHECK(none.exit_code == 1);
    CHECK(none.out == "Nothing matches \"nothing-like-this\".\n");
    CHECK(none.err.empty());
    CHECK(box.at("2026-11-02T12:00", {"search", " "}).exit_code == 2);

    SECTION("edit and undo keep the index in step") {
        box.ok("2026-11-02T12:00", {"edit", "1", "-m", "Now about a refund instead"});
        CHECK(hits("collections").empty());
        CHECK(hits("refund").size() == 2);
        box.ok("2026-11-02T12:00", {"undo"});
        CHECK(hits("collections").size() == 1);
        box.ok("2026-11-02T12:00", {"undo"}); // the chat
        CHECK(hits("refund").empty());
    }
}

namespace {

// Two cases against two orgs: an order ref with a hyphen, a contact's ref, a promise.
void two_airlines(Sandbox& box) {
    box.ok("2026-11-02T09:00",
           {"open", "Northwind Air", "--title", "Cancelled flight", "--order-ref", "NW-552"});
    box.ok("2026-11-02T09:00", {"open", "Skyways", "--title", "Lost bag"});
    box.ok("2026-11-02T10:00", {"log", "call", "1", "--ref", "CS-9081", "-m", "Asked for a refund",
                                "--promise", "callback from the escalations desk", "--due", "+3d"});
    box.ok("2026-11-02T11:00", {"log", "email", "2", "-m", "Refund of the bag fee requested"});
}

} // namespace

TEST_CASE("search finds the start of a word, order refs and promises", "[cli][search]") {
    Sandbox box;
    two_airlines(box);
    auto hits = [&](const std::vector<std::string>& args) {
        std::vector<std::string> all{"--json", "search"};
        all.insert(all.end(), args.begin(), args.end());
        const auto r = box.at("2026-11-02T12:00", all);
        INFO(r.err);
        REQUIRE((r.exit_code == 0 || r.exit_code == 1));
        return nlohmann::json::parse(r.out)["results"];
    };

    SECTION("each word is a prefix") {
        CHECK(hits({"refun"}).size() == 2);
        CHECK(hits({"refun", "fee"}).size() == 1);
        CHECK(hits({"escal", "desk"}).size() == 1);
        CHECK(hits({"efund"}).empty()); // the start of a word, not any part
    }
    SECTION("an order ref with a hyphen finds its case") {
        const auto found = hits({"NW-552"});
        REQUIRE(found.size() == 1);
        CHECK(found[0]["case_id"] == 1);
        CHECK(found[0]["contact_id"].is_null());
        CHECK(found[0]["promise_id"].is_null());
        CHECK(found[0]["org"] == "Northwind Air");
        CHECK(hits({"nw-55"}).size() == 1);
        CHECK(hits({"NW-553"}).empty());
    }
    SECTION("a contact's ref finds the contact") {
        const auto found = hits({"CS-9081"});
        REQUIRE(found.size() == 1);
        CHECK(found[0]["contact_id"] == 1);
        CHECK(found[0]["promise_id"].is_null());
    }
    SECTION("a promise's text finds the promise") {
        const auto found = hits({"escalations"});
        REQUIRE(found.size() == 1);
        CHECK(found[0]["case_id"] == 1);
        CHECK(found[0]["promise_id"] == 1);
        CHECK(found[0]["contact_id"].is_null());
        CHECK(found[0]["snippet"] == "callback from the [escalations] desk");
        CHECK(box.ok("2026-11-02T12:00", {"search", "escalations"}) ==
              "#1 Northwind Air promise 1  callback from the [escalations] desk\n");
    }
    SECTION("settling a promise keeps it findable; undo of its contact takes it out") {
        box.ok("2026-11-02T12:00", {"promise", "kept", "1"});
        CHECK(hits({"escalations"}).size() == 1);
        box.ok("2026-11-02T12:00", {"undo", "--yes"});
        box.ok("2026-11-02T12:00", {"undo", "--yes"}); // the email
        box.ok("2026-11-02T12:00", {"undo", "--yes"}); // the call and its promise
        CHECK(hits({"escalations"}).empty());
    }
    SECTION("an order ref set later is found, and a cleared one no longer") {
        box.ok("2026-11-02T12:00", {"case", "edit", "2", "--order-ref", "SK-77"});
        CHECK(hits({"SK-77"}).size() == 1);
        box.ok("2026-11-02T12:00", {"case", "edit", "2", "--order-ref", ""});
        CHECK(hits({"SK-77"}).empty());
    }
}

TEST_CASE("search --case and --org look in one case or one org's cases", "[cli][search]") {
    Sandbox box;
    two_airlines(box);
    auto cases_of = [&](const std::vector<std::string>& args) {
        std::vector<std::string> all{"--json", "search", "refund"};
        all.insert(all.end(), args.begin(), args.end());
        const auto r = box.at("2026-11-02T12:00", all);
        INFO(r.err);
        const auto results = nlohmann::json::parse(r.out)["results"];
        std::vector<int> ids;
        for (const auto& h : results) {
            ids.push_back(h["case_id"].get<int>());
        }
        CHECK(r.exit_code == (ids.empty() ? 1 : 0));
        return ids;
    };
    CHECK(cases_of({"--case", "2"}) == std::vector<int>{2});
    CHECK(cases_of({"--case", "#1"}) == std::vector<int>{1});
    CHECK(cases_of({"--case", "sky"}) == std::vector<int>{2});
    CHECK(cases_of({"--org", "NORTHWIND"}) == std::vector<int>{1});
    CHECK(cases_of({"--org", "skyways"}) == std::vector<int>{2});
    CHECK(cases_of({"--org", "nobody"}).empty());
    CHECK(cases_of({"--org", "skyways", "--case", "1"}).empty());
    CHECK(box.ok("2026-11-02T12:00", {"search", "--org", "skyways", "refund"}) ==
          "#2 Skyways [2]  [Refund] of the bag fee requested\n");

    SECTION("an unknown case is exit 3 and an ambiguous one exit 4") {
        const auto unknown = box.at("2026-11-02T12:00", {"search", "refund", "--case", "9"});
        CHECK(unknown.exit_code == 3);
        CHECK(unknown.out.empty());
        CHECK_THAT(unknown.err, Contains("escalate: no case #9"));
        box.ok("2026-11-02T12:00", {"open", "Skyways", "--title", "Second"});
        CHECK(box.at("2026-11-02T12:00", {"search", "refund", "--case", "sky"}).exit_code == 4);
    }
}

TEST_CASE("search exits 1 when nothing matches, as grep", "[cli][search]") {
    Sandbox box;
    two_airlines(box);
    const auto text = box.at("2026-11-02T12:00", {"search", "zeppelin"});
    CHECK(text.exit_code == 1);
    CHECK(text.out == "Nothing matches \"zeppelin\".\n");
    CHECK(text.err.empty());
    const auto quiet = box.at("2026-11-02T12:00", {"-q", "search", "zeppelin"});
    CHECK(quiet.exit_code == 1);
    CHECK(quiet.out.empty());
    const auto json = box.at("2026-11-02T12:00", {"--json", "search", "zeppelin"});
    CHECK(json.exit_code == 1);
    CHECK(nlohmann::json::parse(json.out) == nlohmann::json::parse(R"({"results": []})"));
    CHECK(json.err.empty());
    CHECK(box.at("2026-11-02T12:00", {"search", "refund"}).exit_code == 0);
}

TEST_CASE("search treats whatever is typed as words, never query syntax", "[cli][search]") {
    Sandbox box;
    two_airlines(box);
    for (const std::vector<std::string>& args : {std::vector<std::string>{"search", "\""},
                                                 {"search", "--", "*"},
                                                 {"search", "AND"},
                                                 {"search", "NEAR("},
                                                 {"search", "refund", "OR"},
                                                 {"search", "-", "^"},
                                                 {"search", "\"\"", "NOT"},
                                                 {"search", "col:umn"},
                                                 {"search", "(", ")"}}) {
        const auto r = box.at("2026-11-02T12:00", args);
        INFO(args[1] << ": " << r.out << r.err);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.out, Contains("Nothing matches"));
        CHECK(r.err.empty());
    }
    // Punctuation beside a word is no term of its own: the word is still found.
    CHECK(box.at("2026-11-02T12:00", {"search", "refund", "\""}).exit_code == 0);
    CHECK(box.at("2026-11-02T12:00", {"search", "(refund)"}).exit_code == 0);
}

TEST_CASE("a search that fails or finds nothing writes nothing", "[cli][search]") {
    Sandbox box;
    const auto missing = box.at("2026-11-02T12:00", {"search", "refund"});
    CHECK(missing.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(box.db())); // no log is created to search
    two_airlines(box);
    const std::string before = box.db_bytes();
    CHECK(box.at("2026-11-02T12:00", {"search", "zeppelin"}).exit_code == 1);
    CHECK(box.at("2026-11-02T12:00", {"search", "refund", "--case", "9"}).exit_code == 3);
    CHECK(box.at("2026-11-02T12:00", {"search", " "}).exit_code == 2);
    CHECK(box.db_bytes() == before);
}
