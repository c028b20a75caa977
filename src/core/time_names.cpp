// Day and month names from the locale the environment names for LC_TIME (LC_ALL, LC_TIME, LANG),
// read once per process through newlocale and nl_langinfo_l: escalate never calls setlocale,
// so nothing else (number formatting, fmt, SQLite) changes with the user's locale.
#include "time_names.hpp"

#include <array>
#include <cstdlib>
#include <langinfo.h>
#include <locale.h>
#include <string>

#include "escalate/time.hpp"

namespace escalate {
namespace {

constexpr std::array<std::string_view, 7> english_days{"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> english_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The locale the C library would use for LC_TIME, as named by the environment.
std::string named_locale() {
    for (const char* variable : {"LC_ALL", "LC_TIME", "LANG"}) {
        if (const char* value = std::getenv(variable); value != nullptr && *value != '\0') {
            return value;
        }
    }
    return "";
}

bool is_english(std::string_view name) {
    return name.empty() || name == "C" || name == "POSIX" || name.starts_with("C.") ||
           name.starts_with("en_") || name == "en";
}

struct Names {
    std::string locale; // "" for English
    std::array<std::string, 7> days;
    std::array<std::string, 12> months;
};

Names load_names() {
    Names n;
    for (std::size_t i = 0; i < 7; ++i) {
        n.days[i] = english_days[i];
    }
    for (std::size_t i = 0; i < 12; ++i) {
        n.months[i] = english_months[i];
    }
    const std::string name = named_locale();
    if (is_english(name)) {
        return n;
    }
    const locale_t loc = newlocale(LC_TIME_MASK, "", static_cast<locale_t>(nullptr));
    if (loc == static_cast<locale_t>(nullptr)) {
        return n; // no such locale installed: English, as every other program falls back to C
    }
    static constexpr std::array<nl_item, 7> day_items{ABDAY_1, ABDAY_2, ABDAY_3, ABDAY_4,
                                                      ABDAY_5, ABDAY_6, ABDAY_7};
    static constexpr std::array<nl_item, 12> month_items{ABMON_1, ABMON_2,  ABMON_3,  ABMON_4,
                                                         ABMON_5, ABMON_6,  ABMON_7,  ABMON_8,
                                                         ABMON_9, ABMON_10, ABMON_11, ABMON_12};
    for (std::size_t i = 0; i < 7; ++i) {
        if (const char* s = nl_langinfo_l(day_items[i], loc); s != nullptr && *s != '\0') {
            n.days[i] = s;
        }
    }
    for (std::size_t i = 0; i < 12; ++i) {
        if (const char* s = nl_langinfo_l(month_items[i], loc); s != nullptr && *s != '\0') {
            n.months[i] = s;
        }
    }
    freelocale(loc);
    n.locale = name;
    return n;
}

const Names& names() {
    static const Names loaded = load_names();
    return loaded;
}

} // namespace

std::string date_locale() {
    return names().locale;
}

namespace time_detail {

std::string_view weekday_abbr(int tm_wday) {
    return names().days.at(static_cast<std::size_t>(tm_wday));
}

std::string_view month_abbr(int tm_mon) {
    return names().months.at(static_cast<std::size_t>(tm_mon));
}

} // namespace time_detail
} // namespace escalate
