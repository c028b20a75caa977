// escalate completion bash|zsh|fish: a completion script, written from the command tree; and
// the hidden escalate __complete KIND, which the scripts run for what lives in the case log.
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "../commands.hpp"
#include "../completion.hpp"
#include "escalate/errors.hpp"

namespace escalate::cli {

namespace {

struct CompletionOptions {
    std::string shell;
};

void run_completion(const CompletionOptions& o, CLI::App& root) {
    const auto tree = completion_tree(root);
    if (o.shell == "bash") {
        fmt::print("{}", bash_script(tree));
    } else if (o.shell == "zsh") {
        fmt::print("{}", zsh_script(tree));
    } else if (o.shell == "fish") {
        fmt::print("{}", fish_script(tree));
    } else {
        throw UsageError(
            fmt::format("no completion for the shell \"{}\": say bash, zsh or fish", o.shell));
    }
}

struct CompleteOptions {
    std::string kind;
};

void list_values(const std::string& kind, Context& ctx) {
    if (kind == "outcomes") { // the model's list, "no-answer, hung-up, ...", one a line
        const std::string names = outcome_names();
        for (std::size_t start = 0; start < names.size();) {
            const std::size_t end = std::min(names.find(", ", start), names.size());
            fmt::print("{}\n", names.substr(start, end - start));
            start = end + 2;
        }
        return;
    }
    if (kind == "channels") {
        for (const auto& channel : ctx.policy().channels()) {
            fmt::print("{}\ttier {}\n", channel.name, channel.tier);
        }
        return;
    }
    // A completion waits for no lock: a log busy for longer than a keystroke offers nothing.
    ::setenv("ESCALATE_BUSY_TIMEOUT", "0.5", 0);
    Store& store = ctx.store(Access::Read);
    auto tx = store.read();
    if (kind == "cases") {
        CaseFilter open;
        open.status = CaseStatus::Open;
        for (const auto& file : store.load_case_files(open)) {
            fmt::print("{}\t{}: {}\n", file.kase.id, file.kase.org, file.kase.title);
        }
    } else if (kind == "orgs") {
        for (const auto& org : store.orgs()) {
            fmt::print("{}\n", org.name);
        }
    }
}

void run_complete(const CompleteOptions& o, Context& ctx) {
    // Quiet whatever happens (no log yet, a bad policy, a damaged log): a completion that
    // prints errors into the command line being typed is worse than one offering nothing.
    try {
        list_values(o.kind, ctx);
    } catch (const std::exception&) { // NOLINT(bugprone-empty-catch): see above
    }
}

} // namespace

Command setup_completion(CLI::App& app) {
    auto o = std::make_shared<CompletionOptions>();
    CLI::App* sub = app.add_subcommand("completion", "Print a shell completion script");
    sub->add_option("SHELL", o->shell, "bash, zsh or fish")->required();
    sub->footer(R"(Examples:
  source <(escalate completion bash)                  (in ~/.bashrc)
  escalate completion zsh > ~/.zfunc/_escalate        (a folder on $fpath)
  escalate completion fish > ~/.config/fish/completions/escalate.fish
An installed escalate puts them where bash-completion, zsh and fish look already.)");
    CLI::App* root = &app;
    return {sub, [o, root](Context&) { run_completion(*o, *root); }, false, false};
}

Command setup_complete(CLI::App& app) {
    auto o = std::make_shared<CompleteOptions>();
    CLI::App* sub = app.add_subcommand("__complete", "What completion offers: one a line");
    sub->group(""); // hidden: for the completion scripts, not for people
    sub->add_option("KIND", o->kind, "cases, orgs, channels or outcomes")->required();
    return {sub, [o](Context& ctx) { run_complete(*o, ctx); }, false, false};
}

} // namespace escalate::cli
