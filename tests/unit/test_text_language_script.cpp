// Scripts of languages (CLDR's likely subtags) and of texts.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search/query_builder.hpp"
#include "text/language_script.hpp"

using dragoman::text::dominant_script;
using dragoman::text::script_of_language;

TEST_CASE("script_of_language gives CLDR's likely script, named as letters are") {
    struct Row {
        const char* language;
        const char* script;
    };
    // Macedonian, Kyrgyz, Mongolian, Tajik and Pashto are the languages two earlier
    // tables disagreed on.
    const Row rows[] = {
        {"ru", "Cyrl"}, {"uk", "Cyrl"}, {"be", "Cyrl"}, {"bg", "Cyrl"}, {"sr", "Cyrl"}, {"kk", "Cyrl"},
        {"mk", "Cyrl"}, {"ky", "Cyrl"}, {"mn", "Cyrl"}, {"tg", "Cyrl"}, {"ps", "Arab"},
        {"ar", "Arab"}, {"fa", "Arab"}, {"ur", "Arab"}, {"ug", "Arab"}, {"el", "Grek"}, {"he", "Hebr"},
        {"yi", "Hebr"}, {"hi", "Deva"}, {"mr", "Deva"}, {"ne", "Deva"}, {"ta", "Taml"}, {"bn", "Beng"},
        {"hy", "Armn"}, {"ka", "Geor"}, {"am", "Ethi"}, {"th", "Thai"}, {"zh", "Hani"}, {"zh-TW", "Hani"},
        {"ja", "Hani"}, {"ko", "Hang"}, {"en", "Latn"}, {"tr", "Latn"}, {"uz", "Latn"}, {"az", "Latn"},
        {"sr-Latn", "Latn"}, {"xx", "Latn"}, {"", "Latn"},
    };
    for (const auto& row : rows) {
        SUBCASE(row.language) { CHECK(script_of_language(row.language) == row.script); }
    }
}

TEST_CASE("the script of a language matches the script of text written in it") {
    CHECK(script_of_language("mk") == dominant_script("Министерство за надворешни работи"));
    CHECK(script_of_language("ps") == dominant_script("د بهرنیو چارو وزارت"));
    CHECK(script_of_language("zh") == dominant_script("联合国安理会"));
    CHECK(script_of_language("ko") == dominant_script("외교부"));
}

TEST_CASE("a word is stemmed only in the indexed languages written in its script") {
    const std::vector<std::string> indexed = {"en", "ru", "ar", "fa", "mk", "ps", "el"};
    CHECK(dragoman::stem_languages_for("санкции", indexed, "") == std::vector<std::string>{"ru"});
    CHECK(dragoman::stem_languages_for("العقوبات", indexed, "") == std::vector<std::string>{"ar"});
    CHECK(dragoman::stem_languages_for("sanctions", indexed, "") == std::vector<std::string>{"en"});
    CHECK(dragoman::stem_languages_for("κυρώσεις", indexed, "") == std::vector<std::string>{"el"});
    CHECK(dragoman::stem_languages_for("2019", indexed, "").empty());
}
