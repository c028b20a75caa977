// escalate next [CASE]: what to try next, on which channel, when, and why. Without a case,
// the agenda over every open case (agenda.cpp).
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "../advice.hpp"
#include "../agenda.hpp"
#include "../commands.hpp"
#include "../render.hpp"
#include "../state_rows.hpp"
#include "../table.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct NextOptions {
    std::optional<std::string> case_ref;
    bool explain = false;
    bool all = false;
};

// How many alternatives follow the best suggestion without --all.
constexpr std::size_t shown_alternatives = 2;

std::string signed_weight(double w) {
    const double r = std::round(w * 10) / 10;
    return r == std::floor(r) ? fmt::format("{:+}", static_cast<long long>(r))
                              : fmt::format("{:+.1f}", r);
}

std::string when(const Suggestion& s, Timestamp now) {
    if (s.action == Action::Wait) {
        return "until " + format_local(s.not_before);
    }
    return s.not_before > now ? "after " + format_local(s.not_before) : "now";
}

void print_reasons(const Suggestion& s, const Style& style) {
    for (const auto& r : s.reasons) {
        fmt::print("    {:>6}  {:<16} {}\n", signed_weight(r.weight), style.dim(r.factor),
                   r.detail);
    }
}

// Without --explain: the reasons in words, no weights or factor names.
void print_why(const Suggestion& s, const Style& style) {
    for (const auto& r : s.reasons) {
        fmt::print("    {} {}\n", style.dim("-"), r.detail);
    }
}

void print_explain(const Advice& a, const Style& style) {
    fmt::print("\n{}\n", style.bold("How the engine decided"));
    Table terms({{"TERM"}, {"VALUE"}, {"THRESHOLD"}, {"WEIGHT"}, {"EFFECT", Fit::Wrap, 0, 16}});
    for (const auto& t : a.terms) {
        terms.add({t.term, t.value, t.threshold, t.weight, t.effect});
    }
    terms.print(style);
    fmt::print("\n{}\n", style.bold(fmt::format("Rules, in order (decided by: {}; regime: {})",
                                                a.decided_by, a.regime)));
    for (const auto& r : a.rules) {
        fmt::print("  {} {}: {}\n", r.fired ? style.green("[fired]") : style.dim("[ -   ]"), r.rule,
                   r.detail);
    }
}

nlohmann::ordered_json explain_json(const Advice& a) {
    nlohmann::ordered_json terms = nlohmann::ordered_json::array();
    for (const auto& t : a.terms) {
        terms.push_back({{"term", t.term},
                         {"value", t.value},
                         {"threshold", t.threshold},
                         {"weight", t.weight},
                         {"effect", t.effect}});
    }
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& r : a.rules) {
        rules.push_back({{"rule", r.rule}, {"fired", r.fired}, {"detail", r.detail}});
    }
    return {{"rung", a.rung},     {"target_tier", a.target_tier},
            {"regime", a.regime}, {"decided_by", a.decided_by},
            {"terms", terms},     {"rules", rules}};
}

void run_case(const NextOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    const Case k = store.resolve_case(*o.case_ref);
    const CaseAdvice ca = advise_case(ctx, store, k.id, o.all ? Drafts::All : Drafts::Top);
    const Advice& a = ca.advice;
    if (ctx.json()) {
        auto j = advice_json(k, a);
        if (o.explain) {
            j["explain"] = explain_json(a);
        }
        print_json(j);
        return;
    }
    if (ctx.quiet()) {
        if (!a.suggestions.empty()) {
            fmt::print("{}\n", visible(a.suggestions.front().summary));
        }
        return;
    }
    ctx.page();
    const Style style = ctx.style();
    const Policy& policy = ctx.policy();
    fmt::print("{}\n", style.bold(fmt::format("#{} {}{}{}", k.id, visible(k.org),
                                              k.title.empty() ? "" : ": ", visible(k.title))));
    if (a.suggestions.empty()) {
        fmt::print("No suggestion: the case is {}.\n", to_string(k.status));
    } else {
        fmt::print("Highest tier tried: {} ({}); the ladder points to tier {} ({}).\n\n", a.rung,
                   policy.tier(a.rung).name, a.target_tier, policy.tier(a.target_tier).name);
        const std::size_t shown =
            o.all ? a.suggestions.size() : std::min(a.suggestions.size(), 1 + shown_alternatives);
        for (std::size_t i = 0; i < shown; ++i) {
            const Suggestion& s = a.suggestions[i];
            const std::string head = i == 0 ? style.bold("Next:") : fmt::format("{}.", i + 1);
            fmt::print("{} {}\n", head, visible(s.summary));
            std::string meta = when(s, now);
            if (o.explain) {
                meta += " · score " + signed_weight(s.score);
            }
            if (s.parallel) {
                meta += " · beside the wait";
            }
            if (s.channel && s.action != Action::Wait) {
                meta = fmt::format("{} (tier {}) · ", *s.channel, *s.tier) + meta;
            }
            fmt::print("    {}\n", style.dim(meta));
            if (o.explain) {
                print_reasons(s, style);
            } else if (i == 0 || o.all || s.parallel) {
                print_why(s, style);
            }
            if (i == 0 && s.channel && s.action != Action::Wait) {
                fmt::print("    {}\n",
                           style.dim(fmt::format("draft: escalate draft {} --channel {}", k.id,
                                                 *s.channel)));
            }
            if (o.all && !s.draft.empty()) {
                fmt::print("\n{}\n", visible(s.draft, true));
            }
        }
        if (!o.all && a.suggestions.size() > shown) {
            fmt::print("{}\n", style.dim(fmt::format("({} more: escalate next {} --all)",
                                                     a.suggestions.size() - shown, k.id)));
        }
    }
    if (!a.clocks.empty()) {
        fmt::print("\n{}\n", style.bold("Clocks"));
        for (const auto& c : a.clocks) {
            fmt::print("  {}\n", clock_phrase(c, now, style));
        }
    }
    if (o.explain) {
        print_explain(a, style);
    }
}

} // namespace

Command setup_next(CLI::App& app) {
    auto o = std::make_shared<NextOptions>();
    CLI::App* sub = app.add_subcommand("next", "What to try next: a channel, a time, reasons");
    sub->add_option("CASE", o->case_ref, "12, #12 or an org name prefix (default: all open cases)");
    sub->add_flag("--explain", o->explain, "Show every term, threshold and rule behind the advice");
    sub->add_flag("--all", o->all, "Every suggestion, with its reasons and draft");
    sub->footer("Examples:\n  escalate next              (the agenda: every open case)\n"
                "  escalate next 12\n  escalate next meterco --explain\n"
                "  escalate next 12 --json");
    return {sub, [o](Context& ctx) { o->case_ref ? run_case(*o, ctx) : run_agenda(ctx, o->all); }};
}

} // namespace escalate::cli
