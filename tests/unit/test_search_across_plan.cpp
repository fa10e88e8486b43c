// How a translated query (`across`) is planned and ranked: passages where the translations
// stand together, a Chinese run's words translated one by one, and no translation into a
// language the typed word is itself a word of.
#include <doctest/doctest.h>

#include <algorithm>

#include "search/searcher.hpp"
#include "test_index.hpp"

using namespace dragoman;

namespace {

/// Four version groups (English, Russian, Chinese, French), each turn one content word and
/// its translations, a place of its own per group so that no two versions are copies; then
/// texts of their own that no group links.
std::vector<Transcript> versions() {
    std::vector<Transcript> out;
    const char* places[] = {"Geneva", "Vienna", "Nairobi", "Bangkok"};
    const char* places_ru[] = {"Женева", "Вена", "Найроби", "Бангкок"};
    const char* places_zh[] = {"日内瓦", "维也纳", "内罗毕", "曼谷"};
    const char* places_fr[] = {"Genève", "Vienne", "Nairobi", "Bangkok"};
    for (int g = 0; g < 4; ++g) {
        const std::string n = std::to_string(g);
        auto en = test::speech("g" + n + ":en", "en",
                               {"The grain harvest", "The river flooded", "The school opened", std::string("Visit to ") + places[g],
                                "Economic sanctions"});
        auto ru = test::speech("g" + n + ":ru", "ru",
                               {"Урожай зерна", "Река разлилась", "Школа открылась", std::string("Визит: ") + places_ru[g],
                                "Экономические санкции"});
        auto zh = test::speech("g" + n + ":zh", "zh",
                               {"粮食", "河流", "学校", std::string("访问") + places_zh[g], "经济制裁"});
        auto fr = test::speech("g" + n + ":fr", "fr",
                               {"La récolte de grain", "La rivière a débordé", "L'école a ouvert",
                                std::string("Visite à ") + places_fr[g], "Sanctions économiques"});
        en.group = ru.group = zh.group = fr.group = "g-" + n;
        for (auto* t : {&en, &ru, &zh, &fr}) out.push_back(std::move(*t));
    }
    // Three of the four words' translations in one passage.
    out.push_back(test::speech("together:ru", "ru", {"Зерно, река и урожай: отчёт"}));
    // All four, one a passage, among other passages.
    out.push_back(test::speech("apart:ru", "ru",
                               {"Зерно подорожало", "Погода была тёплой", "Река обмелела", "Рынок работал",
                                "Школа закрыта", "Урожай собран", "Поезд опоздал"}));
    // Two of a Chinese run's three words' translations.
    out.push_back(test::speech("two:en", "en", {"Grain barges on the river"}));
    // A French stopword that is a word of an English text.
    out.push_back(test::speech("paz:en", "en", {"A delegation arrived in La Paz on Monday"}));
    return out;
}

std::vector<std::string> ids(const SearchResponse& r) {
    std::vector<std::string> out;
    for (const auto& h : r.results) out.push_back(h.id);
    return out;
}

std::string listing(const SearchResponse& r) {
    std::string out;
    for (const auto& h : r.results) out += h.id + " ";
    out += "| added:";
    for (const auto& a : r.added) out += " " + a.word + "→" + a.language + ":" + a.form;
    return out;
}

}  // namespace

TEST_CASE("a translated query ranks a passage holding its translations together above a text holding them apart") {
    test::SmallIndex index("across-plan-passage", versions());
    Searcher searcher(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "grain river harvest school";
    r.lang = "ru";
    r.across = true;
    auto found = searcher.search(r);
    REQUIRE(found);
    // No Russian passage holds all four; `apart:ru` (and every group's Russian version)
    // holds them between its passages, `together:ru` three in one.
    REQUIRE_FALSE(found->results.empty());
    CHECK(found->results.front().id == "together:ru");
    CHECK(found->relaxed);
    const auto listed = ids(*found);
    CHECK(std::find(listed.begin(), listed.end(), "apart:ru") != listed.end());

    SUBCASE("the page goes on after the passages that hold every word") {
        r.query = "grain river";
        auto some = searcher.search(r);
        REQUIRE(some);
        REQUIRE_FALSE(some->results.empty());
        CHECK(some->results.front().id == "together:ru");
        CHECK_FALSE(some->relaxed);
        const auto all = ids(*some);
        INFO(listing(*some));
        CHECK(std::find(all.begin(), all.end(), "apart:ru") != all.end());  // grain and river in different passages
        CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
        r.offset = 1;
        auto next = searcher.search(r);
        REQUIRE(next);
        REQUIRE_FALSE(next->results.empty());
        CHECK(next->results.front().id == all.at(1));
    }
}

TEST_CASE("a Chinese run's words are translated one by one, not as a run") {
    test::SmallIndex index("across-plan-run", versions());
    Searcher searcher(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "粮食河流学校";  // grain, river, school typed as one run
    r.lang = "en";
    r.across = true;
    auto found = searcher.search(r);
    REQUIRE(found);
    const auto listed = ids(*found);
    INFO(listing(*found));
    // Each group's English version holds all three (in different passages); `two:en` two
    // of them, apart from any Chinese adjacency.
    CHECK(std::find(listed.begin(), listed.end(), "two:en") != listed.end());
    CHECK(std::any_of(found->added.begin(), found->added.end(),
                      [](const AddedTranslation& a) { return a.word == "粮食" && a.language == "en"; }));

    SUBCASE("without across the run finds no English text") {
        r.across = false;
        auto plain = searcher.search(r);
        REQUIRE(plain);
        CHECK(plain->results.empty());
    }
}

TEST_CASE("a word that is a word of several languages is not translated into them") {
    test::SmallIndex index("across-plan-own", versions());
    Searcher searcher(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "sanctions";  // English, and French: the French reading's collocate `econom` is not English for it
    r.across = true;
    auto found = searcher.search(r);
    REQUIRE(found);
    REQUIRE_FALSE(found->added.empty());
    for (const auto& a : found->added) {
        INFO(a.language << ":" << a.form);
        CHECK(a.language != "en");
        CHECK(a.language != "fr");
    }
    CHECK(std::any_of(found->added.begin(), found->added.end(), [](const AddedTranslation& a) { return a.language == "ru"; }));
}

TEST_CASE("a query whose language is sure is translated as words of that language only") {
    test::SmallIndex index("across-plan-typed", versions());
    Searcher searcher(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "The river flooded after the grain harvest and the school opened";
    r.across = true;
    auto found = searcher.search(r);
    REQUIRE(found);
    INFO(listing(*found));
    // Read as English, its words add French translations, `grain` too (a French word as
    // well, which a query of unsure language is not translated into), none of them the
    // word itself.
    CHECK(std::any_of(found->added.begin(), found->added.end(),
                      [](const AddedTranslation& a) { return a.word == "grain" && a.language == "fr"; }));
    CHECK(std::none_of(found->added.begin(), found->added.end(),
                       [](const AddedTranslation& a) { return a.language == "en" || (a.word == "grain" && a.form == "grain"); }));
}

TEST_CASE("a translated query's stopwords are those of the language it is written in") {
    test::SmallIndex index("across-plan-stopwords", versions());
    Searcher searcher(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "La rivière a débordé près de la ville et de l'école";
    r.lang = "en";
    r.across = true;
    auto found = searcher.search(r);
    REQUIRE(found);
    INFO(listing(*found));
    const auto listed = ids(*found);
    CHECK(std::find(listed.begin(), listed.end(), "two:en") != listed.end());  // `river`
    // French `la` and `de` are not searched among English passages (`La Paz`).
    CHECK(std::find(listed.begin(), listed.end(), "paz:en") == listed.end());
}
