#include "escalate/redact.hpp"

#include <algorithm>
#include <cctype>

namespace escalate {

namespace {

constexpr std::string_view mask = "\xE2\x80\xA2"; // •
constexpr std::string_view email_mask = "[email]";
constexpr std::size_t keep_digits = 2;  // the last 2 digits of a masked number stay
constexpr std::size_t long_run = 5;     // a run of this many digits is an account number
constexpr std::size_t phone_digits = 7; // a separated number with this many digits is a phone

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool local_char(char c) {
    return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool domain_char(char c) {
    return alnum(c) || c == '.' || c == '-';
}
bool separator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

// YYYY-MM-DD, YYYY.MM.DD, DD/MM/YYYY and the like: a date, not a phone number.
bool looks_like_date(std::string_view run) {
    std::vector<std::size_t> groups;
    std::size_t n = 0;
    char sep = 0;
    for (char c : run) {
        if (digit(c)) {
            ++n;
        } else {
            if (sep != 0 && c != sep) {
                return false;
            }
            sep = c;
            groups.push_back(n);
            n = 0;
        }
    }
    groups.push_back(n);
    if (groups.size() != 3 || sep == ' ') {
        return false;
    }
    return (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) ||
           (groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2));
}

// Masks every digit of a number-like run but the last keep_digits, when it is a phone
// number (7 or more digits) or holds a run of 5 or more digits in a row.
void emit_number(std::string_view run, std::string& out) {
    std::size_t digits = 0;
    std::size_t longest = 0;
    std::size_t current = 0;
    for (char c : run) {
        if (digit(c)) {
            ++digits;
            longest = std::max(longest, ++current);
        } else {
            current = 0;
        }
    }
    const bool phone = digits >= phone_digits && !looks_like_date(run);
    if (!phone && longest < long_run) {
        out += run;
        return;
    }
    std::size_t seen = 0;
    for (char c : run) {
        if (digit(c)) {
            ++seen;
            if (seen + keep_digits <= digits) {
                out += mask;
                continue;
            }
        }
        out += c;
    }
}

} // namespace

std::string mask_numbers_and_emails(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    // Where the run of characters that could be an email's local part began, in `out`.
    std::size_t local_start_out = 0;
    std::size_t local_len = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '@' && local_len > 0) {
            // Domain: letters, digits, dots and hyphens, with a dot inside.
            std::size_t j = i + 1;
            bool dot = false;
            while (j < s.size() && domain_char(s[j])) {
                dot = dot || (s[j] == '.' && j + 1 < s.size() && domain_char(s[j + 1]));
                ++j;
            }
            while (j > i + 1 && (s[j - 1] == '.' || s[j - 1] == '-')) {
                --j; // a sentence's full stop is not part of the domain
            }
            if (dot && j > i + 1) {
                out.resize(local_start_out);
                out += email_mask;
                i = j;
                local_len = 0;
                continue;
            }
        }
        const bool starts_number =
            digit(c) || ((c == '+' || c == '(') && i + 1 < s.size() && digit(s[i + 1]));
        if (starts_number) {
            // A number-like run: digits joined by single separators ("+44 (0)800 555-0100").
            std::size_t j = i + 1;
            while (j < s.size()) {
                if (digit(s[j])) {
                    ++j;
                } else if (separator(s[j]) && j + 1 < s.size() &&
                           (digit(s[j + 1]) || (separator(s[j + 1]) && s[j + 1] != s[j] &&
                                                j + 2 < s.size() && digit(s[j + 2])))) {
                    ++j;
                } else {
                    break;
                }
            }
            const std::string_view run = s.substr(i, j - i);
            // It may also be (part of) an email's local part: "jo99@example.com".
            const bool local = std::all_of(run.begin(), run.end(), local_char);
            if (local_len == 0 || !local) {
                local_start_out = out.size();
                local_len = 0;
            }
            emit_number(run, out);
            local_len = local ? local_len + run.size() : 0;
            i = j;
            continue;
        }
        if (local_char(c)) {
            if (local_len == 0) {
                local_start_out = out.size();
            }
            ++local_len;
        } else {
            local_len = 0;
        }
        out += c;
        ++i;
    }
    return out;
}

Redactor::Redactor(const CaseFile& file) {
    for (const auto& c : file.contacts) {
        if (c.ref && !c.ref->empty() &&
            std::find(refs_.begin(), refs_.end(), *c.ref) == refs_.end()) {
            refs_.push_back(*c.ref);
        }
        if (c.agent) {
            const auto space = c.agent->rfind(' ');
            if (space != std::string::npos && space + 1 < c.agent->size()) {
                const std::string surname = c.agent->substr(space + 1);
                const bool initial = surname.size() <= 2 && surname.back() == '.';
                if (!initial && surname.size() > 1) {
                    surnames_.emplace_back(surname, surname.substr(0, 1) + ".");
                }
            }
        }
    }
    // Longer first, so that a reference containing another is masked whole.
    std::sort(refs_.begin(), refs_.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redactor::ref(std::string_view r) const {
    std::string out;
    std::size_t kept = std::min<std::size_t>(keep_digits, r.size());
    for (std::size_t i = 0; i + kept < r.size(); ++i) {
        out += mask;
    }
    out += r.substr(r.size() - kept);
    return out;
}

std::string Redactor::agent(std::string_view name) const {
    const auto space = name.rfind(' ');
    if (space == std::string_view::npos || space + 1 >= name.size()) {
        return mask_numbers_and_emails(name);
    }
    const std::string_view surname = name.substr(space + 1);
    if (surname.size() <= 2 && surname.back() == '.') {
        return mask_numbers_and_emails(name);
    }
    return mask_numbers_and_emails(std::string(name.substr(0, space + 1)) +
                                   std::string(surname.substr(0, 1)) + ".");
}

std::string Redactor::text(std::string_view s) const {
    std::string work(s);
    for (const auto& r : refs_) {
        const std::string masked = ref(r);
        for (std::size_t at = work.find(r); at != std::string::npos;
             at = work.find(r, at + masked.size())) {
            work.replace(at, r.size(), masked);
        }
    }
    for (const auto& [surname, initial] : surnames_) {
        for (std::size_t at = work.find(surname); at != std::string::npos;
             at = work.find(surname, at + initial.size())) {
            const bool word_start = at == 0 || !alnum(work[at - 1]);
            const bool word_end =
                at + surname.size() >= work.size() || !alnum(work[at + surname.size()]);
            if (word_start && word_end) {
                work.replace(at, surname.size(), initial);
            } else {
                at += 1;
            }
        }
    }
    return mask_numbers_and_emails(work);
}

} // namespace escalate
