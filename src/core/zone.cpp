// Which zone TZ names. The C library reads a TZ it does not understand as UTC without a word;
// escalate refuses it instead, since every local time would be silently wrong.
#include "escalate/time.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

#include <filesystem>
#include <fmt/format.h>

namespace escalate {
namespace {

namespace fs = std::filesystem;

std::string zone_dir() {
    const char* dir = std::getenv("TZDIR");
    return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/usr/share/zoneinfo");
}

// A compiled zone file: it starts with "TZif".
bool zone_file(const std::string& name) {
    const fs::path path = name.starts_with('/') ? fs::path(name) : fs::path(zone_dir()) / name;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    std::array<char, 4> magic{};
    in.read(magic.data(), magic.size());
    return in.gcount() == 4 && std::string_view(magic.data(), 4) == "TZif";
}

// The POSIX TZ grammar: std offset [dst [offset] [,rule,rule]].
class PosixReader {
public:
    explicit PosixReader(std::string_view s) : s_(s) {}

    bool read() {
        if (!name() || !offset()) {
            return false;
        }
        if (done()) {
            return true;
        }
        if (!name()) {
            return false;
        }
        if (!done() && peek() != ',' && !offset()) {
            return false;
        }
        if (done()) {
            return true;
        }
        return eat(',') && rule() && eat(',') && rule() && done();
    }

private:
    std::string_view s_;
    std::size_t at_ = 0;

    [[nodiscard]] bool done() const { return at_ == s_.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : s_[at_]; }
    bool eat(char c) {
        if (peek() != c) {
            return false;
        }
        ++at_;
        return true;
    }
    bool name() {
        const std::size_t start = at_;
        if (eat('<')) {
            while (!done() && (std::isalnum(static_cast<unsigned char>(peek())) != 0 ||
                               peek() == '+' || peek() == '-')) {
                ++at_;
            }
            return at_ - start - 1 >= 3 && eat('>');
        }
        while (!done() && std::isalpha(static_cast<unsigned char>(peek())) != 0) {
            ++at_;
        }
        return at_ - start >= 3;
    }
    bool number(int max_digits, int max, int& out) {
        out = 0;
        int n = 0;
        while (n < max_digits && std::isdigit(static_cast<unsigned char>(peek())) != 0) {
            out = out * 10 + (peek() - '0');
            ++at_;
            ++n;
        }
        return n > 0 && out <= max;
    }
    // [+-]hh[:mm[:ss]]
    bool clock(int max_hours) {
        if (!eat('+')) {
            (void)eat('-');
        }
        int v = 0;
        if (!number(3, max_hours, v)) {
            return false;
        }
        for (int part = 0; part < 2 && eat(':'); ++part) {
            if (!number(2, 59, v)) {
                return false;
            }
        }
        return true;
    }
    bool offset() { return clock(24); }
    // Jn, n or Mm.w.d, then an optional /time.
    bool rule() {
        int v = 0;
        if (eat('M')) {
            if (!number(2, 12, v) || v == 0 || !eat('.') || !number(1, 5, v) || v == 0 ||
                !eat('.') || !number(1, 6, v)) {
                return false;
            }
        } else {
            const bool julian = eat('J');
            if (!number(3, 365, v) || (julian && v == 0)) {
                return false;
            }
        }
        return !eat('/') || clock(167);
    }
};

} // namespace

std::optional<std::string> local_zone_problem() {
    const char* tz = std::getenv("TZ");
    if (tz == nullptr || *tz == '\0') {
        return std::nullopt; // the system's zone
    }
    const std::string value(tz);
    const std::string name = value.starts_with(':') ? value.substr(1) : value;
    if (name == "UTC" || name == "GMT" || zone_file(name) ||
        (!value.starts_with(':') && PosixReader(value).read())) {
        return std::nullopt;
    }
    return fmt::format("TZ \"{}\" is not a time zone: use a name such as Europe/London, or unset "
                       "TZ for the system's zone",
                       value);
}

std::string local_zone_name() {
    const char* tz = std::getenv("TZ");
    if (tz != nullptr && *tz != '\0') {
        std::string name(tz);
        if (name.starts_with(':')) {
            name.erase(0, 1);
        }
        const std::string dir = zone_dir() + "/";
        return name.starts_with(dir) ? name.substr(dir.size()) : name;
    }
    std::error_code ec;
    const std::string link = fs::read_symlink("/etc/localtime", ec).string();
    if (const auto at = link.find("zoneinfo/"); !ec && at != std::string::npos) {
        return link.substr(at + 9);
    }
    return "the local time zone";
}

} // namespace escalate
