// Redaction as a person posting the export would check it: a table of planted personal data
// in every category, each of which must be gone from every format, and ordinary values that
// must stay readable; the person's own --mask, --unmask, stored list and --review; and a case
// with 20,000 distinct references redacted in about the time of the plain export.
#include <chrono>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "sandbox.hpp"

using Catch::Contains;
using escalate::test::Sandbox;

namespace {

constexpr const char* now = "2026-11-20T18:00";

// A planted item: the text as a company's email or an agent would put it, and a part of it
// that must not survive (letters, digits and spaces only, so no format's escaping hides it).
struct Planted {
    const char* category;
    const char* text;
    const char* leak;
};

const Planted planted[] = {
    {"phone", "call me on 07700 900123 after six", "900123"},
    {"phone", "their line +44 20 7946 0958 rang out", "7946 09"},
    {"phone", "US office (212) 555-0147 was closed", "555-01"},
    {"phone", "or +1 415 555 2671 for the States", "415 555"},
    {"phone", "Manchester desk 0161 496 0000", "496 00"},
    {"phone", "landline 020 7946 0018 given", "7946 00"},
    {"email", "my email jo.bloggs@example.com again", "bloggs"},
    {"email", "cc m.garcia@correo.es please", "correo"},
    {"email", "replied to billing-dispute+me@mail.co.uk", "dispute"},
    {"email", "from complaints.team@meterco-energy.co.uk", "meterco-energy"},
    {"card", "card 4111 1111 1111 1111 on file", "4111 1111"},
    {"card", "paid with 5555-5555-5555-4444", "5555-5555"},
    {"card", "Amex 3782 822463 10005", "822463"},
    {"card expiry", "card ending exp 09/28 was read out", "09/28"},
    {"card expiry", "expiry: 11/27 confirmed", "11/27"},
    {"card expiry", "card 4000 0566 5566 5556 09/29 used", "09/29"},
    {"security code", "gave the CVV 123 by mistake", "CVV 123"},
    {"security code", "security code 4821 asked for", "code 4821"},
    {"security code", "CVC: 737 read back", "CVC: 737"},
    {"iban", "refund to GB82 WEST 1234 5698 7654 32 please", "WEST 1234"},
    {"iban", "IBAN DE89370400440532013000 for the refund", "DE8937"},
    {"iban", "their IBAN ES91 2100 0418 4502 0005 1332", "2100 0418"},
    {"sort code", "sort code 20-45-77 is right", "20-45-77"},
    {"sort code", "sort code: 40 11 62 on the letter", "40 11 62"},
    {"account", "account number 31926819 closed", "319268"},
    {"account", "acct 55779911 in arrears", "557799"},
    {"id number", "NI number QQ 12 34 56 C on the form", "QQ 12 34"},
    {"id number", "national insurance AB123456C", "AB123456"},
    {"id number", "SSN 078-05-1120 was asked for", "078-05"},
    {"id number", "DNI 12345678Z escaneado", "12345678Z"},
    {"id number", "NIE X1234567L también", "X1234567"},
    {"id number", "codice fiscale RSSMRA85T10A562S", "RSSMRA"},
    {"postcode", "the meter at SW1A 1AA is mine", "SW1A"},
    {"postcode", "old flat in M1 1AE was", "M1 1AE"},
    {"postcode", "Los Angeles, CA 90210 office", "90210"},
    {"postcode", "Ottawa K1A 0B1 branch", "K1A"},
    {"postcode", "sent to 75008 Paris by post", "75008"},
    {"address", "I live at 12 Acacia Avenue since May", "Acacia"},
    {"address", "wrote to Flat 3, 221B Baker Street", "Baker"},
    {"address", "mi piso en Calle Mayor 5 tiene el contador", "Mayor 5"},
    {"address", "le compteur au 12 rue de la Paix", "Paix"},
    {"address", "Zähler in der Hauptstraße 12 gewechselt", "Hauptstra"},
    {"date of birth", "they asked my DOB 12/03/1985 twice", "1985"},
    {"date of birth", "date of birth: 4 July 1979 checked", "1979"},
    {"date of birth", "born on 1990-02-14 it says", "1990-02"},
    {"date of birth", "birthday is March 3, 1988 on file", "1988"},
    {"name", "I spoke to John Smith at the desk", "Smith"},
    {"name", "Mrs O'Brien promised the refund", "Brien"},
    {"name", "then Mr Patel said to wait", "Patel"},
    {"name", "Dr Nguyen signed the letter", "Nguyen"},
    {"name", "Ms Kowalska from retentions", "Kowalska"},
    {"name", "was transferred to Priya Raman in billing", "Raman"},
    {"name", "supervisor Gareth Lloyd-Jones refused", "Lloyd"},
    {"name", "Kind regards, Tom Hughes", "Hughes"},
    {"agent name", "and then Whitfield hung up on me", "Whitfield"},
    {"agent name", "the letter from García arrived", "Garc"},
    {"agent name", "López never called back", "pez never"},
    {"reference", "quoting NW-552-118 every time", "NW-552"},
    {"reference", "the order AMZ-99812345 never came", "99812"},
    {"reference", "ticket number TK48213 opened", "TK482"},
    {"reference", "booking reference QX7Y2Z9 lost", "QX7Y2"},
    {"your term", "delivered to Acme Towers reception", "Acme Towers"},
};

// Ordinary values that a post needs and that must stay as typed.
const char* const ordinary[] = {
    "£1,234.56",     "$250.00",        "€99",          "2026-11-20",     "20/11/2026",
    "14:30",         "45 min on hold", "12 calls",     "3 h 20 min",     "Ray of hope",
    "the team said", "30 days",        "8 weeks",      "£12,345.67",     "2 promises",
    "10:05",         "Ofcom",          "Section 75",   "Room 101",       "Monday",
    "the May bill",  "flight BA 2490", "reading 4521", "version 2.14.1", "1 in 3 calls",
};

std::vector<std::string> all_formats() {
    return {"md", "txt", "thread", "json", "csv", "html", "ics", "svg"};
}

// A case whose notes, agents, references, title and promise hold every planted item.
void plant(const Sandbox& box) {
    box.ok(now, {"open", "Meterco", "--title", "Billing after contract end (acct 55779911)", "--at",
                 "2026-11-01T09:00", "--order-ref", "AMZ-99812345"});
    box.ok(now, {"org", "Meterco", "--social", "@MetercoHelp"});
    std::string ordinary_note;
    for (const char* o : ordinary) {
        ordinary_note += fmt::format("{}; ", o);
    }
    box.ok(now, {"log", "call", "--at", "2026-11-02T10:00", "--agent", "Dana Whitfield", "--ref",
                 "NW-552-118", "--outcome", "promised", "--promise",
                 "refund to GB82 WEST 1234 5698 7654 32 please", "--due", "2026-11-10", "-m",
                 ordinary_note});
    box.ok(now, {"log", "email", "--at", "2026-11-03T10:00", "--agent", "María García López", "-m",
                 "Reply from María García López. " + ordinary_note});
    int hour = 9;
    std::string note;
    int in_note = 0;
    for (const auto& p : planted) {
        note += fmt::format("{}. ", p.text);
        if (++in_note == 4) {
            box.ok(now, {"log", "call", "--at",
                         fmt::format("2026-11-{:02}T{:02}:00", 4 + hour / 24, hour % 24),
                         "--outcome", "refused", "-m", note});
            note.clear();
            in_note = 0;
            ++hour;
        }
    }
    if (!note.empty()) {
        box.ok(now, {"log", "call", "--at", "2026-11-08T09:00", "-m", note});
    }
}

std::vector<std::string> redacted_args(const std::string& format) {
    return {"export", "1", "--format", format, "--redact", "--mask", "Acme Towers"};
}

} // namespace

TEST_CASE("redaction: every planted item is masked in every format, ordinary values stay",
          "[export][redact]") {
    Sandbox box;
    plant(box);
    REQUIRE(std::size(planted) >= 60);
    REQUIRE(std::size(ordinary) >= 20);
    // Without --redact, each planted item is really there (the table tests something).
    const std::string plain = box.ok(now, {"export", "1", "--format", "txt"});
    for (const auto& p : planted) {
        INFO(p.category << ": " << p.text);
        CHECK_THAT(plain, Contains(p.leak));
    }
    for (const auto& format : all_formats()) {
        const std::string out = box.ok(now, redacted_args(format));
        for (const auto& p : planted) {
            INFO(format << ", " << p.category << ": " << p.text);
            CHECK_THAT(out, !Contains(p.leak));
        }
        // The thread, the calendar and the picture summarise: the full text is in the others.
        if (format != "thread" && format != "ics" && format != "svg") {
            for (const char* o : ordinary) {
                INFO(format << ": ordinary value " << o);
                CHECK_THAT(out, Contains(o));
            }
        }
    }
}

TEST_CASE("redaction review lists every masked span with its category and column",
          "[export][redact]") {
    Sandbox box;
    plant(box);
    const auto spans = box.json(now, {"--json", "export", "1", "--format", "md", "--redact",
                                      "--review", "--mask", "Acme Towers"});
    std::set<std::string> categories;
    for (const auto& s : spans) {
        categories.insert(s["category"].get<std::string>());
        const auto original = s["original"].get<std::string>();
        CHECK(s["masked"].get<std::string>() != original);
        CHECK(s["column"].get<int>() >= 1);
    }
    for (const char* c :
         {"phone", "email", "card", "card expiry", "security code", "iban", "sort code", "account",
          "id number", "postcode", "address", "date of birth", "name", "reference", "your term"}) {
        INFO(c);
        CHECK(categories.contains(c));
    }
    auto review_args = redacted_args("md");
    review_args.push_back("--review");
    const std::string table = box.ok(now, review_args);
    CHECK_THAT(table, Contains("FIELD"));
    CHECK_THAT(table, Contains("contact 1 agent"));
    CHECK_THAT(table, Contains("Dana Whitfield -> Dana W."));
    CHECK_THAT(table, Contains("Check them before you post"));
}

TEST_CASE("redaction: --unmask keeps a false positive, the stored list masks for good",
          "[export][redact]") {
    Sandbox box;
    box.ok(now, {"open", "Northwind Traders", "--at", "2026-11-01T09:00"});
    box.ok(now, {"log", "call", "--at", "2026-11-02T10:00", "--agent", "Bob Ray", "-m",
                 "I was transferred to Northwind Traders billing"});
    box.ok(now, {"log", "call", "--at", "2026-11-02T10:00", "--agent", "Bob Ray", "-m",
                 "Ray of hope: Ray said the Mr Bean sketch; 14 Elm Road is the meter's address, "
                 "Skyview Ltd"});
    const std::string masked = box.ok(now, {"export", "1", "--format", "md", "--redact"});
    CHECK_THAT(masked, Contains("Bob R."));
    CHECK_THAT(masked, !Contains("Bean"));
    CHECK_THAT(masked, !Contains("Elm Road"));
    CHECK_THAT(masked, Contains("Ray of hope")); // an ordinary phrase, not the agent's surname
    CHECK_THAT(masked, Contains("R. said"));
    CHECK_THAT(masked, Contains("transferred to Northwind Traders billing")); // the org's name
    const std::string kept = box.ok(now, {"export", "1", "--format", "md", "--redact", "--unmask",
                                          "Mr Bean", "--unmask", "14 Elm Road"});
    CHECK_THAT(kept, Contains("Mr Bean"));
    CHECK_THAT(kept, Contains("14 Elm Road"));
    CHECK_THAT(kept, Contains("Skyview Ltd"));

    // The stored list: one term per line, "!" for never, "#" a comment.
    std::filesystem::create_directories(box.dir() / "config" / "escalate");
    std::ofstream(box.dir() / "config" / "escalate" / "redact.txt")
        << "# my own details\nSkyview Ltd\n!Mr Bean\n";
    box.set_env("XDG_CONFIG_HOME", (box.dir() / "config").string());
    const std::string stored = box.ok(now, {"export", "1", "--format", "md", "--redact"});
    CHECK_THAT(stored, !Contains("Skyview"));
    CHECK_THAT(stored, Contains("masked\\]")); // "[masked]", its brackets escaped in the md
    CHECK_THAT(stored, Contains("Mr Bean"));
    // Without --redact the list changes nothing.
    CHECK_THAT(box.ok(now, {"export", "1", "--format", "md"}), Contains("Skyview Ltd"));

    // --mask without --redact is a mistake, said in one line.
    const auto r = box.at(now, {"export", "1", "--format", "md", "--mask", "x"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--mask, --unmask and --review work with --redact"));
}

TEST_CASE("redaction of 20,000 distinct references takes about the time of the plain export",
          "[export][redact][slow]") {
    Sandbox box;
    constexpr int contacts = 20000;
    const auto dump = box.dir() / "big.jsonl";
    {
        std::ofstream out(dump);
        out << R"({"format":"escalate-dump","version":1,"exported_at":"2026-11-20T10:00:00Z"})"
            << "\n";
        out << R"({"org":{"name":"Meterco","phone":null,"email":null,"chat":null,"social":[],)"
               R"("exec":null,"regulator":null,"unavailable":[]}})"
            << "\n";
        out << R"({"case":{"id":1,"org":"Meterco","title":"Many calls","want":null,)"
               R"("status":"open","opened_at":"2026-01-01T08:00:00Z","closed_at":null,)"
               R"("resolution":null,"tags":[],"incident_at":null,"paid_by":null,"contacts":[)";
        for (int i = 1; i <= contacts; ++i) {
            out << fmt::format(
                R"({}{{"id":{},"case_id":1,"channel":"call","tier":1,"direction":"out",)"
                R"("at":"2026-{:02}-{:02}T{:02}:{:02}:00Z","duration_s":null,"hold_s":null,)"
                R"("agent":"Agent {}","ref":"REF-{}","outcome":"no-answer",)"
                R"("awaiting_reply":false,"ignored":false,"note":"quoted REF-{} and REF-{}",)"
                R"("private":false,"promise_id":null}})",
                i == 1 ? "" : ",", i, 1 + (i / 2000) % 10, 1 + (i / 80) % 25, 8 + (i / 4) % 10,
                i % 60, i % 97, 100000 + i, 100000 + i, 100000 + (i * 7) % contacts);
        }
        out << R"(],"promises":[]}})"
            << "\n";
        out << R"({"end":{"orgs":1,"cases":1,"contacts":20000,"promises":0}})"
            << "\n";
    }
    const auto imported = box.at(now, {"import", dump.string()});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    auto timed = [&](const std::vector<std::string>& args, std::string& out) {
        const auto start = std::chrono::steady_clock::now();
        const auto r = box.at(now, args);
        REQUIRE(r.exit_code == 0);
        out = r.out;
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    std::string out;
    const double plain = timed({"export", "1", "--format", "csv"}, out);
    CHECK_THAT(out, Contains("REF-100017"));
    const double redacted = timed({"export", "1", "--format", "csv", "--redact"}, out);
    CHECK_THAT(out, !Contains("REF-100017"));
    CHECK_THAT(out, Contains("•••-••••17"));
    WARN(fmt::format("export of {} contacts: plain {:.2f} s, redacted {:.2f} s", contacts, plain,
                     redacted));
    // Linear: a quadratic pass over 20,000 references would take minutes. Generous for
    // sanitizer builds and a loaded machine.
    CHECK(redacted < 6 * plain + 3.0);
}
