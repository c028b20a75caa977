#include "escalate/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <utf8proc.h>

#include "escalate/errors.hpp"

namespace escalate {

std::size_t invalid_utf8_at(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > s.size()) {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        const bool overlong =
            (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++n;
        }
    }
    return n;
}

std::vector<std::string_view> graphemes(std::string_view text) {
    std::vector<std::string_view> out;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_int32_t state = 0;
    utf8proc_int32_t previous = -1;
    std::size_t start = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        utf8proc_int32_t cp = 0;
        const auto n =
            utf8proc_iterate(p + at, static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
        const std::size_t size = n > 0 ? static_cast<std::size_t>(n) : 1;
        if (n <= 0) {
            cp = 0xFFFD; // a byte that is not UTF-8: a cluster of its own, as U+FFFD would be
        }
        if (previous >= 0 && utf8proc_grapheme_break_stateful(previous, cp, &state)) {
            out.push_back(text.substr(start, at - start));
            start = at;
        }
        previous = cp;
        at += size;
    }
    if (start < text.size()) {
        out.push_back(text.substr(start));
    }
    return out;
}

std::size_t cluster_width(std::string_view cluster) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(cluster.data());
    utf8proc_int32_t first = -1;
    bool emoji_selector = false;
    std::size_t regional = 0;
    std::size_t at = 0;
    while (at < cluster.size()) {
        utf8proc_int32_t cp = 0;
        const auto n =
            utf8proc_iterate(p + at, static_cast<utf8proc_ssize_t>(cluster.size() - at), &cp);
        if (n <= 0) {
            return 1; // shown as one replacement character
        }
        first = first < 0 ? cp : first;
        emoji_selector = emoji_selector || cp == 0xFE0F;
        regional += cp >= 0x1F1E6 && cp <= 0x1F1FF ? 1 : 0;
        at += static_cast<std::size_t>(n);
    }
    if (first < 0) {
        return 0;
    }
    const int w = utf8proc_charwidth(first);
    // A flag (two regional indicators) and a character asked to look like an emoji (❤️,
    // 1️⃣) take two columns, as terminals draw them.
    if (regional >= 2 || (emoji_selector && w >= 1)) {
        return 2;
    }
    return w <= 0 ? 0 : static_cast<std::size_t>(w);
}

std::size_t display_width(std::string_view s) {
    if (std::all_of(s.begin(), s.end(),
                    [](char c) { return c >= 0x20 && c < 0x7F; })) { // printable ASCII
        return s.size();
    }
    std::size_t width = 0;
    for (const auto g : graphemes(s)) {
        width += cluster_width(g);
    }
    return width;
}

std::string fit_width(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) {
        return std::string(s);
    }
    if (width == 0) {
        return {};
    }
    std::string out;
    std::size_t used = 0;
    for (const auto g : graphemes(s)) {
        const std::size_t w = cluster_width(g);
        if (used + w > width - 1) {
            break;
        }
        out.append(g);
        used += w;
    }
    return out + "\xE2\x80\xA6"; // …
}

void check_text(std::string_view field, std::string_view value, Lines lines,
                std::size_t max_bytes) {
    if (value.size() > max_bytes) {
        throw UsageError(fmt::format("{} is {} bytes long; the limit is {} bytes", field,
                                     value.size(), max_bytes));
    }
    if (const auto at = invalid_utf8_at(value); at != std::string_view::npos) {
        throw UsageError(
            fmt::format("{} is not valid UTF-8 text (byte {}); save it as UTF-8", field, at + 1));
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c == '\n' && lines != Lines::Multi) {
            throw UsageError(fmt::format("{} must be one line", field));
        }
        if (lines == Lines::Single) {
            if (c == '\r' || c == '\t') {
                throw UsageError(fmt::format("{} holds a {} (byte {}); give it on one line, with "
                                             "spaces",
                                             field, c == '\r' ? "carriage return" : "tab", i + 1));
            }
            const auto next = i + 1 < value.size() ? static_cast<unsigned char>(value[i + 1]) : 0;
            const auto third = i + 2 < value.size() ? static_cast<unsigned char>(value[i + 2]) : 0;
            if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
                throw UsageError(fmt::format("{} holds a control character (U+00{:02X} at byte {})",
                                             field, next, i + 1));
            }
            // U+202A to U+202E and U+2066 to U+2069: they reorder what a screen shows.
            if (c == 0xE2 && ((next == 0x80 && third >= 0xAA && third <= 0xAE) ||
                              (next == 0x81 && third >= 0xA6 && third <= 0xA9))) {
                throw UsageError(fmt::format(
                    "{} holds a bidirectional control (byte {}), which can make it display as "
                    "other text; remove it",
                    field, i + 1));
            }
        }
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
            throw UsageError(fmt::format("{} holds a control character (byte {}, code {})", field,
                                         i + 1, static_cast<int>(c)));
        }
    }
}

std::string normalise_newlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string case_fold(std::string_view s) {
    if (std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; })) {
        std::string out(s);
        for (char& c : out) {
            c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        return out;
    }
    utf8proc_uint8_t* folded = nullptr;
    const auto n = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
        static_cast<utf8proc_ssize_t>(s.size()), &folded,
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
    if (n < 0) {
        return std::string(s);
    }
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(folded, &std::free);
    return std::string(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
}

} // namespace escalate
