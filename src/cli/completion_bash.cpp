// The bash and zsh completion scripts: the command tree as associative arrays (generated),
// read by one function per shell (fixed text), which asks `escalate __complete KIND` for
// cases, orgs, channels and outcomes when they are wanted.
#include <fmt/format.h>

#include "completion.hpp"

namespace escalate::cli {

namespace {

// 'text' for bash and zsh.
std::string quote(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

std::string join_names(const std::vector<std::string>& names) {
    return fmt::format("{}", fmt::join(names, " "));
}

// Key and value pairs, one per line: `[key]=value` for bash, `key value` for zsh.
enum class Shell { Bash, Zsh };

std::string pair(Shell shell, const std::string& key, const std::string& value) {
    return shell == Shell::Bash ? fmt::format("  [{}]={}\n", quote(key), quote(value))
                                : fmt::format("  {} {}\n", quote(key), quote(value));
}

// The tables: subcommands, options, what each value is, and (zsh) the descriptions.
std::string tables(Shell shell, const std::vector<CompletionCommand>& tree) {
    std::string subs, opts, values, help;
    for (const auto& command : tree) {
        if (!command.subcommands.empty()) {
            subs += pair(shell, command.path, join_names(command.subcommands));
        }
        std::vector<std::string> names;
        for (const auto& option : command.options) {
            for (const auto& name : option.names) {
                names.push_back(name);
                help += pair(shell, command.path + "|" + name, option.help);
                if (option.takes_value) {
                    values += pair(shell, command.path + "|" + name, option.values);
                }
            }
        }
        opts += pair(shell, command.path, join_names(names));
        for (std::size_t i = 0; i < command.positionals.size(); ++i) {
            values +=
                pair(shell, fmt::format("{}|#{}", command.path, i + 1), command.positionals[i]);
        }
        if (command.last_repeats) {
            values += pair(shell, command.path + "|#*", command.positionals.back());
        }
        for (const auto& sub : command.subcommands) {
            for (const auto& c : tree) {
                if (c.path == command.path + " " + sub) {
                    help += pair(shell, c.path, c.help);
                }
            }
        }
    }
    std::string out;
    const char* declare = shell == Shell::Bash ? "declare -gA" : "typeset -gA";
    out += fmt::format("{} _escalate_subs=(\n{})\n", declare, subs);
    out += fmt::format("{} _escalate_opts=(\n{})\n", declare, opts);
    out += fmt::format("{} _escalate_values=(\n{})\n", declare, values);
    if (shell == Shell::Zsh) {
        out += fmt::format("{} _escalate_help=(\n{})\n", declare, help);
    }
    return out;
}

constexpr const char* bash_function = R"BASH(
# The words before the cursor: the command path (escalate policy check), the number of
# positionals after it, and the option whose value the cursor is on, if any.
_escalate() {
    local cur=${COMP_WORDS[COMP_CWORD]} cmdpath=escalate expect="" npos=0 i word kind=""
    local -a args=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        [[ $word == = ]] && continue # --db=PATH, split by bash at the =
        if [[ -n $expect ]]; then
            [[ $expect == *"|--db" || $expect == *"|--policy" ]] && args+=("${expect#*|}" "$word")
            expect=""
        elif [[ $word == -* ]]; then
            [[ $word == *=* ]] && continue
            if [[ -n ${_escalate_values["$cmdpath|$word"]+set} ]]; then
                expect="$cmdpath|$word"
            elif [[ -n ${_escalate_values["escalate|$word"]+set} ]]; then
                expect="escalate|$word"
            fi
        elif ((npos == 0)) && [[ " ${_escalate_subs[$cmdpath]-} " == *" $word "* ]]; then
            cmdpath="$cmdpath $word"
        else
            ((npos++))
        fi
    done
    COMPREPLY=()
    if [[ -n $expect ]]; then
        kind=${_escalate_values[$expect]}
    elif [[ $cur == -?* ]]; then
        local options=${_escalate_opts[$cmdpath]-}
        [[ $cmdpath != escalate ]] && options+=" ${_escalate_opts[escalate]}"
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        return
    elif ((npos == 0)) && [[ -n ${_escalate_subs[$cmdpath]-} ]]; then
        mapfile -t COMPREPLY < <(compgen -W "${_escalate_subs[$cmdpath]}" -- "$cur")
        return
    else
        kind=${_escalate_values["$cmdpath|#$((npos + 1))"]-${_escalate_values["$cmdpath|#*"]-}}
    fi
    case $kind in
    files)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        ;;
    =*)
        mapfile -t COMPREPLY < <(compgen -W "${kind#=}" -- "$cur")
        ;;
    cases | orgs | channels | outcomes)
        # One "value<TAB>description" a line; the descriptions are shown while several match.
        local value desc width=0
        local -a values=() descs=()
        while IFS=$'\t' read -r value desc; do
            [[ $value == "$cur"* ]] || continue
            values+=("$value")
            descs+=("$desc")
            ((${#value} > width)) && width=${#value}
        done < <("${COMP_WORDS[0]}" __complete "$kind" "${args[@]}" 2>/dev/null)
        if ((${#values[@]} == 1)); then
            COMPREPLY=("$(printf '%q' "${values[0]}")")
        else
            for i in "${!values[@]}"; do
                if [[ -n ${descs[i]} ]]; then
                    COMPREPLY+=("$(printf "%-${width}s  (%s)" "${values[i]}" "${descs[i]}")")
                else
                    COMPREPLY+=("$(printf '%q' "${values[i]}")")
                fi
            done
        fi
        ;;
    esac
}
complete -F _escalate escalate
)BASH";

constexpr const char* zsh_function = R"ZSH(
# The words before the cursor: the command path (escalate policy check), the number of
# positionals after it, and the option whose value the cursor is on, if any.
_escalate() {
    local cur=${words[CURRENT]} cmdpath=escalate expect= npos=0 i word kind= value desc
    local -a args items
    for ((i = 2; i < CURRENT; i++)); do
        word=${words[i]}
        if [[ -n $expect ]]; then
            [[ $expect == *'|--db' || $expect == *'|--policy' ]] && args+=("${expect#*|}" "$word")
            expect=
        elif [[ $word == -* ]]; then
            [[ $word == *=* ]] && continue
            if (( ${+_escalate_values[$cmdpath|$word]} )); then
                expect="$cmdpath|$word"
            elif (( ${+_escalate_values[escalate|$word]} )); then
                expect="escalate|$word"
            fi
        elif (( npos == 0 )) && [[ " ${_escalate_subs[$cmdpath]} " == *" $word "* ]]; then
            cmdpath="$cmdpath $word"
        else
            (( npos++ ))
        fi
    done
    if [[ -n $expect ]]; then
        kind=${_escalate_values[$expect]}
    elif [[ $cur == -* ]]; then
        local p
        for p in $cmdpath escalate; do
            for word in ${=_escalate_opts[$p]}; do
                items+=("$word:${_escalate_help[$p|$word]}")
            done
            [[ $cmdpath == escalate ]] && break
        done
        _describe -t options option items
        return
    elif (( npos == 0 )) && [[ -n ${_escalate_subs[$cmdpath]} ]]; then
        for word in ${=_escalate_subs[$cmdpath]}; do
            items+=("$word:${_escalate_help[$cmdpath $word]}")
        done
        _describe -t commands command items
        return
    else
        local key="$cmdpath|#$((npos + 1))"
        (( ${+_escalate_values[$key]} )) || key="$cmdpath|#*"
        kind=${_escalate_values[$key]}
    fi
    case $kind in
    files) _files ;;
    '='*) compadd -- ${=kind[2,-1]} ;;
    cases|orgs|channels|outcomes)
        while IFS=$'\t' read -r value desc; do
            items+=("${value//:/\\:}${desc:+:$desc}")
        done < <(${words[1]} __complete $kind $args 2>/dev/null)
        _describe -t $kind ${kind%s} items
        ;;
    esac
}

if [[ $funcstack[1] == _escalate ]]; then
    _escalate "$@"
else
    compdef _escalate escalate
fi
)ZSH";

} // namespace

std::string bash_script(const std::vector<CompletionCommand>& tree) {
    return "# bash completion for escalate, written by `escalate completion bash`: the commands\n"
           "# and flags are escalate's own; cases, orgs, channels and outcomes are read from the\n"
           "# case log and policy when you press TAB (escalate __complete KIND).\n" +
           tables(Shell::Bash, tree) + bash_function;
}

std::string zsh_script(const std::vector<CompletionCommand>& tree) {
    return "#compdef escalate\n"
           "# zsh completion for escalate, written by `escalate completion zsh`: the commands\n"
           "# and flags are escalate's own; cases, orgs, channels and outcomes are read from the\n"
           "# case log and policy when you press TAB (escalate __complete KIND).\n" +
           tables(Shell::Zsh, tree) + zsh_function;
}

} // namespace escalate::cli
