// Time in escalate: UTC epoch seconds everywhere in the core, local zone (TZ) only when text is
// parsed or printed. Nothing here reads the clock: "now" is always passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace escalate {

using Timestamp = std::int64_t; // seconds since 1970-01-01T00:00:00Z
using Seconds = std::int64_t;   // a span of time

// Why parsing failed, which decides what a message for a person shows.
enum class ParseFailure {
    Unrecognised, // the text is in no accepted form: examples of the forms help most
    BadPart,      // an accepted form with a wrong part (month 13, 25:00): the message says which
    NoInstant,    // well formed, but names no instant (a time in a DST gap): the message says why
};

// Where parsing failed and why. column is 1-based into the text given.
struct ParseError {
    std::string message;
    std::size_t column = 1;
    ParseFailure kind = ParseFailure::BadPart;
};

// A parser's answer: a value, or the place and reason it failed.
template <class T> class Parsed {
public:
    Parsed(T value) : state_(std::move(value)) {}
    Parsed(ParseError error) : state_(std::move(error)) {}

    [[nodiscard]] bool ok() const noexcept { return std::holds_alternative<T>(state_); }
    explicit operator bool() const noexcept { return ok(); }
    [[nodiscard]] const T& value() const { return std::get<T>(state_); }
    [[nodiscard]] const ParseError& error() const { return std::get<ParseError>(state_); }

private:
    std::variant<T, ParseError> state_;
};

// What a time is for. It decides how a day without a time, and a day named without saying
// which one, resolve:
// At (--at, --now): a day means its start; a weekday the most recent one (today included), a
// date without a year the most recent one (today included);
// Due (--due): a day means its end (23:59:59); a weekday the next one (today excluded), a date
// without a year the next one (today included).
enum class TimeRole { At, Due };

// How a numeric date such as 03/11/2026 reads: 3 November (DayFirst) or March 11 (MonthFirst).
enum class DateOrder { DayFirst, MonthFirst };

// Parses every form of SPEC section 2 and issue 13: ISO dates and date-times with or without a
// zone; now; a day (today, yesterday, tomorrow, fri, last fri, next mon, Nov 20, 20 Nov 2026,
// 20/11/2026) and a time of day (14:30, 3pm, 9:30am, noon, midnight), either alone or both, in
// either order; relative offsets (2h ago, 3 days ago, in 3d, +3d, -90m).
[[nodiscard]] Parsed<Timestamp> parse_time(std::string_view text, Timestamp now, TimeRole role,
                                           DateOrder order);

// The order numeric dates are read in: ESCALATE_DATE_ORDER (dmy or mdy) when set, else from the
// country of the locale (LC_ALL, else LC_TIME, else LANG): month first in the US and its
// territories and the Philippines, day first everywhere else and in the C locale. A setting
// that is neither dmy nor mdy is an error naming both.
[[nodiscard]] Parsed<DateOrder> local_date_order();
// The rule behind it: setting is ESCALATE_DATE_ORDER (empty when unset), locale the first of
// LC_ALL, LC_TIME and LANG that is set and not empty.
[[nodiscard]] Parsed<DateOrder> date_order_from(std::string_view setting, std::string_view locale);

// Parses 25m, 1h30m, 1h 30m, 3.5h, 45s, 90 min, 1:05:00 (h:mm:ss) and 25:30 (mm:ss).
// A bare number is refused: it could mean seconds, minutes or hours.
[[nodiscard]] Parsed<Seconds> parse_duration(std::string_view text);

// The longest duration parse_duration accepts (7 days).
inline constexpr Seconds max_duration = 7 * 24 * 3600;

// The accepted forms, for help text.
inline constexpr std::string_view time_forms =
    "2026-11-20, 2026-11-20T14:30, 2026-11-20 14:30+01:00, now, today, yesterday 15:30, "
    "mon, fri 9am, last fri, next mon, Nov 20, 20 Nov 2026 14:00, 20/11/2026, 14:30, 3pm, "
    "noon, 2h ago, 3 days ago, in 3d, +3d";
// Three forms to try, for the short message about text in no accepted form.
inline constexpr std::string_view time_examples =
    R"("yesterday 15:30", "fri 9am" or "2026-11-20 14:00")";
inline constexpr std::string_view duration_forms = "25m, 1h30m, 3.5h, 45s, 1:05:00";

// A broken-down local (TZ) time.
struct LocalTime {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    int weekday = 4; // 0 = Sunday
};

[[nodiscard]] LocalTime to_local(Timestamp t);
// Resolves a local wall-clock time; a time skipped by a DST change moves forward past the gap.
// For times escalate computes (the same time n days later), not for times a person typed.
[[nodiscard]] Timestamp from_local(int year, int month, int day, int hour, int minute, int second);
// A wall-clock time a person typed. One that does not exist (the clocks went forward over it)
// is an error naming the gap: "2026-03-29 01:30 does not exist in Europe/London: the clocks
// went from 01:00 to 02:00". One that happens twice (the clocks went back) is the earlier of
// the two, as date(1) reads it.
[[nodiscard]] Parsed<Timestamp> from_local_exact(int year, int month, int day, int hour, int minute,
                                                 int second);
// Whether TZ names a zone: unset or empty (the system's zone), a zone file (Europe/London,
// :/path/to/file), UTC, GMT, or a POSIX TZ string (EST5EDT, <+03>-3). Otherwise the message
// for the user: the C library would silently read such a TZ as UTC.
[[nodiscard]] std::optional<std::string> local_zone_problem();
// The local zone's name, for messages: TZ, else the system's zone, else "the local time zone".
[[nodiscard]] std::string local_zone_name();
// Days since 1970-01-01 of t's local date: the difference of two is a count of calendar days.
[[nodiscard]] std::int64_t local_day_number(Timestamp t);
// The one rule for a case's age: the day of the case `at` falls on, counting the local date it
// was opened as day 1 (a case opened today is on day 1; tomorrow it is on day 2). Show, list,
// close, next and the exports all state an age with it; "N days" of a case is this less one.
[[nodiscard]] std::int64_t case_day(Timestamp opened_at, Timestamp at);
// The same wall-clock time, days calendar days later (or earlier), whatever DST does between.
[[nodiscard]] Timestamp add_local_days(Timestamp t, int days);
// The same wall-clock time after n working days; workdays is a bit mask, bit 0 = Sunday.
[[nodiscard]] Timestamp add_business_days(Timestamp t, int n, unsigned workdays);
inline constexpr unsigned monday_to_friday = 0b0111110;

// 2026-11-20T14:30:00Z
[[nodiscard]] std::string format_rfc3339(Timestamp t);
// Parses exactly what format_rfc3339 writes (and any offset); for dumps and fixtures.
[[nodiscard]] std::optional<Timestamp> parse_rfc3339(std::string_view text);

enum class TimeStyle {
    DateTime, // Tue 1 Sep 2026 09:40
    Date,     // Tue 1 Sep 2026
    Short,    // 1 Sep 09:40
};
// The locale whose day and month names format_local writes (LC_ALL, else LC_TIME, else LANG,
// when the C library has it): "fr_FR.UTF-8"; "" when the names are English (unset, C, POSIX,
// an English locale, or one not installed).
[[nodiscard]] std::string date_locale();
[[nodiscard]] std::string format_local(Timestamp t, TimeStyle style = TimeStyle::DateTime);

// 3 h 20 min, 25 min, 45 s, 2 days 3 h
[[nodiscard]] std::string format_duration(Seconds s);
// "3 days ago", "in 2 h", "just now"
[[nodiscard]] std::string format_relative(Timestamp t, Timestamp now);

} // namespace escalate
