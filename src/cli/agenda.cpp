// The agenda: `escalate next` without a case, every open case in the order of its state row
// (docs/performance.md): the cases to act on now, the waits, the cases to close.
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "advice.hpp"
#include "agenda.hpp"
#include "escalate/json.hpp"
#include "render.hpp"
#include "state_rows.hpp"
#include "table.hpp"

namespace escalate::cli {

namespace {

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

} // namespace

void run_agenda(Context& ctx, bool all) {
    Store& store = ctx.store(Access::Read);
    const bool writable = store.writable();
    std::optional<Store::Transaction> tx;
    tx.emplace(writable ? store.write("next", ctx.now(), Journal::Cache) : store.read());
    StateKeeper keeper(ctx, store);
    if (writable) {
        refresh_due_states(ctx, store, keeper);
    } else if (store.state_stamp() != state_stamp(ctx) || !store.stale_states(ctx.now()).empty()) {
        print_computed_agenda(ctx, store, all);
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
    if (!all) {
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

} // namespace escalate::cli
