#include "escape.hpp"

#include "escalate/text.hpp"

namespace escalate::export_detail {

namespace {

bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string md_escape(std::string_view s) {
    // CommonMark lets any ASCII punctuation be escaped with a backslash. Everything that can
    // open inline structure is escaped wherever it is; what opens a block only at the start of
    // a line (lists, headings, setext underlines, indented code) is escaped there. Line breaks
    // become spaces: a one-line field stays on its line, and callers split notes themselves.
    std::string out;
    out.reserve(s.size() + s.size() / 4);
    // Leading blanks would make indented code, and are dropped by a paragraph anyway.
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
        ++i;
    }
    s.remove_prefix(i);
    // Trailing blanks before a line end are a hard line break.
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    // "1." or "1)" at the start opens an ordered list: escape the delimiter.
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') {
        ++digits;
    }
    const std::size_t list_delimiter =
        digits > 0 && digits < s.size() && (s[digits] == '.' || s[digits] == ')')
            ? digits
            : std::string_view::npos;
    for (std::size_t k = 0; k < s.size(); ++k) {
        const char c = s[k];
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '\r':
        case '\n':
            out += ' ';
            break;
        case '*':
        case '_':
        case '`':
        case '[':
        case ']':
        case '#':
        case '\\':
        case '|':
        case '~':
            out += '\\';
            out += c;
            break;
        case '-':
        case '+':
        case '=':
            if (k == 0) {
                out += '\\';
            }
            out += c;
            break;
        default:
            if (k == list_delimiter) {
                out += '\\';
            }
            out += c;
        }
    }
    return out;
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(s);
    }
    std::string out = "\"";
    for (char c : s) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string csv_text(std::string_view s) {
    // OWASP CSV injection: a cell a spreadsheet would read as a formula starts with a quote.
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) {
        std::string quoted(1, '\'');
        quoted += s;
        return csv_field(quoted);
    }
    return csv_field(s);
}

std::string ics_text(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string ics_line(std::string_view line) {
    constexpr std::size_t max_octets = 75;
    std::string out;
    std::size_t used = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        std::size_t len = 1;
        while (i + len < line.size() && continuation(line[i + len])) {
            ++len;
        }
        if (used + len > max_octets) {
            out += "\r\n ";
            used = 1; // the folding space counts
        }
        out.append(line.substr(i, len));
        used += len;
        i += len;
    }
    return out + "\r\n";
}

std::vector<std::string> split_words(std::string_view text, std::size_t limit) {
    std::vector<std::string> pieces;
    std::string current;
    std::size_t current_points = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') {
            ++j;
        }
        if (j == i) {
            break;
        }
        std::string_view word = text.substr(i, j - i);
        i = j;
        std::size_t points = code_points(word);
        const std::size_t needed = current.empty() ? points : current_points + 1 + points;
        if (needed <= limit) {
            if (!current.empty()) {
                current += ' ';
            }
            current += word;
            current_points = needed;
            continue;
        }
        if (!current.empty()) {
            pieces.push_back(current);
            current.clear();
            current_points = 0;
        }
        // A word longer than a whole piece is cut between characters.
        while (points > limit) {
            std::size_t bytes = 0;
            for (std::size_t n = 0; n < limit; ++n) {
                ++bytes;
                while (bytes < word.size() && continuation(word[bytes])) {
                    ++bytes;
                }
            }
            pieces.emplace_back(word.substr(0, bytes));
            word.remove_prefix(bytes);
            points -= limit;
        }
        current = std::string(word);
        current_points = points;
    }
    if (!current.empty()) {
        pieces.push_back(current);
    }
    return pieces;
}

std::string one_line(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

} // namespace escalate::export_detail
