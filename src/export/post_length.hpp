// A post's length as each network counts it, and cutting text into posts only between words,
// or between grapheme clusters when one word is longer than a post. Private to src/export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "escalate/text.hpp" // graphemes()
#include "escalate/timeline.hpp"

namespace escalate::export_detail {

// NFC, without the characters X refuses in a post (U+FEFF, U+FFFE, U+FFFF) and with any
// invalid UTF-8 replaced: the text a thread publishes.
[[nodiscard]] std::string post_text(std::string_view s);

// The most a post may hold, in the network's own unit.
[[nodiscard]] std::size_t post_max(const ThreadOptions& o);

// The length of a post as the network counts it: X's weighted length (twitter-text v3
// configuration), worked out from Unicode's properties alone and so at least X's count,
// sometimes more (docs/export.md); Bluesky's graphemes, Mastodon's graphemes with links as
// 23, or graphemes for --limit.
[[nodiscard]] std::size_t post_length(std::string_view text, const ThreadOptions& o);

// Pieces of `text` each of length at most `room`, cut at spaces, or between grapheme
// clusters inside a word that alone is too long.
[[nodiscard]] std::vector<std::string> split_post(std::string_view text, std::size_t room,
                                                  const ThreadOptions& o);

// The text if it fits in `room`, else as much as fits, cut the same way, ending with "…".
[[nodiscard]] std::string fit_post(std::string_view text, std::size_t room, const ThreadOptions& o);

} // namespace escalate::export_detail
