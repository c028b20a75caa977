// Terminal output: colour when wanted, text made safe to show, JSON documents.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "escalate/words.hpp"

namespace escalate::cli {

class Style {
public:
    // --color auto|always|never; auto means colour on a terminal unless NO_COLOR is set.
    static Style for_stdout(std::string_view mode, std::string_view no_color_env);
    explicit Style(bool enabled) : enabled_(enabled) {}

    [[nodiscard]] bool enabled() const { return enabled_; }
    [[nodiscard]] std::string bold(std::string_view s) const { return wrap("1", s); }
    [[nodiscard]] std::string dim(std::string_view s) const { return wrap("2", s); }
    [[nodiscard]] std::string red(std::string_view s) const { return wrap("31", s); }
    [[nodiscard]] std::string green(std::string_view s) const { return wrap("32", s); }
    [[nodiscard]] std::string yellow(std::string_view s) const { return wrap("33", s); }
    [[nodiscard]] std::string cyan(std::string_view s) const { return wrap("36", s); }

private:
    [[nodiscard]] std::string wrap(std::string_view code, std::string_view s) const;
    bool enabled_ = false;
};

void print_json(const nlohmann::ordered_json& j);

// User text made safe for a terminal: every control character shown, never sent raw. C0
// controls as \r, \t, \x1b (a line break kept when `lines` is true), DEL and C1 controls as
// \x7f, \x9b, bytes that are not UTF-8 as \xff, and the invisible format characters that
// reorder or hide text (bidi embeddings, overrides and isolates U+202A-202E, U+2066-2069, the
// marks U+200E, U+200F, U+061C, and U+2028, U+2029) as <U+202E>.
[[nodiscard]] std::string visible(std::string_view s, bool lines = false);
// visible() text on one line: line breaks and tabs as spaces (a table's cell).
[[nodiscard]] std::string one_line(std::string_view s);
// At most max display columns of one_line() text, ending in "…" when cut, never inside a
// character (escalate/text.hpp, fit_width).
[[nodiscard]] std::string clip(std::string_view s, std::size_t max);

} // namespace escalate::cli
