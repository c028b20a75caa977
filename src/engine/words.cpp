// The words of advice: who to reach and how, and the evidence that the last rung failed.
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

namespace {} // namespace

std::string counted(std::int64_t n, const std::string& noun) {
    return n == 1 ? fmt::format("1 {}", noun) : fmt::format("{} {}s", n, noun);
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

std::string evidence(const CaseFile& file, const Ladder& ladder, const Policy& policy,
                     Timestamp /*now*/) {
    // Outbound attempts per channel, most first; then broken promises and ignored contacts.
    auto attempts = outbound_by_channel(file);
    std::stable_sort(attempts.begin(), attempts.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < attempts.size() && i < 2; ++i) {
        const ChannelPolicy* ch = policy.find_channel(attempts[i].first);
        parts.push_back(counted(attempts[i].second, ch ? ch->noun : attempts[i].first));
    }
    int broken = 0;
    std::vector<std::pair<std::string, int>> ignored; // by channel
    for (const auto& item : ladder.items) {
        broken += item.term == "broken-promise" ? 1 : 0;
        if (item.term == "ignored") {
            auto it = std::find_if(ignored.begin(), ignored.end(),
                                   [&](const auto& g) { return g.first == item.contact->channel; });
            if (it == ignored.end()) {
                ignored.emplace_back(item.contact->channel, 1);
            } else {
                ++it->second;
            }
        }
    }
    if (broken > 0) {
        parts.push_back(counted(broken, "broken promise"));
    }
    for (const auto& [channel, n] : ignored) {
        const ChannelPolicy* ch = policy.find_channel(channel);
        parts.push_back(
            fmt::format("{} unanswered {}{}", n, ch ? ch->noun : channel, n == 1 ? "" : "s"));
    }
    return ladder.items.empty() ? "" : join_words(parts);
}

std::string imperative(const ChannelPolicy& ch, const Org& org, const std::string& name) {
    auto at = [](const std::optional<std::string>& v, std::string_view word) {
        return v ? fmt::format(" {} {}", word, *v) : std::string();
    };
    const std::string& c = ch.name;
    if (c == "call") {
        return fmt::format("Call {}{}", name, at(org.phone, "on"));
    }
    if (c == "chat") {
        return fmt::format("Start a live chat with {}{}", name, at(org.chat, "at"));
    }
    if (c == "email") {
        return fmt::format("Email {}{}", name, at(org.email, "at"));
    }
    if (c == "form") {
        return fmt::format("Send {} a complaint through its web form", name);
    }
    if (c == "visit") {
        return fmt::format("Go to {} in person", name);
    }
    if (c == "supervisor") {
        return fmt::format("Call {}{} and ask for a supervisor", name, at(org.phone, "on"));
    }
    if (c == "letter") {
        return fmt::format("Send {} a formal complaint in writing", name);
    }
    if (c == "social") {
        std::vector<std::string> tags = org.social;
        if (org.exec) {
            tags.push_back(parse_exec(*org.exec).name);
        }
        return tags.empty() ? fmt::format("Post publicly about {}", name)
                            : fmt::format("Post publicly and tag {}", join_words(tags));
    }
    if (c == "dm") {
        return fmt::format("Send {} a private message",
                           org.social.empty() ? name : org.social.front());
    }
    if (c == "review") {
        return fmt::format("Post a public review of {}", name);
    }
    if (c == "exec") {
        if (org.exec) {
            const Person p = parse_exec(*org.exec);
            return fmt::format(
                "Write to {} at {}'s executive office{}", p.name, name,
                p.address.empty() || p.address == p.name ? "" : fmt::format(" ({})", p.address));
        }
        return fmt::format("Write to {}'s executive office (the CEO's office)", name);
    }
    if (c == "regulator") {
        return fmt::format("File a complaint about {} with {}", name,
                           org.regulator ? *org.regulator : "the regulator or ombudsman");
    }
    if (c == "chargeback") {
        return "Ask your card issuer for a chargeback";
    }
    if (c == "legal") {
        return fmt::format("Send {} a letter before action", name);
    }
    return fmt::format("Contact {} by {}", name, ch.noun);
}

} // namespace escalate::engine_detail
