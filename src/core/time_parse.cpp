// Reading times and durations: the grammar of SPEC section 2.
#include "escalate/time.hpp"

#include "civil.hpp"
#include "time_days.hpp"
#include "time_reader.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <ctime>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

namespace escalate {
namespace {

using namespace time_detail;

// A whole day (its start or end): a gap moves it on, as the day still exists.
Timestamp at_local_day(std::int64_t day_number, const ClockTime& clock) {
    const date::year_month_day ymd{date::sys_days{date::days{day_number}}};
    return from_local(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                      static_cast<int>(unsigned(ymd.day())), clock.hour, clock.minute,
                      clock.second);
}

// A time of day the user typed: one in a gap is an error naming it.
Parsed<Timestamp> at_local_time(std::int64_t day_number, const ClockTime& clock) {
    const date::year_month_day ymd{date::sys_days{date::days{day_number}}};
    return from_local_exact(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                            static_cast<int>(unsigned(ymd.day())), clock.hour, clock.minute,
                            clock.second);
}

ClockTime whole_day_clock(TimeRole role) {
    return role == TimeRole::Due ? ClockTime{23, 59, 59} : ClockTime{0, 0, 0};
}

Parsed<Timestamp> parse_iso(Reader& r, TimeRole role) {
    const int y = *r.digits(4, 4);
    r.eat('-');
    const std::size_t month_at = r.pos;
    auto m = r.digits(2, 2);
    if (!m || !r.eat('-')) {
        return r.fail_at(month_at, "expected a date as YYYY-MM-DD");
    }
    auto d = r.digits(2, 2);
    if (!d) {
        return r.fail("expected a date as YYYY-MM-DD");
    }
    if (y < min_year || y > max_year) {
        return r.fail_at(0, fmt::format("year {} is out of range ({}-{})", y, min_year, max_year));
    }
    if (!valid_date(y, *m, *d)) {
        return r.fail_at(month_at, fmt::format("{:04}-{:02}-{:02} is not a date", y, *m, *d));
    }
    if (r.done()) {
        return at_local_day(days_from_civil(y, *m, *d), whole_day_clock(role));
    }
    if (!r.eat('t') && !r.eat(' ')) {
        return r.fail("expected T or a space before the time");
    }
    r.skip_spaces();
    ClockTime clock;
    if (auto err = read_time_of_day(r, clock)) {
        return *err;
    }
    r.skip_spaces();
    if (r.done()) {
        return from_local_exact(y, *m, *d, clock.hour, clock.minute, clock.second);
    }
    int offset_s = 0;
    if (!r.eat('z')) {
        const char sign_c = r.peek();
        if (sign_c != '+' && sign_c != '-') {
            return r.fail("expected Z or a zone offset such as +01:00");
        }
        ++r.pos;
        auto oh = r.digits(2, 2);
        r.eat(':');
        auto om = r.digits(2, 2);
        if (!oh || !om || *oh > 23 || *om > 59) {
            return r.fail("expected a zone offset such as +01:00");
        }
        offset_s = (sign_c == '-' ? -1 : 1) * (*oh * 3600 + *om * 60);
    }
    if (!r.done()) {
        return r.fail("unexpected text after the time");
    }
    return days_from_civil(y, *m, *d) * 86400 + clock.hour * 3600 + clock.minute * 60 +
           clock.second - offset_s;
}

Parsed<Timestamp> parse_relative(Reader& r, Timestamp now, int sign) {
    auto amounts = read_amounts(r, true);
    if (!amounts) {
        return amounts.error();
    }
    Timestamp t = now;
    double seconds = 0;
    for (const auto& a : amounts.value()) {
        const double whole = std::floor(a.value);
        if ((a.unit == 'd' || a.unit == 'w') && whole == a.value) {
            // Whole days keep the wall-clock time across a DST change.
            t = add_local_days(t, sign * static_cast<int>(whole) * (a.unit == 'w' ? 7 : 1));
        } else {
            seconds += a.value * unit_seconds(a.unit);
        }
    }
    return t + sign * static_cast<Timestamp>(std::llround(seconds));
}

// A day, a time of day, or both in either order: "fri 9am", "9am fri", "20 nov 2026 at 14:00".
// A time alone is today's; a day alone its start or end, as the role says.
Parsed<Timestamp> parse_day_and_time(Reader& r, const DayContext& c) {
    std::optional<ClockTime> clock;
    if (looks_like_time_of_day(r)) {
        ClockTime read;
        if (auto err = read_time_of_day(r, read)) {
            return *err;
        }
        clock = read;
        r.skip_spaces();
        if (r.done()) {
            return at_local_time(local_day_number(c.now), *clock);
        }
    }
    const auto day = read_day(r, c);
    if (!day) {
        return day.error();
    }
    r.skip_spaces();
    if (!clock) {
        if (r.done()) {
            return at_local_day(day.value(), whole_day_clock(c.role));
        }
        r.eat(',');
        r.skip_spaces();
        if (r.s.substr(r.pos).starts_with("at ")) {
            r.pos += 3;
            r.skip_spaces();
        }
        ClockTime read;
        if (auto err = read_time_of_day(r, read)) {
            return *err;
        }
        clock = read;
        r.skip_spaces();
    }
    if (!r.done()) {
        return r.fail_at(r.pos, "unexpected text after the time", ParseFailure::Unrecognised);
    }
    return at_local_time(day.value(), *clock);
}

Parsed<Timestamp> parse_time_unchecked(std::string_view text, Timestamp now, TimeRole role,
                                       DateOrder order) {
    std::size_t left = 0;
    while (left < text.size() && std::isspace(static_cast<unsigned char>(text[left]))) {
        ++left;
    }
    std::size_t right = text.size();
    while (right > left && std::isspace(static_cast<unsigned char>(text[right - 1]))) {
        --right;
    }
    const std::string lowered = lower_ascii(text.substr(left, right - left));
    Reader r{lowered, 0, left};
    if (lowered.empty()) {
        return r.fail("the time is empty");
    }
    if (lowered == "now") {
        return now;
    }
    if (lowered.size() >= 5 && is_digit(lowered[0]) && is_digit(lowered[1]) &&
        is_digit(lowered[2]) && is_digit(lowered[3]) && lowered[4] == '-') {
        return parse_iso(r, role);
    }
    if (lowered.starts_with("in ") || lowered[0] == '+') {
        r.pos = lowered[0] == '+' ? 1 : 3;
        return parse_relative(r, now, +1);
    }
    if (lowered[0] == '-') {
        r.pos = 1;
        return parse_relative(r, now, -1);
    }
    if (lowered.ends_with(" ago") || lowered.ends_with("ago")) {
        const std::size_t cut = lowered.size() - 3;
        Reader inner{std::string_view(lowered).substr(0, cut), 0, left};
        return parse_relative(inner, now, -1);
    }
    return parse_day_and_time(r, DayContext{now, role, order});
}

} // namespace

Parsed<Timestamp> parse_time(std::string_view text, Timestamp now, TimeRole role, DateOrder order) {
    // Relative offsets can reach past the calendar the rest of escalate reads and writes.
    static const Timestamp earliest = days_from_civil(min_year, 1, 1) * 86400;
    static const Timestamp latest = days_from_civil(max_year + 1, 1, 1) * 86400 - 1;
    auto t = parse_time_unchecked(text, now, role, order);
    if (t && (t.value() < earliest || t.value() > latest)) {
        return ParseError{fmt::format("that is outside the years {} to {}", min_year, max_year), 1};
    }
    return t;
}

Parsed<Seconds> parse_duration(std::string_view text) {
    const std::string lowered = lower_ascii(text);
    Reader r{lowered};
    r.skip_spaces();
    if (r.done()) {
        return r.fail("the duration is empty");
    }
    if (r.peek() == '-') {
        return r.fail("a duration cannot be negative");
    }
    // h:mm:ss or mm:ss, as a phone's call timer shows it.
    if (lowered.find(':') != std::string::npos) {
        std::vector<int> parts;
        while (true) {
            const std::size_t at = r.pos;
            auto n = r.digits(1, 4);
            if (!n) {
                return r.fail("expected digits");
            }
            if (!parts.empty() && (r.pos - at != 2 || *n > 59)) {
                return r.fail_at(at, "minutes and seconds take two digits, 00 to 59");
            }
            parts.push_back(*n);
            if (!r.eat(':')) {
                break;
            }
        }
        r.skip_spaces();
        if (!r.done() || parts.size() > 3) {
            return r.fail("expected h:mm:ss or mm:ss");
        }
        Seconds s = 0;
        for (int p : parts) {
            s = s * 60 + p;
        }
        if (parts.size() == 2 && parts[0] > 59 * 60) {
            return r.fail_at(0, "too long");
        }
        if (s > max_duration) {
            return r.fail_at(0, fmt::format("{} is longer than the limit of {}", lowered,
                                            format_duration(max_duration)));
        }
        return s;
    }
    bool bare = true;
    for (char c : lowered) {
        if (!is_digit(c) && c != '.' && c != ' ') {
            bare = false;
        }
    }
    if (bare) {
        return r.fail_at(0, fmt::format("\"{}\" has no unit", lowered));
    }
    auto amounts = read_amounts(r, false);
    if (!amounts) {
        return amounts.error();
    }
    double total = 0;
    for (const auto& a : amounts.value()) {
        total += a.value * unit_seconds(a.unit);
    }
    if (total > static_cast<double>(max_duration)) {
        return r.fail_at(0, fmt::format("{} is longer than the limit of {}", lowered,
                                        format_duration(max_duration)));
    }
    return static_cast<Seconds>(std::llround(total));
}

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
    const std::string lowered = lower_ascii(text);
    if (lowered.size() < 20 || lowered[10] != 't') {
        return std::nullopt;
    }
    Reader r{lowered};
    auto t = parse_iso(r, TimeRole::At);
    if (!t) {
        return std::nullopt;
    }
    return t.value();
}

} // namespace escalate
