// The nesting bound checked before an HTML page is parsed.
#include <doctest/doctest.h>

#include <string>

#include "ingest/html_depth.hpp"

using namespace dragoman;

namespace {

std::string nested(std::size_t n, const std::string& tag) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "<" + tag + ">";
    s += "text";
    for (std::size_t i = 0; i < n; ++i) s += "</" + tag + ">";
    return s;
}

}  // namespace

TEST_CASE("html depth: nested elements past the limit are found at their start tag") {
    CHECK_FALSE(html_too_deep_at(nested(10, "div"), 10));
    const auto at = html_too_deep_at("<html><body>" + nested(11, "div"), 10);
    REQUIRE(at);
    CHECK(*at == 12 + 10 * 5);
    // Regression: 200,000 nested <div>s (2.2 MB) kept the HTML5 parser busy for minutes.
    CHECK(html_too_deep_at(nested(200000, "div")));
}

TEST_CASE("html depth: closed siblings, void and optional-end elements, comments and scripts do not nest") {
    std::string flat;
    for (int i = 0; i < 5000; ++i) flat += "<div><p>para<br><img src='a>b'/><li>item</div><!-- <div><div> -->";
    flat += "<script>for (;;) { if (a <div) b(); }</script><style>a<b{}</style><span/>";
    flat += std::string(3000, '<') + " a < b";
    CHECK_FALSE(html_too_deep_at(flat, 3));
    CHECK_FALSE(html_too_deep_at(nested(4000, "p"), 3));
    CHECK_FALSE(html_too_deep_at(nested(4000, "br"), 3));
    CHECK(html_too_deep_at(nested(4, "SPAN"), 3));
}
