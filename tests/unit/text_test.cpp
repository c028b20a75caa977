#include "escalate/text.hpp"

#include <catch2/catch.hpp>

#include "escalate/errors.hpp"

using namespace escalate;

TEST_CASE("text checks accept what people type and refuse what would garble", "[text]") {
    CHECK_NOTHROW(check_text("--agent", "Lucy G.", Lines::Single));
    CHECK_NOTHROW(check_text("note", "caf\xC3\xA9 \xF0\x9F\x98\xA4\nline\ttab", Lines::Multi));
    CHECK_THROWS_WITH(check_text("--agent", "a\nb", Lines::Single), "--agent must be one line");
    CHECK_THROWS_WITH(check_text("note", std::string("a\0b", 3), Lines::Multi),
                      "note holds a control character (byte 2, code 0)");
    CHECK_THROWS_WITH(check_text("note", "bad \xC3\x28", Lines::Multi),
                      "note is not valid UTF-8 text (byte 5); save it as UTF-8");
    CHECK_THROWS_AS(check_text("note", std::string(2000, 'x'), Lines::Multi), UsageError);
}

TEST_CASE("UTF-8 validation", "[text]") {
    CHECK(invalid_utf8_at("plain") == std::string_view::npos);
    CHECK(invalid_utf8_at("\xF0\x9F\x98\xA4") == std::string_view::npos);
    CHECK(invalid_utf8_at("\xC0\xAF") == 0);       // overlong
    CHECK(invalid_utf8_at("ab\xED\xA0\x80") == 2); // surrogate
    CHECK(invalid_utf8_at("ab\xF0\x9F\x98") == 2); // truncated
    CHECK(code_points("caf\xC3\xA9") == 4);
}
