// Percent-encoding for URL path segments and query values.
#include <doctest/doctest.h>

#include <string>

#include "render/citation.hpp"
#include "render/escape.hpp"

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
