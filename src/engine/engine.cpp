// The words of each suggestion the rules made (rules.cpp): one imperative sentence naming the
// concrete target, the evidence that the last rung failed, and a draft where one is wanted.
#include <algorithm>

#include <fmt/format.h>

#include "internal.hpp"

namespace escalate {

using namespace engine_detail;

std::string_view to_string(Action a) {
    switch (a) {
    case Action::Wait:
        return "wait";
    case Action::Contact:
        return "contact";
    case Action::FollowUp:
        return "follow-up";
    case Action::Close:
        return "close";
    }
    return "wait";
}

namespace engine_detail {

namespace {

std::string has_have(const std::string& evidence) {
    return evidence.starts_with("1 ") && evidence.find(" and ") == std::string::npos ? "has"
                                                                                     : "have";
}

const Reason* find_reason(const Suggestion& s, std::string_view factor) {
    const auto it = std::find_if(s.reasons.begin(), s.reasons.end(),
                                 [&](const Reason& r) { return r.factor == factor; });
    return it == s.reasons.end() ? nullptr : &*it;
}

std::string summary_of(const CaseFacts& f, const Suggestion& s, const std::string& ev) {
    const ChannelPolicy& ch = f.policy().channel(*s.channel);
    std::string out = imperative(f, ch);
    if (s.action == Action::FollowUp && s.rule == "ladder") {
        out = "Follow up: " + out;
    }
    const Ladder& l = f.ladder;
    const bool in_range = ch.tier >= std::min(l.rung, l.target) && ch.tier <= l.cap;
    if (const Reason* r = find_reason(s, "follow_up_filed")) {
        out += ": " + r->detail;
    } else if (const Reason* asked = find_reason(s, "asked")) {
        out += ": " + asked->detail;
    } else if (const Reason* clock = find_reason(s, "clock_closing");
               clock && (s.parallel || !in_range)) {
        out += ": " + clock->detail; // a channel only a closing clock brought in says why
    } else if (const Reason* req = find_reason(s, "required")) {
        out += ": " + req->detail;
    } else if (const Reason* open = find_reason(s, "clock_open")) {
        out += ": " + open->detail;
    } else if (l.decisive && ch.tier == l.top) {
        out += ": " + *l.decisive;
    } else if (const Reason* route = find_reason(s, "route_open")) {
        out += ": " + route->detail;
    } else if (!ev.empty()) {
        out += fmt::format(": {} {} not worked", ev, has_have(ev));
    } else if (f.file().kase.want) {
        out += fmt::format(" and ask for: {}", *f.file().kase.want);
    }
    if (s.not_before > f.now()) {
        out += fmt::format(" (not before {})", format_local(s.not_before, TimeStyle::Short));
    }
    return out;
}

} // namespace

void word_suggestions(const CaseFacts& f, std::vector<Suggestion>& out) {
    const EngineInput& in = f.in;
    const std::string ev = evidence(f.file(), f.ladder, f.policy());
    bool drafted = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        Suggestion& s = out[i];
        const bool shown = in.detail == Detail::Full || i == 0 || s.parallel;
        if (!shown || !s.channel) {
            continue;
        }
        if (s.summary.empty()) {
            s.summary = summary_of(f, s, ev);
        }
        const bool wanted = in.drafts == Drafts::All || (in.drafts == Drafts::Top && !drafted);
        if (wanted) {
            s.draft = draft_for(f, f.policy().channel(*s.channel));
            drafted = true;
        }
    }
}

} // namespace engine_detail

} // namespace escalate
