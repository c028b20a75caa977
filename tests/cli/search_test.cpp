// search: notes, agents, refs and titles, kept in step through edit and undo.
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

    auto hits = [&](const std::string& text) {
        return box.json("2026-11-02T12:00", {"search", text})["results"];
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
    CHECK(box.ok("2026-11-02T12:00", {"search", "nothing-like-this"}) ==
          "Nothing matches \"nothing-like-this\".\n");
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
