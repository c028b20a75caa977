// escalate promise kept|broken ID, and escalate promises: settle and list promises.
#include <map>

#include <fmt/format.h>

#include "../commands.hpp"
#include "../parse_flags.hpp"
#include "../render.hpp"
#include "../table.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct PromiseOptions {
    std::string verdict;
    std::string id;
};

void run_promise(const PromiseOptions& o, Context& ctx) {
    const auto status = promise_status_from(o.verdict);
    if (!status || *status == PromiseStatus::Pending) {
        throw UsageError(
            fmt::format("\"{}\": say kept or broken (escalate promise kept 3)", o.verdict));
    }
    const std::int64_t id = id_arg("promise id", o.id);
    const Timestamp now = ctx.now();
    Store& store = ctx.store(Access::Write);
    auto tx = store.write("promise", now);
    auto p = store.find_promise(id);
    if (!p) {
        throw NotFoundError(fmt::format("no promise {} (escalate promises lists them)", id));
    }
    p->status = *status;
    store.update_promise(*p);
    tx.commit(fmt::format("mark promise {} (\"{}\") {}", p->id, p->text, o.verdict));
    if (ctx.json()) {
        print_json(
            to_json(*p, is_overdue(store.load_case_file(p->case_id), *p, ctx.policy(), now)));
    } else if (!ctx.quiet()) {
        fmt::print("Promise {} (\"{}\", case #{}) marked {}\n", p->id, p->text, p->case_id,
                   o.verdict);
    }
}

struct PromisesOptions {
    bool pending = false;
    bool overdue = false;
};

void run_promises(const PromisesOptions& o, Context& ctx) {
    const Timestamp now = ctx.now();
    const Policy& policy = ctx.policy();
    PromiseFilter filter;
    filter.pending_only = o.pending;
    if (o.overdue) {
        filter.due_before = now - policy.promise_grace_s();
    }
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    auto rows = store.promises(filter);
    // Whether a promise is overdue depends on its case (a resolution settles the last one).
    std::map<std::int64_t, CaseFile> files;
    auto overdue = [&](const Promise& p) {
        auto it = files.find(p.case_id);
        if (it == files.end()) {
            it = files.emplace(p.case_id, store.load_case_file(p.case_id)).first;
        }
        return is_overdue(it->second, p, policy, now);
    };
    if (o.overdue) {
        std::erase_if(rows, [&](const auto& row) { return !overdue(row.first); });
    }
    if (ctx.json()) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& [p, org] : rows) {
            list.push_back(to_json(p, overdue(p)));
        }
        print_json({{"promises", list}});
        return;
    }
    if (ctx.quiet()) {
        for (const auto& [p, org] : rows) {
            fmt::print("{}\n", p.id);
        }
        return;
    }
    if (rows.empty()) {
        fmt::print("No {}promises.\n", o.overdue ? "overdue " : (o.pending ? "pending " : ""));
        return;
    }
    const Style style = ctx.style();
    Table table({{"ID"},
                 {"CASE"},
                 {"ORG", Fit::Clip, 20, 6},
                 {"PROMISE", Fit::Clip, 48, 12, 3},
                 {"STATE", Fit::Clip, 0, 12, 2}});
    for (const auto& [p, org] : rows) {
        table.add({std::to_string(p.id), fmt::format("#{}", p.case_id), one_line(org),
                   one_line(p.text), promise_state(p, overdue(p), style)});
    }
    ctx.page();
    table.print(style);
}

} // namespace

Command setup_promise(CLI::App& app) {
    auto o = std::make_shared<PromiseOptions>();
    CLI::App* sub = app.add_subcommand("promise", "Mark a promise kept or broken");
    sub->add_option("VERDICT", o->verdict, "kept or broken")->required();
    sub->add_option("ID", o->id, "The promise id (escalate promises lists them)")->required();
    sub->footer("Examples:\n  escalate promise broken 3\n  escalate promise kept 4");
    return {sub, [o](Context& ctx) { run_promise(*o, ctx); }};
}

Command setup_promises(CLI::App& app) {
    auto o = std::make_shared<PromisesOptions>();
    CLI::App* sub = app.add_subcommand("promises", "List promises, soonest due first");
    auto* pending = sub->add_flag("--pending", o->pending, "Only those not yet settled");
    sub->add_flag("--overdue", o->overdue, "Only pending ones past their due time and grace")
        ->excludes(pending);
    sub->footer("Examples:\n  escalate promises --pending\n  escalate promises --overdue --json");
    return {sub, [o](Context& ctx) { run_promises(*o, ctx); }};
}

} // namespace escalate::cli
