// Which day a person means. A day named without saying which one (a weekday, a date without a
// year) leans the way the time is for: back for --at, forward for --due.
#include "time_days.hpp"

#include <array>
#include <cstdlib>

#include <date/date.h>
#include <fmt/format.h>

#include "civil.hpp"

namespace escalate::time_detail {
namespace {

std::int64_t today(const DayContext& c) {
    return local_day_number(c.now);
}

// A weekday alone: the most recent one for --at (today included), the next for --due (today
// excluded: "by Friday", said on a Friday, means next week's).
std::int64_t leaning_weekday(int weekday, const DayContext& c) {
    const int now_weekday = to_local(c.now).weekday;
    if (c.role == TimeRole::At) {
        return today(c) - (now_weekday - weekday + 7) % 7;
    }
    const int ahead = (weekday - now_weekday + 7) % 7;
    return today(c) + (ahead == 0 ? 7 : ahead);
}

// last fri: strictly before today; next mon: strictly after, whatever the time is for.
std::int64_t weekday_beside(int weekday, int direction, const DayContext& c) {
    const int now_weekday = to_local(c.now).weekday;
    const int apart =
        direction < 0 ? (now_weekday - weekday + 7) % 7 : (weekday - now_weekday + 7) % 7;
    return today(c) + direction * (apart == 0 ? 7 : apart);
}

// A month and a day without a year: the most recent such date for --at, the next for --due,
// today included either way (a date names its own day). 29 February finds a leap year.
std::int64_t leaning_date(int month, int day, const DayContext& c) {
    const std::int64_t now_day = today(c);
    const int step = c.role == TimeRole::At ? -1 : 1;
    for (int year = to_local(c.now).year;; year += step) {
        if (!valid_date(year, month, day)) {
            continue;
        }
        const std::int64_t d = days_from_civil(year, month, day);
        if (c.role == TimeRole::At ? d <= now_day : d >= now_day) {
            return d;
        }
    }
}

// A date's parts, checked; year 0 when none was given.
Parsed<std::int64_t> resolve_date(const Reader& r, std::size_t start, int year, int month, int day,
                                  const DayContext& c) {
    if (!valid_date(year == 0 ? 2000 : year, month, day)) {
        return r.fail_at(start, fmt::format("{} is not a date", r.since(start)));
    }
    if (year == 0) {
        return leaning_date(month, day, c);
    }
    if (year < min_year || year > max_year) {
        return r.fail_at(start,
                         fmt::format("year {} is out of range ({}-{})", year, min_year, max_year));
    }
    return days_from_civil(year, month, day);
}

// After a day of the month: an optional year, with or without a comma ("nov 20, 2026"). Four
// digits and no more; "nov 20 14:00" is a time, not a year.
int read_year(Reader& r) {
    const std::size_t start = r.pos;
    r.skip_spaces();
    r.eat(',');
    r.skip_spaces();
    if (auto year = r.digits(4, 4); year && !is_digit(r.peek()) && r.peek() != ':') {
        return *year;
    }
    r.pos = start;
    return 0;
}

// 20th, 1st, 2nd, 3rd: the suffix is read and dropped.
void skip_ordinal(Reader& r) {
    const std::size_t start = r.pos;
    const std::string_view w = r.word();
    if (w != "st" && w != "nd" && w != "rd" && w != "th") {
        r.pos = start;
    }
}

// 20/11, 20/11/2026, 20.11.2026 (or month first), and 20 nov, 20th november 2026.
Parsed<std::int64_t> read_numeric_day(Reader& r, const DayContext& c) {
    const std::size_t start = r.pos;
    const int first = *r.digits(1, 2);
    const char sep = r.peek();
    if ((sep == '/' || sep == '.') && r.pos + 1 < r.s.size() && is_digit(r.s[r.pos + 1])) {
        ++r.pos;
        const int second = *r.digits(1, 2);
        int year = 0;
        if (r.eat(sep)) {
            auto y = r.digits(4, 4);
            if (!y || is_digit(r.peek())) {
                return r.fail("expected a four-digit year");
            }
            year = *y;
        }
        const bool day_first = c.order == DateOrder::DayFirst;
        const int month = day_first ? second : first;
        const int day = day_first ? first : second;
        if (!valid_date(year == 0 ? 2000 : year, month, day) &&
            valid_date(year == 0 ? 2000 : year, day, month)) {
            // The other order would read: say which order is in force, and where it is set.
            return r.fail_at(start, fmt::format("{} is not a date: numeric dates are {} first "
                                                "here (see ESCALATE_DATE_ORDER)",
                                                r.since(start), day_first ? "day" : "month"));
        }
        return resolve_date(r, start, year, month, day, c);
    }
    skip_ordinal(r);
    r.skip_spaces();
    const auto month = month_of(r.word());
    if (!month) {
        return r.fail_at(start, fmt::format("cannot read \"{}\" as a time", r.s),
                         ParseFailure::Unrecognised);
    }
    return resolve_date(r, start, read_year(r), *month, first, c);
}

} // namespace

Parsed<std::int64_t> read_day(Reader& r, const DayContext& c) {
    const std::size_t start = r.pos;
    if (is_digit(r.peek())) {
        return read_numeric_day(r, c);
    }
    const std::string_view w = r.word();
    if (w == "today") {
        return today(c);
    }
    if (w == "yesterday") {
        return today(c) - 1;
    }
    if (w == "tomorrow") {
        return today(c) + 1;
    }
    if (auto weekday = weekday_of(w)) {
        return leaning_weekday(*weekday, c);
    }
    if (w == "last" || w == "next") {
        r.skip_spaces();
        const std::size_t weekday_at = r.pos;
        const auto weekday = weekday_of(r.word());
        if (!weekday) {
            return r.fail_at(weekday_at, fmt::format("expected a weekday after \"{}\", as in "
                                                     "\"{} fri\"",
                                                     w, w));
        }
        return weekday_beside(*weekday, w == "last" ? -1 : 1, c);
    }
    if (auto month = month_of(w)) {
        r.skip_spaces();
        auto day = r.digits(1, 2);
        if (!day) {
            return r.fail(
                fmt::format("expected a day of the month after \"{}\", as in \"{} 20\"", w, w));
        }
        skip_ordinal(r);
        return resolve_date(r, start, read_year(r), *month, *day, c);
    }
    return r.fail_at(start, fmt::format("cannot read \"{}\" as a time", r.s),
                     ParseFailure::Unrecognised);
}

} // namespace escalate::time_detail

namespace escalate {

Parsed<DateOrder> date_order_from(std::string_view setting, std::string_view locale) {
    const std::string chosen = time_detail::lower_ascii(setting);
    if (chosen == "dmy") {
        return DateOrder::DayFirst;
    }
    if (chosen == "mdy") {
        return DateOrder::MonthFirst;
    }
    if (!chosen.empty()) {
        return ParseError{fmt::format("ESCALATE_DATE_ORDER is \"{}\": give dmy (20/11/2026) or "
                                      "mdy (11/20/2026)",
                                      setting)};
    }
    // language_TERRITORY.codeset@modifier: the territory decides.
    const std::size_t underscore = locale.find('_');
    if (underscore == std::string_view::npos) {
        return DateOrder::DayFirst; // C, POSIX, C.UTF-8: no country
    }
    std::string_view territory = locale.substr(underscore + 1);
    territory = territory.substr(0, territory.find_first_of(".@"));
    // The United States and its territories, and the Philippines, write the month first.
    static constexpr std::array<std::string_view, 8> month_first{"US", "AS", "GU", "MP",
                                                                 "PR", "UM", "VI", "PH"};
    for (const auto country : month_first) {
        if (territory == country) {
            return DateOrder::MonthFirst;
        }
    }
    return DateOrder::DayFirst;
}

Parsed<DateOrder> local_date_order() {
    auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return v != nullptr ? std::string_view(v) : std::string_view();
    };
    std::string_view locale;
    for (const char* name : {"LC_ALL", "LC_TIME", "LANG"}) {
        locale = env(name);
        if (!locale.empty()) {
            break;
        }
    }
    return date_order_from(env("ESCALATE_DATE_ORDER"), locale);
}

} // namespace escalate
