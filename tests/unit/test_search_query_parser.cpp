// The query language's parser (search/query_parser): precedence and filters.
#include <doctest/doctest.h>

#include "search/query_parser.hpp"

using namespace dragoman;

namespace {

std::string described(std::string_view q) {
    auto tree = parse_query(q);
    REQUIRE(tree);
    return (*tree)->describe();
}

}  // namespace

TEST_CASE("filters written beside an OR apply to the whole query") {
    CHECK(described("Crimea OR Sevastopol speaker:putin") == described("(Crimea OR Sevastopol) speaker:putin"));
    CHECK(described("a OR b lang:ru 2019..2020") == described("(a OR b) lang:ru 2019..2020"));
}

TEST_CASE("bracketed groups and filter-only branches keep their filters") {
    CHECK(described("(a speaker:x) OR b") != described("(a OR b) speaker:x"));
    CHECK(described("Crimea OR speaker:putin") != described("(Crimea) speaker:putin"));
}

TEST_CASE("a word-only OR is unchanged") {
    CHECK(described("a OR b c") == described("a OR (b c)"));
}
