#include "output.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "escalate/errors.hpp"
#include "escalate/json.hpp"
#include "escalate/text.hpp"
#include "terminal.hpp"

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
    return Style(no_color_env.empty() && stdout_is_terminal());
}

std::string Style::wrap(std::string_view code, std::string_view s) const {
    if (!enabled_ || s.empty()) {
        return std::string(s);
    }
    return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
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

std::string one_line(std::string_view s) {
    std::string flat(s);
    std::replace_if(
        flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
    return visible(flat);
}

std::string clip(std::string_view s, std::size_t max) {
    return fit_width(one_line(s), max);
}

} // namespace escalate::cli
