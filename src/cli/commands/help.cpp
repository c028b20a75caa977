// escalate help [COMMAND...]: the same text as `escalate COMMAND --help`.
#include <fmt/format.h>

#include "../commands.hpp"
#include "../suggest.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

struct HelpOptions {
    std::vector<std::string> path; // "policy check": a command and its subcommands
};

// The visible subcommands of a command, for an error naming the accepted ones.
std::vector<std::string> command_names(CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) {
        if (!sub->get_group().empty()) {
            names.push_back(sub->get_name());
        }
    }
    return names;
}

void run_help(const HelpOptions& o, CLI::App& root) {
    if (o.path.empty()) {
        // Not root.help(): that would describe the subcommand parsed, which is `help` itself.
        fmt::print("{}", root.get_formatter()->make_help(&root, root.get_name(),
                                                         CLI::AppFormatMode::Normal));
        return;
    }
    CLI::App* at = &root;
    std::string prefix; // what CLI11 puts before the command's name in its usage line
    for (const std::string& word : o.path) {
        const auto subs = at->get_subcommands(
            [&](CLI::App* sub) { return !sub->get_group().empty() && sub->check_name(word); });
        if (subs.empty()) {
            const std::string under =
                at == &root ? "" : fmt::format(" under \"{}\"", at->get_name());
            const std::vector<std::string> names = command_names(*at);
            const std::string hint = did_you_mean(word, names);
            throw UsageError(fmt::format("no command \"{}\"{}; {}{}the commands are: {}", word,
                                         under, hint, hint.empty() ? "" : " ", join_names(names)));
        }
        prefix = prefix.empty() ? root.get_name() : prefix + " " + at->get_name();
        at = subs.front();
    }
    fmt::print("{}", at->help(prefix));
}

} // namespace

Command setup_help(CLI::App& app) {
    auto o = std::make_shared<HelpOptions>();
    CLI::App* sub = app.add_subcommand("help", "Show the help of a command (as COMMAND --help)");
    sub->add_option("COMMAND", o->path, "A command, and a subcommand of it: policy check");
    sub->footer("Examples:\n  escalate help log\n  escalate help policy check");
    CLI::App* root = &app;
    return {sub, [o, root](Context&) { run_help(*o, *root); }, false, false};
}

} // namespace escalate::cli
