// escalate next [CASE]: what to try next, on which channel, when, and why. Without a case,
// the agenda over every open case.
#include <cmath>

#include <fmt/format.h>

#include "../advice.hpp"
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

// How many cases the agenda shows without --all: the most pressing first.
constexpr std::int64_t agenda_rows = 20;

std::string when(const CaseState& row) {
    if (row.action == "wait") {
        return "until " + format_local(row.not_before.value_or(row.computed_at));
    }
    return row.not_before ? "after " + format_local(*row.not_before) : "now";
}

nlohmann::ordered_json agenda_entry(const Case& k, const Suggestion& top,
                                    const std::optional<Suggestion>& parallel) {
    nlohmann::ordered_json entry{
        {"case_id", k.id}, {"org", k.org}, {"title", k.title}, {"suggestion", to_json(top)}};
    if (parallel) {
        entry["parallel"] = to_json(*parallel);
    }
    return entry;
}

struct Shown {
    Case kase;
    CaseState row;
};

void print_agenda(const std::vector<Shown>& shown, std::int64_t total, Context& ctx) {
    if (shown.empty()) {
        if (!ctx.quiet()) {
            fmt::print("Nothing to do: no open cases.\n");
        }
        return;
    }
    const Style style = ctx.style();
    // The next step is the point of the agenda: on a terminal it wraps rather than being cut.
    Table table({{"CASE"}, {"ORG", Fit::Clip, 20, 6}, {"WHEN"}, {"NEXT", Fit::Wrap, 0, 20}});
    for (const auto& [kase, row] : shown) {
        std::string next = row.summary;
        if (row.lever) {
            next += " · " + *row.lever;
        }
        table.add({fmt::format("#{}", kase.id), one_line(kase.org), when(row), one_line(next)});
    }
    ctx.page();
    table.print(style);
    const std::int64_t rest = total - static_cast<std::int64_t>(shown.size());
    if (rest > 0) {
        fmt::print("{}\n", style.dim(fmt::format("(and {} more: escalate next --all)", rest)));
    }
}

// A log this process cannot write (a read-only file) whose rows are out of date: the agenda
// computed in full, in the order the rows would give.
void print_computed_agenda(Context& ctx, Store& store, bool all) {
    CaseFilter open;
    open.status = CaseStatus::Open;
    const auto files = store.load_case_files(open);
    const Agenda agenda = agenda_for(ctx, store, files);
    if (ctx.json()) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& item : agenda.items) {
            list.push_back(agenda_entry(item.file->kase, item.suggestion, item.parallel));
        }
        print_json({{"agenda", list}});
        return;
    }
    std::vector<Shown> shown;
    for (const auto& item : agenda.items) {
        if (!all && static_cast<std::int64_t>(shown.size()) == agenda_rows) {
            break;
        }
        Shown s{item.file->kase, {}};
        describe(s.row, item.suggestion, item.parallel ? &*item.parallel : nullptr, ctx.now());
        s.row.computed_at = ctx.now();
        shown.push_back(std::move(s));
    }
    print_agenda(shown, static_cast<std::int64_t>(agenda.items.size()), ctx);
}

void run_agenda(const NextOptions& o, Context& ctx) {
    Store& store = ctx.store(Access::Read);
    const bool writable = store.writable();
    auto tx = writable ? store.write("next", ctx.now(), Journal::Cache) : store.read();
    StateKeeper keeper(ctx, store);
    if (writable) {
        refresh_due_states(ctx, store, keeper);
    } else if (store.state_stamp() != state_stamp(ctx) || !store.stale_states(ctx.now()).empty()) {
        print_computed_agenda(ctx, store, o.all);
        return;
    }
    const auto counts = store.state_counts();
    const std::int64_t total = counts[0] + counts[1] + counts[2];
    if (ctx.json()) {
        // Every open case, each computed in full for its reasons, in the rows' order.
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        std::optional<CaseState> after;
        for (auto page = store.states_in_order(after, 500); !page.empty();
             page = store.states_in_order(after, 500)) {
            for (const auto& row : page) {
                const auto c = keeper.compute(row.case_id);
                if (auto item = agenda_item(c.file, c.advice, ctx.policy(), ctx.now())) {
                    list.push_back(agenda_entry(c.file.kase, item->suggestion, item->parallel));
                }
            }
            after = page.back();
        }
        if (writable) {
            tx.commit();
        }
        print_json({{"agenda", list}});
        return;
    }
    // The rows shown, each brought up to date with the person's history if it moved since.
    std::vector<Shown> shown;
    std::optional<CaseState> after;
    const std::int64_t limit = o.all ? total : std::min(total, agenda_rows);
    while (static_cast<std::int64_t>(shown.size()) < limit) {
        auto page = store.states_in_order(after, std::min<std::int64_t>(500, limit));
        if (page.empty()) {
            break;
        }
        after = page.back();
        for (auto& row : page) {
            if (static_cast<std::int64_t>(shown.size()) == limit) {
                break;
            }
            Case kase = store.find_case(row.case_id).value_or(Case{});
            if (row.history != keeper.history_of(kase.org)) {
                row = keeper.compute(row.case_id).row;
                if (writable) {
                    store.put_state(row);
                }
            }
            shown.push_back({std::move(kase), std::move(row)});
        }
    }
    if (writable) {
        tx.commit();
    }
    print_agenda(shown, total, ctx);
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
    return {sub, [o](Context& ctx) { o->case_ref ? run_case(*o, ctx) : run_agenda(*o, ctx); }};
}

} // namespace escalate::cli
