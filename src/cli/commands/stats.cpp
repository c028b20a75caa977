// escalate stats [--org ORG]: how each channel has fared for you.
#include <fmt/format.h>

#include "../commands.hpp"
#include "../table.hpp"
#include "escalate/engine.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct StatsOptions {
    std::optional<std::string> org;
};

void run_stats(const StatsOptions& o, Context& ctx) {
    const Policy& policy = ctx.policy();
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    CaseFilter filter;
    filter.org = o.org;
    const auto files = store.load_case_files(filter);
    std::vector<const CaseFile*> pointers;
    std::int64_t resolved = 0;
    for (const auto& f : files) {
        pointers.push_back(&f);
        resolved += f.kase.status == CaseStatus::Resolved ? 1 : 0;
    }
    const ChannelRecords records = channel_records(pointers, policy, ctx.now());
    auto share = [&](const ChannelRecord& r) {
        return resolved == 0 ? 0.0
                             : static_cast<double>(r.resolutions) / static_cast<double>(resolved);
    };
    if (ctx.json()) {
        nlohmann::ordered_json by_channel = nlohmann::ordered_json::object();
        for (const auto& [channel, r] : records) {
            by_channel[channel] = {
                {"attempts", r.attempts},
                {"replies", r.replies},
                {"reply_rate", r.reply_rate()},
                {"median_reply_s",
                 r.median_reply_s ? nlohmann::ordered_json(*r.median_reply_s) : nullptr},
                {"resolutions", r.resolutions},
                {"resolution_share", share(r)}};
        }
        print_json({{"by_channel", by_channel}});
        return;
    }
    if (records.empty()) {
        fmt::print("No contacts yet.\n");
        return;
    }
    Table table({{"CHANNEL", Fit::Clip, 0, 8},
                 {"ATTEMPTS"},
                 {"REPLIES"},
                 {"REPLY RATE"},
                 {"MEDIAN REPLY"},
                 {"RESOLVED"}});
    for (const auto& [channel, r] : records) {
        table.add({one_line(channel), std::to_string(r.attempts), std::to_string(r.replies),
                   fmt::format("{:.0f}%", 100 * r.reply_rate()),
                   r.median_reply_s ? format_duration(*r.median_reply_s) : "-",
                   fmt::format("{} ({:.0f}%)", r.resolutions, 100 * share(r))});
    }
    ctx.page();
    table.print(ctx.style());
    // Two short lines rather than one that would wrap at 80 columns.
    fmt::print("{}\n{}\n",
               ctx.style().dim(fmt::format("{}, {} resolved.",
                                           plural(static_cast<std::int64_t>(files.size()), "case"),
                                           resolved)),
               ctx.style().dim("A reply: a call or chat that reached someone, or a written "
                               "contact answered."));
}

} // namespace

Command setup_stats(CLI::App& app) {
    auto o = std::make_shared<StatsOptions>();
    CLI::App* sub = app.add_subcommand(
        "stats", "Per channel: attempts, reply rate, median time to a reply, resolutions");
    sub->add_option("--org", o->org, "Only cases against this org (name prefix)")->type_name("ORG");
    sub->footer("Examples:\n  escalate stats\n  escalate stats --org meterco --json");
    return {sub, [o](Context& ctx) { run_stats(*o, ctx); }};
}

} // namespace escalate::cli
