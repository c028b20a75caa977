// Writes policy_compiled.cpp: Policy::builtin() constructing the built-in policy's settings
// directly, so a run of escalate parses no JSON unless it needs the document itself (a user's
// policy file, `policy show`). The settings are read from the JSON document in
// policy_builtin.cpp by the same reader every policy goes through, at build time; a problem in
// the document fails the build. tests/unit/policy_test.cpp checks the two agree.
#include <cstdio>
#include <exception>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "escalate/policy.hpp"

namespace {

using escalate::Policy;
namespace esc = escalate;

std::string lit(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u >= 0x7f) {
            out += fmt::format("\\{:03o}", u); // octal: never runs into the next character
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// The shortest text that reads back as the same double, always a floating literal.
std::string lit(double d) {
    std::string out = fmt::format("{}", d);
    if (out.find_first_of(".en") == std::string::npos) {
        out += ".0";
    }
    return out;
}

std::string lit(bool b) {
    return b ? "true" : "false";
}

std::string lit(int i) {
    return fmt::format("{}", i);
}

std::string lit(long i) {
    return fmt::format("{}L", i);
}

std::string lit(unsigned u) {
    return fmt::format("{}U", u);
}

std::string lit(esc::Sync s) {
    switch (s) {
    case esc::Sync::Synchronous:
        return "Sync::Synchronous";
    case esc::Sync::Asynchronous:
        return "Sync::Asynchronous";
    }
    throw std::logic_error("unknown Sync");
}

std::string lit(esc::WindowUnit w) {
    switch (w) {
    case esc::WindowUnit::CalendarDays:
        return "WindowUnit::CalendarDays";
    case esc::WindowUnit::BusinessDays:
        return "WindowUnit::BusinessDays";
    case esc::WindowUnit::Hours:
        return "WindowUnit::Hours";
    }
    throw std::logic_error("unknown WindowUnit");
}

std::string lit(esc::DraftKind k) {
    switch (k) {
    case esc::DraftKind::Script:
        return "DraftKind::Script";
    case esc::DraftKind::SupervisorScript:
        return "DraftKind::SupervisorScript";
    case esc::DraftKind::Complaint:
        return "DraftKind::Complaint";
    case esc::DraftKind::ExecLetter:
        return "DraftKind::ExecLetter";
    case esc::DraftKind::Post:
        return "DraftKind::Post";
    case esc::DraftKind::Regulator:
        return "DraftKind::Regulator";
    case esc::DraftKind::RegulatorUpdate:
        return "DraftKind::RegulatorUpdate";
    case esc::DraftKind::Chargeback:
        return "DraftKind::Chargeback";
    case esc::DraftKind::Demand:
        return "DraftKind::Demand";
    case esc::DraftKind::SmallClaim:
        return "DraftKind::SmallClaim";
    }
    throw std::logic_error("unknown DraftKind");
}

std::string lit(esc::ClockStart s) {
    switch (s) {
    case esc::ClockStart::Opened:
        return "ClockStart::Opened";
    case esc::ClockStart::Incident:
        return "ClockStart::Incident";
    case esc::ClockStart::FirstComplaint:
        return "ClockStart::FirstComplaint";
    case esc::ClockStart::FirstWritten:
        return "ClockStart::FirstWritten";
    case esc::ClockStart::Contact:
        return "ClockStart::Contact";
    }
    throw std::logic_error("unknown ClockStart");
}

std::string lit(esc::ClockEffect e) {
    switch (e) {
    case esc::ClockEffect::Opens:
        return "ClockEffect::Opens";
    case esc::ClockEffect::Closes:
        return "ClockEffect::Closes";
    }
    throw std::logic_error("unknown ClockEffect");
}

std::string lit(esc::PaidBy p) {
    switch (p) {
    case esc::PaidBy::Card:
        return "PaidBy::Card";
    case esc::PaidBy::Debit:
        return "PaidBy::Debit";
    case esc::PaidBy::Cash:
        return "PaidBy::Cash";
    case esc::PaidBy::Other:
        return "PaidBy::Other";
    }
    throw std::logic_error("unknown PaidBy");
}

std::string lit(esc::RouteOpens o) {
    switch (o) {
    case esc::RouteOpens::AtOnce:
        return "RouteOpens::AtOnce";
    case esc::RouteOpens::AfterWeeks:
        return "RouteOpens::AfterWeeks";
    case esc::RouteOpens::AfterWritten:
        return "RouteOpens::AfterWritten";
    case esc::RouteOpens::Never:
        return "RouteOpens::Never";
    }
    throw std::logic_error("unknown RouteOpens");
}

// The settings' own types, which the containers below may hold.
std::string lit(const esc::ChannelWords& w);
std::string lit(const esc::ChannelPolicy& c);
std::string lit(const esc::TierPolicy& t);
std::string lit(const esc::ClockPolicy& c);
std::string lit(const esc::RegulatorInfo& r);
std::string lit(const esc::RegimePolicy& r);

template <typename T> std::string lit(const std::optional<T>& v) {
    return v ? lit(*v) : "std::nullopt";
}

template <typename A, typename B> std::string lit(const std::pair<A, B>& p) {
    return fmt::format("{{{}, {}}}", lit(p.first), lit(p.second));
}

template <typename T> std::string lit(const std::vector<T>& items) {
    std::string out = "{";
    for (const auto& item : items) {
        out += (out.size() > 1 ? ", " : "") + lit(item);
    }
    return out + "}";
}

template <typename K, typename V, typename C> std::string lit(const std::map<K, V, C>& items) {
    std::string out = "{";
    for (const auto& [key, value] : items) {
        out += (out.size() > 1 ? ", " : "") + fmt::format("{{{}, {}}}", lit(key), lit(value));
    }
    return out + "}";
}

std::string lit(const esc::ChannelWords& w) {
    return fmt::format("ChannelWords{{.say = {}, .say_to = {}, .draft = {}}}", lit(w.say),
                       lit(w.say_to), lit(w.draft));
}

std::string lit(const esc::ChannelPolicy& c) {
    return fmt::format(
        "ChannelPolicy{{.name = {}, .tier = {}, .sync = {}, .written = {}, .needs_card = {}, "
        ".tag_exec = {}, .window = {}, .window_unit = {}, .cooldown_s = {}, .directory = {}, "
        ".noun = {}, .description = {}, .words = {}, .then = {}}}",
        lit(c.name), lit(c.tier), lit(c.sync), lit(c.written), lit(c.needs_card), lit(c.tag_exec),
        lit(c.window), lit(c.window_unit), lit(c.cooldown_s), lit(c.directory), lit(c.noun),
        lit(c.description), lit(c.words), lit(c.then));
}

std::string lit(const esc::TierPolicy& t) {
    return fmt::format("TierPolicy{{.tier = {}, .name = {}, .enter_after_failures = {}, "
                       ".enter_after_days = {}}}",
                       lit(t.tier), lit(t.name), lit(t.enter_after_failures),
                       lit(t.enter_after_days));
}

std::string lit(const esc::ClockPolicy& c) {
    return fmt::format(
        "ClockPolicy{{.name = {}, .label = {}, .from = {}, .on = {}, .days = {}, "
        ".business_days = {}, .paid_by = {}, .effect = {}, .warn_at = {}, .channel = {}, "
        ".issuer_channel = {}, .source = {}}}",
        lit(c.name), lit(c.label), lit(c.from), lit(c.on), lit(c.days), lit(c.business_days),
        lit(c.paid_by), lit(c.effect), lit(c.warn_at), lit(c.channel), lit(c.issuer_channel),
        lit(c.source));
}

std::string lit(const esc::RegulatorInfo& r) {
    return fmt::format("RegulatorInfo{{.name = {}, .where = {}, .source = {}}}", lit(r.name),
                       lit(r.where), lit(r.source));
}

std::string lit(const esc::RegimePolicy& r) {
    return fmt::format(
        "RegimePolicy{{.name = {}, .label = {}, .countries = {}, .sectors = {}, "
        ".regulator = {}, .opens = {}, .weeks = {}, .weeks_from = {}, .or_final = {}, "
        ".route_source = {}, .respond_days = {}, .clocks = {}, .outside = {}}}",
        lit(r.name), lit(r.label), lit(r.countries), lit(r.sectors), lit(r.regulator), lit(r.opens),
        lit(r.weeks), lit(r.weeks_from), lit(r.or_final), lit(r.route_source), lit(r.respond_days),
        lit(r.clocks), lit(r.outside));
}

std::string lit(const esc::Weights& w) {
    return fmt::format(
        "Weights{{.wait = {}, .close = {}, .asked = {}, .follow_up_filed = {}, .warn = {}, "
        ".tier_target = {}, .tier_distance = {}, .offered = {}, .untried = {}, "
        ".failed_here = {}, .follow_up = {}, .reply_rate = {}, .fast_reply = {}, "
        ".cooldown = {}, .clock_closing = {}, .clock_open = {}, .required = {}, "
        ".written = {}, .outside_order = {}}}",
        lit(w.wait), lit(w.close), lit(w.asked), lit(w.follow_up_filed), lit(w.warn),
        lit(w.tier_target), lit(w.tier_distance), lit(w.offered), lit(w.untried),
        lit(w.failed_here), lit(w.follow_up), lit(w.reply_rate), lit(w.fast_reply), lit(w.cooldown),
        lit(w.clock_closing), lit(w.clock_open), lit(w.required), lit(w.written),
        lit(w.outside_order));
}

std::string lit(const esc::AgendaWeights& a) {
    return fmt::format("AgendaWeights{{.overdue_promise = {}, .ignored = {}, "
                       ".per_day_actionable = {}, .per_day_open = {}}}",
                       lit(a.overdue_promise), lit(a.ignored), lit(a.per_day_actionable),
                       lit(a.per_day_open));
}

// One statement per member, so a member added to Settings and not here shows as a difference
// in the test rather than compiling quietly to its default.
std::string source(const Policy& p) {
    const Policy::Settings& s = p.settings();
    std::string out =
        fmt::format(R"(// Written by tools/policy_gen.cpp from the built-in policy document in
// src/core/policy_builtin.cpp. Do not edit: change the document.
#include "escalate/policy.hpp"

namespace escalate {{

Policy Policy::builtin() {{
    Settings s;
)");
    auto line = [&](std::string_view member, const std::string& value) {
        out += fmt::format("    s.{} = {};\n", member, value);
    };
    auto items = [&](std::string_view member, const auto& list) {
        out += fmt::format("    s.{}.reserve({});\n", member, list.size());
        for (const auto& item : list) {
            out += fmt::format("    s.{}.push_back({});\n", member, lit(item));
        }
    };
    items("channels", s.channels);
    line("aliases", lit(s.aliases));
    items("tiers", s.tiers);
    items("clocks", s.clocks);
    line("outcome_weights", lit(s.outcome_weights));
    line("weights", lit(s.weights));
    line("agenda_weights", lit(s.agenda_weights));
    items("regimes", s.regimes);
    line("sectors", lit(s.sectors));
    line("issuer_sectors", lit(s.issuer_sectors));
    line("default_country", lit(s.default_country));
    line("reply_clock_label", lit(s.reply_clock_label));
    line("reply_clock_warn_at", lit(s.reply_clock_warn_at));
    line("max_skip", lit(s.max_skip));
    line("distrust_after_broken", lit(s.distrust_after_broken));
    line("history_min_attempts", lit(s.history_min_attempts));
    line("history_recent_cases", lit(s.history_recent_cases));
    line("fast_reply_s", lit(s.fast_reply_s));
    line("promise_grace_s", lit(s.promise_grace_s));
    line("workdays", lit(s.workdays));
    out += fmt::format(
        R"(    // hash64 of the document's dump, as fingerprint() computes it for any other policy.
    return Policy(std::move(s), 0x{:016x}ULL);
}}

}} // namespace escalate
)",
        p.fingerprint());
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.cpp\n", argv[0]);
        return 2;
    }
    try {
        const std::string text = source(Policy::builtin_from_document());
        // Rewritten only when it changes, so an edit elsewhere in the core rebuilds nothing.
        std::ifstream old(argv[1], std::ios::binary);
        const std::string before{std::istreambuf_iterator<char>(old), {}};
        if (before == text) {
            return 0;
        }
        std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            std::fprintf(stderr, "policy_gen: cannot write %s\n", argv[1]);
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "policy_gen: the built-in policy: %s\n", e.what());
        return 1;
    }
    return 0;
}
