// The list of commands, and building only the one a run names: registering every subcommand
// (each declares a dozen flags) on every run is start-up cost a one-line `log` should not pay.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

#include "commands.hpp"

namespace escalate::cli {

namespace {

// Whether a command works on the whole command tree (help, completion scripts): naming it
// registers every command.
enum class Tree { Own, Whole };

struct Entry {
    std::string_view name;
    Command (*setup)(CLI::App&);
    Tree tree = Tree::Own;
};

// The one list of commands, in the order `escalate --help` shows them.
constexpr std::array entries{
    Entry{"open", setup_open},
    Entry{"log", setup_log},
    Entry{"next", setup_next},
    Entry{"show", setup_show},
    Entry{"list", setup_list},
    Entry{"close", setup_close},
    Entry{"reopen", setup_reopen},
    Entry{"promise", setup_promise},
    Entry{"promises", setup_promises},
    Entry{"org", setup_org},
    Entry{"edit", setup_edit},
    Entry{"undo", setup_undo},
    Entry{"draft", setup_draft},
    Entry{"stats", setup_stats},
    Entry{"policy", setup_policy},
    Entry{"export", setup_export},
    Entry{"import", setup_import},
    Entry{"search", setup_search},
    Entry{"case", setup_case},
    Entry{"backup", setup_backup},
    Entry{"rebuild", setup_rebuild},
    Entry{"help", setup_help, Tree::Whole},
    Entry{"completion", setup_completion, Tree::Whole},
    Entry{"__complete", setup_complete},
};

Command setup(const Entry& entry, CLI::App& app) {
    Command command = entry.setup(app);
    if (command.app->get_name() != entry.name) { // a renamed command must be renamed here too
        throw std::logic_error("command list names " + std::string(entry.name) +
                               ", its setup declares " + command.app->get_name());
    }
    return command;
}

} // namespace

std::string_view first_word(const CLI::App& app, int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--") {
            return {};
        }
        if (word.size() < 2 || word[0] != '-') {
            return word;
        }
        if (word.find('=') != std::string_view::npos) {
            continue; // --db=PATH
        }
        // An option that takes a value (--now TIME) is followed by it: skip that too.
        const CLI::Option* option = app.get_option_no_throw(std::string(word));
        if (option != nullptr && option->get_type_size() != 0) {
            ++i;
        }
    }
    return {};
}

std::vector<Command> register_commands(CLI::App& app, int argc, const char* const* argv) {
    const std::string_view named = first_word(app, argc, argv);
    const auto* entry = std::find_if(entries.begin(), entries.end(),
                                     [&](const Entry& e) { return e.name == named; });
    std::vector<Command> commands;
    if (entry != entries.end() && entry->tree == Tree::Own) {
        commands.push_back(setup(*entry, app));
        return commands;
    }
    // --help, help, completion, no command, or a mistyped one: every command is listed.
    for (const Entry& e : entries) {
        commands.push_back(setup(e, app));
    }
    return commands;
}

} // namespace escalate::cli
