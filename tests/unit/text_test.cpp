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

TEST_CASE("display width counts the columns a terminal gives each grapheme", "[text][width]") {
    SECTION("ASCII one each, CJK and emoji two, combining accents none") {
        CHECK(display_width("Meterco") == 7);
        CHECK(display_width("東京電力") == 8);
        CHECK(display_width("box \xF0\x9F\x93\xA6") == 6);             // 📦
        CHECK(display_width("Cafe\xCC\x81") == 4);                     // e + combining acute
        CHECK(display_width("\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7") == 2); // 🇬🇧: one flag
        CHECK(display_width("\xE2\x9D\xA4\xEF\xB8\x8F") == 2);         // ❤️ with U+FE0F
        // 👨‍👩‍👧: a joined family is one cluster of two
        CHECK(display_width("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91"
                            "\xA7") == 2);
    }
    SECTION("graphemes keep a letter with its accents and a flag whole") {
        CHECK(graphemes("Cafe\xCC\x81").size() == 4);
        CHECK(graphemes("\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7!").size() == 2);
    }
    SECTION("fit_width cuts between clusters and ends with an ellipsis") {
        CHECK(fit_width("Meterco", 7) == "Meterco");
        CHECK(fit_width("Meterco", 5) == "Mete…");
        CHECK(fit_width("東京電力", 6) == "東京…");
        CHECK(fit_width("東京電力", 5) == "東京…"); // a wide character never half shown
        CHECK(fit_width("Cafe\xCC\x81s", 5) == "Cafe\xCC\x81s");
        CHECK(fit_width("Cafe\xCC\x81s!", 5) == "Cafe\xCC\x81…");
        CHECK(display_width(fit_width("\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xAB\xF0\x9F"
                                      "\x87\xB7",
                                      3)) == 3);
    }
}
