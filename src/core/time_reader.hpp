// The lexing underneath the time and duration grammar: a reader over lower-cased text that
// knows its column, times of day, and amounts with units. Private to src/core.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "escalate/time.hpp"

namespace escalate::time_detail {

// Relative offsets and durations beyond this are refused before arithmetic can overflow.
inline constexpr double max_offset_s = 200.0 * 366 * 86400;
// The calendar escalate reads and writes.
inline constexpr int min_year = 1900;
inline constexpr int max_year = 2999;

std::string lower_ascii(std::string_view s);
inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
    return c >= 'a' && c <= 'z';
}
bool valid_date(int y, int m, int d);

// A left-to-right reader; pos is 0-based, columns in errors 1-based.
struct Reader {
    std::string_view s;
    std::size_t pos = 0;
    std::size_t base = 0; // columns trimmed away on the left

    [[nodiscard]] bool done() const { return pos >= s.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : s[pos]; }
    bool eat(char c);
    void skip_spaces();
    // Between min_n and max_n digits, or nullopt (position unchanged).
    std::optional<int> digits(std::size_t min_n, std::size_t max_n);
    std::string_view word();
    // The text from start to here, for messages ("nov 31 is not a date").
    [[nodiscard]] std::string_view since(std::size_t start) const;
    [[nodiscard]] ParseError fail(std::string message) const;
    [[nodiscard]] ParseError fail_at(std::size_t at, std::string message,
                                     ParseFailure kind = ParseFailure::BadPart) const;
};

struct ClockTime {
    int hour = 0, minute = 0, second = 0;
};
// Whether a time of day starts here: noon, midnight, one or two digits then a colon, or one or
// two digits then am or pm.
[[nodiscard]] bool looks_like_time_of_day(Reader r);
// 14:30, 14:30:15, 3pm, 3 pm, 9:30am, 12am (00:00), 12pm, noon, midnight.
std::optional<ParseError> read_time_of_day(Reader& r, ClockTime& out);

// English weekday and month names, full or shortened to three letters or more: 0 = Sunday,
// 1 = January.
std::optional<int> weekday_of(std::string_view word);
std::optional<int> month_of(std::string_view word);

// A number followed by a unit: s m h d w.
struct Amount {
    double value;
    char unit;
};
double unit_seconds(char unit);
// "1h30m", "3 days", "1.5 h"; days and weeks only when allow_days.
Parsed<std::vector<Amount>> read_amounts(Reader& r, bool allow_days);

} // namespace escalate::time_detail
