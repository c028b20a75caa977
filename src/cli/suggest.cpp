#include "suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace escalate::cli {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// A short word is one or two edits from almost every other short word: "fax" is not "dm".
std::size_t max_edits(std::string_view typed) {
    return typed.size() <= 3 ? 1 : 2;
}

constexpr std::size_t min_prefix = 2;
constexpr std::size_t max_suggestions = 3;

} // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
    const std::string a = lower(a_text);
    const std::string b = lower(b_text);
    // d[i][j]: the distance between the first i characters of a and the first j of b.
    const std::size_t width = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * width);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
    for (std::size_t i = 0; i <= a.size(); ++i) {
        at(i, 0) = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        at(0, j) = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t replace = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + replace});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1); // "lgo" for "log"
            }
        }
    }
    return at(a.size(), b.size());
}

std::vector<std::string> close_matches(std::string_view typed,
                                       const std::vector<std::string>& candidates) {
    // A word typed in part ranks after every word within the edits allowed, and level with the
    // other words it begins.
    const std::size_t allowed = max_edits(typed);
    const std::size_t prefix_rank = allowed + 1;
    const std::string typed_lower = lower(typed);
    std::vector<std::size_t> ranks;
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (const auto& candidate : candidates) {
        std::size_t rank = edit_distance(typed, candidate);
        // Edits that leave nothing of the word typed (one letter for another) are no guess.
        if (rank > allowed || rank >= typed.size()) {
            rank = std::numeric_limits<std::size_t>::max();
        }
        if (rank > prefix_rank && typed.size() >= min_prefix &&
            lower(candidate).starts_with(typed_lower)) {
            rank = prefix_rank;
        }
        ranks.push_back(rank);
        best = std::min(best, rank);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < candidates.size() && out.size() < max_suggestions; ++i) {
        if (ranks[i] == best && best != std::numeric_limits<std::size_t>::max()) {
            out.push_back(candidates[i]);
        }
    }
    return out;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
    return did_you_mean(close_matches(typed, candidates));
}

std::string did_you_mean(const std::vector<std::string>& matches) {
    if (matches.empty()) {
        return {};
    }
    std::string out = "did you mean ";
    for (std::size_t i = 0; i < matches.size(); ++i) {
        if (i > 0) {
            out += i + 1 == matches.size() ? " or " : ", ";
        }
        out += matches[i];
    }
    return out + "?";
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

} // namespace escalate::cli
