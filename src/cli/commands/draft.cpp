// escalate draft CASE [--channel C]: a ready-to-send message, written from the case log.
#include <fmt/format.h>

#include "../advice.hpp"
#include "../commands.hpp"
#include "../parse_flags.hpp"
#include "escalate/errors.hpp"
#include "escalate/json.hpp"

namespace escalate::cli {

namespace {

struct DraftOptions {
    std::optional<std::string> case_ref;
    std::optional<std::string> channel;
};

void run_draft(const DraftOptions& o, Context& ctx) {
    const Policy& policy = ctx.policy();
    std::optional<std::string> channel;
    if (o.channel) {
        channel = channel_arg(policy, *o.channel).name;
    }
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    const Case k = ctx.case_or_default(store, o.case_ref);
    const CaseAdvice ca = advise_case(ctx, store, k.id, Drafts::None);
    if (!channel) {
        for (const auto& s : ca.advice.suggestions) {
            if (s.channel) {
                channel = s.channel;
                break;
            }
        }
    }
    if (!channel) {
        throw UsageError(fmt::format("nothing to draft for case #{}: it is {}; name a channel with "
                                     "--channel",
                                     k.id, to_string(k.status)));
    }
    const std::string text = draft_message(
        EngineInput{ca.file, ca.org, ca.history, policy, ctx.now(), Drafts::None}, *channel);
    if (ctx.json()) {
        print_json({{"case_id", k.id}, {"channel", *channel}, {"draft", text}});
        return;
    }
    if (!o.channel && !ctx.quiet() && !ca.advice.suggestions.empty() &&
        ca.advice.suggestions.front().action == Action::Wait) {
        // Say so, on stderr, so that the draft itself can still be piped.
        fmt::print(stderr, "escalate: note: the engine says to wait first: {}\n",
                   ca.advice.suggestions.front().summary);
    }
    fmt::print("{}", text);
    if (!text.ends_with('\n')) {
        fmt::print("\n");
    }
}

} // namespace

Command setup_draft(CLI::App& app) {
    auto o = std::make_shared<DraftOptions>();
    CLI::App* sub =
        app.add_subcommand("draft", "Write the message for the suggested (or named) channel");
    sub->add_option(
        "CASE", o->case_ref,
        "12, #12 or an org name prefix (default: the only open case, or the last touched)");
    sub->add_option("--channel", o->channel,
                    "email/letter: a complaint; exec: an executive letter; social: a post of at "
                    "most 280 characters; regulator: a summary; call: what to say")
        ->type_name("C");
    sub->footer("Examples:\n  escalate draft 12\n  escalate draft meterco --channel exec > "
                "letter.txt\n  escalate draft 12 --channel social | pbcopy");
    return {sub, [o](Context& ctx) { run_draft(*o, ctx); }};
}

} // namespace escalate::cli
