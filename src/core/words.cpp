#include "escalate/words.hpp"

#include <fmt/format.h>

namespace escalate {
namespace {

std::string regular_plural(std::string_view noun) {
    std::string out(noun);
    if (out.empty()) {
        return out;
    }
    const char last = out.back();
    const char before = out.size() > 1 ? out[out.size() - 2] : ' ';
    if (last == 'y' && std::string_view("aeiou").find(before) == std::string_view::npos) {
        out.pop_back();
        return out + "ies"; // reply, replies
    }
    if (last == 's' || last == 'x' || (last == 'h' && (before == 's' || before == 'c'))) {
        return out + "es"; // box, boxes; speech, speeches
    }
    return out + "s";
}

} // namespace

std::string noun_for(std::int64_t n, std::string_view noun, std::string_view plural_form) {
    if (n == 1) {
        return std::string(noun);
    }
    return plural_form.empty() ? regular_plural(noun) : std::string(plural_form);
}

std::string plural(std::int64_t n, std::string_view noun, std::string_view plural_form) {
    return fmt::format("{} {}", n, noun_for(n, noun, plural_form));
}

std::string grouped(std::int64_t n) {
    std::string digits = std::to_string(n);
    const std::ptrdiff_t sign = n < 0 ? 1 : 0;
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > sign; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

} // namespace escalate
