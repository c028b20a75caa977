// Fills a case log with synthetic cases for benchmarks:
//   escalate_seed PATH CASES [CONTACTS_PER_CASE] [ORGS]
// Every case is open; times are spread over the year before 2026-11-20.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/store.hpp"

int main(int argc, char** argv) {
    using namespace escalate;
    if (argc < 3) {
        std::fprintf(stderr, "usage: escalate_seed PATH CASES [CONTACTS_PER_CASE] [ORGS]\n");
        return 2;
    }
    const std::string path = argv[1];
    const long cases = std::atol(argv[2]);
    const long per_case = argc > 3 ? std::atol(argv[3]) : 8;
    const long orgs = argc > 4 ? std::atol(argv[4]) : 500;
    const Timestamp end = 1795132800; // 2026-11-20T00:00:00Z
    static constexpr const char* channels[] = {"call", "call", "email", "chat", "call", "letter"};
    static constexpr const char* outcomes[] = {"no-answer", "hung-up", "stock-reply",
                                               "transferred"};
    try {
        Store store = Store::open(path, end);
        auto tx = store.write("seed", end, Journal::Skip);
        for (long i = 0; i < cases; ++i) {
            Case k;
            k.org = fmt::format("Org {:04}", i % orgs);
            k.title = fmt::format("Synthetic case {}", i);
            k.opened_at = end - 365 * 86400 + (i * 7919) % (300 * 86400);
            const auto id = store.insert_case(k);
            for (long j = 0; j < per_case; ++j) {
                Contact c;
                c.case_id = id;
                c.channel = channels[(i + j) % 6];
                c.at = k.opened_at + j * 86400;
                c.hold_s = 600;
                c.outcome = outcome_from(outcomes[(i + j) % 4]);
                c.note = "A note of ordinary length about what was said on the phone.";
                c.id = store.insert_contact(c);
                if (j == 2) {
                    store.insert_promise(Promise{0, id, c.id, "call back", c.at + 3 * 86400,
                                                 PromiseStatus::Pending});
                }
            }
        }
        tx.commit();
    } catch (const Error& e) {
        std::fprintf(stderr, "escalate_seed: %s\n", e.what());
        return 1;
    }
    return 0;
}
