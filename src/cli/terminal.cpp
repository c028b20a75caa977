#include "terminal.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include <sys/ioctl.h>
#include <unistd.h>

namespace escalate::cli {

namespace {

// A window narrower than this is taken as this: a table needs a few columns to say anything.
constexpr std::size_t narrowest = 20;

std::optional<std::size_t> columns_variable() {
    const char* value = std::getenv("COLUMNS");
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::string_view text = value;
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n == 0) {
        return std::nullopt; // not a number: as if unset
    }
    return n;
}

struct Facts {
    bool terminal = false;
    std::optional<std::size_t> width;
};

const Facts& facts() {
    static const Facts read = [] {
        Facts f;
        f.terminal = ::isatty(STDOUT_FILENO) == 1;
        f.width = columns_variable();
        if (!f.width && f.terminal) {
            winsize size{};
            const bool known = ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0;
            f.width = known ? size.ws_col : 80; // a terminal that does not say: the classic 80
        }
        if (f.width && *f.width < narrowest) {
            f.width = narrowest;
        }
        return f;
    }();
    return read;
}

} // namespace

bool stdout_is_terminal() {
    return facts().terminal;
}

std::optional<std::size_t> output_width() {
    return facts().width;
}

} // namespace escalate::cli
