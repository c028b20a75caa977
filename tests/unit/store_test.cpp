#include "escalate/store.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

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
    CHECK_THROWS_AS(s.default_case(false), AmbiguousError);
    const auto last = s.default_case(true); // none has a contact: the newest opening
    CHECK(last.open == 4);
    CHECK(last.kase.org == "UPS Store");
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

namespace {

// Two cases with order refs, and contacts that have notes, agents, references and promises
// to find.
void write_rows(Store& s) {
    for (int i = 1; i <= 2; ++i) {
        Case k;
        k.org = i == 1 ? "Meterco" : "Parcelforce";
        k.title = i == 1 ? "Billing refund" : "Lost parcel";
        k.want = "a refund";
        k.opened_at = 100;
        k.order_ref = "ORD-" + std::to_string(i);
        const auto id = s.insert_case(k);
        Contact c;
        c.case_id = id;
        c.channel = "call";
        c.at = 200;
        c.agent = i == 1 ? "Priya" : "Sam";
        c.ref = "REF-" + std::to_string(i);
        c.note = "promised a refund within five days";
        Promise p;
        p.case_id = id;
        p.contact_id = s.insert_contact(c);
        p.text = i == 1 ? "supervisor callback" : "courier redelivery";
        p.due = 300;
        s.insert_promise(p);
    }
}

std::vector<std::string> hits(Store& s, const char* text) {
    std::vector<std::string> out;
    for (const auto& h : s.search(text, {}, 50)) {
        out.push_back(fmt::format("{} {} {} {} {}", h.case_id, h.contact_id.value_or(0),
                                  h.promise_id.value_or(0), h.org, h.snippet));
    }
    return out;
}

} // namespace

TEST_CASE("a bulk change indexes its rows for search as row-by-row writes do", "[store][search]") {
    Store by_row = Store::in_memory();
    {
        auto tx = by_row.write("log", 300);
        write_rows(by_row);
        tx.commit("rows");
    }
    Store bulk = Store::in_memory();
    {
        auto tx = bulk.write("import", 300, Journal::Skip);
        auto change = bulk.begin_bulk_change("import", 300);
        write_rows(bulk);
        CHECK(hits(bulk, "refund").empty()); // the index is filled at the end
        bulk.end_bulk_change(change, "import of 2 cases");
        tx.commit("import of 2 cases");
    }
    for (const char* word :
         {"refund", "priya", "REF-2", "parcel", "five days", "ORD-1", "courier", "refun"}) {
        CAPTURE(word);
        CHECK(hits(bulk, word) == hits(by_row, word));
        CHECK_FALSE(hits(bulk, word).empty());
    }
    CHECK(bulk.search_index_differences() == 0);
    CHECK(by_row.search_index_differences() == 0);

    SECTION("undo takes the rows out of the index") {
        auto tx = bulk.write("undo", 400, Journal::Skip);
        bulk.revert(*bulk.last_journal_entry());
        tx.commit();
        CHECK(hits(bulk, "refund").empty());
        CHECK(hits(bulk, "courier").empty());
        CHECK(bulk.search_index_differences() == 0);
    }
    SECTION("later writes are indexed row by row again") {
        auto tx = bulk.write("log", 400);
        Contact c;
        c.case_id = 1;
        c.channel = "email";
        c.at = 500;
        c.note = "escalated to the ombudsman";
        bulk.insert_contact(c);
        tx.commit("log");
        CHECK(hits(bulk, "ombudsman").size() == 1);
    }
}
