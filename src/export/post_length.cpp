// A post's length as each network counts it (docs/export.md, "thread"), and cutting text into
// posts between words or grapheme clusters, never inside a character, a flag or an emoji.
#include "post_length.hpp"
#include "post_links.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <utility>

#include <utf8proc.h>

#include "modules/modules.hpp"

namespace escalate::export_detail {

namespace {

constexpr std::size_t x_max = 280;
constexpr std::size_t bluesky_max = 300;
constexpr std::size_t mastodon_max = 500;
constexpr std::size_t link_length = 23; // X and Mastodon count every link as 23

struct CodePoint {
    utf8proc_int32_t cp = 0;
    std::size_t at = 0; // byte offset
    std::size_t size = 0;
};

std::vector<CodePoint> decode(std::string_view s) {
    std::vector<CodePoint> out;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    std::size_t at = 0;
    while (at < s.size()) {
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(p + at, static_cast<utf8proc_ssize_t>(s.size() - at), &cp);
        const std::size_t size = n > 0 ? static_cast<std::size_t>(n) : 1;
        out.push_back({n > 0 ? cp : 0xFFFD, at, size});
        at += size;
    }
    return out;
}

// twitter-text v3: these ranges weigh 1, every other code point 2.
std::size_t x_weight(utf8proc_int32_t cp) {
    const bool light = (cp >= 0 && cp <= 0x10FF) || (cp >= 0x2000 && cp <= 0x200D) ||
                       (cp >= 0x2010 && cp <= 0x201F) || (cp >= 0x2032 && cp <= 0x2037);
    return light ? 1 : 2;
}

bool pictographic(utf8proc_int32_t cp) {
    const auto bound = utf8proc_get_property(cp)->boundclass;
    return bound == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || bound == UTF8PROC_BOUNDCLASS_E_ZWG;
}

bool regional_indicator(utf8proc_int32_t cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

constexpr utf8proc_int32_t text_style = 0xFE0E;
constexpr utf8proc_int32_t emoji_style = 0xFE0F;
constexpr utf8proc_int32_t keycap = 0x20E3;

// A pair of regional indicators that names a country: libphonenumber's regions are ISO 3166
// codes, and every one has a flag in X's emoji list.
bool known_flag(utf8proc_int32_t a, utf8proc_int32_t b) {
    return modules::phone().known_region(static_cast<char>('A' + (a - 0x1F1E6)),
                                         static_cast<char>('A' + (b - 0x1F1E6))) == 1;
}

// Is the cluster certainly one emoji as X parses it (counted 2): a flag of a country, a
// keycap, or a single pictograph? X knows joined sequences, skin tones and U+FE0F only from its
// own list (twemoji, 2018), which escalate does not copy: those are counted by their code
// points, never less than X counts them (a family 8 where X may say 2).
bool emoji_sequence(const std::vector<CodePoint>& cps) {
    if (cps.size() == 2 && regional_indicator(cps[0].cp) && regional_indicator(cps[1].cp)) {
        return known_flag(cps[0].cp, cps[1].cp);
    }
    const auto c = cps.front().cp;
    if ((c == '#' || c == '*' || (c >= '0' && c <= '9')) &&
        ((cps.size() == 2 && cps[1].cp == keycap) ||
         (cps.size() == 3 && cps[1].cp == emoji_style && cps[2].cp == keycap))) {
        return true;
    }
    return cps.size() == 1 && pictographic(c);
}

// X's count of one grapheme cluster: an emoji sequence counts 2, other text its code points'
// weights. Where X might not take the cluster for one emoji (text style U+FE0E, a stray mark
// on a pictograph), the larger of 2 and its code points' weights, a pictograph weighing at
// least 2 (X counts © alone as an emoji).
std::size_t x_cluster_weight(std::string_view cluster) {
    const auto cps = decode(cluster);
    std::size_t ordinary = 0;
    std::size_t safe = 0;
    bool emoji_like = false;
    bool text = false;
    for (const auto& c : cps) {
        const auto w = x_weight(c.cp);
        ordinary += w;
        safe += pictographic(c.cp) ? std::max<std::size_t>(w, 2) : w;
        emoji_like = emoji_like || pictographic(c.cp) || regional_indicator(c.cp) || c.cp == keycap;
        text = text || c.cp == text_style;
    }
    if (!emoji_like) {
        return ordinary;
    }
    if (!text && emoji_sequence(cps)) {
        return 2;
    }
    return std::max<std::size_t>(safe, 2);
}

std::size_t x_text_weight(std::string_view s) {
    std::size_t w = 0;
    for (const auto g : graphemes(s)) {
        w += x_cluster_weight(g);
    }
    return w;
}

// X's weighted length (twitter-text's parseTweet): a link counts 23 (or its own weight when
// that is more: escalate may take for a link what X does not), an emoji sequence 2, every
// other code point by its range. Always at least what X counts.
std::size_t x_length(std::string_view s) {
    std::size_t total = 0;
    std::size_t at = 0;
    for (const auto& link : x_links(s)) {
        const auto own = x_text_weight(s.substr(link.begin, link.end - link.begin));
        const auto after = x_text_weight(s.substr(link.rest, link.end - link.rest));
        total += x_text_weight(s.substr(at, link.begin - at)) +
                 (link.unsure ? link_length + own : std::max(own, link_length + after));
        at = link.end;
    }
    return total + x_text_weight(s.substr(at));
}

std::size_t grapheme_count(std::string_view s) {
    return graphemes(s).size();
}

// Mastodon counts graphemes, each http(s) link as 23.
std::size_t mastodon_length(std::string_view s) {
    std::size_t total = 0;
    std::size_t at = 0;
    for (const auto& link : web_links(s)) {
        total += grapheme_count(s.substr(at, link.begin - at)) + link_length;
        at = link.end;
    }
    return total + grapheme_count(s.substr(at));
}

} // namespace

std::string post_text(std::string_view s) {
    std::string clean;
    clean.reserve(s.size());
    for (const auto& c : decode(s)) {
        if (c.cp == 0xFEFF || c.cp == 0xFFFE || c.cp == 0xFFFF) {
            continue;
        }
        if (c.cp == 0xFFFD) {
            clean += "\xEF\xBF\xBD";
        } else {
            clean.append(s.substr(c.at, c.size));
        }
    }
    utf8proc_uint8_t* out = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                                static_cast<utf8proc_ssize_t>(clean.size()), &out,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) {
        return clean;
    }
    std::string nfc(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
    std::free(out);
    return nfc;
}

std::size_t post_max(const ThreadOptions& o) {
    switch (o.network) {
    case Network::X:
        return x_max;
    case Network::Bluesky:
        return bluesky_max;
    case Network::Mastodon:
        return mastodon_max;
    case Network::Limit:
        break;
    }
    return o.limit;
}

std::size_t post_length(std::string_view text, const ThreadOptions& o) {
    switch (o.network) {
    case Network::X:
        return x_length(post_text(text));
    case Network::Mastodon:
        return mastodon_length(text);
    case Network::Bluesky:
    case Network::Limit:
        break;
    }
    return grapheme_count(text);
}

std::vector<std::string> split_post(std::string_view text, std::size_t room,
                                    const ThreadOptions& o) {
    std::vector<std::string> pieces;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            pieces.push_back(std::move(current));
            current.clear();
        }
    };
    std::size_t at = 0;
    while (at <= text.size()) {
        auto end = text.find(' ', at);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view word = text.substr(at, end - at);
        at = end + 1;
        if (word.empty()) {
            continue;
        }
        std::string candidate =
            current.empty() ? std::string(word) : current + " " + std::string(word);
        if (post_length(candidate, o) <= room) {
            current = std::move(candidate);
            continue;
        }
        if (post_length(word, o) <= room) {
            flush();
            current = std::string(word);
            continue;
        }
        // One word longer than a post: it fills what is left of this post, then the next ones,
        // cut between grapheme clusters.
        bool first = true;
        for (const auto g : graphemes(word)) {
            std::string longer = current + (first && !current.empty() ? " " : "") + std::string(g);
            first = false;
            if (!current.empty() && post_length(longer, o) > room) {
                flush();
                longer = std::string(g);
            }
            current = std::move(longer);
        }
    }
    flush();
    return pieces;
}

std::string fit_post(std::string_view text, std::size_t room, const ThreadOptions& o) {
    if (post_length(text, o) <= room) {
        return std::string(text);
    }
    static constexpr std::string_view ellipsis = "\xE2\x80\xA6"; // …
    const std::size_t mark = post_length(ellipsis, o);
    const auto pieces = split_post(text, room > mark ? room - mark : 1, o);
    std::string kept = pieces.empty() ? std::string() : pieces.front();
    while (!kept.empty() && post_length(kept + std::string(ellipsis), o) > room) {
        const auto parts = graphemes(kept);
        kept.resize(kept.size() - parts.back().size());
    }
    while (!kept.empty() && kept.back() == ' ') {
        kept.pop_back();
    }
    return kept + std::string(ellipsis);
}

} // namespace escalate::export_detail
