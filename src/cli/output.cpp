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

std::string clip(std::string_view s, std::size_t max) {
    std::string flat;
    for (char c : s) {
        flat += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
    }
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
