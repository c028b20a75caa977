// escalate policy show | policy check FILE: the effective policy, and validating a file.
#include <fmt/format.h>

#include "../commands.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

struct PolicyOptions {
    std::string file;
    CLI::App* show = nullptr;
    CLI::App* check = nullptr;
};

void run_check(const PolicyOptions& o, Context& ctx) {
    const auto problems = Policy::check(Policy::read_json_file(o.file));
    if (ctx.json()) {
        print_json({{"file", o.file}, {"ok", problems.empty()}, {"problems", problems}});
    } else {
        for (const auto& p : problems) {
            fmt::print("{}: {}\n", o.file, p);
        }
        if (problems.empty() && !ctx.quiet()) {
            fmt::print("{}: ok\n", o.file);
        }
    }
    if (!problems.empty()) {
        throw UsageError(
            fmt::format("policy file {} has {}", o.file,
                        plural(static_cast<std::int64_t>(problems.size()), "problem")));
    }
}

void run_policy(const PolicyOptions& o, Context& ctx) {
    if (o.check->parsed()) {
        run_check(o, ctx);
        return;
    }
    print_json(ctx.policy().document());
}

} // namespace

Command setup_policy(CLI::App& app) {
    auto o = std::make_shared<PolicyOptions>();
    CLI::App* sub = app.add_subcommand("policy", "Show the effective policy, or check a file");
    sub->require_subcommand(1);
    o->show = sub->add_subcommand("show", "Print the effective policy as JSON");
    o->check = sub->add_subcommand("check", "Report unknown keys and bad values by JSON path");
    o->check->add_option("FILE", o->file, "A policy file")->required();
    sub->footer("Examples:\n  escalate policy show > ~/.config/escalate/policy.json\n"
                "  escalate policy check ~/.config/escalate/policy.json\n"
                "A policy file needs only the keys it changes: {\"tiers\": {\"2\": "
                "{\"enter_after_failures\": 1}}}");
    // `policy check` must report on a broken file, even the configured one.
    return {sub, [o](Context& ctx) { run_policy(*o, ctx); }, false};
}

} // namespace escalate::cli
