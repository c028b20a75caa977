// Zones and calendars at the edges: local time through the C library (TZ is honoured as
// every other tool honours it), calendar arithmetic through Howard Hinnant's date.
#include "escalate/time.hpp"

#include <array>
#include <ctime>
#include <optional>

#include <date/date.h>
#include <fmt/format.h>

#include "civil.hpp"
#include "time_names.hpp"

namespace escalate {

LocalTime to_local(Timestamp t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return LocalTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min,         tm.tm_sec,     tm.tm_wday};
}

namespace {

std::tm wall_tm(int year, int month, int day, int hour, int minute, int second, int isdst) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    tm.tm_isdst = isdst;
    return tm;
}

long utc_offset(Timestamp t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return tm.tm_gmtoff;
}

// Every instant showing this wall-clock time, the earliest: nothing in a gap. Solved with
// localtime_r alone, not mktime: with TZ unset, glibc's mktime stats /etc/localtime on every call
// (it calls tzset), while localtime_r reads the zone once. An instant t showing wall time w has
// w - t as its offset, and that offset is in force within a day of w: the offsets a day either
// side and at w itself, and those at w less each of them, are every candidate.
std::optional<Timestamp> exact_local(int year, int month, int day, int hour, int minute,
                                     int second) {
    const Timestamp w =
        days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    std::array<long, 6> offsets{utc_offset(w - 86400), utc_offset(w), utc_offset(w + 86400)};
    for (std::size_t i = 0; i < 3; ++i) {
        offsets.at(i + 3) = utc_offset(w - offsets.at(i));
    }
    std::optional<Timestamp> best;
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const Timestamp t = w - offsets.at(i);
        if (best && t >= *best) {
            continue;
        }
        const LocalTime back = to_local(t);
        if (back.year == year && back.month == month && back.day == day && back.hour == hour &&
            back.minute == minute && back.second == second) {
            best = t;
        }
    }
    return best;
}

} // namespace

Timestamp from_local(int year, int month, int day, int hour, int minute, int second) {
    if (auto t = exact_local(year, month, day, hour, minute, second)) {
        return *t;
    }
    // In a spring-forward gap the C library may land before the gap; the intended wall time
    // does not exist, so take the first instant after the gap at the same offset from midnight.
    std::tm probe = wall_tm(year, month, day, hour, minute, second, -1);
    Timestamp t = std::mktime(&probe);
    std::tm later = wall_tm(year, month, day, hour, minute, second, 1);
    const Timestamp alt = std::mktime(&later);
    return alt > t ? alt : t;
}

Parsed<Timestamp> from_local_exact(int year, int month, int day, int hour, int minute, int second) {
    if (auto t = exact_local(year, month, day, hour, minute, second)) {
        return *t;
    }
    const std::string wall =
        second == 0 ? fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", year, month, day, hour, minute)
                    : fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", year, month, day, hour,
                                  minute, second);
    // The gap: the offset a day either side, and the instant it changed (a binary search).
    const Timestamp w =
        days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    Timestamp lo = w - 86400;
    Timestamp hi = w + 86400;
    const long before = utc_offset(lo);
    const long after = utc_offset(hi);
    if (after <= before) {
        return ParseError{fmt::format("{} does not exist in {}", wall, local_zone_name()), 1,
                          ParseFailure::NoInstant};
    }
    while (hi - lo > 1) {
        const Timestamp mid = lo + (hi - lo) / 2;
        (utc_offset(mid) == after ? hi : lo) = mid;
    }
    auto clock = [](Timestamp wall_s) {
        const Seconds in_day = ((wall_s % 86400) + 86400) % 86400;
        return fmt::format("{:02}:{:02}", in_day / 3600, in_day % 3600 / 60);
    };
    return ParseError{fmt::format("{} does not exist in {}: the clocks went from {} to {}", wall,
                                  local_zone_name(), clock(hi + before), clock(hi + after)),
                      1, ParseFailure::NoInstant};
}

std::int64_t case_day(Timestamp opened_at, Timestamp at) {
    return local_day_number(at) - local_day_number(opened_at) + 1;
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

std::string format_local(Timestamp t, TimeStyle style) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    const auto day = time_detail::weekday_abbr(tm.tm_wday);
    const auto month = time_detail::month_abbr(tm.tm_mon);
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
        std::string out(1, '-');
        out += format_duration(-s);
        return out;
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
