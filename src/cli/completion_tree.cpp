// The command tree for completion scripts, read from the CLI::App that parses the command line.
#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "completion.hpp"

namespace escalate::cli {

namespace {

// What a value is, by the option's or positional's name in any command. A name missing here
// still completes as an option; only its value goes without suggestions.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> value_kinds{{
    {"CASE", "cases"},
    {"--case", "cases"},
    {"CHANNEL", "channels"},
    {"--channel", "channels"},
    {"--no", "channels"},
    {"--offers", "channels"},
    {"--requires", "channels"},
    {"--outcome", "outcomes"},
    {"ORG", "orgs"},
    {"--org", "orgs"},
    {"FILE", "files"},
    {"--db", "files"},
    {"--policy", "files"},
    {"--output", "files"},
    {"--color", "=auto always never"},
}};

std::string value_kind(const CLI::Option& option) {
    std::vector<std::string> names = option.get_lnames();
    for (auto& n : names) {
        n = "--" + n;
    }
    if (option.get_positional()) {
        names.push_back(option.get_name(true, false));
    }
    for (const auto& name : names) {
        for (const auto& [key, kind] : value_kinds) {
            if (name == key) {
                return std::string(kind);
            }
        }
    }
    return {};
}

bool visible(const CLI::App* app) {
    return !app->get_group().empty();
}

void walk(CLI::App& app, const std::string& path, std::vector<CompletionCommand>& out) {
    CompletionCommand command;
    command.path = path;
    command.help = first_line(app.get_description());
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_positional() && !option->nonpositional()) {
            command.positionals.push_back(value_kind(*option));
            command.last_repeats = option->get_items_expected_max() > 1;
            continue;
        }
        CompletionOption o;
        for (const auto& s : option->get_snames()) {
            o.names.push_back("-" + s);
        }
        for (const auto& l : option->get_lnames()) {
            o.names.push_back("--" + l);
        }
        o.help = first_line(option->get_description());
        o.takes_value = option->get_type_size() != 0;
        o.values = o.takes_value ? value_kind(*option) : "";
        command.options.push_back(std::move(o));
    }
    const std::size_t at = out.size();
    out.push_back(std::move(command));
    for (CLI::App* sub : app.get_subcommands({})) {
        if (visible(sub)) {
            out[at].subcommands.push_back(sub->get_name());
            walk(*sub, path + " " + sub->get_name(), out);
        }
    }
}

} // namespace

std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '.' || line.back() == ':')) {
        line.pop_back();
    }
    return line;
}

bool is_dynamic_kind(const std::string& kind) {
    return kind == "cases" || kind == "orgs" || kind == "channels" || kind == "outcomes";
}

std::vector<CompletionCommand> completion_tree(CLI::App& root) {
    std::vector<CompletionCommand> tree;
    walk(root, root.get_name(), tree);
    // `help COMMAND` completes the command names; `completion SHELL` the shells.
    for (auto& command : tree) {
        if (command.path == root.get_name() + " help") {
            command.positionals.assign(
                1, fmt::format("={}", fmt::join(tree.front().subcommands, " ")));
            command.last_repeats = false;
        } else if (command.path == root.get_name() + " completion") {
            command.positionals.assign(1, "=bash zsh fish");
        }
    }
    return tree;
}

} // namespace escalate::cli
