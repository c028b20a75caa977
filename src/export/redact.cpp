// The redaction pipeline: the pattern detectors (detect.cpp), then a word index of the case's
// own references and agents' names and of the person's terms, then the findings merged (the
// earliest, then the longest wins), the person's --unmask terms removed, and the text rebuilt.
// The index makes the cost one hash lookup per word, however many references the case holds.
#include "escalate/redact.hpp"
#include "escalate/text.hpp"

#include <algorithm>
#include <unordered_map>

#include <utf8proc.h>

#include "detect.hpp"

namespace escalate {

using export_detail::Detectors;
using export_detail::initials;
using export_detail::not_a_name;
using export_detail::word_char_at;
using export_detail::word_char_before;

namespace {

constexpr std::size_t keep_last = 2;
constexpr std::size_t max_term_words = 8;

bool joiner(char c) {
    return c == '-' || c == '/' || c == '.' || c == '_' || c == '\'' || c == '#';
}

struct Token {
    std::size_t begin;
    std::size_t end;
};

// Words: runs of letters and digits, with - / . _ ' # inside ("NW-552-118", "O'Brien").
std::vector<Token> tokens(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!word_char_at(s, i)) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        while (i < s.size()) {
            if (word_char_at(s, i)) {
                do {
                    ++i;
                } while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
            } else if (joiner(s[i]) && i + 1 < s.size() && word_char_at(s, i + 1)) {
                ++i;
            } else {
                break;
            }
        }
        out.push_back({begin, i});
    }
    return out;
}

// Case-folded, so that "WHITFIELD" and "whitfield" are one key.
std::string fold(std::string_view s) {
    return case_fold(s);
}

bool upper_initial(std::string_view s, std::size_t at) {
    utf8proc_int32_t cp = -1;
    utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + at),
                     static_cast<utf8proc_ssize_t>(s.size() - at), &cp);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

// At the start of the text or of a sentence: a capital there says nothing about a name.
bool sentence_start(std::string_view s, std::size_t at) {
    while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\n')) {
        --at;
    }
    if (at == 0) {
        return true;
    }
    const char c = s[at - 1];
    return c == '.' || c == '!' || c == '?' || c == '"' || c == '(';
}

// "Ray of hope": a capitalised word at a sentence's start, followed by a word like "of", is an
// ordinary word rather than a surname.
bool ordinary_phrase_after(std::string_view s, std::size_t end) {
    static constexpr std::string_view small[] = {"of", "and", "or", "the", "a",    "an",  "in",
                                                 "on", "at",  "to", "for", "from", "with"};
    if (end >= s.size() || s[end] != ' ') {
        return false;
    }
    const std::string_view rest = s.substr(end + 1);
    const std::size_t stop = std::min(rest.find_first_of(" .,;:!?"), rest.size());
    return std::find(std::begin(small), std::end(small), rest.substr(0, stop)) != std::end(small);
}

// A person's name: two or more words, each capitalised, none a word like "Team" or "Billing".
bool person_name(std::string_view name, std::vector<Token>& words) {
    words = tokens(name);
    if (words.size() < 2 || words.size() > 4) {
        return false;
    }
    for (const auto& w : words) {
        const std::string_view word = name.substr(w.begin, w.end - w.begin);
        if (!upper_initial(name, w.begin) || not_a_name(word) ||
            std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return false;
        }
    }
    return true;
}

enum class TermKind {
    Reference, // masked but its last 2 characters
    FullName,  // an agent's full name: first name kept, the rest as initials
    Surname,   // an agent's surname alone: as an initial, where it is capitalised mid-sentence
    Own,       // the person's own term: "[masked]"
    Keep,      // --unmask: never masked
};

struct Term {
    std::vector<std::string> words; // folded
    std::vector<std::string> gaps;  // what separates the words: " ", "@", ...
    TermKind kind;
};

// Collapses runs of spaces, so "Dana  Whitfield" is the term "Dana Whitfield".
std::string gap_of(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n'; })
               ? std::string(" ")
               : std::string(s);
}

} // namespace

std::string mask_keep_last(std::string_view s) {
    std::size_t total = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        total += word_char_at(s, i) && (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 ? 1 : 0;
    }
    std::string out;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = 1;
        while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) {
            ++n;
        }
        if (word_char_at(s, i) && ++seen + keep_last <= total) {
            out += "\xE2\x80\xA2"; // •
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

struct Redactor::Impl {
    explicit Impl(const std::string& region) : detectors(region) {}

    Detectors detectors;
    std::vector<Term> terms;
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;
    std::vector<MaskedSpan> masked;

    void add(std::string_view text, TermKind kind) {
        const auto words = tokens(text);
        if (words.empty() || words.size() > max_term_words) {
            return;
        }
        Term t;
        t.kind = kind;
        for (std::size_t i = 0; i < words.size(); ++i) {
            t.words.push_back(fold(text.substr(words[i].begin, words[i].end - words[i].begin)));
            if (i > 0) {
                t.gaps.push_back(
                    gap_of(text.substr(words[i - 1].end, words[i].begin - words[i - 1].end)));
            }
        }
        by_first_word[t.words.front()].push_back(terms.size());
        terms.push_back(std::move(t));
    }

    // The longest term starting at word i, if any.
    const Term* match(std::string_view s, const std::vector<Token>& words, std::size_t i,
                      std::size_t& last) const {
        const auto it =
            by_first_word.find(fold(s.substr(words[i].begin, words[i].end - words[i].begin)));
        if (it == by_first_word.end()) {
            return nullptr;
        }
        const Term* best = nullptr;
        for (const std::size_t index : it->second) {
            const Term& t = terms[index];
            if (i + t.words.size() > words.size() ||
                (best != nullptr && t.words.size() <= best->words.size())) {
                continue;
            }
            bool same = true;
            for (std::size_t k = 1; same && k < t.words.size(); ++k) {
                const Token& w = words[i + k];
                const Token& prev = words[i + k - 1];
                same = gap_of(s.substr(prev.end, w.begin - prev.end)) == t.gaps[k - 1] &&
                       fold(s.substr(w.begin, w.end - w.begin)) == t.words[k];
            }
            if (same) {
                best = &t;
            }
        }
        if (best != nullptr) {
            last = i + best->words.size() - 1;
        }
        return best;
    }

    std::vector<Finding> find(std::string_view s) const {
        std::vector<Finding> found;
        detectors.find(s, found);
        std::vector<std::pair<std::size_t, std::size_t>> keep;
        if (!terms.empty()) {
            const auto words = tokens(s);
            for (std::size_t i = 0; i < words.size(); ++i) {
                std::size_t last = i;
                const Term* t = match(s, words, i, last);
                if (t == nullptr) {
                    continue;
                }
                const std::size_t b = words[i].begin;
                const std::size_t e = words[last].end;
                const std::string_view text = s.substr(b, e - b);
                switch (t->kind) {
                case TermKind::Keep:
                    keep.emplace_back(b, e);
                    break;
                case TermKind::Reference:
                    found.push_back({b, e, "reference", mask_keep_last(text)});
                    break;
                case TermKind::Own:
                    found.push_back({b, e, "your term", "[masked]"});
                    break;
                case TermKind::FullName:
                    found.push_back({b, e, "name", initials(text, true)});
                    break;
                case TermKind::Surname:
                    if (upper_initial(s, b) &&
                        !(sentence_start(s, b) && ordinary_phrase_after(s, e))) {
                        found.push_back({b, e, "name", initials(text, false)});
                    }
                    break;
                }
                i = last;
            }
        }
        // The earliest finding wins, then the longest, then the first category listed.
        std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
            return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
        });
        std::vector<Finding> kept;
        std::size_t reached = 0;
        for (auto& f : found) {
            const bool unmasked = std::any_of(keep.begin(), keep.end(), [&](const auto& k) {
                return f.begin < k.second && k.first < f.end;
            });
            if (f.begin >= reached && !unmasked) {
                reached = f.end;
                kept.push_back(std::move(f));
            }
        }
        return kept;
    }

    std::string apply(std::string_view s, std::string_view field) {
        const auto found = find(s);
        if (found.empty()) {
            return std::string(s);
        }
        std::string out;
        std::size_t at = 0;
        std::size_t column = 1;
        for (const auto& f : found) {
            for (std::size_t i = at; i < f.begin; ++i) {
                column += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 ? 1 : 0;
            }
            out.append(s.substr(at, f.begin - at));
            // "Mrs O." at the end of a sentence takes the sentence's full stop.
            const bool stop = f.replacement.ends_with('.') && f.end < s.size() && s[f.end] == '.';
            out.append(f.replacement, 0, f.replacement.size() - (stop ? 1 : 0));
            masked.push_back({std::string(field), column, std::string(f.category),
                              std::string(s.substr(f.begin, f.end - f.begin)), f.replacement});
            for (std::size_t i = f.begin; i < f.end; ++i) {
                column += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 ? 1 : 0;
            }
            at = f.end;
        }
        out.append(s.substr(at));
        return out;
    }

    bool kept(std::string_view s) const {
        const auto words = tokens(s);
        for (std::size_t i = 0; i < words.size(); ++i) {
            std::size_t last = i;
            const Term* t = match(s, words, i, last);
            if (t != nullptr && t->kind == TermKind::Keep) {
                return true;
            }
        }
        return false;
    }
};

Redactor::Redactor(const CaseFile& file, const RedactTerms& terms, const std::string& region)
    : impl_(std::make_unique<Impl>(region)) {
    for (const auto& c : file.contacts) {
        if (c.ref && !c.ref->empty()) {
            impl_->add(*c.ref, TermKind::Reference);
        }
        std::vector<Token> words;
        if (c.agent && person_name(*c.agent, words)) {
            impl_->add(*c.agent, TermKind::FullName);
            for (std::size_t i = 1; i < words.size(); ++i) {
                impl_->add(std::string_view(*c.agent).substr(words[i].begin,
                                                             words[i].end - words[i].begin),
                           TermKind::Surname);
            }
        }
    }
    if (file.kase.order_ref && !file.kase.order_ref->empty()) {
        impl_->add(*file.kase.order_ref, TermKind::Reference);
    }
    for (const auto& t : terms.mask) {
        impl_->add(t, TermKind::Own);
    }
    // The org's name is what the post is about: "transferred to Northwind Traders" stays.
    std::vector<std::string> never = terms.unmask;
    never.push_back(file.kase.org);
    // Last, so that an --unmask term replaces the same words learnt above.
    for (const auto& t : never) {
        const auto words = tokens(t);
        if (!words.empty()) {
            const std::string first =
                fold(std::string_view(t).substr(words[0].begin, words[0].end - words[0].begin));
            auto& list = impl_->by_first_word[first];
            impl_->add(t, TermKind::Keep);
            // Equal terms of other kinds give way.
            const Term& keep = impl_->terms.back();
            std::erase_if(list, [&](std::size_t i) {
                return impl_->terms[i].kind != TermKind::Keep &&
                       impl_->terms[i].words == keep.words;
            });
        }
    }
}

Redactor::~Redactor() = default;

std::string Redactor::text(std::string_view s, std::string_view field) {
    return impl_->apply(s, field);
}

std::string Redactor::agent(std::string_view name, std::string_view field) {
    std::vector<Token> words;
    if (!person_name(name, words) || impl_->kept(name)) {
        return text(name, field);
    }
    std::string out = initials(name, true);
    impl_->masked.push_back({std::string(field), 1, "name", std::string(name), out});
    return out;
}

std::string Redactor::ref(std::string_view r, std::string_view field) {
    if (impl_->kept(r)) {
        return std::string(r);
    }
    std::string out = mask_keep_last(r);
    if (out != r) {
        impl_->masked.push_back({std::string(field), 1, "reference", std::string(r), out});
    }
    return out;
}

const std::vector<MaskedSpan>& Redactor::masked() const {
    return impl_->masked;
}

std::vector<Finding> Redactor::find(std::string_view s) const {
    return impl_->find(s);
}

} // namespace escalate
