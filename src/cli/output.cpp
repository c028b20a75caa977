#include "output.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>
#include <unistd.h>

#include "escalate/errors.hpp"
#include "escalate/json.hpp"
#include "escalate/text.hpp"

namespace escalate::cli {

Style Style::for_stdout(std::string_view mode, std::string_view no_color_env) {
    if (mode == "always") {
        return Style(true);
    }
    if (mode == "never") {
        return Style(false);
    }
    if (mode != "auto") {
        throw UsageError(fmt::format("--color \"{}\": accepted: auto, always, never", mode));
    }
    return Style(no_color_env.empty() && ::isatty(STDOUT_FILENO) == 1);
}

std::string Style::wrap(std::string_view code, std::string_view s) const {
    if (!enabled_ || s.empty()) {
        return std::string(s);
    }
    return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
}

namespace {

std::size_t visible_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\x1b') {
            while (i < s.size() && s[i] != 'm') {
                ++i;
            }
            continue;
        }
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            ++width;
        }
    }
    return width;
}

} // namespace

void Table::print(const Style& style) const {
    std::vector<std::size_t> widths(header_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], visible_width(row[i]));
        }
    };
    measure(header_);
    for (const auto& r : rows_) {
        measure(r);
    }
    auto line = [&](const std::vector<std::string>& row, bool head) {
        std::string out;
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            const bool last = i + 1 == row.size();
            std::string cell = head ? style.bold(row[i]) : row[i];
            out += cell;
            if (!last) {
                out += std::string(widths[i] - visible_width(row[i]) + 2, ' ');
            }
        }
        fmt::print("{}\n", out);
    };
    line(header_, true);
    for (const auto& r : rows_) {
        line(r, false);
    }
}

void print_json(const nlohmann::ordered_json& j) {
    fmt::print("{}\n", dump(j));
}

std::string visible(std::string_view s, bool lines) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if (b == '\n' && lines) {
                out += '\n';
            } else if (b == '\n') {
                out += "\\n";
            } else if (b == '\r') {
                out += "\\r";
            } else if (b == '\t') {
                out += "\\t";
            } else if (b < 0x20 || b == 0x7f) {
                out += fmt::format("\\x{:02x}", b);
            } else {
                out += static_cast<char>(b);
            }
            ++i;
            continue;
        }
        // A UTF-8 sequence: its length from the lead byte, then checked byte by byte.
        const std::size_t len = b >= 0xF5 ? 0 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
        bool ok = len != 0 && i + len <= s.size();
        char32_t cp = len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto cb = static_cast<unsigned char>(s[i + k]);
            ok = (cb & 0xC0) == 0x80;
            cp = (cp << 6) | (cb & 0x3F);
        }
        ok = ok && !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
             !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!ok) {
            out += fmt::format("\\x{:02x}", b);
            ++i;
            continue;
        }
        if (cp >= 0x80 && cp <= 0x9F) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        } else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                   cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0x2028 || cp == 0x2029) {
            out += fmt::format("<U+{:04X}>", static_cast<unsigned>(cp));
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string clip(std::string_view s, std::size_t max) {
    std::string flat;
    for (char c : s) {
        flat += (c == '\n' || c == '\t') ? ' ' : c;
    }
    flat = visible(flat);
    if (code_points(flat) <= max) {
        return flat;
    }
    std::size_t bytes = 0;
    std::size_t points = 0;
    while (bytes < flat.size() && points < max - 1) {
        ++bytes;
        while (bytes < flat.size() && (static_cast<unsigned char>(flat[bytes]) & 0xC0) == 0x80) {
            ++bytes;
        }
        ++points;
    }
    return flat.substr(0, bytes) + "…";
}

std::string plural(long long n, std::string_view noun) {
    return n == 1 ? fmt::format("{} {}", n, noun) : fmt::format("{} {}s", n, noun);
}

} // namespace escalate::cli
