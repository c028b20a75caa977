#include "escalate/time.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <ctime>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

namespace escalate {
namespace {

constexpr int min_year = 1900;
constexpr int max_year = 2999;
// Relative offsets and durations beyond this are refused before any arithmetic can overflow.
constexpr double max_offset_s = 200.0 * 366 * 86400;

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return c >= 'a' && c <= 'z';
}

std::int64_t days_from_civil(int y, int m, int d) {
    const date::sys_days days{date::year{y} / date::month{static_cast<unsigned>(m)} /
                              date::day{static_cast<unsigned>(d)}};
    return days.time_since_epoch().count();
}

bool valid_date(int y, int m, int d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) {
        return false;
    }
    return date::year_month_day{date::year{y}, date::month{static_cast<unsigned>(m)},
                                date::day{static_cast<unsigned>(d)}}
        .ok();
}

// A small left-to-right reader over lower-cased text; pos is 0-based, columns are 1-based.
struct Reader {
    std::string_view s;
    std::size_t pos = 0;
    std::size_t base = 0; // columns trimmed away on the left

    [[nodiscard]] bool done() const { return pos >= s.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : s[pos]; }
    bool eat(char c) {
        if (peek() == c) {
            ++pos;
            return true;
        }
        return false;
    }
    void skip_spaces() {
        while (peek() == ' ' || peek() == '\t') {
            ++pos;
        }
    }
    // Exactly n digits, or nullopt (position unchanged).
    std::optional<int> digits(std::size_t min_n, std::size_t max_n) {
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
    std::string_view word() {
        const std::size_t start = pos;
        while (is_alpha(peek())) {
            ++pos;
        }
        return s.substr(start, pos - start);
    }
    [[nodiscard]] ParseError fail(std::string message) const {
        return ParseError{std::move(message), base + pos + 1};
    }
    [[nodiscard]] ParseError fail_at(std::size_t at, std::string message) const {
        return ParseError{std::move(message), base + at + 1};
    }
};

struct ClockTime {
    int hour = 0, minute = 0, second = 0;
};

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

// A number followed by a unit, repeated: "1h30m", "3 days", "1.5 h".
struct Amount {
    double value;
    char unit; // s m h d w
};

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

Timestamp at_local_day(std::int64_t day_number, const ClockTime& clock) {
    const date::year_month_day ymd{date::sys_days{date::days{day_number}}};
    return from_local(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
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
    if (auto err = read_clock(r, clock)) {
        return *err;
    }
    r.skip_spaces();
    if (r.done()) {
        return from_local(y, *m, *d, clock.hour, clock.minute, clock.second);
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

std::optional<int> weekday_of(std::string_view w) {
    static constexpr std::array<std::string_view, 7> full{
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    for (int i = 0; i < 7; ++i) {
        const auto name = full[static_cast<std::size_t>(i)];
        if (w.size() >= 3 && name.substr(0, w.size()) == w) {
            return i;
        }
    }
    return std::nullopt;
}

} // namespace

Parsed<Timestamp> parse_time(std::string_view text, Timestamp now, TimeRole role) {
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
    if (is_digit(lowered[0])) { // a bare time of day: today at that time
        ClockTime clock;
        if (auto err = read_clock(r, clock)) {
            return ParseError{fmt::format("cannot read \"{}\" as a time", lowered), left + 1};
        }
        if (!r.done()) {
            return r.fail("unexpected text after the time");
        }
        return at_local_day(local_day_number(now), clock);
    }

    const std::size_t word_at = r.pos;
    const std::string_view word = r.word();
    std::int64_t day = local_day_number(now);
    if (word == "today") {
    } else if (word == "yesterday") {
        day -= 1;
    } else if (word == "tomorrow") {
        day += 1;
    } else if (auto wd = weekday_of(word)) {
        const int today = to_local(now).weekday;
        if (role == TimeRole::At) {
            day -= (today - *wd + 7) % 7;
        } else {
            const int ahead = (*wd - today + 7) % 7;
            day += ahead == 0 ? 7 : ahead;
        }
    } else {
        return r.fail_at(word_at, fmt::format("cannot read \"{}\" as a time", lowered));
    }
    r.skip_spaces();
    if (r.done()) {
        return at_local_day(day, whole_day_clock(role));
    }
    if (r.s.substr(r.pos).starts_with("at ")) {
        r.pos += 3;
        r.skip_spaces();
    }
    ClockTime clock;
    if (auto err = read_clock(r, clock)) {
        return *err;
    }
    if (!r.done()) {
        return r.fail("unexpected text after the time");
    }
    return at_local_day(day, clock);
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

LocalTime to_local(Timestamp t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return LocalTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min,         tm.tm_sec,     tm.tm_wday};
}

Timestamp from_local(int year, int month, int day, int hour, int minute, int second) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    tm.tm_isdst = -1;
    std::tm probe = tm;
    Timestamp t = std::mktime(&probe);
    // In a spring-forward gap the C library may land before the gap; the intended wall time
    // does not exist, so take the first instant after the gap at the same offset from midnight.
    const LocalTime back = to_local(t);
    if (back.hour != hour || back.minute != minute) {
        std::tm later = tm;
        later.tm_isdst = 1;
        const Timestamp alt = std::mktime(&later);
        if (alt > t) {
            t = alt;
        }
    }
    return t;
}

std::int64_t local_day_number(Timestamp t) {
    const LocalTime lt = to_local(t);
    return days_from_civil(lt.year, lt.month, lt.day);
}

Timestamp add_local_days(Timestamp t, int days) {
    const LocalTime lt = to_local(t);
    const date::year_month_day ymd{
        date::sys_days{date::days{days_from_civil(lt.year, lt.month, lt.day) + days}}};
    return from_local(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                      static_cast<int>(unsigned(ymd.day())), lt.hour, lt.minute, lt.second);
}

Timestamp add_business_days(Timestamp t, int n, unsigned workdays) {
    if ((workdays & 0x7F) == 0) {
        return add_local_days(t, n);
    }
    const LocalTime lt = to_local(t);
    std::int64_t day = days_from_civil(lt.year, lt.month, lt.day);
    int weekday = lt.weekday;
    int counted = 0;
    int steps = 0;
    while (counted < n) {
        ++day;
        ++steps;
        weekday = (weekday + 1) % 7;
        if (workdays & (1U << weekday)) {
            ++counted;
        }
    }
    return add_local_days(t, steps);
}

std::string format_rfc3339(Timestamp t) {
    const date::sys_seconds tp{std::chrono::seconds{t}};
    return date::format("%Y-%m-%dT%H:%M:%SZ", tp);
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

std::string format_local(Timestamp t, TimeStyle style) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    static constexpr std::array<std::string_view, 7> days{"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> months{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = days.at(static_cast<std::size_t>(tm.tm_wday));
    const auto month = months.at(static_cast<std::size_t>(tm.tm_mon));
    switch (style) {
    case TimeStyle::Date:
        return fmt::format("{} {} {} {}", day, tm.tm_mday, month, tm.tm_year + 1900);
    case TimeStyle::Short:
        return fmt::format("{} {} {:02}:{:02}", tm.tm_mday, month, tm.tm_hour, tm.tm_min);
    case TimeStyle::DateTime:
        break;
    }
    return fmt::format("{} {} {} {} {:02}:{:02}", day, tm.tm_mday, month, tm.tm_year + 1900,
                       tm.tm_hour, tm.tm_min);
}

std::string format_duration(Seconds s) {
    if (s < 0) {
        return "-" + format_duration(-s);
    }
    if (s < 60) {
        return fmt::format("{} s", s);
    }
    const Seconds minutes = (s + 30) / 60;
    if (minutes < 60) {
        return fmt::format("{} min", minutes);
    }
    const Seconds h = minutes / 60;
    const Seconds m = minutes % 60;
    if (h >= 48) {
        const Seconds hours = (s + 1800) / 3600;
        return hours % 24 == 0 ? fmt::format("{} days", hours / 24)
                               : fmt::format("{} days {} h", hours / 24, hours % 24);
    }
    return m == 0 ? fmt::format("{} h", h) : fmt::format("{} h {} min", h, m);
}

std::string format_relative(Timestamp t, Timestamp now) {
    const Seconds delta = now - t;
    const Seconds a = delta < 0 ? -delta : delta;
    std::string amount;
    if (a < 60) {
        return "just now";
    }
    if (a < 3600) {
        amount = fmt::format("{} min", a / 60);
    } else if (a < 2 * 86400) {
        amount = fmt::format("{} h", a / 3600);
    } else {
        amount = fmt::format("{} days", a / 86400);
    }
    return delta > 0 ? amount + " ago" : "in " + amount;
}

} // namespace escalate
