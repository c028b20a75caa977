#include "escalate/model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <fmt/format.h>

namespace escalate {
namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
    for (const auto& [value, name] : table) {
        if (name == s) {
            return value;
        }
    }
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
    for (const auto& [value, name] : table) {
        if (value == v) {
            return name;
        }
    }
    return "?";
}

constexpr std::array<std::pair<CaseStatus, std::string_view>, 3> case_statuses{{
    {CaseStatus::Open, "open"},
    {CaseStatus::Resolved, "resolved"},
    {CaseStatus::Abandoned, "abandoned"},
}};
constexpr std::array<std::pair<Direction, std::string_view>, 2> directions{{
    {Direction::Out, "out"},
    {Direction::In, "in"},
}};
constexpr std::array<std::pair<PromiseStatus, std::string_view>, 3> promise_statuses{{
    {PromiseStatus::Pending, "pending"},
    {PromiseStatus::Kept, "kept"},
    {PromiseStatus::Broken, "broken"},
}};
constexpr std::array<std::pair<Outcome, std::string_view>, 14> outcomes{{
    {Outcome::NoAnswer, "no-answer"},
    {Outcome::HungUp, "hung-up"},
    {Outcome::StockReply, "stock-reply"},
    {Outcome::Transferred, "transferred"},
    {Outcome::Refused, "refused"},
    {Outcome::Promised, "promised"},
    {Outcome::Escalated, "escalated"},
    {Outcome::Partial, "partial"},
    {Outcome::Resolved, "resolved"},
    {Outcome::Info, "info"},
    {Outcome::Notice, "notice"},
    {Outcome::Asked, "asked"},
    {Outcome::Final, "final"},
    {Outcome::Denied, "denied"},
}};
constexpr std::array<std::pair<PaidBy, std::string_view>, 4> payments{{
    {PaidBy::Card, "card"},
    {PaidBy::Debit, "debit"},
    {PaidBy::Cash, "cash"},
    {PaidBy::Other, "other"},
}};

} // namespace

std::string_view to_string(CaseStatus s) {
    return name_of(case_statuses, s);
}
std::string_view to_string(Direction d) {
    return name_of(directions, d);
}
std::string_view to_string(PromiseStatus s) {
    return name_of(promise_statuses, s);
}
std::string_view to_string(Outcome o) {
    return name_of(outcomes, o);
}
std::string_view to_string(PaidBy p) {
    return name_of(payments, p);
}

std::optional<CaseStatus> case_status_from(std::string_view s) {
    return lookup(case_statuses, s);
}
std::optional<Direction> direction_from(std::string_view s) {
    return lookup(directions, s);
}
std::optional<PromiseStatus> promise_status_from(std::string_view s) {
    return lookup(promise_statuses, s);
}
std::optional<Outcome> outcome_from(std::string_view s) {
    return lookup(outcomes, s);
}
std::optional<PaidBy> paid_by_from(std::string_view s) {
    return lookup(payments, s);
}

std::string outcome_names() {
    std::string out;
    for (const auto& [value, name] : outcomes) {
        if (!out.empty()) {
            out += ", ";
        }
        out += name;
    }
    return out;
}

std::string ordinal(long long n) {
    const long long tens = n % 100;
    const char* suffix = "th";
    if (tens < 11 || tens > 13) {
        switch (n % 10) {
        case 1:
            suffix = "st";
            break;
        case 2:
            suffix = "nd";
            break;
        case 3:
            suffix = "rd";
            break;
        default:
            break;
        }
    }
    return fmt::format("{}{}", n, suffix);
}

namespace {

std::optional<std::string> letters(std::string_view s, std::size_t n) {
    if (s.size() != n) {
        return std::nullopt;
    }
    std::string out;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isalpha(u) || u > 127) {
            return std::nullopt;
        }
        out += static_cast<char>(std::toupper(u));
    }
    return out;
}

} // namespace

std::optional<std::string> country_code_from(std::string_view s) {
    return letters(s, 2);
}

std::optional<std::string> currency_code_from(std::string_view s) {
    return letters(s, 3);
}

std::optional<std::string> amount_from(std::string_view s) {
    std::string whole;
    std::string cents;
    bool point = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            (point ? cents : whole) += c;
        } else if (c == ',' && !point && !whole.empty()) {
            continue; // thousands separator
        } else if (c == '.' && !point) {
            point = true;
        } else {
            return std::nullopt;
        }
    }
    if (whole.empty() || whole.size() > 12 || cents.size() > 2 || (point && cents.empty())) {
        return std::nullopt;
    }
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    if (point) {
        cents.resize(2, '0');
        return whole + "." + cents;
    }
    return whole;
}

std::string format_amount(const std::string& amount, const std::optional<std::string>& currency) {
    const auto point = amount.find('.');
    const std::string whole = amount.substr(0, point);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += whole[i];
    }
    if (point != std::string::npos) {
        grouped += amount.substr(point);
    }
    return currency ? grouped + " " + *currency : grouped;
}

std::string outcome_words(Outcome o) {
    switch (o) {
    case Outcome::NoAnswer:
        return "no answer";
    case Outcome::HungUp:
        return "cut off";
    case Outcome::StockReply:
        return "a stock reply";
    case Outcome::Transferred:
        return "transferred";
    case Outcome::Refused:
        return "refused";
    case Outcome::Promised:
        return "a promise";
    case Outcome::Escalated:
        return "passed up internally";
    case Outcome::Partial:
        return "partly fixed";
    case Outcome::Resolved:
        return "resolved";
    case Outcome::Asked:
        return "a request to me";
    case Outcome::Final:
        return "their final response";
    case Outcome::Denied:
        return "a written refusal";
    case Outcome::Info:
    case Outcome::Notice:
        return "";
    }
    return "";
}

} // namespace escalate
