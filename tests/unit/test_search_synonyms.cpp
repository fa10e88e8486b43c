// Synonym groups: parsing, multi-word alternatives, and the capitals rule for abbreviations.
#include <doctest/doctest.h>

#include "search/synonyms.hpp"

using namespace dragoman;

TEST_CASE("synonyms expand words and word runs across languages") {
    text::Analyzer analyzer;
    const auto s = Synonyms::parse("# comment\nUN = United Nations = ООН\nWHO = World Health Organization\n", analyzer);
    const auto un = s.alternatives({"un"}, true);
    REQUIRE(un.size() == 2);
    CHECK(un[0] == std::vector<std::string>{"united", "nations"});
    CHECK(un[1] == std::vector<std::string>{"оон"});
    CHECK(s.alternatives({"united", "nations"}, false).size() == 2);
    CHECK(s.longest() == 3);
}

TEST_CASE("an abbreviation written in capitals matches only a query in capitals") {
    text::Analyzer analyzer;
    const auto s = Synonyms::parse("WHO = World Health Organization\n", analyzer);
    CHECK(s.alternatives({"who"}, false).empty());
    CHECK(s.alternatives({"who"}, true).size() == 1);
    CHECK(Synonyms::typed_in_capitals("WHO"));
    CHECK_FALSE(Synonyms::typed_in_capitals("Who"));
    CHECK_FALSE(Synonyms::typed_in_capitals("ООН"));
}

TEST_CASE("the shipped synonym file loads") {
    CHECK_FALSE(Synonyms::shipped().empty());
    CHECK_FALSE(Synonyms::shipped().alternatives({"мид"}, false).empty());
}
