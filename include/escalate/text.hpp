// Checks on text a user gives: what is stored is exactly what was typed, or it is refused with
// a reason. Invalid UTF-8 and NUL bytes are refused (JSON output and exports need valid text).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace escalate {

// Single: one line typed by a user: no line break, tab, carriage return, C1 control or
// bidirectional override (each can make a terminal, a spreadsheet or a post show something
// else than the text). Multi: line breaks and tabs allowed. SingleAsStored: one line as older
// versions stored it (a dump being restored may hold a carriage return or a tab).
enum class Lines { Single, Multi, SingleAsStored };

inline constexpr std::size_t max_note_bytes = 1024 * 1024;
inline constexpr std::size_t max_field_bytes = 1000;

// Throws UsageError naming the field when value is too long, is not UTF-8, holds a NUL or
// another control character, or (Lines::Single) a line break.
void check_text(std::string_view field, std::string_view value, Lines lines,
                std::size_t max_bytes = max_field_bytes);

// Line ends as typed or pasted (CRLF from an email, a lone CR from an old Mac) made LF.
[[nodiscard]] std::string normalise_newlines(std::string_view s);

// The byte offset of the first invalid UTF-8 sequence, or npos.
[[nodiscard]] std::size_t invalid_utf8_at(std::string_view s);

// Unicode code points in valid UTF-8 text.
[[nodiscard]] std::size_t code_points(std::string_view s);

// Grapheme clusters, as utf8proc breaks them (extended clusters: a flag, a joined emoji
// sequence and a letter with its accents are one each); a byte that is not UTF-8 is one.
[[nodiscard]] std::vector<std::string_view> graphemes(std::string_view text);
// The columns a terminal gives one grapheme cluster: 2 for an East Asian wide or fullwidth
// character and for an emoji (a pictograph, a flag, anything with the emoji selector U+FE0F),
// 0 for a combining mark or a zero-width character alone, else 1.
[[nodiscard]] std::size_t cluster_width(std::string_view cluster);
// The columns a terminal gives one line of text, cluster by cluster.
[[nodiscard]] std::size_t display_width(std::string_view s);
// The text if it takes at most `width` columns, else as many whole clusters as fit with "…"
// after them (never half a character, a flag or a joined emoji).
[[nodiscard]] std::string fit_width(std::string_view s, std::size_t width);
// Unicode case folding after NFC (utf8proc), so that "ÉLECTRICITÉ" and "électricité" are one
// key; ASCII text is lower-cased directly. Text that is not UTF-8 is returned as it is.
[[nodiscard]] std::string case_fold(std::string_view s);

// FNV-1a, 64 bits: a fingerprint for cached data (not for security), continuing from seed.
[[nodiscard]] constexpr std::uint64_t hash64(std::string_view s,
                                             std::uint64_t seed = 14695981039346656037ULL) {
    for (const char c : s) {
        seed = (seed ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return seed;
}

} // namespace escalate
