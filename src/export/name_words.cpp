// Words in a note as redaction sees them: what a word is made of (any script), a name's
// initials, and the capitalised words that start a phrase but are not a person's name.
#include <algorithm>
#include <iterator>

#include <utf8proc.h>

#include "detect.hpp"

namespace escalate::export_detail {

std::size_t utf8_length(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

namespace {

bool word_code_point(utf8proc_int32_t cp) {
    if (cp == '_') {
        return true;
    }
    const auto cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

utf8proc_int32_t code_point_at(std::string_view s, std::size_t at) {
    utf8proc_int32_t cp = -1;
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + at),
                     static_cast<utf8proc_ssize_t>(s.size() - at), &cp);
    return cp;
}

} // namespace

bool word_char_before(std::string_view s, std::size_t at) {
    if (at == 0) {
        return false;
    }
    std::size_t b = at - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) {
        --b;
    }
    return word_code_point(code_point_at(s, b));
}

bool word_char_at(std::string_view s, std::size_t at) {
    return at < s.size() && word_code_point(code_point_at(s, at));
}

std::string initials(std::string_view words, bool keep_first) {
    std::string out;
    bool first = true;
    std::size_t i = 0;
    while (i < words.size()) {
        const std::size_t space = std::min(words.find(' ', i), words.size());
        const std::string_view word = words.substr(i, space - i);
        if (!word.empty()) {
            out += out.empty() ? "" : " ";
            if (first && keep_first) {
                out += word;
            } else {
                out += word.substr(0, utf8_length(static_cast<unsigned char>(word[0])));
                out += '.';
            }
            first = false;
        }
        i = space + 1;
    }
    return out;
}

bool not_a_name(std::string_view word) {
    static constexpr std::string_view words[] = {
        "January",        "February",  "March",     "April",      "May",
        "June",           "July",      "August",    "September",  "October",
        "November",       "December",  "Monday",    "Tuesday",    "Wednesday",
        "Thursday",       "Friday",    "Saturday",  "Sunday",     "Customer",
        "Customers",      "Service",   "Services",  "Support",    "Team",
        "Department",     "Dept",      "Office",    "Bank",       "Ltd",
        "Limited",        "Plc",       "Inc",       "LLC",        "Group",
        "Energy",         "Gas",       "Electric",  "Water",      "Power",
        "Airways",        "Airlines",  "Air",       "Telecom",    "Mobile",
        "Broadband",      "Ombudsman", "Billing",   "Complaints", "Complaint",
        "Executive",      "Head",      "The",       "Retentions", "Accounts",
        "Account",        "Sales",     "Care",      "Centre",     "Center",
        "Desk",           "Unit",      "Insurance", "Finance",    "Financial",
        "Card",           "Cards",     "Credit",    "Debit",      "Direct",
        "Online",         "Chat",      "Email",     "Twitter",    "Facebook",
        "Ofcom",          "Ofgem",     "Trading",   "Standards",  "Citizens",
        "Advice",         "Court",     "Council",   "Authority",  "Commission",
        "Bureau",         "Agency",    "Ministry",  "Railways",   "Rail",
        "Trains",         "Hotels",    "Holidays",  "Travel",     "Store",
        "Stores",         "Shop",      "Retail",    "Network",    "Networks",
        "Communications", "Media",     "Virgin",    "British",    "National",
        "Royal",          "Mail",      "Post",      "Street",     "Road",
        "Avenue",         "Lane",      "Manager",   "Supervisor",
    };
    return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

} // namespace escalate::export_detail
