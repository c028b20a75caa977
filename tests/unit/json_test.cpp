#include "escalate/json.hpp"

#include <catch2/catch.hpp>

using namespace escalate;

TEST_CASE("JSON shapes follow SPEC section 3", "[json]") {
    const Policy policy = Policy::builtin();
    CaseFile f;
    f.kase.id = 3;
    f.kase.org = "Meterco";
    f.kase.opened_at = 1795185000;
    Contact c;
    c.id = 1;
    c.case_id = 3;
    c.channel = "email";
    c.at = 1795185000;
    f.contacts.push_back(c);

    const auto j = to_json(f, policy, 1795185000);
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) {
        keys.push_back(k);
    }
    CHECK(keys == std::vector<std::string>{"id", "org", "title", "want", "status", "opened_at",
                                           "closed_at", "resolution", "tags", "country", "sector",
                                           "amount", "currency", "order_ref", "incident_at",
                                           "paid_by", "stats", "promises", "contacts"});
    CHECK(j["opened_at"] == "2026-11-20T14:30:00Z");
    CHECK(j["want"].is_null());
    const auto& contact = j["contacts"][0];
    CHECK(contact["awaiting_reply"] == true);
    CHECK(contact["tier"] == 1);
    CHECK(contact["promise_id"].is_null());
    const auto stats = j["stats"];
    for (const char* key :
         {"days_open", "contacts", "by_channel", "outbound", "inbound", "talk_s", "hold_s",
          "promises_made", "promises_kept", "promises_broken", "first_reply_s", "resolved_via"}) {
        CHECK(stats.contains(key));
    }
    CHECK_FALSE(to_json(f, policy, 0, CaseDetail::WithoutContacts).contains("contacts"));
}
