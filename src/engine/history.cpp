// The person's record per channel, for channel choice (SPEC 4.4) and `stats`.
#include <algorithm>

#include "escalate/engine.hpp"

namespace escalate {

ChannelRecords channel_records(const std::vector<const CaseFile*>& files, const Policy& policy,
                               Timestamp /*now*/) {
    ChannelRecords records;
    std::map<std::string, std::vector<Seconds>, std::less<>> delays;
    for (const CaseFile* file : files) {
        const auto& contacts = file->contacts;
        // The first inbound contact after each position, walking back from the newest.
        std::vector<std::optional<Timestamp>> next_inbound(contacts.size());
        std::optional<Timestamp> seen;
        for (std::size_t i = contacts.size(); i-- > 0;) {
            next_inbound[i] = seen;
            if (contacts[i].direction == Direction::In) {
                seen = contacts[i].at;
            }
        }
        for (std::size_t i = 0; i < contacts.size(); ++i) {
            const Contact& c = contacts[i];
            if (c.direction != Direction::Out) {
                continue;
            }
            ChannelRecord& rec = records[c.channel];
            ++rec.attempts;
            const ChannelPolicy* channel = policy.find_channel(c.channel);
            const bool sync = channel == nullptr || channel->sync == Sync::Synchronous;
            bool replied = false;
            if (sync) {
                replied =
                    c.outcome && *c.outcome != Outcome::NoAnswer && *c.outcome != Outcome::HungUp;
            } else if (next_inbound[i]) {
                replied = true;
                delays[c.channel].push_back(*next_inbound[i] - c.at);
            } else {
                replied = c.outcome.has_value();
            }
            rec.replies += replied ? 1 : 0;
        }
        if (file->kase.status == CaseStatus::Resolved) {
            for (auto it = contacts.rbegin(); it != contacts.rend(); ++it) {
                if (it->outcome == Outcome::Resolved) {
                    ++records[it->channel].resolutions;
                    break;
                }
            }
        }
    }
    for (auto& [channel, list] : delays) {
        std::sort(list.begin(), list.end());
        records[channel].median_reply_s = list[list.size() / 2];
    }
    return records;
}

ChannelRecords channel_records(const std::vector<const ChannelTally*>& tallies,
                               const Policy& policy) {
    ChannelRecords records;
    std::map<std::string, std::vector<Seconds>, std::less<>> delays;
    for (const ChannelTally* t : tallies) {
        ChannelRecord& rec = records[t->channel];
        const ChannelPolicy* channel = policy.find_channel(t->channel);
        const bool sync = channel == nullptr || channel->sync == Sync::Synchronous;
        rec.attempts += t->attempts;
        rec.replies += sync ? t->reached : t->answered;
        rec.resolutions += t->resolutions;
        if (!sync && !t->delays.empty()) {
            auto& list = delays[t->channel];
            list.insert(list.end(), t->delays.begin(), t->delays.end());
        }
    }
    for (auto& [channel, list] : delays) {
        std::sort(list.begin(), list.end());
        records[channel].median_reply_s = list[list.size() / 2];
    }
    return records;
}

} // namespace escalate
