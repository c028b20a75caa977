// The fish completion script: the command tree as functions that print it (generated), read
// by one completing function (fixed text), which asks `escalate __complete KIND` for cases,
// orgs, channels and outcomes when they are wanted.
#include <fmt/format.h>

#include "completion.hpp"

namespace escalate::cli {

namespace {

// 'text' for fish: a backslash and a quote are escaped inside single quotes.
std::string fish_quote(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

// A function printing one "value<TAB>description" line per entry for each key.
struct Switch {
    std::string cases;
    void add(const std::string& key, const std::vector<std::string>& lines) {
        cases += fmt::format("        case {}\n", fish_quote(key));
        for (const auto& line : lines) {
            cases += fmt::format("            echo {}\n", fish_quote(line));
        }
    }
    std::string function(const std::string& name, const std::string& comment) const {
        return fmt::format("# {}\nfunction {}\n    switch $argv[1]\n{}        case '*'\n"
                           "            return 1\n    end\nend\n\n",
                           comment, name, cases);
    }
};

std::string find_help(const std::vector<CompletionCommand>& tree, const std::string& path) {
    for (const auto& c : tree) {
        if (c.path == path) {
            return c.help;
        }
    }
    return {};
}

constexpr const char* fish_function =
    R"FISH(# The words before the cursor: the command path (escalate policy check), the number of
# positionals after it, and the option whose value the cursor is on, if any.
function __escalate_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l program $tokens[1]
    set -e tokens[1]
    set -l cmdpath escalate
    set -l expect ''
    set -l npos 0
    set -l args
    for word in $tokens
        if test -n "$expect"
            if string match -q -r '\|--(db|policy)$' -- $expect
                set -a args (string replace -r '.*\|' '' -- $expect) $word
            end
            set expect ''
        else if string match -q -- '--*=*' $word
            continue
        else if string match -q -- '-*' $word
            if __escalate_values "$cmdpath|$word" >/dev/null
                set expect "$cmdpath|$word"
            else if __escalate_values "escalate|$word" >/dev/null
                set expect "escalate|$word"
            end
        else if test $npos -eq 0; and contains -- $word (__escalate_subs $cmdpath | string replace -r '\t.*' '')
            set cmdpath "$cmdpath $word"
        else
            set npos (math $npos + 1)
        end
    end
    set -l kind
    if test -n "$expect"
        set kind (__escalate_values $expect)
    else if string match -q -- '-?*' $cur
        __escalate_options $cmdpath
        test "$cmdpath" != escalate; and __escalate_options escalate
        return
    else
        set -l subs (__escalate_subs $cmdpath)
        if test $npos -eq 0; and test (count $subs) -gt 0
            printf '%s\n' $subs
            return
        end
        set kind (__escalate_values "$cmdpath|#"(math $npos + 1)); or set kind (__escalate_values "$cmdpath|#*")
    end
    switch "$kind"
        case files
            __fish_complete_path $cur
        case '=*'
            string split ' ' -- (string sub -s 2 -- $kind)
        case cases orgs channels outcomes
            $program __complete $kind $args 2>/dev/null
    end
end

complete -c escalate -f -a '(__escalate_complete)'
)FISH";

} // namespace

std::string fish_script(const std::vector<CompletionCommand>& tree) {
    Switch subs, options, values;
    for (const auto& command : tree) {
        if (!command.subcommands.empty()) {
            std::vector<std::string> lines;
            for (const auto& sub : command.subcommands) {
                lines.push_back(sub + "\t" + find_help(tree, command.path + " " + sub));
            }
            subs.add(command.path, lines);
        }
        std::vector<std::string> lines;
        for (const auto& option : command.options) {
            for (const auto& name : option.names) {
                lines.push_back(name + "\t" + option.help);
                if (option.takes_value) {
                    values.add(command.path + "|" + name, {option.values});
                }
            }
        }
        options.add(command.path, lines);
        for (std::size_t i = 0; i < command.positionals.size(); ++i) {
            values.add(fmt::format("{}|#{}", command.path, i + 1), {command.positionals[i]});
        }
        if (command.last_repeats) {
            values.add(command.path + "|#*", {command.positionals.back()});
        }
    }
    return "# fish completion for escalate, written by `escalate completion fish`: the commands\n"
           "# and flags are escalate's own; cases, orgs, channels and outcomes are read from the\n"
           "# case log and policy when you press TAB (escalate __complete KIND).\n\n" +
           subs.function("__escalate_subs", "A command's subcommands, with what each does.") +
           options.function("__escalate_options", "A command's options, with what each does.") +
           values.function("__escalate_values",
                           "What the value of an option (PATH|--flag) or positional (PATH|#N) is; "
                           "fails for a flag.") +
           fish_function;
}

} // namespace escalate::cli
