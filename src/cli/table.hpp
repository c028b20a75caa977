// Tables a person reads (list, the agenda, stats, promises): columns padded to their widest cell
// in display columns (a CJK character or an emoji takes two, a combining accent none), and on
// a terminal or with COLUMNS, fitted to the width: the columns that can give way are cut with
// "…" or wrapped, never inside a character, a flag or a joined emoji.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "output.hpp"

namespace escalate::cli {

// What a column does when the table is wider than the output.
enum class Fit {
    Keep, // never narrower than its widest cell: ids, counts, states, dates
    Clip, // cut, ending in "…": names, titles
    Wrap, // continued on the next lines of the row, between words: sentences worth reading
};

struct Column {
    std::string header;
    Fit fit = Fit::Keep;
    // With no width to fit (not a terminal, no COLUMNS), a Clip column is cut at this many
    // display columns, as escalate has always printed it; 0: never.
    std::size_t cap = 0;
    // The narrowest a Clip or Wrap column becomes before the table overflows the width.
    std::size_t min = 8;
    // Its share of the room left over, against the other columns that give way.
    std::size_t weight = 1;
};

class Table {
public:
    explicit Table(std::vector<Column> columns);
    // Cells are one line of text already made visible(); they may carry Style's colour codes,
    // which take no room.
    void add(std::vector<std::string> row);
    [[nodiscard]] bool empty() const { return rows_.empty(); }
    // Prints the table fitted to output_width() (terminal.hpp).
    void print(const Style& style) const;

    // A table too long to hold in memory (the agenda with --all) is printed in two passes over
    // its rows: measure() each row, then print_header() and print_row() each row again, the
    // same cells in the same order. Nothing is kept but the columns' widths.
    void measure(const std::vector<std::string>& row);
    void print_header(const Style& style);
    void print_row(const std::vector<std::string>& row, const Style& style) const;

private:
    // Each column's width in display columns: fitted to `width`, or (nullopt) capped.
    [[nodiscard]] std::vector<std::size_t> widths(std::optional<std::size_t> width) const;
    // One row (or the header) in these widths, a Wrap cell over as many lines as it takes.
    void emit(const std::vector<std::size_t>& w, const std::vector<std::string>& row, bool header,
              const Style& style) const;
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<std::size_t> natural_; // each column's widest cell, its header included
    std::vector<std::size_t> fitted_;  // the widths print_header() chose
};

} // namespace escalate::cli
