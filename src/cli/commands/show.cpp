// escalate show CASE: header, stats, promises and the whole timeline.
#include "../commands.hpp"
#include "../render.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct ShowOptions {
    std::optional<std::string> case_ref;
};

void run_show(const ShowOptions& o, Context& ctx) {
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    const CaseFile file = store.load_case_file(ctx.case_or_default(store, o.case_ref).id);
    if (ctx.json()) {
        print_json(to_json(file, ctx.policy(), ctx.now()));
    } else {
        print_case(file, store.find_org(file.kase.org).value_or(Org{}), ctx);
    }
}

} // namespace

Command setup_show(CLI::App& app) {
    auto o = std::make_shared<ShowOptions>();
    CLI::App* sub = app.add_subcommand("show", "Show a case: stats, promises, timeline");
    sub->add_option(
        "CASE", o->case_ref,
        "12, #12 or an org name prefix (default: the only open case, or the last touched)");
    sub->footer("Examples:\n  escalate show 12\n  escalate show meterco --json");
    return {sub, [o](Context& ctx) { run_show(*o, ctx); }};
}

} // namespace escalate::cli
