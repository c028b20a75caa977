#include "table.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>

#include <fmt/format.h>

#include "escalate/text.hpp"
#include "terminal.hpp"

namespace escalate::cli {

namespace {

constexpr std::size_t gap = 2; // spaces between columns
constexpr std::string_view ellipsis = "\xE2\x80\xA6";
constexpr std::string_view reset = "\x1b[0m";

// A piece of a cell: a colour code (no room) or one grapheme cluster.
struct Piece {
    std::string_view text;
    std::size_t width = 0;
    bool code = false;
};

std::vector<Piece> pieces(std::string_view cell) {
    std::vector<Piece> out;
    std::size_t at = 0;
    while (at < cell.size()) {
        if (cell[at] == '\x1b') {
            const auto m = cell.find('m', at);
            const std::size_t end = m == std::string_view::npos ? cell.size() : m + 1;
            out.push_back({cell.substr(at, end - at), 0, true});
            at = end;
            continue;
        }
        auto next = cell.find('\x1b', at);
        next = next == std::string_view::npos ? cell.size() : next;
        for (const auto g : graphemes(cell.substr(at, next - at))) {
            out.push_back({g, cluster_width(g), false});
        }
        at = next;
    }
    return out;
}

std::size_t width_of(std::string_view cell) {
    if (cell.find('\x1b') == std::string_view::npos) {
        return display_width(cell);
    }
    std::size_t w = 0;
    for (const auto& p : pieces(cell)) {
        w += p.width;
    }
    return w;
}

// The cell cut to `width` columns with "…", its colour codes kept up to the cut and then reset.
std::string clip_cell(std::string_view cell, std::size_t width) {
    if (width_of(cell) <= width) {
        return std::string(cell);
    }
    if (cell.find('\x1b') == std::string_view::npos) {
        return fit_width(cell, width);
    }
    std::string out;
    std::size_t used = 0;
    for (const auto& p : pieces(cell)) {
        if (!p.code && used + p.width + 1 > width) {
            break;
        }
        out.append(p.text);
        used += p.width;
    }
    return out + std::string(ellipsis) + std::string(reset);
}

// The cell in lines of at most `width` columns, broken at spaces, or between clusters inside a
// word longer than a line. A colour running over a break is closed and opened again.
std::vector<std::string> wrap_cell(std::string_view cell, std::size_t width) {
    if (width_of(cell) <= width) {
        return {std::string(cell)};
    }
    width = std::max<std::size_t>(width, 1);
    std::vector<std::string> lines;
    std::string line;
    std::size_t used = 0;
    std::string colour; // the colour code in force
    auto flush = [&] {
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
            --used;
        }
        lines.push_back(colour.empty() ? line : line + std::string(reset));
        line = colour;
        used = 0;
    };
    // Words: runs of pieces between spaces.
    const auto all = pieces(cell);
    std::size_t i = 0;
    while (i < all.size()) {
        if (!all[i].code && all[i].text == " ") {
            ++i;
            continue;
        }
        std::size_t end = i;
        std::size_t word = 0;
        while (end < all.size() && (all[end].code || all[end].text != " ")) {
            word += all[end].width;
            ++end;
        }
        if (used > 0 && used + 1 + word > width) {
            flush();
        }
        if (used > 0) {
            line += ' ';
            ++used;
        }
        for (; i < end; ++i) {
            const Piece& p = all[i];
            if (p.code) {
                colour = p.text == reset ? std::string() : std::string(p.text);
            } else if (used > 0 && used + p.width > width) {
                flush(); // a word longer than a line: cut between clusters
            }
            line.append(p.text);
            used += p.width;
        }
    }
    if (used > 0) {
        flush();
    }
    return lines;
}

std::vector<std::string> headers(const std::vector<Column>& columns) {
    std::vector<std::string> out;
    for (const auto& c : columns) {
        out.push_back(c.header);
    }
    return out;
}

} // namespace

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {
    for (const auto& c : columns_) {
        natural_.push_back(width_of(c.header));
    }
}

void Table::measure(const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < natural_.size() && i < row.size(); ++i) {
        natural_[i] = std::max(natural_[i], width_of(row[i]));
    }
}

void Table::add(std::vector<std::string> row) {
    measure(row);
    rows_.push_back(std::move(row));
}

std::vector<std::size_t> Table::widths(std::optional<std::size_t> width) const {
    const std::size_t n = columns_.size();
    std::vector<std::size_t> natural = natural_;
    if (!width) {
        for (std::size_t i = 0; i < n; ++i) {
            if (columns_[i].fit == Fit::Clip && columns_[i].cap > 0) {
                natural[i] = std::min(natural[i], columns_[i].cap);
            }
        }
        return natural;
    }
    const std::size_t gaps = n == 0 ? 0 : gap * (n - 1);
    if (std::accumulate(natural.begin(), natural.end(), gaps) <= *width) {
        return natural;
    }
    // Too wide: the columns that keep their width take it; the others start at their minimum
    // and share what is left by weight, none past its widest cell.
    std::vector<std::size_t> out = natural;
    std::size_t fixed = gaps;
    std::size_t lowest = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (columns_[i].fit == Fit::Keep) {
            fixed += natural[i];
        } else {
            out[i] = std::min(natural[i], columns_[i].min);
            lowest += out[i];
        }
    }
    std::size_t extra = *width > fixed + lowest ? *width - fixed - lowest : 0;
    while (extra > 0) {
        std::size_t weights = 0;
        for (std::size_t i = 0; i < n; ++i) {
            weights += columns_[i].fit != Fit::Keep && out[i] < natural[i] ? columns_[i].weight : 0;
        }
        if (weights == 0) {
            break;
        }
        std::size_t given = 0;
        for (std::size_t i = 0; i < n && given < extra; ++i) {
            if (columns_[i].fit == Fit::Keep || out[i] >= natural[i]) {
                continue;
            }
            const std::size_t share =
                std::max<std::size_t>(1, extra * columns_[i].weight / weights);
            const std::size_t add = std::min({share, natural[i] - out[i], extra - given});
            out[i] += add;
            given += add;
        }
        extra -= given;
    }
    return out;
}

void Table::emit(const std::vector<std::size_t>& w, const std::vector<std::string>& row,
                 bool header, const Style& style) const {
    std::vector<std::vector<std::string>> cells(columns_.size());
    std::size_t height = 1;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const std::string_view text = i < row.size() ? std::string_view(row[i]) : "";
        if (columns_[i].fit == Fit::Wrap && !header) {
            cells[i] = wrap_cell(text, w[i]);
        } else if (columns_[i].fit == Fit::Keep) {
            cells[i] = {std::string(text)};
        } else {
            cells[i] = {clip_cell(text, w[i])};
        }
        height = std::max(height, cells[i].size());
    }
    for (std::size_t k = 0; k < height; ++k) {
        std::string out;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            const std::string cell = k < cells[i].size() ? cells[i][k] : std::string();
            out += header ? style.bold(cell) : cell;
            if (i + 1 < columns_.size()) {
                const std::size_t used = width_of(cell);
                out += std::string(w[i] > used ? w[i] - used + gap : gap, ' ');
            }
        }
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
        fmt::print("{}\n", out);
    }
}

void Table::print(const Style& style) const {
    const auto w = widths(output_width());
    emit(w, headers(columns_), true, style);
    for (const auto& row : rows_) {
        emit(w, row, false, style);
    }
}

void Table::print_header(const Style& style) {
    fitted_ = widths(output_width());
    emit(fitted_, headers(columns_), true, style);
}

void Table::print_row(const std::vector<std::string>& row, const Style& style) const {
    emit(fitted_, row, false, style);
}

} // namespace escalate::cli
