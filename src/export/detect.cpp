// The pattern detectors: one RE2 pattern or more per category, each scanned once over the text
// (RE2 runs in time linear in the text, whatever the input), plus phone numbers: every
// number-like run is offered to libphonenumber's matcher on its own, because the matcher run
// over a whole note takes time quadratic in its length.
#include "detect.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <re2/re2.h>

#include "escalate/errors.hpp"
#include "modules/modules.hpp"

namespace escalate::export_detail {

namespace {

constexpr std::size_t keep_last = 2;     // a masked number keeps its last 2 characters
constexpr std::size_t phone_digits = 7;  // a separated number this long is a phone number
constexpr std::size_t long_run = 5;      // a run of this many digits is an account number
constexpr std::size_t phone_window = 64; // longer runs are not offered to libphonenumber

enum class Mask {
    KeepLast,   // every letter and digit but the last 2 as "•": references, accounts, cards
    Label,      // "[postcode]"
    Initials,   // a name: the first word kept, the others as initials
    AllInitial, // a surname after a title: "O'Brien" -> "O."
};

// A person's name: capitalised words, apostrophes and hyphens inside ("O'Brien", "Lloyd-Webber").
#define NAME_WORD R"(\p{Lu}[\p{L}'’\-]*\p{L})"
#define MONTH R"((?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"

struct Spec {
    const char* pattern;
    std::string_view category;
    Mask mask;
    std::string_view label = {};
    int group = 1; // the group masked; the whole match when the pattern has none
    enum Check { None, Luhn, Iban, NotDate, Names, Reference } check = None;
};

// In priority order: where two findings cover the same text, the earlier one is kept.
const Spec specs[] = {
    {R"((?i:e-?mail(?: address)?:? )?([\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}))",
     "email", Mask::Label, "[email]"},
    {R"(([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}))", "iban", Mask::KeepLast, {}, 1, Spec::Iban},
    {R"(((?:\d[ \-]?){12,18}\d))", "card", Mask::KeepLast, {}, 1, Spec::Luhn},
    {R"((?i:exp(?:iry|ires|iration|\.)?(?: date)?|valid (?:thru|through|until)|expiring)\s*(?:is|:|-)?\s*(\d{1,2} ?/ ?\d{2,4}))",
     "card expiry", Mask::Label, "[expiry]"},
    {R"((?:\d[ \-]?){12,18}\d[^\d\n]{1,14}?(\d{2}/\d{2}(?:\d{2})?))", "card expiry", Mask::Label,
     "[expiry]"},
    {R"((?i:cvv2?|cvc2?|csc|cv2|security (?:code|number|digits)|card verification (?:code|value|number))\s*(?:is|was|:|=|#|no\.?)?\s*(\d{3,4}))",
     "security code", Mask::Label, "[security code]"},
    {R"((?i:sort[ \-]?code)\s*(?:is|:|-)?\s*(\d{2}[\- ]?\d{2}[\- ]?\d{2}))", "sort code",
     Mask::Label, "[sort code]"},
    {R"((\d{2}-\d{2}-\d{2}))", "sort code", Mask::Label, "[sort code]", 1, Spec::NotDate},
    {R"((?i:account|acct|a/c)(?: (?i:number|no\.?|num))?\s*(?:is|:|#)?\s*(\d[\d \-]{4,}\d))",
     "account", Mask::KeepLast},
    {R"((?i:ref(?:erence)?|order|ticket|case|booking|claim|invoice|complaint|customer|membership|tracking|confirmation)(?: (?i:number|no\.?|id|ref(?:erence)?))?\s*(?:is|:|#)?\s*([A-Z0-9][A-Z0-9\-/]{3,}))",
     "reference",
     Mask::KeepLast,
     {},
     1,
     Spec::Reference},
    {R"((?i:national insurance(?: number| no\.?)?|ni number|nino|social security(?: number| no\.?)?|ssn|passport(?: number| no\.?)?|driving licen[cs]e(?: number)?|driver'?s licen[cs]e(?: number)?|dni|nie|nif|tax id)\s*(?:is|:|#|no\.?)?\s*([A-Z0-9][A-Z0-9 \-]{4,}[A-Z0-9]))",
     "id number", Mask::Label, "[id number]"},
    {R"(((?i:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?(?i:[A-D])))", "id number",
     Mask::Label, "[id number]"},
    {R"((\d{3}-\d{2}-\d{4}))", "id number", Mask::Label, "[id number]"},
    {R"((\d{8}-?[A-HJ-NP-TV-Z]|[XYZ]-?\d{7}-?[A-Z]))", "id number", Mask::Label, "[id number]"},
    {R"(([A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]))", "id number", Mask::Label, "[id number]"},
    {R"(([12] ?\d{2} ?(?:0[1-9]|1[0-2]) ?\d{2} ?\d{3} ?\d{3}(?: ?\d{2})?))", "id number",
     Mask::Label, "[id number]"},
    {R"((?i:date of birth|d\.o\.b\.?|dob|born(?: on)?|birth ?date|birthday(?: is)?)\s*(?:is|was|:|-|=)?\s*(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)? )" MONTH
     R"(,? \d{4}|)" MONTH R"( \d{1,2}(?:st|nd|rd|th)?,? \d{4}))",
     "date of birth", Mask::Label, "[date of birth]"},
    {R"(((?:(?:Flat|Apt|Apartment|Unit|Suite) \d+[A-Za-z]?,? )?\d{1,5}[A-Za-z]?,? (?:\p{Lu}[\p{L}'’\-]*\.? ){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Place|Pl|Crescent|Cres|Terrace|Boulevard|Blvd|Gardens|Gdns|Grove|Square|Sq|Row|Mews|Parade|Walk|Hill|Park|Rise|View|Highway|Hwy|Parkway|Pkwy)\.?))",
     "address", Mask::Label, "[address]"},
    {R"(((?i:calle|c/|avenida|avda\.?|plaza|paseo|carrer|rua|via|viale|piazza|corso) (?:(?i:de|del|de la|de los|de las|di|della|do|da) )?\p{Lu}[\p{L}'’\-]*(?: \p{Lu}[\p{L}'’\-]*){0,3},? (?:n\.?º ?)?\d{1,4}[A-Za-z]?))",
     "address", Mask::Label, "[address]"},
    {R"((\d{1,4}(?:bis|ter)?,? (?i:rue|avenue|boulevard|bd|place|allée|chemin|impasse|quai) (?:(?i:de la|de l'|du|des|de|d')\s?)?\p{Lu}[\p{L}'’\-]*(?: \p{Lu}[\p{L}'’\-]*){0,3}))",
     "address", Mask::Label, "[address]"},
    {R"((\p{Lu}\p{L}*(?:straße|strasse|weg|platz|allee|gasse|ring|damm) \d{1,4}[a-z]?))", "address",
     Mask::Label, "[address]"},
    {R"(((?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?[0-9][ABD-HJLNP-UW-Z]{2}))",
     "postcode", Mask::Label, "[postcode]"},
    {R"((?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]),? (\d{5}(?:-\d{4})?))",
     "postcode", Mask::Label, "[postcode]"},
    {R"(([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d))", "postcode", Mask::Label,
     "[postcode]"},
    {R"((?i:post ?code|zip(?: code)?|postal code|plz)\s*(?:is|:)?\s*([A-Z0-9][A-Z0-9 \-]{2,8}[A-Z0-9]))",
     "postcode", Mask::Label, "[postcode]"},
    {R"((\d{5}) \p{Lu}\p{Ll}+)", "postcode", Mask::Label, "[postcode]"},
    {R"((?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|Señor|Señora)\.? ()" NAME_WORD
     R"((?: )" NAME_WORD R"(){0,2}))",
     "name",
     Mask::AllInitial,
     {},
     1,
     Spec::Names},
    {R"((?i:spoke (?:to|with)|speaking (?:to|with)|talked (?:to|with)|chatted (?:to|with)|agent|adviser|advisor|operator|representative|manager|supervisor|named|my name is|name is|name's|asked for|ask for|transferred (?:me )?to|put (?:me )?through to|passed (?:me )?to|signed by|regards,?|from) ()" NAME_WORD
     R"((?: )" NAME_WORD R"(){1,2}))",
     "name",
     Mask::Initials,
     {},
     1,
     Spec::Names},
};

#undef NAME_WORD
#undef MONTH

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Luhn's checksum over the digits: what makes a 13 to 19 digit number a payment card.
bool luhn(std::string_view s) {
    int sum = 0;
    int n = 0;
    for (auto it = s.rbegin(); it != s.rend(); ++it) {
        if (!is_digit(*it)) {
            continue;
        }
        int d = *it - '0';
        if (n++ % 2 == 1) {
            d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        }
        sum += d;
    }
    return n >= 13 && sum % 10 == 0;
}

// ISO 13616's mod-97 check, or at least 8 digits: an account identifier either way.
bool iban(std::string_view s) {
    std::string compact;
    for (char c : s) {
        if (c != ' ') {
            compact += c;
        }
    }
    if (compact.size() < 15) {
        return false;
    }
    const std::string moved = compact.substr(4) + compact.substr(0, 4);
    int rest = 0;
    int digits = 0;
    for (char c : moved) {
        const int v = is_digit(c) ? c - '0' : c - 'A' + 10;
        digits += is_digit(c) ? 1 : 0;
        rest = (v >= 10 ? rest * 100 : rest * 10) + v;
        rest %= 97;
    }
    return rest == 1 || digits >= 8;
}

// 20-11-26 as a day, month and year: a date, not a sort code.
bool date_like(std::string_view s) {
    std::array<int, 3> parts{};
    std::size_t i = 0;
    for (char c : s) {
        if (is_digit(c)) {
            parts[i] = parts[i] * 10 + (c - '0');
        } else if (++i >= parts.size()) {
            return false;
        }
    }
    return parts[0] >= 1 && parts[0] <= 31 && parts[1] >= 1 && parts[1] <= 12;
}

// YYYY-MM-DD, DD/MM/YYYY, DD.MM.YY and the like.
bool looks_like_date(std::string_view run) {
    std::vector<std::size_t> groups;
    std::size_t n = 0;
    char sep = 0;
    for (char c : run) {
        if (is_digit(c)) {
            ++n;
            continue;
        }
        if ((sep != 0 && c != sep) || c == ' ') {
            return false;
        }
        sep = c;
        groups.push_back(n);
        n = 0;
    }
    groups.push_back(n);
    return groups.size() == 3 &&
           ((groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) ||
            (groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2)));
}

// "£12345", "USD 25000", "12345 EUR": money stays readable.
bool money_around(std::string_view s, std::size_t begin, std::size_t end) {
    std::string_view before = s.substr(0, begin);
    while (!before.empty() && before.back() == ' ') {
        before.remove_suffix(1);
    }
    for (std::string_view sign : {"£", "$", "€", "¥", "GBP", "USD", "EUR", "CAD", "AUD"}) {
        if (before.ends_with(sign)) {
            return true;
        }
    }
    std::string_view after = s.substr(end);
    while (!after.empty() && after.front() == ' ') {
        after.remove_prefix(1);
    }
    for (std::string_view unit : {"GBP", "USD", "EUR", "pounds", "dollars", "euros", "p ", "p."}) {
        if (after.starts_with(unit)) {
            return true;
        }
    }
    return false;
}

// Every letter and digit but the last keep_last as "•"; other characters kept.
std::string keep_last_masked(std::string_view s, bool digits_only) {
    std::size_t total = 0;
    for (char c : s) {
        total +=
            (is_digit(c) || (!digits_only && std::isalpha(static_cast<unsigned char>(c)))) ? 1 : 0;
    }
    std::string out;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(s[i])), s.size() - i);
        const char c = s[i];
        const bool masked =
            is_digit(c) || (!digits_only && std::isalpha(static_cast<unsigned char>(c)));
        if (masked && ++seen + keep_last <= total) {
            out += "\xE2\x80\xA2"; // •
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::string replacement(const Spec& spec, std::string_view found) {
    switch (spec.mask) {
    case Mask::KeepLast:
        return keep_last_masked(found, false);
    case Mask::Label:
        return std::string(spec.label);
    case Mask::Initials:
        return initials(found, true);
    case Mask::AllInitial:
        return initials(found, found.find(' ') != std::string_view::npos);
    }
    return std::string(found);
}

} // namespace

struct Detectors::Pattern {
    const Spec* spec;
    RE2 re;
    Pattern(const Spec& s, const RE2::Options& options) : spec(&s), re(s.pattern, options) {}
};

Detectors::Detectors(std::string region) : region_(std::move(region)) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(8 << 20);
    for (const auto& spec : specs) {
        auto p = std::make_unique<Pattern>(spec, options);
        if (!p->re.ok()) {
            throw std::logic_error("redaction pattern for " + std::string(spec.category) +
                                   " does not compile: " + p->re.error());
        }
        patterns_.push_back(std::move(p));
    }
}

Detectors::~Detectors() = default;

namespace {

// Phone numbers and long numbers: every number-like run ("+44 (0)800 555-0100") is either a
// phone number libphonenumber accepts for the region, a run of 7 or more digits that is not a
// date, or holds 5 or more digits in a row; money and dates stay.
void find_numbers(std::string_view s, const std::string& region, std::vector<Finding>& out) {
    static const RE2 run(R"((?:\+|\()?\d(?:[ .()\-/]{1,2}\d|\d)*)");
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < s.size() && run.Match(input, pos, s.size(), RE2::UNANCHORED, &m, 1)) {
        const std::size_t begin = static_cast<std::size_t>(m.data() - s.data());
        const std::size_t end = begin + m.size();
        pos = end;
        const std::string_view text = s.substr(begin, end - begin);
        std::size_t digits = 0;
        std::size_t longest = 0;
        std::size_t current = 0;
        for (char c : text) {
            current = is_digit(c) ? current + 1 : 0;
            digits += is_digit(c) ? 1 : 0;
            longest = std::max(longest, current);
        }
        if (money_around(s, begin, end) || looks_like_date(text) ||
            (digits < phone_digits && longest < long_run)) {
            continue;
        }
        if (text.size() <= phone_window && digits >= phone_digits) {
            std::size_t start = 0;
            std::size_t length = 0;
            const int found =
                modules::phone().find(text.data(), text.size(), region.c_str(), &start, &length);
            if (found < 0) {
                throw Error("libphonenumber failed on a number while redacting");
            }
            if (found == 1) {
                const std::size_t b = begin + start;
                const std::size_t e = b + length;
                out.push_back({b, e, "phone", keep_last_masked(s.substr(b, e - b), true)});
                continue;
            }
        }
        out.push_back({begin, end, "number", keep_last_masked(text, true)});
    }
}

} // namespace

void Detectors::find(std::string_view s, std::vector<Finding>& out) const {
    re2::StringPiece input(s.data(), s.size());
    std::array<re2::StringPiece, 2> groups;
    for (const auto& p : patterns_) {
        const Spec& spec = *p->spec;
        const int n = std::min(p->re.NumberOfCapturingGroups() + 1, 2);
        std::size_t pos = 0;
        while (pos < s.size() &&
               p->re.Match(input, pos, s.size(), RE2::UNANCHORED, groups.data(), n)) {
            const std::size_t start = static_cast<std::size_t>(groups[0].data() - s.data());
            const std::size_t stop = start + groups[0].size();
            pos = stop > pos ? stop : pos + utf8_length(static_cast<unsigned char>(s[pos]));
            const re2::StringPiece g = n > 1 ? groups[1] : groups[0];
            if (g.data() == nullptr || g.empty()) {
                continue;
            }
            const std::size_t b = static_cast<std::size_t>(g.data() - s.data());
            const std::size_t e = b + g.size();
            const std::string_view found = s.substr(b, e - b);
            // Whole words only: a mask never cuts into an ordinary word.
            if (word_char_before(s, start) || word_char_at(s, e) ||
                (s[e - 1] != '.' && e < s.size() && s[e] == '.' && word_char_at(s, e + 1))) {
                continue;
            }
            bool valid = true;
            switch (spec.check) {
            case Spec::None:
                break;
            case Spec::Luhn:
                valid = luhn(found);
                break;
            case Spec::Iban:
                valid = iban(found);
                break;
            case Spec::NotDate:
                valid = !date_like(found);
                break;
            case Spec::Reference:
                valid =
                    std::any_of(found.begin(), found.end(), is_digit) && !looks_like_date(found);
                break;
            case Spec::Names: {
                std::size_t i = 0;
                while (valid && i < found.size()) {
                    const std::size_t space = std::min(found.find(' ', i), found.size());
                    valid = !not_a_name(found.substr(i, space - i));
                    i = space + 1;
                }
                break;
            }
            }
            if (valid) {
                out.push_back({b, e, spec.category, replacement(spec, found)});
            }
        }
    }
    find_numbers(s, region_, out);
}

} // namespace escalate::export_detail
