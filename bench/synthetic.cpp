// The synthetic cases of the benchmark (see synthetic.hpp).
#include "synthetic.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace escalate::bench {

namespace {

constexpr Timestamp day = 86400;

// splitmix64: a small, fast generator whose stream depends only on its seed.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % n); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T, std::size_t N> const T& pick(const T (&items)[N]) { return items[below(N)]; }

private:
    std::uint64_t state_;
};

// A weighted choice: each entry is a value and its weight.
template <class T> struct Weighted {
    T value;
    int weight;
};
template <class T, std::size_t N> T pick_weighted(Random& r, const Weighted<T> (&items)[N]) {
    int total = 0;
    for (const auto& i : items) {
        total += i.weight;
    }
    auto at = r.below(total);
    for (const auto& i : items) {
        if (at < i.weight) {
            return i.value;
        }
        at -= i.weight;
    }
    return items[0].value;
}

constexpr const char* titles[] = {"Billing after contract end", "Refund for a cancelled flight",
                                  "Broadband down for weeks",   "Deposit not returned",
                                  "Double charge on the card",  "Parcel never delivered",
                                  "Wrong meter readings",       "Account closure ignored",
                                  "Faulty boiler repair",       "Insurance claim stalled"};
constexpr const char* wants[] = {"Close the account and stop the bills",
                                 "A full refund to the card", "Compensation for the outage",
                                 "The deposit back with interest"};
constexpr const char* agents[] = {"Dana", "Sam", "Priya", "Tom", "Ana", "Lee", "Marta", "Kofi"};
constexpr const char* notes[] = {
    "Said the account is flagged for closure and a supervisor will call back.",
    "Read out the case history again; they could not find the previous notes.",
    "Transferred twice, then the line went dead after forty minutes.",
    "Stock reply: thank you for contacting us, we aim to respond within 10 working days.",
    "Asked for a reference number and the name of the team handling it.",
    "Agent confirmed the refund was approved but could not say when it would arrive."};
constexpr const char* promise_texts[] = {"call back within two days", "refund the charge",
                                         "close the account", "send a written response"};
constexpr const char* sectors[] = {"energy", "telecom", "bank", "airline", "retail", "insurance"};

constexpr Weighted<const char*> first_channels[] = {{"call", 55}, {"email", 30}, {"chat", 15}};
constexpr Weighted<const char*> middle_channels[] = {{"call", 40}, {"email", 35}, {"letter", 25}};
constexpr Weighted<const char*> late_channels[] = {
    {"social", 35}, {"dm", 15}, {"exec", 30}, {"email", 20}};
constexpr Weighted<Outcome> spoken_outcomes[] = {
    {Outcome::NoAnswer, 15}, {Outcome::HungUp, 15},  {Outcome::Transferred, 20},
    {Outcome::Promised, 15}, {Outcome::Refused, 10}, {Outcome::Escalated, 5},
    {Outcome::Partial, 5},   {Outcome::Info, 10},    {Outcome::Asked, 5}};
constexpr Weighted<Outcome> reply_outcomes[] = {{Outcome::StockReply, 40},
                                                {Outcome::Info, 20},
                                                {Outcome::Refused, 15},
                                                {Outcome::Promised, 15},
                                                {Outcome::Partial, 10}};

} // namespace

std::string org_name(long i) {
    return fmt::format("Org {:04}", i);
}

Org make_org(long i) {
    Random r(0x0a11ULL + static_cast<std::uint64_t>(i));
    Org o;
    o.name = org_name(i);
    const std::string slug = fmt::format("org{:04}", i);
    if (r.chance(80)) {
        o.phone = fmt::format("+44 20 7946 {:04}", i % 10000);
    }
    if (r.chance(70)) {
        o.email = fmt::format("complaints@{}.example", slug);
    }
    if (r.chance(30)) {
        o.chat = fmt::format("https://{}.example/chat", slug);
    }
    if (r.chance(50)) {
        o.social.push_back("@" + slug);
    }
    if (r.chance(30)) {
        o.exec = fmt::format("Chief Executive <ceo@{}.example>", slug);
    }
    if (r.chance(20)) {
        o.regulator = "Ombudsman Services";
    }
    if (r.chance(10)) {
        o.unavailable.push_back("chat");
    }
    return o;
}

CaseFile make_case(long id, long orgs, long per_case, std::int64_t& next_contact,
                   std::int64_t& next_promise) {
    Random r(0xca5eULL * static_cast<std::uint64_t>(id));
    CaseFile f;
    Case& k = f.kase;
    k.id = id;
    k.org = org_name(id % orgs);
    k.title = fmt::format("{} ({})", r.pick(titles), id);
    if (r.chance(50)) {
        k.want = r.pick(wants);
    }
    k.opened_at = end_of_data - 365 * day + r.below(280 * day);
    if (r.chance(40)) {
        k.incident_at = k.opened_at - r.below(20 * day);
    }
    if (r.chance(70)) {
        k.country = r.chance(60) ? "GB" : "US";
        k.sector = r.pick(sectors);
    }
    if (r.chance(40)) {
        k.amount = fmt::format("{}.{:02}", 20 + r.below(2000), r.below(100));
        k.currency = k.country == "US" ? "USD" : "GBP";
        k.paid_by = r.chance(50) ? PaidBy::Card : PaidBy::Debit;
    }
    if (r.chance(30)) {
        k.order_ref = fmt::format("ORD-{:07}", r.below(10000000));
    }
    if (r.chance(20)) {
        k.tags.emplace_back("billing");
    }
    Timestamp at = k.opened_at;
    for (long j = 0; j < per_case; ++j) {
        Contact c;
        c.id = next_contact++;
        c.case_id = id;
        at += 4 * 3600 + r.below(4 * day);
        c.at = at;
        const Contact* previous = f.contacts.empty() ? nullptr : &f.contacts.back();
        const bool written_before = previous != nullptr && previous->direction == Direction::Out &&
                                    (previous->channel == "email" || previous->channel == "letter");
        if (written_before && r.chance(40)) { // their reply
            c.channel = previous->channel;
            c.direction = Direction::In;
            c.outcome = pick_weighted(r, reply_outcomes);
        } else {
            // The ladder: tier 1 for the first 60% of contacts, letters next, then higher.
            if (j < per_case * 6 / 10) {
                c.channel = pick_weighted(r, first_channels);
            } else if (j < per_case * 8 / 10) {
                c.channel = pick_weighted(r, middle_channels);
            } else {
                c.channel = pick_weighted(r, late_channels);
            }
            if (j == per_case - 1 && r.chance(10)) {
                c.channel = "regulator";
            }
            const bool spoken = c.channel == "call" || c.channel == "chat";
            if (spoken) {
                c.outcome = pick_weighted(r, spoken_outcomes);
                c.duration_s = 60 * (2 + r.below(58));
                if (c.channel == "call") {
                    c.hold_s = 60 * r.below(60);
                }
                if (r.chance(60)) {
                    c.agent = r.pick(agents);
                }
            } // a written contact waits for its reply: no outcome
        }
        if (r.chance(30)) {
            c.ref = fmt::format("REF-{:06}", r.below(1000000));
        }
        if (r.chance(60)) {
            c.note = r.pick(notes);
        }
        if (c.outcome == Outcome::Promised) {
            Promise p;
            p.id = next_promise++;
            p.case_id = id;
            p.contact_id = c.id;
            p.text = r.pick(promise_texts);
            p.due = c.at + 2 * day + r.below(12 * day);
            p.status = r.chance(60) ? PromiseStatus::Broken : PromiseStatus::Kept;
            c.promise_id = p.id;
            f.promises.push_back(p);
        }
        f.contacts.push_back(std::move(c));
    }
    if (!f.promises.empty()) { // the newest promise is still awaited
        f.promises.back().status = PromiseStatus::Pending;
    }
    return f;
}

} // namespace escalate::bench
