#include "escalate/store.hpp"

#include <catch2/catch.hpp>

#include "escalate/errors.hpp"

using namespace escalate;

namespace {

std::int64_t open_case(Store& s, const char* org, const char* title) {
    auto tx = s.write("open", 100);
    Case k;
    k.org = org;
    k.title = title;
    k.opened_at = 100;
    const auto id = s.insert_case(k);
    tx.commit("open");
    return id;
}

} // namespace

TEST_CASE("cases are found by id, #id or org prefix", "[store]") {
    Store s = Store::in_memory();
    open_case(s, "Meterco", "Billing");
    open_case(s, "Metro Bank", "Card");
    open_case(s, "UPS", "Parcel");
    open_case(s, "UPS Store", "Copies");

    CHECK(s.resolve_case("2").org == "Metro Bank");
    CHECK(s.resolve_case("#1").org == "Meterco");
    CHECK(s.resolve_case("mete").org == "Meterco");
    CHECK(s.resolve_case("ups").title == "Parcel"); // an exact name beats a longer one
    CHECK_THROWS_AS(s.resolve_case("me"), AmbiguousError);
    CHECK_THROWS_AS(s.resolve_case("#9"), NotFoundError);
    CHECK_THROWS_AS(s.resolve_case("fedex"), NotFoundError);
    CHECK_THROWS_AS(s.resolve_case("%"), NotFoundError); // LIKE wildcards are literal
    CHECK_THROWS_AS(s.only_open_case(), AmbiguousError);
}

TEST_CASE("the journal reverts the newest change and only that", "[store][undo]") {
    Store s = Store::in_memory();
    const auto id = open_case(s, "Meterco", "Billing");
    {
        auto tx = s.write("log", 200);
        Contact c;
        c.case_id = id;
        c.channel = "call";
        c.at = 200;
        c.note = "it's \"quoted\"\nand multi-line; DROP TABLE cases;--";
        c.id = s.insert_contact(c);
        s.insert_promise(Promise{0, id, c.id, "refund", 900, PromiseStatus::Pending});
        tx.commit("log call");
    }
    {
        auto tx = s.write("edit", 300);
        Contact c = *s.find_contact(1);
        c.note = "changed";
        s.update_contact(c);
        tx.commit("edit contact 1");
    }
    auto entry = s.last_journal_entry();
    REQUIRE(entry);
    CHECK(entry->summary == "edit contact 1");
    {
        auto tx = s.write("undo", 400, Journal::Skip);
        s.revert(*entry);
        tx.commit();
    }
    CHECK(s.find_contact(1)->note == "it's \"quoted\"\nand multi-line; DROP TABLE cases;--");
    entry = s.last_journal_entry();
    CHECK(entry->summary == "log call");
    {
        auto tx = s.write("undo", 400, Journal::Skip);
        s.revert(*entry);
        tx.commit();
    }
    CHECK_FALSE(s.find_contact(1).has_value());
    CHECK(s.load_case_file(id).promises.empty());
    CHECK(s.last_journal_entry()->summary == "open");
}

TEST_CASE("a transaction not committed leaves nothing", "[store]") {
    Store s = Store::in_memory();
    {
        auto tx = s.write("open", 100);
        Case k;
        k.org = "Meterco";
        k.opened_at = 100;
        s.insert_case(k);
    }
    CHECK_FALSE(s.find_case(1).has_value());
    CHECK_FALSE(s.find_org("Meterco").has_value());
    CHECK_FALSE(s.last_journal_entry().has_value());
}

TEST_CASE("load_case_files gathers each selected case's contacts", "[store]") {
    Store s = Store::in_memory();
    const auto a = open_case(s, "A", "one");
    const auto b = open_case(s, "B", "two");
    auto tx = s.write("log", 100);
    for (int i = 0; i < 3; ++i) {
        for (auto id : {a, b}) {
            Contact c;
            c.case_id = id;
            c.channel = "call";
            c.at = 100 + i;
            s.insert_contact(c);
        }
    }
    tx.commit("logs");
    CaseFilter open;
    open.status = CaseStatus::Open;
    const auto files = s.load_case_files(open);
    REQUIRE(files.size() == 2);
    CHECK(files[0].contacts.size() == 3);
    CHECK(files[1].contacts.size() == 3);
    CHECK(files[1].contacts[0].case_id == b);
    CaseFilter org_b;
    org_b.org = "b";
    const auto only_b = s.load_case_files(org_b);
    REQUIRE(only_b.size() == 1);
    CHECK(only_b[0].kase.org == "B");
}
