#include "escalate/stats.hpp"

#include "escalate/time.hpp"

#include <algorithm>

namespace escalate {

bool answers(const Contact& c) {
    return c.direction == Direction::In && c.outcome != Outcome::Info &&
           c.outcome != Outcome::Notice;
}

std::vector<ContactState> contact_states(const CaseFile& file, const Policy& policy,
                                         Timestamp now) {
    std::vector<ContactState> states(file.contacts.size());
    // An inbound contact answers the outbound ones logged before it at its own tier or below
    // (the executive office calling back answers a direct message too), unless it is only a
    // notice or information: a bill is not a reply. Walk back from the newest, keeping the
    // highest tier that has answered so far.
    const RegimePolicy& regime = policy.regime_for(file.kase);
    int answered_up_to = 0;
    for (std::size_t i = file.contacts.size(); i-- > 0;) {
        const Contact& c = file.contacts[i];
        const ChannelPolicy* channel = policy.find_channel(c.channel);
        const int tier = channel ? channel->tier : 1;
        if (c.direction == Direction::In) {
            if (answers(c)) {
                answered_up_to = std::max(answered_up_to, tier);
            }
            continue;
        }
        if (tier <= answered_up_to || channel == nullptr || channel->sync == Sync::Synchronous ||
            c.outcome.has_value()) {
            continue;
        }
        const Timestamp due = policy.reply_due(regime, *channel, c.at);
        states[i].reply_due = due;
        states[i].awaiting_reply = now < due;
        states[i].ignored = now >= due;
    }
    return states;
}

namespace {

bool is_overdue(const Promise& p, const Policy& policy, Timestamp now) {
    return p.status == PromiseStatus::Pending && now > p.due + policy.promise_grace_s();
}

} // namespace

bool settled_by_resolution(const CaseFile& file, const Promise& p) {
    if (file.kase.status != CaseStatus::Resolved || p.status != PromiseStatus::Pending) {
        return false;
    }
    // Promises are made on contacts; the contacts are in time order.
    auto made_at = [&](const Promise& q) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < file.contacts.size(); ++i) {
            if (file.contacts[i].id == q.contact_id) {
                return i;
            }
        }
        return std::nullopt;
    };
    const auto mine = made_at(p);
    return std::none_of(file.promises.begin(), file.promises.end(), [&](const Promise& q) {
        const auto theirs = made_at(q);
        return q.id != p.id && theirs && mine && *theirs > *mine;
    });
}

bool is_overdue(const CaseFile& file, const Promise& p, const Policy& policy, Timestamp now) {
    return is_overdue(p, policy, now) && !settled_by_resolution(file, p);
}

bool counts_as_broken(const CaseFile& file, const Promise& p, const Policy& policy, Timestamp now) {
    return p.status == PromiseStatus::Broken || is_overdue(file, p, policy, now);
}

CaseStats compute_stats(const CaseFile& file, const Policy& policy, Timestamp now) {
    CaseStats s;
    const Case& k = file.kase;
    const Timestamp end = k.closed_at.value_or(now);
    s.days_open = std::max<std::int64_t>(0, case_day(k.opened_at, end) - 1);
    std::optional<Timestamp> first_out;
    for (const auto& c : file.contacts) {
        ++s.contacts;
        ++s.by_channel[c.channel];
        if (c.direction == Direction::Out) {
            ++s.outbound;
            if (!first_out) {
                first_out = c.at;
            }
        } else {
            ++s.inbound;
            if (first_out && !s.first_reply_s && c.at >= *first_out) {
                s.first_reply_s = c.at - *first_out;
            }
        }
        s.talk_s += c.duration_s.value_or(0);
        s.hold_s += c.hold_s.value_or(0);
        if (c.outcome == Outcome::Resolved) {
            s.resolved_via = c.channel;
        }
    }
    for (const auto& p : file.promises) {
        ++s.promises_made;
        if (p.status == PromiseStatus::Kept) {
            ++s.promises_kept;
        } else if (counts_as_broken(file, p, policy, now)) {
            ++s.promises_broken;
        } else {
            ++s.promises_pending;
        }
    }
    return s;
}

std::int64_t attempt_number(const CaseFile& file, const Contact& contact) {
    std::int64_t n = 0;
    for (const auto& c : file.contacts) {
        if (c.channel == contact.channel && c.direction == contact.direction &&
            (c.at < contact.at || (c.at == contact.at && c.id <= contact.id))) {
            ++n;
        }
    }
    return n;
}

std::vector<std::string> time_spent(const CaseStats& s) {
    std::vector<std::string> spent;
    if (s.talk_s > 0) {
        spent.push_back(format_duration(s.talk_s) + " on the phone");
    }
    if (s.hold_s > 0) {
        spent.push_back(format_duration(s.hold_s) + " on hold");
    }
    return spent;
}

} // namespace escalate
