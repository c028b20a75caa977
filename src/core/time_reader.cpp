#include "time_reader.hpp"

#include <array>
#include <cctype>
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

ParseError Reader::fail(std::string message) const {
    return ParseError{std::move(message), base + pos + 1};
}

ParseError Reader::fail_at(std::size_t at, std::string message) const {
    return ParseError{std::move(message), base + at + 1};
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

// HH:MM or HH:MM:SS (one- or two-digit hour).
std::optional<ParseError> read_clock(Reader& r, ClockTime& out) {
    const std::size_t start = r.pos;
    auto h = r.digits(1, 2);
    if (!h || !r.eat(':')) {
        return r.fail_at(start, "expected a time of day such as 15:30");
    }
    auto m = r.digits(2, 2);
    if (!m) {
        return r.fail("expected two digits of minutes");
    }
    int sec = 0;
    if (r.eat(':')) {
        auto sv = r.digits(2, 2);
        if (!sv) {
            return r.fail("expected two digits of seconds");
        }
        sec = *sv;
        if (r.eat('.')) { // fractions of a second are accepted and dropped
            if (!r.digits(1, 9)) {
                return r.fail("expected digits after the decimal point");
            }
        }
    }
    if (*h > 23 || *m > 59 || sec > 59) {
        return r.fail_at(start, fmt::format("{:02}:{:02} is not a time of day", *h, *m));
    }
    out = ClockTime{*h, *m, sec};
    return std::nullopt;
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
