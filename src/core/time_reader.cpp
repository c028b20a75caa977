#include "time_reader.hpp"

#include <array>
#include <cctype>
#include <span>
#include <utility>

#include <date/date.h>
#include <fmt/format.h>

namespace escalate::time_detail {

namespace {

std::optional<char> unit_of(std::string_view w, bool allow_days) {
    static constexpr std::array<std::pair<std::string_view, char>, 19> units{{
        {"s", 's'}, {"sec", 's'}, {"secs", 's'}, {"second", 's'}, {"seconds", 's'},
        {"m", 'm'}, {"min", 'm'}, {"mins", 'm'}, {"minute", 'm'}, {"minutes", 'm'},
        {"h", 'h'}, {"hr", 'h'},  {"hrs", 'h'},  {"hour", 'h'},   {"hours", 'h'},
        {"d", 'd'}, {"day", 'd'}, {"days", 'd'}, {"w", 'w'},
    }};
    for (const auto& [name, unit] : units) {
        if (w == name && (allow_days || (unit != 'd' && unit != 'w'))) {
            return unit;
        }
    }
    if (allow_days && (w == "wk" || w == "week" || w == "weeks")) {
        return 'w';
    }
    return std::nullopt;
}

} // namespace

bool Reader::eat(char c) {
    if (peek() == c) {
        ++pos;
        return true;
    }
    return false;
}

void Reader::skip_spaces() {
    while (peek() == ' ' || peek() == '\t') {
        ++pos;
    }
}

std::optional<int> Reader::digits(std::size_t min_n, std::size_t max_n) {
    std::size_t n = 0;
    int value = 0;
    while (n < max_n && pos + n < s.size() && is_digit(s[pos + n])) {
        value = value * 10 + (s[pos + n] - '0');
        ++n;
    }
    if (n < min_n) {
        return std::nullopt;
    }
    pos += n;
    return value;
}

std::string_view Reader::word() {
    const std::size_t start = pos;
    while (is_alpha(peek())) {
        ++pos;
    }
    return s.substr(start, pos - start);
}

std::string_view Reader::since(std::size_t start) const {
    return s.substr(start, pos - start);
}

ParseError Reader::fail(std::string message) const {
    return ParseError{std::move(message), base + pos + 1};
}

ParseError Reader::fail_at(std::size_t at, std::string message, ParseFailure kind) const {
    return ParseError{std::move(message), base + at + 1, kind};
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool valid_date(int y, int m, int d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) {
        return false;
    }
    return date::year_month_day{date::year{y}, date::month{static_cast<unsigned>(m)},
                                date::day{static_cast<unsigned>(d)}}
        .ok();
}

bool looks_like_time_of_day(Reader r) {
    const std::string_view w = r.word();
    if (w == "noon" || w == "midnight") {
        return true;
    }
    if (!w.empty() || !r.digits(1, 2)) {
        return false;
    }
    if (r.peek() == ':') {
        return true;
    }
    r.skip_spaces();
    const std::string_view meridiem = r.word();
    return meridiem == "am" || meridiem == "pm";
}

std::optional<ParseError> read_time_of_day(Reader& r, ClockTime& out) {
    const std::size_t start = r.pos;
    const std::string_view w = r.word();
    if (w == "noon" || w == "midnight") {
        out = ClockTime{w == "noon" ? 12 : 0, 0, 0};
        return std::nullopt;
    }
    r.pos = start;
    const std::string_view expected = "expected a time of day such as 15:30 or 3pm";
    auto h = r.digits(1, 2);
    if (!h) {
        return r.fail_at(start, std::string(expected), ParseFailure::Unrecognised);
    }
    const bool colon = r.eat(':');
    int minute = 0;
    int second = 0;
    if (colon) {
        auto m = r.digits(2, 2);
        if (!m) {
            return r.fail("expected two digits of minutes");
        }
        minute = *m;
        if (r.eat(':')) {
            auto sv = r.digits(2, 2);
            if (!sv) {
                return r.fail("expected two digits of seconds");
            }
            second = *sv;
            if (r.eat('.')) { // fractions of a second are accepted and dropped
                if (!r.digits(1, 9)) {
                    return r.fail("expected digits after the decimal point");
                }
            }
        }
    }
    const std::size_t clock_end = r.pos;
    r.skip_spaces();
    const std::string_view meridiem = r.word();
    if (meridiem != "am" && meridiem != "pm") {
        r.pos = clock_end;
        if (!colon) {
            return r.fail_at(start, std::string(expected), ParseFailure::Unrecognised);
        }
        if (*h > 23 || minute > 59 || second > 59) {
            return r.fail_at(start, fmt::format("{:02}:{:02} is not a time of day", *h, minute));
        }
        out = ClockTime{*h, minute, second};
        return std::nullopt;
    }
    // 12am is midnight and 12pm noon, as on a 12-hour clock.
    if (*h < 1 || *h > 12 || minute > 59 || second > 59) {
        return r.fail_at(start, fmt::format("{} is not a time of day", r.since(start)));
    }
    out = ClockTime{*h % 12 + (meridiem == "pm" ? 12 : 0), minute, second};
    return std::nullopt;
}

namespace {

// The index of the name word shortens (three letters or more), if any.
std::optional<int> name_index(std::string_view word, std::span<const std::string_view> names) {
    if (word.size() < 3) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].starts_with(word)) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<int> weekday_of(std::string_view word) {
    static constexpr std::array<std::string_view, 7> names{
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    return name_index(word, names);
}

std::optional<int> month_of(std::string_view word) {
    static constexpr std::array<std::string_view, 12> names{
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    const auto i = name_index(word, names);
    return i ? std::optional<int>(*i + 1) : std::nullopt;
}

double unit_seconds(char unit) {
    switch (unit) {
    case 's':
        return 1;
    case 'm':
        return 60;
    case 'h':
        return 3600;
    case 'd':
        return 86400;
    default:
        return 7 * 86400;
    }
}

Parsed<std::vector<Amount>> read_amounts(Reader& r, bool allow_days) {
    std::vector<Amount> amounts;
    double total = 0;
    const std::string_view accepted = allow_days ? "s, m, h, d or w" : "s, m or h";
    while (true) {
        r.skip_spaces();
        if (r.done()) {
            break;
        }
        const std::size_t start = r.pos;
        while (is_digit(r.peek())) {
            ++r.pos;
        }
        if (r.eat('.')) {
            if (!is_digit(r.peek())) {
                return r.fail("expected digits after the decimal point");
            }
            while (is_digit(r.peek())) {
                ++r.pos;
            }
        }
        if (r.pos == start) {
            return r.fail(amounts.empty() ? "expected a number" : "unexpected text");
        }
        const std::string number(r.s.substr(start, r.pos - start));
        if (number.size() > 12) {
            return r.fail_at(start, fmt::format("{} is too large", number));
        }
        const double value = std::stod(number);
        r.skip_spaces();
        const std::size_t unit_at = r.pos;
        const auto w = r.word();
        if (w.empty()) {
            return r.fail(fmt::format("{} needs a unit ({})", number, accepted));
        }
        const auto unit = unit_of(w, allow_days);
        if (!unit) {
            return r.fail_at(unit_at, fmt::format("unknown unit \"{}\" (use {})", w, accepted));
        }
        total += value * unit_seconds(*unit);
        if (total > max_offset_s) {
            return r.fail_at(start, "that is too far away");
        }
        amounts.push_back(Amount{value, *unit});
    }
    if (amounts.empty()) {
        return r.fail("expected an amount such as 3d or 2h");
    }
    return amounts;
}

} // namespace escalate::time_detail
