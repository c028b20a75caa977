// The rows of the timeline picture: one per event that matters, long stretches of ordinary
// contacts summed up in one band, so that a case of hundreds of contacts stays a picture of a
// few dozen rows.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "picture_rows.hpp"

namespace escalate::export_detail {

namespace {

constexpr std::size_t max_rows = 40;
constexpr std::size_t band_min = 3; // shorter runs keep their own rows

// "4 cut off", "2 with a stock reply": how a count of outcomes reads.
std::string outcome_count(Outcome o, std::size_t n) {
    const auto count = static_cast<std::int64_t>(n);
    switch (o) {
    case Outcome::NoAnswer:
        return fmt::format("{} no answer", n);
    case Outcome::HungUp:
        return fmt::format("{} cut off", n);
    case Outcome::StockReply:
        return fmt::format("{} with a stock reply", n);
    case Outcome::Transferred:
        return fmt::format("{} transferred", n);
    case Outcome::Refused:
        return fmt::format("{} refused", n);
    case Outcome::Promised:
        return fmt::format("{} with a promise", n);
    case Outcome::Escalated:
        return fmt::format("{} passed up", n);
    case Outcome::Partial:
        return fmt::format("{} partly fixed", n);
    case Outcome::Resolved:
        return fmt::format("{} resolved", n);
    case Outcome::Info:
        return fmt::format("{} for information", n);
    case Outcome::Notice:
        return plural(count, "bill or notice", "bills or notices");
    case Outcome::Asked:
        return fmt::format("{} asking me for something", n);
    case Outcome::Final:
        return plural(count, "final response");
    case Outcome::Denied:
        return plural(count, "written refusal");
    }
    return {};
}

} // namespace

std::string band_summary(const Timeline& t, const std::vector<const TimelineEvent*>& events) {
    std::vector<std::pair<std::string, std::size_t>> kinds; // "call to Meterco", in order met
    std::map<Outcome, std::size_t> outcomes;
    std::size_t contacts = 0;
    std::size_t made = 0;
    std::size_t broken = 0;
    for (const auto* e : events) {
        if (e->kind == EventKind::PromiseBroken) {
            ++broken;
            continue;
        }
        if (e->kind != EventKind::Contact) {
            continue;
        }
        ++contacts;
        made += e->promise ? 1 : 0;
        const std::string kind = e->noun;
        const bool out = e->contact->direction == Direction::Out;
        const std::string key = fmt::format("{}\n{}", kind, out ? "to" : "from");
        auto it =
            std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == key; });
        if (it == kinds.end()) {
            kinds.emplace_back(key, 1);
        } else {
            ++it->second;
        }
        if (e->contact->outcome) {
            ++outcomes[*e->contact->outcome];
        }
    }
    std::vector<std::string> parts;
    for (const auto& k : kinds) {
        const auto nl = k.first.find('\n');
        parts.push_back(fmt::format("{} {} {}", plural(k.second, k.first.substr(0, nl)),
                                    k.first.substr(nl + 1), t.kase.org));
    }
    std::string s = kinds.size() > 1
                        ? fmt::format("{} contacts: {}", contacts, fmt::join(parts, ", "))
                    : parts.empty() ? std::string()
                                    : parts.front();
    std::vector<std::pair<Outcome, std::size_t>> by_count(outcomes.begin(), outcomes.end());
    std::stable_sort(by_count.begin(), by_count.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> tallies;
    for (const auto& o : by_count) {
        if (o.first == Outcome::Promised && made > 0) {
            continue; // counted as promises made
        }
        tallies.push_back(outcome_count(o.first, o.second));
    }
    if (made > 0) {
        tallies.push_back(plural(made, "promise") + " made");
    }
    if (broken > 0) {
        tallies.push_back(plural(broken, "promise") + " broken");
    }
    if (!tallies.empty()) {
        s += fmt::format("{}{}", s.empty() ? "" : ": ", fmt::join(tallies, ", "));
    }
    return s;
}

namespace {

// Which events keep a row of their own; the stricter levels apply when the rows would not fit.
bool keeps_row(const TimelineEvent& e, int level, const std::set<const TimelineEvent*>& firsts,
               const TimelineEvent* first_event) {
    const bool first = firsts.count(&e) > 0;
    const bool good = e.kind == EventKind::Contact && (e.contact->outcome == Outcome::Resolved ||
                                                       e.contact->outcome == Outcome::Escalated);
    switch (level) {
    case 0:
        return e.key || e.kind != EventKind::Contact;
    case 1:
        return e.kind != EventKind::Contact || e.promise || first || good;
    case 2:
        return e.kind == EventKind::Resolution || first || good;
    default:
        return e.kind == EventKind::Resolution || &e == first_event;
    }
}

} // namespace

std::vector<Row> group_rows(const Timeline& t) {
    // The first contact overall and the first in each tier always keep their rows.
    std::set<const TimelineEvent*> firsts;
    std::set<int> tiers;
    for (const auto& e : t.events) {
        if (e.kind == EventKind::Contact && tiers.insert(e.tier).second) {
            firsts.insert(&e);
        }
    }
    std::vector<Row> rows;
    for (int level = 0; level < 4; ++level) {
        rows.clear();
        std::vector<const TimelineEvent*> run;
        auto flush = [&] {
            if (run.size() >= band_min) {
                rows.push_back({Row::Kind::Band, run, {}, {}, 0, 0});
            } else {
                for (const auto* e : run) {
                    rows.push_back({Row::Kind::Event, {e}, {}, {}, 0, 0});
                }
            }
            run.clear();
        };
        for (const auto& e : t.events) {
            if (keeps_row(e, level, firsts, &t.events.front())) {
                flush();
                rows.push_back({Row::Kind::Event, {&e}, {}, {}, 0, 0});
            } else {
                run.push_back(&e);
            }
        }
        flush();
        if (rows.size() <= max_rows) {
            break;
        }
    }
    return rows;
}

} // namespace escalate::export_detail
