// What X, Bluesky and Mastodon may take for a link in a post, found without their lists of
// top-level domains, erring on the side of a link (docs/export.md, "thread").
#include "post_links.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <re2/re2.h>

namespace escalate::export_detail {

namespace {

// What X may take for a link, without its list of top-level domains: `http://` or `https://`
// and a domain of any letters, or a domain of ASCII labels; either way ending in a label of
// two or more letters (ASCII, or letters of another script: X links `example.みんな`), then an
// optional port and path. Every label of it is a subset of what X accepts, so a link never
// begins before X's.
const RE2& x_link_pattern() {
    static const RE2 re(
        R"((?i:https?://)(?:[^\s\p{Z}\p{C}\x00-\x2C\x2E\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+\.)+)"
        R"((?:[A-Za-z][A-Za-z0-9-]+|[^\x00-\x7F\p{P}\p{S}\p{Z}\p{C}\p{N}]{2,}))"
        R"((?::[0-9]+)?(?:/[A-Za-z0-9\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}!*';:=+,.$/%#\[\]\-_~&|@?]*)?)"
        R"(|(?:[A-Za-z0-9\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}\x{300}-\x{36F}\x{1E00}-\x{1EFF}-]+\.)+(?:[A-Za-z][A-Za-z0-9-]+|[^\x00-\x7F\p{P}\p{S}\p{Z}\p{C}\p{N}]{2,}))"
        R"((?::[0-9]+)?(?:/[A-Za-z0-9\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}!*';:=+,.$/%#\[\]\-_~&|@?]*)?)");
    return re;
}

const RE2& web_link_pattern() {
    static const RE2 re(R"((?i:https?://[^\s]+))");
    return re;
}

// X ends a link's path on a letter, a digit or one of =_#/+-&: a link is cut back to that.
std::size_t trim_x_link(std::string_view s, std::size_t begin, std::size_t end) {
    while (end > begin &&
           std::string_view("!*';:,.$%[]~|@?&").find(s[end - 1]) != std::string_view::npos) {
        --end;
    }
    return end;
}

std::size_t trim_trailing_punctuation(std::string_view s, std::size_t begin, std::size_t end) {
    while (end > begin &&
           std::string_view(".,;:!?)]}'\"").find(s[end - 1]) != std::string_view::npos) {
        --end;
    }
    return end;
}

} // namespace

std::vector<LinkSpan> web_links(std::string_view s) {
    std::vector<LinkSpan> out;
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < s.size() &&
           web_link_pattern().Match(input, pos, s.size(), RE2::UNANCHORED, &m, 1)) {
        const auto begin = static_cast<std::size_t>(m.data() - s.data());
        const auto end = trim_trailing_punctuation(s, begin, begin + m.size());
        pos = std::max(begin + m.size(), begin + 1);
        if (end > begin) {
            out.push_back({begin, end});
        }
    }
    return out;
}

// What X might link. A domain without a scheme right after @, # or $ (an email address, a
// tag) is no link on X; anything else that looks like one is counted as a link, even where X
// would not link it (Mr.Smith, file.txt): a little too long, never too short.
std::vector<LinkSpan> x_links(std::string_view s) {
    std::vector<LinkSpan> out;
    re2::StringPiece input(s.data(), s.size());
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < s.size() && x_link_pattern().Match(input, pos, s.size(), RE2::UNANCHORED, &m, 1)) {
        const auto begin = static_cast<std::size_t>(m.data() - s.data());
        auto end = trim_x_link(s, begin, begin + m.size());
        // X takes a query only after a path that ends in a letter, a digit or one of =_#/+-.
        const auto query = s.substr(begin, end - begin).find('?');
        // and a query of ASCII only
        for (auto i = begin + query; query != std::string_view::npos && i < end; ++i) {
            if ((static_cast<unsigned char>(s[i]) & 0x80) != 0) {
                end = trim_x_link(s, begin, i);
            }
        }
        if (query != std::string_view::npos && query > 0 && begin + query < end) {
            const char before = s[begin + query - 1];
            if (std::isalnum(static_cast<unsigned char>(before)) == 0 &&
                std::string_view("=_#/+-").find(before) == std::string_view::npos) {
                end = trim_x_link(s, begin, begin + query);
            }
        }
        pos = std::max(end, begin + 1);
        std::string head(m.data(), std::min<std::size_t>(m.size(), 8));
        std::transform(head.begin(), head.end(), head.begin(), [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        });
        const bool scheme = head.starts_with("http://") || head.starts_with("https://");
        const bool after_tag =
            begin > 0 && std::string_view("@#$").find(s[begin - 1]) != std::string_view::npos;
        // A domain running on into a letter, a digit, @, + or -: X may end it at an earlier
        // dot, and count the rest one by one.
        const bool runs_on = end < s.size() && end == begin + m.size() &&
                             (std::isalnum(static_cast<unsigned char>(s[end])) != 0 ||
                              std::string_view("@+-").find(s[end]) != std::string_view::npos);
        // A domain of three labels or more: X may end the link at the second one, should the
        // last be no top-level domain it knows, and count the rest one by one.
        const auto host_begin = scheme ? s.find("//", begin) + 2 : begin;
        const auto host_end = s.find_first_of(":/?", host_begin);
        const auto host = s.substr(host_begin, std::min(end, host_end) - host_begin);
        const auto first_dot = host.find('.');
        const auto second_dot = host.find('.', first_dot + 1);
        const auto rest = second_dot == std::string_view::npos ? end : host_begin + second_dot;
        // Labels with letters beyond ASCII, without a scheme: X may link only an ASCII part.
        const auto labels = s.substr(begin, host_begin - begin + host.rfind('.'));
        const bool ascii = std::all_of(labels.begin(), labels.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0x80) == 0;
        });
        // A last label beyond ASCII may run on into other letters: where X ends it is unknown.
        const bool foreign_tld =
            !host.empty() && (static_cast<unsigned char>(host.back()) & 0x80) != 0;
        if (end > begin && (scheme || !after_tag || !ascii)) {
            out.push_back(
                {begin, end, runs_on || foreign_tld || (!scheme && !ascii), std::min(rest, end)});
        }
    }
    return out;
}

} // namespace escalate::export_detail
