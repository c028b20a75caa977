// A case file built contact by contact, as the store would return it, for the engine's unit
// tests: a pinned start, a directory and a history the test may fill in.
#pragma once

#include <optional>

#include <catch2/catch.hpp>

#include "escalate/engine.hpp"

namespace escalate::test {

constexpr Timestamp day = 86400;
constexpr Timestamp hour = 3600;
// Monday 2 November 2026, 09:00 in London.
constexpr Timestamp t0 = 1793610000;

// A case file built contact by contact, as the store would return it.
class Story {
public:
    explicit Story(Timestamp opened = t0) {
        file.kase.id = 1;
        file.kase.org = "Meterco";
        file.kase.title = "Billing";
        file.kase.want = "Close the account";
        file.kase.opened_at = opened;
    }
    Story& out(const char* channel, Timestamp at, std::optional<Outcome> outcome = {}) {
        return add(channel, Direction::Out, at, outcome);
    }
    Story& in(const char* channel, Timestamp at, std::optional<Outcome> outcome = {}) {
        return add(channel, Direction::In, at, outcome);
    }
    Story& promise(const char* text, Timestamp due, PromiseStatus status = PromiseStatus::Pending) {
        Contact& c = file.contacts.back();
        c.promise_id = static_cast<std::int64_t>(file.promises.size() + 1);
        file.promises.push_back(Promise{*c.promise_id, 1, c.id, text, due, status});
        return *this;
    }
    Advice advise_at(Timestamp now, const Policy& policy = Policy::builtin()) const {
        return escalate::advise(EngineInput{file, org, history, policy, now, Drafts::Top});
    }
    Suggestion top(Timestamp now, const Policy& policy = Policy::builtin()) const {
        const Advice a = advise_at(now, policy);
        REQUIRE_FALSE(a.suggestions.empty());
        return a.suggestions.front();
    }

    CaseFile file;
    Org org = [] {
        Org o;
        o.name = "Meterco";
        return o;
    }();
    ChannelHistory history;

private:
    Story& add(const char* channel, Direction d, Timestamp at, std::optional<Outcome> outcome) {
        Contact c;
        c.id = static_cast<std::int64_t>(file.contacts.size() + 1);
        c.case_id = 1;
        c.channel = channel;
        c.direction = d;
        c.at = at;
        c.outcome = outcome;
        file.contacts.push_back(c);
        return *this;
    }
};

} // namespace escalate::test
