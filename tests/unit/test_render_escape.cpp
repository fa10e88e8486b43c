// Percent-encoding for URL path segments and query values.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>

#include "render/citation.hpp"
#include "render/escape.hpp"
#include "text/utf8.hpp"

using dragoman::render::percent_encode;

TEST_CASE("percent_encode keeps RFC 3986's unreserved characters and ':' and encodes every other byte") {
    struct Row {
        const char* name;
        std::string in;
        std::string out;
    };
    const Row rows[] = {
        {"unreserved", "AZaz09-._~", "AZaz09-._~"},
        {"colon of an id", "un:RUS_74_2019", "un:RUS_74_2019"},
        {"segment delimiters", "a/b?c#d", "a%2Fb%3Fc%23d"},
        {"query delimiters", "x&y=z+w", "x%26y%3Dz%2Bw"},
        {"other sub-delims and @", "!$'()*,;@", "%21%24%27%28%29%2A%2C%3B%40"},
        {"space and percent", "50 %", "50%20%25"},
        {"Cyrillic", "Лавров", "%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2"},
        {"control and high bytes", std::string("\x00\x7F\xFF", 3), "%00%7F%FF"},
    };
    for (const auto& row : rows) {
        SUBCASE(row.name) { CHECK(percent_encode(row.in) == row.out); }
    }
}

TEST_CASE("a permalink path is /p/ and the percent-encoded passage id") {
    CHECK(dragoman::render::permalink_path("un:RUS 74/2019#p3") == "/p/un:RUS%2074%2F2019%23p3");
}

namespace {

/// sanitize() as its contract reads, one code point at a time: the reference the run-wise
/// copy must reproduce.
std::string sanitize_by_code_point(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = dragoman::text::decode_utf8(text, i, cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        const bool unsafe = cp != '\n' && cp != '\t' &&
                            (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
                             (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
                             cp == 0xFFFE || cp == 0xFFFF);
        if (!unsafe) out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace

TEST_CASE("sanitize copies safe runs and drops exactly what the contract names, whatever the bytes") {
    CHECK(dragoman::render::sanitize("plain text\tand\nlines") == "plain text\tand\nlines");
    CHECK(dragoman::render::sanitize("a\x1b[31mb\x7f" "c\xc2\x85" "d") == "a[31mbcd");
    CHECK(dragoman::render::sanitize("\xe2\x80\xae" "evil\xe2\x81\xa6" "x\xef\xbf\xbe") == "evilx");
    CHECK(dragoman::render::sanitize("bad \xff byte \xc3") == "bad \xEF\xBF\xBD byte \xEF\xBF\xBD");
    CHECK(dragoman::render::sanitize("Лавров 华春莹 الأسد") == "Лавров 华春莹 الأسد");
    // Random byte strings, biased towards the bytes that start the unsafe sequences.
    std::mt19937 rng(7);
    const unsigned char alphabet[] = {'a', ' ', '\n', '\t', 0x1b, 0x7f, 0xc2, 0x85, 0xa0, 0xe2, 0x80, 0xae,
                                      0x81, 0xa6, 0xef, 0xbf, 0xbe, 0xd8, 0x9c, 0xff, 0xc3, 0xa9, 0xf0, 0x9f};
    for (int n = 0; n < 20000; ++n) {
        std::string s(rng() % 24, ' ');
        for (auto& c : s) c = static_cast<char>(alphabet[rng() % sizeof alphabet]);
        REQUIRE_MESSAGE(dragoman::render::sanitize(s) == sanitize_by_code_point(s), "input of " << s.size() << " bytes");
    }
}
