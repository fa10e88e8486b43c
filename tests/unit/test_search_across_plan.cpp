// How a translated query (`across`) is planned and ranked: passages where the translations
// stand together, a Chinese run's words translated one by one, and no translation into a
// language the typed word is itself a word of.
#include <doctest/doctest.h>

#include <algorithm>

#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "schema/lexicon_file.hpp"
#include "schema/schema.hpp"
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
                                "Economic sanctions", "Nuclear"});
        auto ru = test::speech("g" + n + ":ru", "ru",
                               {"Урожай зерна", "Река разлилась", "Школа открылась", std::string("Визит: ") + places_ru[g],
                                "Экономические санкции", "Ядерный"});
        auto zh = test::speech("g" + n + ":zh", "zh",
                               {"粮食", "河流", "学校", std::string("访问") + places_zh[g], "经济制裁", "核"});
        auto fr = test::speech("g" + n + ":fr", "fr",
                               {"La récolte de grain", "La rivière a débordé", "L'école a ouvert",
                                std::string("Visite à ") + places_fr[g], "Sanctions économiques", "Nucléaire"});
        en.group = ru.group = zh.group = fr.group = "g-" + n;
        for (auto* t : {&en, &ru, &zh, &fr}) out.push_back(std::move(*t));
    }
    // Three of the four words' translations in one passage.
    auto together = test::speech("together:ru", "ru", {"Зерно, река и урожай: отчёт"}, "Briefing", "Sergey Lavrov");
    together.date = "2019-05-06";
    out.push_back(std::move(together));
    // All four, one a passage, among other passages.
    out.push_back(test::speech("apart:ru", "ru",
                               {"Зерно подорожало", "Погода была тёплой", "Река обмелела", "Рынок работал",
                                "Школа закрыта", "Урожай собран", "Поезд опоздал"}));
    // Two of a Chinese run's three words' translations.
    out.push_back(test::speech("two:en", "en", {"Grain barges on the river"}));
    // A number beside a word's translation.
    out.push_back(test::speech("numbered:en", "en", {"Grain prices rose by 17 percent"}));
    // A French stopword that is a word of an English text.
    out.push_back(test::speech("paz:en", "en", {"A delegation arrived in La Paz on Monday"}));
    return out;
}

using test::ids;

/// The fixture's index, built once for this file's tests, and a searcher over it.
Searcher& searcher() {
    static const test::SmallIndex index("across-plan", versions());
    static Searcher s(IndexLocation{{index.path()}});
    return s;
}

/// `query` searched with across, restricted to `lang` ("" = every language).
SearchResponse across(const std::string& query, const std::string& lang, std::size_t offset = 0) {
    SearchRequest r;
    r.query = query;
    r.lang = lang;
    r.across = true;
    r.offset = offset;
    auto found = searcher().search(r);
    REQUIRE(found);
    return *found;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string listing(const SearchResponse& r) {
    std::string out;
    for (const auto& h : r.results) out += h.id + " ";
    out += "| added:";
    for (const auto& a : r.added) out += " " + a.word + "→" + a.language + ":" + a.form;
    return out;
}

}  // namespace

TEST_CASE("a translated query ranks a passage holding its translations together above a text holding them apart") {
    const auto found = across("grain river harvest school", "ru");
    // No Russian passage holds all four; `apart:ru` (and every group's Russian version)
    // holds them between its passages, `together:ru` three in one.
    REQUIRE_FALSE(found.results.empty());
    CHECK(found.results.front().id == "together:ru");
    CHECK(found.relaxed);
    const auto listed = ids(found);
    CHECK(std::find(listed.begin(), listed.end(), "apart:ru") != listed.end());

    SUBCASE("the page goes on after the passages that hold every word") {
        const auto some = across("grain river", "ru");
        REQUIRE_FALSE(some.results.empty());
        CHECK(some.results.front().id == "together:ru");
        CHECK_FALSE(some.relaxed);
        const auto all = ids(some);
        INFO(listing(some));
        CHECK(std::find(all.begin(), all.end(), "apart:ru") != all.end());  // grain and river in different passages
        CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
        const auto next = across("grain river", "ru", 1);
        REQUIRE_FALSE(next.results.empty());
        CHECK(next.results.front().id == all.at(1));
    }
}

TEST_CASE("a Chinese run's words are translated one by one, not as a run") {
    const auto found = across("粮食河流学校", "en");  // grain, river, school typed as one run
    const auto listed = ids(found);
    INFO(listing(found));
    // Each group's English version holds all three (in different passages); `two:en` two
    // of them, apart from any Chinese adjacency.
    CHECK(std::find(listed.begin(), listed.end(), "two:en") != listed.end());
    CHECK(std::any_of(found.added.begin(), found.added.end(),
                      [](const AddedTranslation& a) { return a.word == "粮食" && a.language == "en"; }));

    SUBCASE("without across the run finds no English text") {
        SearchRequest r;
        r.query = "粮食河流学校";
        r.lang = "en";
        auto plain = searcher().search(r);
        REQUIRE(plain);
        CHECK(plain->results.empty());
    }
}

TEST_CASE("a Chinese run's words of one character are left to the run's own terms") {
    const auto has_word = [](const SearchResponse& r, const std::string& word) {
        return std::any_of(r.added.begin(), r.added.end(),
                           [&](const AddedTranslation& a) { return a.word == word && a.language == "en"; });
    };
    const auto alone = across("核", "en");  // nuclear, typed alone
    INFO(listing(alone));
    CHECK(has_word(alone, "核"));
    const auto run = across("粮食核", "en");  // grain and nuclear, typed as one run
    INFO(listing(run));
    CHECK(has_word(run, "粮食"));
    CHECK_FALSE(has_word(run, "核"));
}

TEST_CASE("a Chinese run's numbers are searched as themselves beside its words' translations") {
    // 粮食 (grain), 和 (and, no translation), 17, typed as one run: the number is a word of
    // every language, the particle is left to the run's own terms.
    const auto found = across("粮食和17", "en");
    INFO(listing(found));
    REQUIRE_FALSE(found.results.empty());
    CHECK(found.results.front().id == "numbered:en");
    CHECK_FALSE(found.relaxed);
}

TEST_CASE("a word that is a word of several languages is not translated into them") {
    // English, and French: the French reading's collocate `econom` is not English for it.
    const auto found = across("sanctions", "");
    REQUIRE_FALSE(found.added.empty());
    for (const auto& a : found.added) {
        INFO(a.language << ":" << a.form);
        CHECK(a.language != "en");
        CHECK(a.language != "fr");
    }
    CHECK(std::any_of(found.added.begin(), found.added.end(), [](const AddedTranslation& a) { return a.language == "ru"; }));
}

TEST_CASE("a query whose language is sure is translated as words of that language only") {
    const auto found = across("The river flooded after the grain harvest and the school opened", "");
    INFO(listing(found));
    // Read as English, its words add French translations, `grain` too (a French word as
    // well, which a query of unsure language is not translated into), none of them the
    // word itself.
    CHECK(std::any_of(found.added.begin(), found.added.end(),
                      [](const AddedTranslation& a) { return a.word == "grain" && a.language == "fr"; }));
    CHECK(std::none_of(found.added.begin(), found.added.end(),
                       [](const AddedTranslation& a) { return a.language == "en" || (a.word == "grain" && a.form == "grain"); }));
}

TEST_CASE("a translated query's stopwords are those of the language it is written in") {
    const auto found = across("La rivière a débordé près de la ville et de l'école", "en");
    INFO(listing(found));
    const auto listed = ids(found);
    CHECK(std::find(listed.begin(), listed.end(), "two:en") != listed.end());  // `river`
    // French `la` and `de` are not searched among English passages (`La Paz`).
    CHECK(std::find(listed.begin(), listed.end(), "paz:en") == listed.end());
}

TEST_CASE("a translated query too short for the language identifier is read as the language of its stopwords") {
    // Three words: CLD2 is unsure, French `de` and `la` say French. Read as English, they
    // were searched among English passages, and `La Paz` came in with the relaxed tier.
    const auto found = across("de la rivière", "en");
    INFO(listing(found));
    const auto listed = ids(found);
    CHECK(std::find(listed.begin(), listed.end(), "two:en") != listed.end());  // `river`
    CHECK(std::find(listed.begin(), listed.end(), "paz:en") == listed.end());
    CHECK_FALSE(found.relaxed);
}

TEST_CASE("a translated query's language is the lexicon's that holds most of its words") {
    text::Analyzer analyzer;
    std::vector<schema::LexiconEntry> entries;
    auto pair = [&](const std::string& from, const std::string& word, const std::string& to, const std::string& target) {
        const auto token = analyzer.tokenize(word, from);
        REQUIRE(token.size() == 1);
        entries.push_back({from, schema::lexicon_form(token.front(), from), to, target, target, 0.5, 3});
    };
    for (const char* word : {"preocupa", "asimismo", "pesar", "estrategia", "mayor", "parte"}) pair("es", word, "en", "concern");
    for (const char* word : {"strategy", "sanctions"}) pair("en", word, "es", "estrategia");
    for (const char* word : {"stratégie", "sanctions", "rivière"}) pair("fr", word, "en", "strategy");
    const Lexicon lexicon(std::move(entries));

    // French by its stopwords alone (`le`, `que`, `a`, `de`, `la` against Spanish `que`,
    // `a`, `de`, `la`); Spanish by the words its lexicon holds.
    CHECK(typed_language("Le preocupa asimismo que, a pesar de esa estrategia, la mayor parte", analyzer, lexicon) == "es");
    // Stopwords still count: French `de` and `la` beside a word no lexicon holds as Spanish.
    CHECK(typed_language("de la rivière", analyzer, lexicon) == "fr");
    // A word that English and French both hold, too short for CLD2: unsure.
    CHECK(typed_language("sanctions", analyzer, lexicon).empty());
    // No word held: CLD2's guess, where it has one.
    CHECK(typed_language("Die Bundesregierung hat heute in Berlin ein neues Gesetz beschlossen, das die Steuern senkt",
                         analyzer, lexicon) == "de");
}

TEST_CASE("a word is looked up in the lexicon as its own language reads it, whatever language is searched") {
    // Among Russian passages the query is read as Russian reads it, where `l'école` is one
    // word; French reads `école`, the word the lexicon holds. Without lang:, the same.
    for (const std::string lang : {"ru", ""}) {
        const auto found = across("l'école", lang);
        INFO(lang << ": " << listing(found));
        CHECK(std::any_of(found.added.begin(), found.added.end(),
                          [](const AddedTranslation& a) { return a.language == "ru" && a.form == "школ"; }));
        const auto listed = ids(found);
        CHECK(std::any_of(listed.begin(), listed.end(), [](const std::string& id) { return id.ends_with(":ru"); }));
    }
}

TEST_CASE("a translated query's filters apply as they do without translation") {
    const auto by_speaker = across("grain river speaker:Lavrov", "ru");
    CHECK(ids(by_speaker) == std::vector<std::string>{"together:ru"});
    const auto by_date = ids(across("grain river 2020..2020", "ru"));
    CHECK_FALSE(by_date.empty());
    CHECK(std::find(by_date.begin(), by_date.end(), "together:ru") == by_date.end());
    const auto in_2019 = ids(across("grain river 2019..2019", "ru"));
    CHECK(in_2019 == std::vector<std::string>{"together:ru"});
}

TEST_CASE("a translated word is not searched as itself in a language its translations stand for it in") {
    // French `large` is English `wide`; English `large` shares its stem (`larg`). Among
    // English passages, French `large` is searched as `wide`, not as `large`; French
    // `sanctions`, whose English translation is the word itself, still as itself.
    std::vector<Transcript> texts;
    const char* places[] = {"Geneva", "Vienna", "Nairobi", "Bangkok"};
    const char* places_fr[] = {"Genève", "Vienne", "Nairobi", "Bangkok"};
    for (int g = 0; g < 4; ++g) {
        const std::string n = std::to_string(g);
        auto en = test::speech("w" + n + ":en", "en",
                               {"The road is wide", "The council met", std::string("Visit to ") + places[g],
                                "The grain harvest", "Sanctions remain", "The school opened"});
        auto fr = test::speech("w" + n + ":fr", "fr",
                               {"La route est large", "Le conseil s'est réuni", std::string("Visite à ") + places_fr[g],
                                "La récolte de grain", "Les sanctions restent", "L'école a ouvert"});
        en.group = fr.group = "w-" + n;
        texts.push_back(std::move(en));
        texts.push_back(std::move(fr));
    }
    texts.push_back(test::speech("large:en", "en", {"A large crowd gathered"}));
    texts.push_back(test::speech("wide:en", "en", {"A wide avenue"}));
    texts.push_back(test::speech("sanctions:en", "en", {"Sanctions were lifted"}));
    const test::SmallIndex index("across-instead", std::move(texts));
    Searcher searcher(IndexLocation{{index.path()}});
    const auto search = [&](const std::string& query) {
        SearchRequest r;
        r.query = query;
        r.lang = "en";
        r.across = true;
        auto found = searcher.search(r);
        REQUIRE(found);
        INFO(query << ": " << listing(*found));
        return ids(*found);
    };
    const auto wide = search("la route est large");
    CHECK(has(wide, "wide:en"));
    CHECK_FALSE(has(wide, "large:en"));
    CHECK(has(search("les sanctions sont levées"), "sanctions:en"));
}

TEST_CASE("a word's translations weigh as sure as the lexicon is of the best of them") {
    // Spanish `río` is English `river` surely, `grano` English `grain` barely. `grain` is the
    // rarer English word, so that by rarity alone its passage would rank first; weighed by
    // how sure the lexicon is, the passage of the sure translation does.
    const test::SmallIndex index("across-sure", {test::speech("river:en", "en", {"The river flooded"}),
                                                 test::speech("grain:en", "en", {"The grain harvest"}),
                                                 test::speech("trade:en", "en", {"River trade resumed"}),
                                                 test::speech("talks:en", "en", {"The talks resumed"}),
                                                 test::speech("budget:en", "en", {"The budget passed"}),
                                                 test::speech("visit:en", "en", {"The visit ended"}),
                                                 test::speech("report:en", "en", {"The report appeared"})});
    text::Analyzer analyzer;
    const auto entry = [&](const std::string& word, const std::string& target, double score) {
        const auto token = analyzer.tokenize(word, "es");
        REQUIRE(token.size() == 1);
        return schema::LexiconEntry{"es", schema::lexicon_form(token.front(), "es"), "en", target, target, score, 5};
    };
    const auto first = [&](double grain_score) {
        const Lexicon lexicon({entry("río", "river", 0.6), entry("grano", "grain", grain_score)});
        const Xapian::Database db(index.path());
        QueryContext context{{"en"}, "en"};
        context.across = true;
        context.lexicon = &lexicon;
        context.vocabulary = &db;
        auto tree = parse_query("río grano");
        REQUIRE(tree);
        const auto built = build_query(**tree, analyzer, context);
        REQUIRE(built);
        Xapian::Enquire enquire(db);
        enquire.set_query(built->relaxed);
        const auto top = enquire.get_mset(0, 1);
        REQUIRE(top.size() == 1);
        return top.begin().get_document().get_value(schema::slot_transcript);
    };
    CHECK(first(0.6) == "grain:en");   // as sure of both: the rarer word first
    CHECK(first(0.12) == "river:en");  // `grano` barely known: its translation weighs less
}

TEST_CASE("a month's name is translated by the calendar into a language that writes months as numbers") {
    // The lexicon pairs Spanish `enero` with the Chinese words beside the number it cannot
    // pair (日); the calendar gives `1月`, searched as the phrase `1 月`. The two Chinese
    // passages hold the same numbers, in another order.
    const test::SmallIndex index("across-month", {test::speech("january:zh", "zh", {"会议于2015年1月8日举行"}),
                                                  test::speech("august:zh", "zh", {"会议于2015年8月1日举行"}),
                                                  test::speech("day:zh", "zh", {"每日新闻"})});
    text::Analyzer analyzer;
    const auto entry = [&](const std::string& from, const std::string& word, const std::string& to, const std::string& target) {
        const auto token = analyzer.tokenize(word, from);
        REQUIRE(token.size() == 1);
        return schema::LexiconEntry{from, schema::lexicon_form(token.front(), from), to, target, target, 0.4, 50};
    };
    const Lexicon lexicon({entry("es", "enero", "zh", "日"), entry("zh", "日", "es", "dia")});
    const Xapian::Database db(index.path());
    QueryContext context{{"es", "zh"}, "zh"};
    context.across = true;
    context.lexicon = &lexicon;
    context.vocabulary = &db;
    const auto plan = [&](const std::string& q) {
        auto tree = parse_query(q);
        REQUIRE(tree);
        auto built = build_query(**tree, analyzer, context);
        REQUIRE(built);
        return std::move(*built);
    };
    const auto built = plan("8 de enero de 2015");
    REQUIRE(built.added.size() == 1);
    CHECK(built.added.front().word == "enero");
    CHECK(built.added.front().language == "zh");
    CHECK(built.added.front().form == "1 月");
    CHECK(built.added.front().score == doctest::Approx(1.0));
    Xapian::Enquire enquire(db);
    enquire.set_query(built.relaxed);
    const auto top = enquire.get_mset(0, 3);
    REQUIRE(top.size() >= 2);
    CHECK(top.begin().get_document().get_value(schema::slot_transcript) == "january:zh");
    // Dropped as any translation is: the lexicon's is not put back in its place.
    context.dropped = {"zh:1 月"};
    CHECK(plan("8 de enero de 2015").added.empty());
}
