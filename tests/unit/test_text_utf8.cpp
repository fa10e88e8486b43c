// UTF-8 well-formedness: the one decoder and check, against ICU's U8_NEXT.
#include <doctest/doctest.h>

#include <unicode/utf8.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "text/utf8.hpp"

using dragoman::text::decode_utf8;
using dragoman::text::invalid_utf8_offset;
using dragoman::text::is_valid_utf8;

// Offsets and lengths are size_t end to end: nothing narrows a text's length to int32_t, as
// the checks that walked with U8_NEXT did (past 2^31 bytes they saw a negative length and
// called the text valid unread). A text that long is not built here: scanning 2 GiB under
// ASan takes about three minutes.
static_assert(std::is_same_v<decltype(invalid_utf8_offset(std::string_view())), std::optional<std::size_t>>);
static_assert(std::is_same_v<decltype(decode_utf8(std::string_view(), std::size_t{}, std::declval<char32_t&>())),
                             std::size_t>);

TEST_CASE("invalid_utf8_offset names the first byte that is not well-formed UTF-8") {
    struct Row {
        const char* name;
        std::string text;
        std::optional<std::size_t> offset;
    };
    const Row rows[] = {
        {"empty", "", std::nullopt},
        {"ASCII", "Lavrov said", std::nullopt},
        {"Cyrillic", "Захарова", std::nullopt},
        {"Arabic", "الأمم المتحدة", std::nullopt},
        {"CJK", "联合国", std::nullopt},
        {"four bytes", "\xF0\x9D\x84\x9E clef", std::nullopt},
        {"U+10FFFF", "\xF4\x8F\xBF\xBF", std::nullopt},
        {"lone continuation byte", "ab\x80", 2},
        {"overlong two bytes (C0)", "a\xC0\x80", 1},
        {"overlong two bytes (C1)", "\xC1\xBF", 0},
        {"overlong three bytes", "x\xE0\x9F\xBF", 1},
        {"overlong four bytes", "\xF0\x8F\xBF\xBF", 0},
        {"surrogate", "Лавров\xED\xA0\x80", 12},
        {"past U+10FFFF", "\xF4\x90\x80\x80", 0},
        {"F5 lead", "\xF5\x80\x80\x80", 0},
        {"FF byte", "ok\xFF", 2},
        {"cut by the end", "ab\xE2\x82", 2},
        {"cut by the next character", "\xC3(", 0},
        {"after a good sequence", "é\xC3", 2},
    };
    for (const auto& row : rows) {
        SUBCASE(row.name) {
            CHECK(invalid_utf8_offset(row.text) == row.offset);
            CHECK(is_valid_utf8(row.text) == !row.offset);
        }
    }
}

TEST_CASE("decode_utf8 returns the code point and length of each sequence") {
    char32_t cp = 0;
    CHECK(decode_utf8("A", 0, cp) == 1);
    CHECK(cp == U'A');
    CHECK(decode_utf8("xé", 1, cp) == 2);
    CHECK(cp == U'é');
    CHECK(decode_utf8("€", 0, cp) == 3);
    CHECK(cp == U'€');
    CHECK(decode_utf8("\xF0\x9D\x84\x9E", 0, cp) == 4);
    CHECK(cp == U'\U0001D11E');
    CHECK(decode_utf8("\xE2\x82", 0, cp) == 0);
}

TEST_CASE("decode_utf8 accepts exactly what ICU's U8_NEXT accepts") {
    // Every lead and second byte, with third and fourth bytes at the edges of the
    // continuation range and just outside it: each boundary of Unicode's table 3-7.
    const unsigned char tails[] = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
    int disagreements = 0;
    for (int lead = 0; lead < 256; ++lead)
        for (int second = 0; second < 256; ++second)
            for (unsigned char third : tails)
                for (unsigned char fourth : tails) {
                    const char bytes[] = {static_cast<char>(lead), static_cast<char>(second), static_cast<char>(third),
                                          static_cast<char>(fourth)};
                    const std::string_view s(bytes, 4);
                    char32_t cp = 0;
                    const std::size_t ours = decode_utf8(s, 0, cp);
                    int32_t i = 0;
                    UChar32 c = 0;
                    U8_NEXT(reinterpret_cast<const uint8_t*>(bytes), i, 4, c);
                    const bool same = c < 0 ? ours == 0 : (ours == static_cast<std::size_t>(i) && cp == static_cast<char32_t>(c));
                    if (!same) ++disagreements;
                }
    CHECK(disagreements == 0);
}
