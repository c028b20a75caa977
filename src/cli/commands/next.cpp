// escalate next [CASE]: what to try next, on which channel, when, and why. Without a case,
// the agenda over every open case.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

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

// How many cases needing action the agenda shows without --all, so that a long list of them
// does not flood the terminal; the rest are counted.
constexpr std::int64_t agenda_rows = 20;
// How many of the soonest waits the agenda looks through for a clock beside the wait.
constexpr std::int64_t lever_scan_rows = 200;
// The state rows read at a time.
constexpr std::int64_t page_rows = 500;

std::string when(const CaseState& row) {
    if (row.action == "wait") {
        return "until " + format_local(row.not_before.value_or(row.computed_at));
    }
    return row.not_before ? "after " + format_local(*row.not_before) : "now";
}

// "9,412"
std::string grouped(std::int64_t n) {
    std::string digits = std::to_string(n);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
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

// {"agenda": [...]} written entry by entry, byte for byte what print_json() writes for the
// whole document, so that an agenda of any size takes the memory of one entry.
class AgendaJson {
public:
    AgendaJson() { fmt::print("{{\n  \"agenda\": ["); }
    void add(const nlohmann::ordered_json& entry) {
        // The entry's own lines, indented to its depth: a JSON string holds no raw line break.
        std::string text = dump(entry);
        std::string out = first_ ? "\n    " : ",\n    ";
        out.reserve(out.size() + text.size() * 5 / 4);
        for (const char c : text) {
            out += c;
            if (c == '\n') {
                out += "    ";
            }
        }
        fmt::print("{}", out);
        first_ = false;
    }
    void finish() { fmt::print("{}", first_ ? "]\n}\n" : "\n  ]\n}\n"); }

private:
    bool first_ = true;
};

// The agenda's rows, in its order: group 0 (act now), 1 (only waiting), 2 (only needs closing),
// each case with its top suggestion as the row shows it.
class AgendaRows {
public:
    AgendaRows() = default;
    AgendaRows(const AgendaRows&) = delete;
    AgendaRows& operator=(const AgendaRows&) = delete;
    virtual ~AgendaRows() = default;
    // How many rows each group has.
    [[nodiscard]] virtual std::array<std::int64_t, 3> counts() = 0;
    using Visit = std::function<void(const Case&, const CaseState&)>;
    // Whether a row, as kept, is one to visit (its place and lever do not depend on the
    // person's history, so this needs no recomputing); every row, if empty.
    using Filter = std::function<bool(const CaseState&)>;
    // Visits, of at most `limit` rows of group `group` (or of every group, for nullopt) in
    // order, those `only` accepts.
    virtual void each(std::optional<int> group, std::int64_t limit, const Visit& visit,
                      const Filter& only) = 0;
    void each(std::optional<int> group, std::int64_t limit, const Visit& visit) {
        each(group, limit, visit, {});
    }
};

// Whether a row recomputed because the person's history moved is stored again.
enum class Keep { Store, Discard };

// The state rows the log keeps, read in pages through their index; a row whose history
// fingerprint is not the current one is recomputed for its wording (docs/performance.md).
class KeptRows final : public AgendaRows {
public:
    KeptRows(Store& store, StateKeeper& keeper, Keep keep)
        : store_(store), keeper_(keeper), keep_(keep) {}
    std::array<std::int64_t, 3> counts() override { return store_.state_counts(); }
    using AgendaRows::each;
    void each(std::optional<int> group, std::int64_t limit, const Visit& visit,
              const Filter& only) override {
        std::optional<CaseState> after;
        if (group && *group > 0) {
            // Just past every row of the group before: no rank is above infinity.
            after = CaseState{};
            after->group = *group - 1;
            after->rank = std::numeric_limits<double>::infinity();
            after->case_id = std::numeric_limits<std::int64_t>::max();
        }
        std::int64_t seen = 0;
        while (seen < limit) {
            auto page = store_.states_in_order(after, std::min(page_rows, limit - seen));
            if (page.empty()) {
                return;
            }
            after = page.back();
            for (auto& row : page) {
                if (group && row.group != *group) {
                    return;
                }
                ++seen;
                if (only && !only(row)) {
                    continue;
                }
                const Case kase = store_.find_case(row.case_id).value_or(Case{});
                if (row.history != keeper_.history_of(kase.org)) {
                    row = keeper_.compute(row.case_id).row;
                    if (keep_ == Keep::Store) {
                        store_.put_state(row);
                    }
                }
                visit(kase, row);
            }
        }
    }

private:
    Store& store_;
    StateKeeper& keeper_;
    Keep keep_;
};

// A log this process cannot write (a read-only file) whose rows are out of date: the agenda
// computed in full, every open case's file loaded, in the order the rows would give. Unlike the
// kept rows, this holds every open case in memory; a read-only log is rare and this is its only
// way to an agenda that is right now.
class ComputedRows final : public AgendaRows {
public:
    ComputedRows(Context& ctx, Store& store) : now_(ctx.now()) {
        CaseFilter open;
        open.status = CaseStatus::Open;
        files_ = store.load_case_files(open);
        agenda_ = agenda_for(ctx, store, files_);
    }
    [[nodiscard]] const Agenda& agenda() const { return agenda_; }
    std::array<std::int64_t, 3> counts() override {
        std::array<std::int64_t, 3> out{};
        for (const auto& item : agenda_.items) {
            ++out.at(static_cast<std::size_t>(item.place.group));
        }
        return out;
    }
    using AgendaRows::each;
    void each(std::optional<int> group, std::int64_t limit, const Visit& visit,
              const Filter& only) override {
        std::int64_t seen = 0;
        for (const auto& item : agenda_.items) {
            if (seen == limit) {
                return;
            }
            if (group && item.place.group != *group) {
                continue;
            }
            CaseState row;
            row.group = item.place.group;
            row.computed_at = now_;
            describe(row, item.suggestion, item.parallel ? &*item.parallel : nullptr, now_);
            ++seen;
            if (!only || only(row)) {
                visit(item.file->kase, row);
            }
        }
    }

private:
    Timestamp now_;
    std::vector<CaseFile> files_;
    Agenda agenda_;
};

Table agenda_table() {
    // The next step is the point of the agenda: on a terminal it wraps rather than being cut.
    return Table({{"CASE"}, {"ORG", Fit::Clip, 20, 6}, {"WHEN"}, {"NEXT", Fit::Wrap, 0, 20}});
}

std::string next_step(const CaseState& row) {
    return row.lever ? row.summary + " · " + *row.lever : row.summary;
}

std::vector<std::string> agenda_cells(const Case& kase, const CaseState& row) {
    return {fmt::format("#{}", kase.id), one_line(kase.org), when(row), one_line(next_step(row))};
}

// What the agenda leaves out of each group, in words: "9,412 waiting", "3 more to act on now,
// 2 to close"; "more" where the table shows some of that group.
std::string left_out(const std::array<std::int64_t, 3>& left, const std::array<bool, 3>& more) {
    constexpr std::array<const char*, 3> what{"to act on now", "waiting", "to close"};
    std::vector<std::string> parts;
    for (std::size_t g = 0; g < what.size(); ++g) {
        if (left[g] > 0) {
            parts.push_back(
                fmt::format("{} {}{}", grouped(left[g]), more[g] ? "more " : "", what[g]));
        }
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

// With --all: every open case, the table laid out in two passes over the rows (the first
// measures the columns, the second prints) rather than held. The first pass runs inside the
// write transaction and stores what it recomputes; `commit` ends it, so that the second pass,
// which may wait on a pager, holds no lock (`reread` are the rows then).
void print_whole_agenda(Context& ctx, AgendaRows& rows,
                        const std::function<AgendaRows&()>& reread) {
    Table table = agenda_table();
    std::int64_t total = 0;
    rows.each(std::nullopt, std::numeric_limits<std::int64_t>::max(),
              [&](const Case& kase, const CaseState& row) {
                  table.measure(agenda_cells(kase, row));
                  ++total;
              });
    AgendaRows& again = reread();
    if (total == 0) {
        if (!ctx.quiet()) {
            fmt::print("Nothing to do: no open cases.\n");
        }
        return;
    }
    const Style style = ctx.style();
    ctx.page();
    table.print_header(style);
    again.each(std::nullopt, std::numeric_limits<std::int64_t>::max(),
               [&](const Case& kase, const CaseState& row) {
                   table.print_row(agenda_cells(kase, row), style);
               });
}

struct Shown {
    Case kase;
    CaseState row;
};

// Without --all: the cases needing action now (to act on, then to close), at most agenda_rows,
// and the rest counted; or, when none does, when the next wait ends. Reads a bounded number of
// rows, so it holds them and prints after `commit`.
void print_agenda_now(Context& ctx, AgendaRows& rows, const std::function<void()>& commit) {
    const auto counts = rows.counts();
    std::vector<Shown> shown;
    auto keep = [&](const Case& kase, const CaseState& row) { shown.push_back({kase, row}); };
    const auto room = [&] { return agenda_rows - static_cast<std::int64_t>(shown.size()); };
    rows.each(0, agenda_rows, keep);
    // A wait with a clock beside it (a chargeback window closing) has something to do now as
    // well: such waits among the soonest ones are shown too.
    rows.each(
        1, lever_scan_rows,
        [&](const Case& kase, const CaseState& row) {
            if (room() > 0) {
                keep(kase, row);
            }
        },
        [](const CaseState& row) { return row.lever.has_value(); });
    rows.each(2, room(), keep);
    std::array<std::int64_t, 3> in_table{};
    for (const auto& s : shown) {
        ++in_table.at(static_cast<std::size_t>(s.row.group));
    }
    if (shown.empty()) {
        rows.each(1, 1, keep); // the soonest end of a wait
    }
    commit();
    const Style style = ctx.style();
    if (shown.empty()) {
        if (!ctx.quiet()) {
            fmt::print("Nothing to do: no open cases.\n");
        }
        return;
    }
    if (in_table == std::array<std::int64_t, 3>{}) {
        // Only waiting: no table, the first wait to end and what it waits for. A wait's summary
        // says until when; a contact held back by a cool-down is given its time.
        const auto& [kase, row] = shown.front();
        fmt::print("Nothing to act on now. Next: #{} {}{}: {}\n", kase.id, one_line(kase.org),
                   row.action == "wait" ? "" : ", " + when(row), one_line(next_step(row)));
        fmt::print("{}\n", style.dim(fmt::format("{}: escalate next --all",
                                                 left_out({0, counts[1], 0}, {}))));
        return;
    }
    Table table = agenda_table();
    for (const auto& [kase, row] : shown) {
        table.add(agenda_cells(kase, row));
    }
    ctx.page();
    table.print(style);
    const std::string rest =
        left_out({counts[0] - in_table[0], counts[1] - in_table[1], counts[2] - in_table[2]},
                 {in_table[0] > 0, in_table[1] > 0, in_table[2] > 0});
    if (!rest.empty()) {
        fmt::print("{}\n", style.dim(fmt::format("and {}: escalate next --all", rest)));
    }
}

// --json: every open case, each computed in full for its reasons, in the rows' order, written
// as it is computed.
void print_agenda_json(Context& ctx, StateKeeper& keeper, KeptRows& rows) {
    AgendaJson out;
    rows.each(std::nullopt, std::numeric_limits<std::int64_t>::max(),
              [&](const Case&, const CaseState& row) {
                  const auto c = keeper.compute(row.case_id);
                  if (auto item = agenda_item(c.file, c.advice, ctx.policy(), ctx.now())) {
                      out.add(agenda_entry(c.file.kase, item->suggestion, item->parallel));
                  }
              });
    out.finish();
}

void print_computed_agenda(Context& ctx, Store& store, bool all) {
    ComputedRows rows(ctx, store);
    if (ctx.json()) {
        AgendaJson out;
        for (const auto& item : rows.agenda().items) {
            out.add(agenda_entry(item.file->kase, item.suggestion, item.parallel));
        }
        out.finish();
    } else if (all) {
        print_whole_agenda(ctx, rows, [&]() -> AgendaRows& { return rows; });
    } else {
        print_agenda_now(ctx, rows, [] {});
    }
}

void run_agenda(const NextOptions& o, Context& ctx) {
    Store& store = ctx.store(Access::Read);
    const bool writable = store.writable();
    std::optional<Store::Transaction> tx;
    tx.emplace(writable ? store.write("next", ctx.now(), Journal::Cache) : store.read());
    StateKeeper keeper(ctx, store);
    if (writable) {
        refresh_due_states(ctx, store, keeper);
    } else if (store.state_stamp() != state_stamp(ctx) || !store.stale_states(ctx.now()).empty()) {
        print_computed_agenda(ctx, store, o.all);
        return;
    }
    KeptRows rows(store, keeper, writable ? Keep::Store : Keep::Discard);
    // Ends the write transaction, and reads on in one snapshot without a lock: a long agenda
    // streamed to a slow reader must not keep other commands from writing.
    auto commit = [&] {
        if (writable) {
            tx->commit();
            tx.reset();
            tx.emplace(store.read());
        }
    };
    if (ctx.json()) {
        commit();
        print_agenda_json(ctx, keeper, rows);
        return;
    }
    if (!o.all) {
        print_agenda_now(ctx, rows, commit);
        return;
    }
    // The second pass finds the rows the first one stored; should another command change some
    // in between, they are recomputed again rather than stored.
    KeptRows again(store, keeper, Keep::Discard);
    print_whole_agenda(ctx, rows, [&]() -> AgendaRows& {
        commit();
        return again;
    });
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
