// escalate next [CASE]: what to try next. The escalation engine is not part of this build yet;
// the command already resolves the case and answers in the contract's shape.
#include <fmt/format.h>

#include "../commands.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct NextOptions {
    std::optional<std::string> case_ref;
    bool explain = false;
    bool all = false;
};

void run_next(const NextOptions& o, Context& ctx) {
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    if (!o.case_ref) {
        if (ctx.json()) {
            print_json({{"agenda", nlohmann::ordered_json::array()}});
        } else if (!ctx.quiet()) {
            fmt::print("No engine is configured in this build: no agenda yet.\n");
        }
        return;
    }
    const Case k = store.resolve_case(*o.case_ref);
    if (ctx.json()) {
        print_json({{"case_id", k.id},
                    {"org", k.org},
                    {"status", to_string(k.status)},
                    {"clocks", nlohmann::ordered_json::array()},
                    {"suggestions", nlohmann::ordered_json::array()}});
    } else if (!ctx.quiet()) {
        fmt::print("No engine is configured in this build: no suggestion for #{} {}.\n", k.id,
                   k.org);
    }
}

} // namespace

Command setup_next(CLI::App& app) {
    auto o = std::make_shared<NextOptions>();
    CLI::App* sub = app.add_subcommand("next", "What to try next: a channel, a time, reasons");
    sub->add_option("CASE", o->case_ref, "12, #12 or an org name prefix (default: all open cases)");
    sub->add_flag("--explain", o->explain, "Show every factor behind the advice");
    sub->add_flag("--all", o->all, "Every suggestion, not only the best");
    sub->footer("Examples:\n  escalate next\n  escalate next 12 --explain");
    return {sub, [o](Context& ctx) { run_next(*o, ctx); }};
}

} // namespace escalate::cli
