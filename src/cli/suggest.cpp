#include "suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include <fmt/format.h>

namespace escalate::cli {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// A short word is one or two edits from almost every other short word: "fax" is not "dm".
std::size_t max_edits(std::string_view typed) {
    return typed.size() <= 3 ? 1 : 2;
}

constexpr std::size_t min_prefix = 2;
constexpr std::size_t max_suggestions = 3;

} // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
    const std::string a = lower(a_text);
    const std::string b = lower(b_text);
    // d[i][j]: the distance between the first i characters of a and the first j of b.
    const std::size_t width = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * width);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
    for (std::size_t i = 0; i <= a.size(); ++i) {
        at(i, 0) = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        at(0, j) = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t replace = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + replace});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1); // "lgo" for "log"
            }
        }
    }
    return at(a.size(), b.size());
}

std::vector<std::string> close_matches(std::string_view typed,
                                       const std::vector<std::string>& candidates) {
    // A word typed in part ranks after every word within the edits allowed, and level with the
    // other words it begins.
    const std::size_t allowed = max_edits(typed);
    const std::size_t prefix_rank = allowed + 1;
    const std::string typed_lower = lower(typed);
    std::vector<std::size_t> ranks;
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (const auto& candidate : candidates) {
        std::size_t rank = edit_distance(typed, candidate);
        // Edits that leave nothing of the word typed (one letter for another) are no guess.
        if (rank > allowed || rank >= typed.size()) {
            rank = std::numeric_limits<std::size_t>::max();
        }
        if (rank > prefix_rank && typed.size() >= min_prefix &&
            lower(candidate).starts_with(typed_lower)) {
            rank = prefix_rank;
        }
        ranks.push_back(rank);
        best = std::min(best, rank);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < candidates.size() && out.size() < max_suggestions; ++i) {
        if (ranks[i] == best && best != std::numeric_limits<std::size_t>::max()) {
            out.push_back(candidates[i]);
        }
    }
    return out;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
    return did_you_mean(close_matches(typed, candidates));
}

std::string did_you_mean(const std::vector<std::string>& matches) {
    if (matches.empty()) {
        return {};
    }
    std::string out = "did you mean ";
    for (std::size_t i = 0; i < matches.size(); ++i) {
        if (i > 0) {
            out += i + 1 == matches.size() ? " or " : ", ";
        }
        out += matches[i];
    }
    return out + "?";
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

namespace {

// CLI11 2.1 tells what went wrong only in English text, so the parser's state (the commands
// parsed, the words nobody took, each option's count) is read instead, and the text only for
// the name of the option at fault.

// The command being parsed when parsing stopped: the innermost one named ("case edit").
const CLI::App& innermost(const CLI::App& root) {
    const CLI::App* at = &root;
    while (!at->get_subcommands().empty()) {
        at = at->get_subcommands().front();
    }
    return *at;
}

// "case edit"; "" for the root.
std::string command_path(const CLI::App& app) {
    if (app.get_parent() == nullptr) {
        return {};
    }
    const std::string above = command_path(*app.get_parent());
    return above.empty() ? app.get_name() : above + " " + app.get_name();
}

std::string see_help(const CLI::App& app) {
    const std::string path = command_path(app);
    return path.empty() ? "(see escalate --help)" : fmt::format("(see escalate {} --help)", path);
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) {
        if (!sub->get_group().empty()) { // not the hidden __complete
            names.push_back(sub->get_name());
        }
    }
    return names;
}

// "-m/--note", as the help and the SPEC write an option.
std::string option_names(const CLI::Option& option) {
    if (option.get_positional()) {
        return option.get_name(true);
    }
    std::vector<std::string> names;
    for (const auto& s : option.get_snames()) {
        names.push_back("-" + s);
    }
    for (const auto& l : option.get_lnames()) {
        names.push_back("--" + l);
    }
    return fmt::format("{}", fmt::join(names, "/"));
}

// The option a CLI11 message names, among those of the command and (global options fall
// through) its parents.
const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
    for (const CLI::App* at = &app; at != nullptr; at = at->get_parent()) {
        if (const CLI::Option* option = at->get_option_no_throw(name)) {
            return option;
        }
    }
    return nullptr;
}

// An option's help text as the end of a sentence: ": time on hold: 10m, 1:05:00".
std::string described(const CLI::Option& option) {
    std::string text = option.get_description();
    if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) != 0 &&
        std::islower(static_cast<unsigned char>(text[1])) != 0) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return text.empty() ? text : ": " + text;
}

std::string unknown_command(const CLI::App& app, const std::string& word) {
    const std::string path = command_path(app);
    const std::string under = path.empty() ? "" : path + " ";
    const std::vector<std::string> names = command_names(app);
    std::vector<std::string> matches = close_matches(word, names);
    for (auto& m : matches) {
        m = under + m;
    }
    const std::string hint =
        matches.empty() ? "accepted: " + join_names(names) : did_you_mean(matches);
    return fmt::format("unknown command \"{}{}\"; {} {}", under, word, hint, see_help(app));
}

std::string unknown_flag(const CLI::App& app, const std::string& given) {
    const std::string flag = given.substr(0, given.find('=')); // --hodl=5m
    const std::string path = command_path(app);
    if (!path.empty() && app.get_option_no_throw(flag) != nullptr) { // --hold 5m log call
        return fmt::format("{} is a flag of {}: give it after \"{}\" {}", flag, path, path,
                           see_help(app));
    }
    // Compared without their dashes: "-x" is no typo of "-m".
    std::vector<std::string> bare;
    std::vector<std::string> dashed;
    auto add = [&](const std::string& name, const char* dashes) {
        if (std::find(bare.begin(), bare.end(), name) == bare.end()) { // -h is everywhere
            bare.push_back(name);
            dashed.push_back(dashes + name);
        }
    };
    for (const CLI::App* at = &app; at != nullptr; at = at->get_parent()) {
        for (const CLI::Option* option : at->get_options()) {
            for (const auto& l : option->get_lnames()) {
                add(l, "--");
            }
            for (const auto& s : option->get_snames()) {
                add(s, "-");
            }
        }
    }
    std::vector<std::string> matches =
        close_matches(flag.substr(std::min(flag.find_first_not_of('-'), flag.size())), bare);
    for (auto& m : matches) {
        m = dashed[static_cast<std::size_t>(std::find(bare.begin(), bare.end(), m) - bare.begin())];
    }
    const std::string hint = did_you_mean(matches);
    return fmt::format("unknown flag {}{}{}{} {}", flag, path.empty() ? "" : " for ", path,
                       hint.empty() ? "" : "; " + hint, see_help(app));
}

std::string unexpected_argument(const CLI::App& app, const std::string& word) {
    std::vector<std::string> takes;
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_positional()) {
            const std::string name = option->get_name(true);
            takes.push_back(option->get_required() ? name : "[" + name + "]");
        }
    }
    return fmt::format("unexpected argument \"{}\": {} takes {} {}", word, command_path(app),
                       takes.empty() ? "only flags" : fmt::format("{}", fmt::join(takes, " ")),
                       see_help(app));
}

} // namespace

std::string describe_parse_error(const CLI::App* root, const CLI::Error& e) {
    const CLI::App& app = innermost(*root);
    const std::string path = command_path(app).empty() ? "escalate" : command_path(app);
    // A word nobody took comes first: in `log --colour-me` it is the mistake, not the missing
    // channel CLI11 reports.
    for (const std::string& word : root->remaining(true)) {
        if (word == "--") {
            continue;
        }
        if (word.size() > 1 && word[0] == '-') {
            return unknown_flag(app, word);
        }
        if (!command_names(app).empty()) {
            return unknown_command(app, word);
        }
        return unexpected_argument(app, word);
    }
    const std::string text = e.what();
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) { // "--hold: At Most 1 ..."
        if (const CLI::Option* o = find_option(app, text.substr(0, text.find(':')))) {
            if (o->count() > 1) {
                return fmt::format("{} given {} times; give it once {}", option_names(*o),
                                   o->count(), see_help(app));
            }
            return fmt::format("{} needs a value{} {}", option_names(*o), described(*o),
                               see_help(app));
        }
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) { // "CHANNEL is required"
        if (const CLI::Option* o = find_option(app, text.substr(0, text.find(" is required")))) {
            return fmt::format("{} needs {}{} {}", path, option_names(*o), described(*o),
                               see_help(app));
        }
        if (!command_names(app).empty()) {
            return fmt::format("{} needs a command: {} {}", path, join_names(command_names(app)),
                               see_help(app));
        }
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr) { // "--all excludes --status"
        if (const auto at = text.find(" excludes "); at != std::string::npos) {
            return fmt::format("{} and {} cannot go together {}", text.substr(0, at),
                               text.substr(at + 10), see_help(app));
        }
    }
    return fmt::format("{} {}", text, see_help(app));
}

} // namespace escalate::cli
