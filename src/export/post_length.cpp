// A post's length as each network counts it (docs/export.md, "thread"), and cutting text into
// posts between words or grapheme clusters, never inside a character, a flag or an emoji.
#include "post_length.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <utility>

#include <re2/re2.h>
#include <utf8proc.h>

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

std::size_t x_weight(std::string_view s) {
    std::size_t w = 0;
    for (const auto& c : decode(s)) {
        w += x_weight(c.cp);
    }
    return w;
}

const RE2& emoji_pattern() {
    static const std::unique_ptr<RE2> re = [] {
        RE2::Options options;
        options.set_max_mem(int64_t{64} << 20);
        options.set_log_errors(false);
        return std::make_unique<RE2>(
#include "twemoji_regex.inc"
            , options);
    }();
    return *re;
}

// What X may take for a link: an optional scheme, a domain (group 2) and a path.
const RE2& x_link_pattern() {
    static const RE2 re(
        R"((?:([A-Za-z][A-Za-z0-9+.-]*)://)?((?:[\p{L}\p{N}_][\p{L}\p{N}\p{M}_-]*\.)+[\p{L}\p{N}\p{M}-]{2,})(?:[/?#:][A-Za-z0-9!*';:=+,.$/%#\[\]\-_~@|&()?]*)?)");
    return re;
}

enum class Tld { None, Generic, Country };

// Is the domain's last label one twitter-text links, and of which kind?
Tld tld_of(std::string_view domain) {
    static const std::vector<std::string_view> names{
#include "twitter_tlds.inc"
    };
    static const auto marker = std::find(names.begin(), names.end(), std::string_view());
    std::string label(domain.substr(domain.rfind('.') + 1));
    std::transform(label.begin(), label.end(), label.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (std::find(names.begin(), marker, label) != marker) {
        return Tld::Generic;
    }
    return std::find(marker, names.end(), label) != names.end() ? Tld::Country : Tld::None;
}

const RE2& web_link_pattern() {
    static const RE2 re(R"((?i:https?://[^\s]+))");
    return re;
}

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool sure = true; // a link for certain (else: count the larger of 23 and its own weight)
};

std::size_t trim_trailing_punctuation(std::string_view s, std::size_t begin, std::size_t end) {
    while (end > begin &&
           std::string_view(".,;:!?)]}'\"").find(s[end - 1]) != std::string_view::npos) {
        --end;
    }
    return end;
}

std::vector<Span> links(std::string_view s, const RE2& pattern) {
    std::vector<Span> out;
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece m[3];
    const int groups = std::min(3, pattern.NumberOfCapturingGroups() + 1);
    std::size_t pos = 0;
    while (pos < s.size() && pattern.Match(input, pos, s.size(), RE2::UNANCHORED, m, groups)) {
        const auto begin = static_cast<std::size_t>(m[0].data() - s.data());
        const auto end = trim_trailing_punctuation(s, begin, begin + m[0].size());
        pos = std::max(begin + m[0].size(), begin + 1);
        if (end <= begin) {
            continue;
        }
        if (groups < 3) {
            out.push_back({begin, end, true});
            continue;
        }
        // X links a domain whose last label it knows: a generic one, or a country code after
        // a scheme; a country code alone only before a path, which is counted as unsure.
        const std::string_view scheme(m[1].data(), m[1].size());
        const std::string_view domain(m[2].data(), m[2].size());
        const Tld tld = tld_of(domain);
        // No link: an unknown top-level domain, an email address, or a domain in other than
        // ASCII letters without a scheme.
        const bool ascii = std::all_of(domain.begin(), domain.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0x80) == 0;
        });
        if (tld == Tld::None || (begin > 0 && s[begin - 1] == '@') || (scheme.empty() && !ascii)) {
            continue;
        }
        const bool web = scheme.empty() || scheme == "http" || scheme == "https" ||
                         scheme == "HTTP" || scheme == "HTTPS";
        out.push_back({begin, end, web && (tld == Tld::Generic || !scheme.empty())});
    }
    return out;
}

std::vector<Span> emoji(std::string_view s) {
    std::vector<Span> out;
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < s.size() && emoji_pattern().Match(input, pos, s.size(), RE2::UNANCHORED, &m, 1)) {
        const auto begin = static_cast<std::size_t>(m.data() - s.data());
        const auto end = begin + m.size();
        if (m.empty()) {
            pos = begin + 1;
            continue;
        }
        // twemoji's pattern refuses an emoji followed by U+FE0E (text style) unless it ends
        // in U+FE0F; RE2 has no lookahead, so such a match is dropped here.
        const bool text_style =
            s.substr(end).starts_with("\xEF\xB8\x8E") && !m.ends_with("\xEF\xB8\x8F");
        if (text_style) {
            const auto first = decode(s.substr(begin, 4));
            pos = begin + (first.empty() ? 1 : first.front().size);
            continue;
        }
        out.push_back({begin, end});
        pos = end;
    }
    return out;
}

// twitter-text's parseTweet: links 23, emoji (as twemoji-parser finds them) 2, every other
// code point by its range.
std::size_t x_length(std::string_view s) {
    const auto urls = links(s, x_link_pattern());
    const auto pictures = emoji(s);
    std::size_t total = 0;
    auto url = urls.begin();
    auto picture = pictures.begin();
    const auto cps = decode(s);
    for (std::size_t i = 0; i < cps.size();) {
        const std::size_t at = cps[i].at;
        std::size_t skip_to = 0;
        while (url != urls.end() && url->begin < at) {
            ++url;
        }
        while (picture != pictures.end() && picture->begin < at) {
            ++picture;
        }
        if (url != urls.end() && url->begin == at) {
            // Where escalate and X might disagree on whether it is a link, the larger count.
            total += url->sure ? link_length
                               : std::max(link_length, x_weight(s.substr(at, url->end - at)));
            skip_to = url->end;
        } else if (picture != pictures.end() && picture->begin == at) {
            total += 2;
            skip_to = picture->end;
        } else {
            total += x_weight(cps[i].cp);
            ++i;
            continue;
        }
        while (i < cps.size() && cps[i].at < skip_to) {
            ++i;
        }
    }
    return total;
}

std::size_t grapheme_count(std::string_view s) {
    return graphemes(s).size();
}

// Mastodon counts graphemes, each http(s) link as 23.
std::size_t mastodon_length(std::string_view s) {
    std::size_t total = 0;
    std::size_t at = 0;
    for (const auto& link : links(s, web_link_pattern())) {
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

std::vector<std::string_view> graphemes(std::string_view text) {
    std::vector<std::string_view> out;
    utf8proc_int32_t state = 0;
    utf8proc_int32_t previous = -1;
    std::size_t start = 0;
    for (const auto& c : decode(text)) {
        if (previous >= 0 && utf8proc_grapheme_break_stateful(previous, c.cp, &state)) {
            out.push_back(text.substr(start, c.at - start));
            start = c.at;
        }
        previous = c.cp;
    }
    if (start < text.size()) {
        out.push_back(text.substr(start));
    }
    return out;
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
