// escalate list: cases as a table.
#include <fmt/format.h>

#include "../advice.hpp"
#include "../commands.hpp"
#include "../table.hpp"
#include "../terminal.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct ListOptions {
    std::optional<std::string> status;
    bool all = false;
    std::optional<std::string> org;
    std::vector<std::string> tags;
};

void run_list(const ListOptions& o, Context& ctx) {
    CaseFilter filter;
    filter.status = CaseStatus::Open;
    if (o.all) {
        filter.status.reset();
    } else if (o.status) {
        filter.status = case_status_from(*o.status);
        if (!filter.status) {
            throw UsageError(
                fmt::format("--status \"{}\": accepted: open, resolved, abandoned", *o.status));
        }
    }
    filter.org = o.org;
    filter.tags = o.tags;
    const Timestamp now = ctx.now();
    const Policy& policy = ctx.policy();
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    const auto files = store.load_case_files(filter);

    if (ctx.json()) {
        nlohmann::ordered_json cases = nlohmann::ordered_json::array();
        for (const auto& f : files) {
            cases.push_back(to_json(f, policy, now, CaseDetail::WithoutContacts));
        }
        print_json({{"cases", cases}});
        return;
    }
    if (ctx.quiet()) {
        for (const auto& f : files) {
            fmt::print("{}\n", f.kase.id);
        }
        return;
    }
    if (files.empty()) {
        const std::string which = filter.status ? std::string(to_string(*filter.status)) + " " : "";
        if (filter.org || !filter.tags.empty()) {
            fmt::print("No {}cases{}{}.\n", which,
                       filter.org ? fmt::format(" against \"{}\"", visible(*filter.org)) : "",
                       filter.tags.empty()
                           ? ""
                           : fmt::format(" tagged {}",
                                         visible(fmt::format("{}", fmt::join(filter.tags, ", ")))));
        } else {
            fmt::print("No {}cases. Open one with: escalate open ORG --title \"...\"\n", which);
        }
        return;
    }
    // The engine's next step for each open case listed: the same advice as `next CASE`.
    std::map<std::int64_t, std::string> next_step;
    for (const auto& item : agenda_for(ctx, store, files).items) {
        next_step[item.file->kase.id] = item.suggestion.summary;
    }
    const Style style = ctx.style();
    // On a terminal or with COLUMNS the title and the next step share what the other columns
    // leave; in a pipe they are cut at 40 and 60 columns, as always (table.hpp). STATUS is
    // shown only when the cases listed can differ in it (--all); under 120 columns LAST CONTACT
    // gives its room to the next step, the column the list is read for.
    const bool with_status = o.all;
    const std::optional<std::size_t> width = output_width();
    const bool with_last = !width || *width >= 120;
    std::vector<Column> columns{{"ID"}, {"ORG", Fit::Clip, 24, 6}, {"TITLE", Fit::Clip, 40, 10, 2}};
    if (with_status) {
        columns.push_back({"STATUS"});
    }
    columns.push_back({"DAY"}); // of the case, as show states it (case_day)
    columns.push_back({"CONTACTS"});
    if (with_last) {
        columns.push_back({"LAST CONTACT", Fit::Clip, 0, 6});
    }
    columns.push_back({"NEXT", Fit::Clip, 60, 20, 4});
    Table table(std::move(columns));
    for (const auto& f : files) {
        const CaseStats s = compute_stats(f, policy, now);
        std::vector<std::string> row{fmt::format("#{}", f.kase.id), one_line(f.kase.org),
                                     one_line(f.kase.title)};
        if (with_status) {
            row.emplace_back(to_string(f.kase.status));
        }
        row.push_back(std::to_string(case_day(f.kase.opened_at, f.kase.closed_at.value_or(now))));
        row.push_back(std::to_string(s.contacts));
        if (with_last) {
            std::string last = "-";
            if (!f.contacts.empty()) {
                const Contact& c = f.contacts.back();
                last = one_line(fmt::format("{} ({})", format_relative(c.at, now), c.channel));
            }
            row.push_back(std::move(last));
        }
        row.push_back(next_step.contains(f.kase.id) ? one_line(next_step[f.kase.id]) : "-");
        table.add(std::move(row));
    }
    ctx.page();
    table.print(style);
}

} // namespace

Command setup_list(CLI::App& app) {
    auto o = std::make_shared<ListOptions>();
    CLI::App* sub = app.add_subcommand("list", "List cases (open ones unless told otherwise)");
    auto* status =
        sub->add_option("--status", o->status, "open, resolved or abandoned")->type_name("S");
    sub->add_flag("--all", o->all, "Every case, whatever its status")->excludes(status);
    sub->add_option("--org", o->org, "Only cases against this org (name prefix)")->type_name("ORG");
    sub->add_option("--tag", o->tags, "Only cases with this tag; repeat for cases with all of them")
        ->type_name("X");
    sub->footer("Examples:\n  escalate list\n  escalate list --all --org meter\n"
                "  escalate list --tag energy --tag refund\n"
                "  escalate list --status resolved --json");
    return {sub, [o](Context& ctx) { run_list(*o, ctx); }};
}

} // namespace escalate::cli
