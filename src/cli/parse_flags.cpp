#include "parse_flags.hpp"

#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/text.hpp"

namespace escalate::cli {

Timestamp time_flag(std::string_view flag, const std::string& text, Timestamp now, TimeRole role) {
    const auto t = parse_time(text, now, role);
    if (!t) {
        throw UsageError(fmt::format("{} \"{}\": {} (at column {}); accepted: {}", flag, text,
                                     t.error().message, t.error().column, time_forms));
    }
    return t.value();
}

Seconds duration_flag(std::string_view flag, const std::string& text) {
    const auto d = parse_duration(text);
    if (!d) {
        throw UsageError(fmt::format("{} \"{}\": {}; accepted: {}", flag, text, d.error().message,
                                     duration_forms));
    }
    return d.value();
}

Outcome outcome_flag(const std::string& text) {
    if (auto o = outcome_from(text)) {
        return *o;
    }
    throw UsageError(fmt::format("unknown outcome \"{}\"; accepted: {}", text, outcome_names()));
}

std::int64_t id_arg(std::string_view what, const std::string& text) {
    std::string_view digits = text;
    if (digits.starts_with('#')) {
        digits.remove_prefix(1);
    }
    if (digits.empty() || digits.size() > 18 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        throw UsageError(fmt::format("{} \"{}\" is not a number", what, text));
    }
    return std::stoll(std::string(digits));
}

std::string note_flag(const std::string& text) {
    if (text != "-") {
        return text;
    }
    std::string note{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    if (note.size() > max_note_bytes) {
        throw UsageError(fmt::format("the note on standard input is longer than the limit of {} "
                                     "bytes",
                                     max_note_bytes));
    }
    while (!note.empty() && (note.back() == '\n' || note.back() == '\r')) {
        note.pop_back();
    }
    return note;
}

} // namespace escalate::cli
