// Escaping user text for each format, and splitting text at code-point and word boundaries.
// Private to src/export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace escalate::export_detail {

// & < > " ' as entities.
[[nodiscard]] std::string html_escape(std::string_view s);
// One line of Markdown text that opens no structure: entities for & < > (Markdown renders raw
// HTML), backslashes for * _ ` [ ] # \\ | ~ anywhere and for a leading - + = or "1." / "1)";
// leading and trailing blanks dropped (indented code, hard line breaks), line breaks as spaces.
[[nodiscard]] std::string md_escape(std::string_view s);
// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
[[nodiscard]] std::string csv_field(std::string_view s);
// A field of user text: csv_field, and a leading =, +, -, @, tab or CR neutralised with a quote
// so that no spreadsheet runs it as a formula.
[[nodiscard]] std::string csv_text(std::string_view s);
// RFC 5545 TEXT: backslash, semicolon and comma escaped, newlines as \n.
[[nodiscard]] std::string ics_text(std::string_view s);
// RFC 5545 folding: lines of at most 75 octets, never inside a UTF-8 sequence, CRLF ends.
[[nodiscard]] std::string ics_line(std::string_view line);

// Pieces of at most `limit` code points, cut between words where possible and never inside
// a character.
[[nodiscard]] std::vector<std::string> split_words(std::string_view text, std::size_t limit);
// Newlines and tabs as spaces, runs of spaces as one.
[[nodiscard]] std::string one_line(std::string_view s);

} // namespace escalate::export_detail
