// Text inside the timeline picture: SVG text does not wrap, so lines are measured here, with
// widths close to DejaVu Sans (what librsvg finds on Debian, and wider than the fonts phones
// use, so a browser's text fits as well).
#include <string_view>

#include <utf8proc.h>

#include "escape.hpp"
#include "svg_picture.hpp"

namespace escalate::export_detail {

namespace {

constexpr char32_t replacement = 0xFFFD;

void append_utf8(std::string& out, char32_t cp) {
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// One line of valid UTF-8 that XML 1.0 accepts: line breaks and tabs as spaces, runs of spaces
// as one, other controls, noncharacters and broken sequences as U+FFFD.
std::string clean(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    auto left = static_cast<utf8proc_ssize_t>(s.size());
    bool space = true; // drops leading spaces
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            n = 1;
            cp = replacement;
        }
        p += n;
        left -= n;
        if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r') {
            if (!space) {
                out += ' ';
            }
            space = true;
            continue;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) {
            cp = replacement;
        }
        append_utf8(out, static_cast<char32_t>(cp));
        space = false;
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

// The advance of a code point, in ems.
double em_width(char32_t cp) {
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        if (c == ' ') {
            return 0.32;
        }
        if (std::string_view("il.,:;'|!Ij()[]").find(c) != std::string_view::npos) {
            return 0.36;
        }
        if (std::string_view("mwMW@%").find(c) != std::string_view::npos) {
            return 1.0;
        }
        if (std::string_view("frt").find(c) != std::string_view::npos) {
            return 0.44;
        }
        if (c >= 'A' && c <= 'Z') {
            return 0.76;
        }
        return 0.64;
    }
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) { // a regional indicator: half of a flag
        return 0.6;
    }
    const int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
    return w <= 0 ? 0.0 : w == 1 ? 0.75 : 1.05;
}

struct Cluster {
    std::string text;
    double em = 0;
    bool space = false;
};

std::vector<Cluster> clusters(const std::string& s) {
    std::vector<Cluster> out;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    auto left = static_cast<utf8proc_ssize_t>(s.size());
    utf8proc_int32_t prev = -1;
    utf8proc_int32_t state = 0;
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(p, left, &cp); // clean() made it valid
        const std::string bytes(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
        p += n;
        left -= n;
        if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) {
            out.push_back({bytes, em_width(static_cast<char32_t>(cp)), cp == ' '});
        } else {
            out.back().text += bytes;
            // A flag is two regional indicators; a joined emoji is as wide as its first part.
            if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
                out.back().em += 0.6;
            }
        }
        prev = cp;
    }
    return out;
}

} // namespace

std::string svg_text(std::string_view s) {
    return html_escape(clean(s));
}

std::vector<std::string> wrap_text(std::string_view s, double width, double font_size,
                                   std::size_t max_lines) {
    const double room = width / font_size; // in ems
    const std::string text = clean(s);
    const auto cs = clusters(text);
    std::vector<std::string> lines;
    std::string line;
    double used = 0;
    bool truncated = false;
    // Ends the line; false when no line is left for what comes next.
    auto flush = [&] {
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        lines.push_back(line);
        line.clear();
        used = 0;
        truncated = lines.size() >= max_lines;
        return !truncated;
    };
    auto add = [&](const Cluster& c) {
        line += c.text;
        used += c.em;
    };
    std::size_t i = 0;
    while (i < cs.size() && !truncated) {
        if (cs[i].space) {
            ++i;
            continue;
        }
        std::size_t end = i;
        double word = 0;
        while (end < cs.size() && !cs[end].space) {
            word += cs[end].em;
            ++end;
        }
        const double gap = line.empty() ? 0 : em_width(' ');
        if (used + gap + word > room && word <= room && !line.empty() && !flush()) {
            break;
        }
        if (!line.empty()) {
            line += ' ';
            used += gap;
        }
        // A word longer than a line breaks between clusters, as overflow-wrap:anywhere does.
        for (std::size_t k = i; k < end; ++k) {
            if (used + cs[k].em > room && !line.empty() && !flush()) {
                break;
            }
            add(cs[k]);
        }
        i = end;
    }
    if (!truncated && !line.empty()) {
        flush();
        truncated = false;
    }
    if (truncated && !lines.empty()) {
        // Room for the ellipsis: drop whole clusters from the end of the last line.
        auto last = clusters(lines.back());
        double em = 0;
        for (const auto& c : last) {
            em += c.em;
        }
        while (!last.empty() && (em + 1.0 > room || last.back().space)) {
            em -= last.back().em;
            last.pop_back();
        }
        std::string shortened;
        for (const auto& c : last) {
            shortened += c.text;
        }
        lines.back() = shortened + "\xE2\x80\xA6";
    }
    return lines;
}

} // namespace escalate::export_detail
