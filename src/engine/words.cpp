// The words of advice: who to reach and how, and the evidence that the last rung failed. The
// wording of each channel is policy data ("say", "say_to", "then"); this file only fills it in.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate::engine_detail {

Person parse_exec(const std::string& exec) {
    const auto open = exec.find('<');
    const auto close = exec.find('>', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) {
        return {exec, exec.find('@') != std::string::npos ? exec : ""};
    }
    std::string name = exec.substr(0, open);
    while (!name.empty() && name.back() == ' ') {
        name.pop_back();
    }
    return {name, exec.substr(open + 1, close - open - 1)};
}

std::string join_words(const std::vector<std::string>& parts) {
    if (parts.empty()) {
        return "";
    }
    if (parts.size() == 1) {
        return parts[0];
    }
    std::string out;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        out += (i == 0 ? "" : ", ") + parts[i];
    }
    return out + " and " + parts.back();
}

std::string format_weight(double w) {
    return w == std::floor(w) ? fmt::format("{}", static_cast<long long>(w))
                              : fmt::format("{:.1f}", w);
}

std::string window_words(const ChannelPolicy& ch) {
    const std::string n = format_weight(ch.window);
    switch (ch.window_unit) {
    case WindowUnit::BusinessDays:
        return ch.window == 1 ? "1 business day" : n + " business days";
    case WindowUnit::Hours:
        return ch.window == 1 ? "1 hour" : n + " hours";
    case WindowUnit::CalendarDays:
        break;
    }
    return ch.window == 1 ? "1 day" : n + " days";
}

std::vector<std::pair<std::string, std::int64_t>> outbound_by_channel(const CaseFile& file) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& c : file.contacts) {
        if (c.direction != Direction::Out) {
            continue;
        }
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const auto& o) { return o.first == c.channel; });
        if (it == out.end()) {
            out.emplace_back(c.channel, 1);
        } else {
            ++it->second;
        }
    }
    return out;
}

std::string evidence(const CaseFile& file, const Ladder& ladder, const Policy& policy) {
    if (ladder.items.empty()) {
        return "";
    }
    // Outbound attempts on the two most used channels, saying how many went unanswered; then
    // broken promises.
    auto attempts = outbound_by_channel(file);
    std::stable_sort(attempts.begin(), attempts.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> parts;
    int broken = 0;
    for (const auto& item : ladder.items) {
        broken += item.term == "broken-promise" ? 1 : 0;
    }
    for (std::size_t i = 0; i < attempts.size() && i < 2; ++i) {
        const std::string& channel = attempts[i].first; // a lambda below captures it
        const std::int64_t n = attempts[i].second;
        const ChannelPolicy* ch = policy.find_channel(channel);
        const std::string noun = ch ? ch->noun : channel;
        const auto ignored =
            std::count_if(ladder.items.begin(), ladder.items.end(), [&](const auto& it) {
                return it.term == "ignored" && it.contact->channel == channel;
            });
        if (ignored == n) {
            parts.push_back(plural(n, "unanswered " + noun));
        } else if (ignored > 0) {
            parts.push_back(fmt::format("{} ({} unanswered)", plural(n, noun), ignored));
        } else {
            parts.push_back(plural(n, noun));
        }
    }
    if (broken > 0) {
        parts.push_back(plural(broken, "broken promise"));
    }
    return join_words(parts);
}

std::string directory_entry(const CaseFacts& f, const ChannelPolicy& ch) {
    const Org& org = f.in.org;
    const std::string& field = ch.directory;
    if (field == "phone" && org.phone) {
        return *org.phone;
    }
    if (field == "email" && org.email) {
        return *org.email;
    }
    if (field == "chat" && org.chat) {
        return *org.chat;
    }
    if (field == "social" && !org.social.empty()) {
        std::vector<std::string> tags = org.social;
        if (ch.tag_exec && org.exec) {
            tags.push_back(parse_exec(*org.exec).name); // a public post tags the executive too
        }
        return join_words(tags);
    }
    if (field == "exec" && org.exec) {
        return parse_exec(*org.exec).name;
    }
    if (field == "regulator" && f.route.exists) {
        return f.route.body;
    }
    return "";
}

const ChannelWords& words_for(const CaseFacts& f, const ChannelPolicy& ch) {
    return ch.then && f.last_out(ch.name) != nullptr ? *ch.then : ch.words;
}

std::string imperative(const CaseFacts& f, const ChannelPolicy& ch) {
    const ChannelWords& w = words_for(f, ch);
    const std::string to = directory_entry(f, ch);
    const std::string& pattern = !to.empty() && !w.say_to.empty() ? w.say_to : w.say;
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 5, "{org}") == 0) {
            out += f.file().kase.org;
            i += 4;
        } else if (pattern.compare(i, 4, "{to}") == 0) {
            out += to.empty() ? f.file().kase.org : to;
            i += 3;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

} // namespace escalate::engine_detail
