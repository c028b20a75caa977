// Links in a post as the networks count them: X links more than a plain URL pattern finds,
// Mastodon only http(s) links. Private to src/export.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace escalate::export_detail {

struct LinkSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool unsure = false;  // X may link only a part of it: 23 and its own weight
    std::size_t rest = 0; // where X may end it (then counting what follows one by one)
};

// http(s) links, as Mastodon counts them (23 each).
[[nodiscard]] std::vector<LinkSpan> web_links(std::string_view s);
// What X might link (counted 23, or their own weight where X may link only a part).
[[nodiscard]] std::vector<LinkSpan> x_links(std::string_view s);

} // namespace escalate::export_detail
