// The translation lexicon mined by a full build from aligned language versions, and
// cross-lingual search with it (index/lexicon_miner, search/lexicon, `across`).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include "index/lexicon_miner.hpp"
#include "schema/lexicon_file.hpp"
#include "search/lexicon.hpp"
#include "search/searcher.hpp"
#include "test_index.hpp"

using namespace dragoman;

namespace {

/// Three briefings, each in English and Russian (a group given in the input), their turns
/// aligned one to one; `sanctions`/`санкции` in two turns of each; then a Russian and an
/// English text of their own that no group links.
std::vector<Transcript> versions() {
    std::vector<Transcript> out;
    const char* places[] = {"Geneva", "Vienna", "Nairobi"};
    const char* places_ru[] = {"Женеве", "Вене", "Найроби"};
    for (int g = 0; g < 3; ++g) {
        const std::string where = places[g], where_ru = places_ru[g];
        auto en = test::speech("b" + std::to_string(g) + ":en", "en",
                               {"The council discussed sanctions today", "Water supply in " + where + " improved",
                                "The sanctions remain in force", "Schools opened in autumn"});
        auto ru = test::speech("b" + std::to_string(g) + ":ru", "ru",
                               {"Совет обсудил санкции сегодня", "Водоснабжение в " + where_ru + " улучшилось",
                                "Санкции остаются в силе", "Школы открылись осенью"});
        en.group = ru.group = "briefing-" + std::to_string(g);
        out.push_back(std::move(en));
        out.push_back(std::move(ru));
    }
    out.push_back(test::speech("own:ru", "ru", {"Министр осудил новые санкции против страны"}));
    out.push_back(test::speech("own:en", "en", {"The minister spoke about trade"}));
    return out;
}

using test::ids;

/// The lexicon a full build wrote into the index at `path`, as its file's text.
std::string lexicon_text(const std::string& path) {
    std::ifstream in(std::filesystem::path(path) / schema::lexicon_file_name);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("a full build mines a translation lexicon from aligned versions") {
    test::SmallIndex index("across-lexicon", versions());
    const auto entries = schema::decode_lexicon(lexicon_text(index.path()));
    REQUIRE(entries);
    const auto find = [&](std::string_view from, std::string_view form, std::string_view to) {
        for (const auto& e : *entries)
            if (e.source_language == from && e.source == form && e.target_language == to) return e;  // best first
        return schema::LexiconEntry{};
    };
    const auto sanction = find("en", "sanction", "ru");
    CHECK(sanction.target == "санкц");
    CHECK(sanction.shown == "санкции");
    CHECK(sanction.together == 6);
    CHECK(find("ru", "санкц", "en").target == "sanction");
    // `school`, `autumn` and `opened` stand in the same turns: each pairs with each of
    // `школ`, `осен`, `открыл` (Dice 1). Where they stand gives `school` `школ` alone; by
    // IBM Model 1 (no diagonal) all three, and no more than per_word are kept.
    const auto school_ru = [](const std::vector<schema::LexiconEntry>& es) {
        std::vector<std::string> out;
        for (const auto& e : es)
            if (e.source_language == "en" && e.source == "school" && e.target_language == "ru") out.push_back(e.target);
        return out;
    };
    CHECK(school_ru(*entries) == std::vector<std::string>{"школ"});
    LexiconOptions model_1;
    model_1.diagonal = 0;
    LexiconStats stats;
    CHECK(school_ru(mine_lexicon({index.path()}, model_1, stats)).size() == 3);
    model_1.per_word = 2;
    CHECK(school_ru(mine_lexicon({index.path()}, model_1, stats)).size() == 2);
    CHECK(find("en", "the", "ru").target.empty());  // a stopword pairs with nothing
}

TEST_CASE("across finds a Russian text for an English word, lists what it added and drops what it is told to") {
    test::SmallIndex index("across-search", versions());
    Searcher searcher(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "sanctions";
    r.lang = "ru";
    auto plain = searcher.search(r);
    REQUIRE(plain);
    CHECK_FALSE(has(ids(*plain), "own:ru"));
    CHECK_FALSE(plain->across);
    CHECK(plain->added.empty());

    r.across = true;
    auto across = searcher.search(r);
    REQUIRE(across);
    CHECK(across->across);
    CHECK(has(ids(*across), "own:ru"));
    REQUIRE_FALSE(across->added.empty());
    CHECK(across->added.front().word == "sanctions");
    CHECK(across->added.front().language == "ru");
    CHECK(across->added.front().form == "санкц");
    CHECK(across->added.front().shown == "санкции");

    SUBCASE("the query's across:yes asks the same") {
        SearchRequest q;
        q.query = "sanctions across:yes";
        q.lang = "ru";
        auto asked = searcher.search(q);
        REQUIRE(asked);
        CHECK(has(ids(*asked), "own:ru"));
    }
    SUBCASE("a dropped translation is not searched") {
        r.drop = {"ru:санкц"};
        auto dropped = searcher.search(r);
        REQUIRE(dropped);
        CHECK_FALSE(has(ids(*dropped), "own:ru"));
        CHECK(std::none_of(dropped->added.begin(), dropped->added.end(), [](const AddedTranslation& a) { return a.form == "санкц"; }));
    }
    SUBCASE("the query's own language ranks first where it answers") {
        SearchRequest q;
        q.query = "sanctions across:yes";
        auto both = searcher.search(q);
        REQUIRE(both);
        REQUIRE(both->results.size() >= 2);
        CHECK(both->results.front().language == "en");
        CHECK(has(ids(*both), "own:ru"));
    }
}

TEST_CASE("a lexicon file that does not decode says which line is wrong") {
    CHECK_FALSE(schema::decode_lexicon(""));
    CHECK(schema::decode_lexicon("# dragoman lexicon 1\nen\tx\tru\ty\ty\t0.5\t3\n"));
    const auto bad = schema::decode_lexicon("# dragoman lexicon 1\nen\tx\tru\ty\ty\t1.5\t3\n");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().find("line 2") != std::string::npos);
    CHECK_FALSE(schema::decode_lexicon("# dragoman lexicon 1\nen\tx\tru\n"));
}

namespace {

/// Four briefings in English and Russian where `human rights` stands, as a fixed phrase,
/// beside `права человека` in two turns of each, and each word also stands alone (`the
/// rights of women`, `each person voted`); then Russian texts of their own that no group
/// links: one saying `права человека`, one holding both words apart. With `dignity`, the
/// first two briefings also say `human dignity` / `достоинство человека`.
std::vector<Transcript> term_versions(bool dignity = false) {
    std::vector<Transcript> out;
    const char* places[] = {"Geneva", "Vienna", "Nairobi", "Lima"};
    const char* places_ru[] = {"Женеве", "Вене", "Найроби", "Лиме"};
    for (int g = 0; g < 4; ++g) {
        std::vector<std::string> en_turns = {"Human rights were defended in " + std::string(places[g]),
                                             "The council discussed human rights today", "The rights of women",
                                             "Each person voted", "Water supply improved"};
        std::vector<std::string> ru_turns = {"Права человека защищали в " + std::string(places_ru[g]),
                                             "Совет сегодня обсудил права человека", "Права женщин",
                                             "Каждый человек голосовал", "Водоснабжение улучшилось"};
        if (dignity && g < 2) {
            en_turns.push_back("Human dignity matters");
            ru_turns.push_back("Достоинство человека важно");
        }
        auto en = test::speech("h" + std::to_string(g) + ":en", "en", en_turns);
        auto ru = test::speech("h" + std::to_string(g) + ":ru", "ru", ru_turns);
        en.group = ru.group = "rights-" + std::to_string(g);
        out.push_back(std::move(en));
        out.push_back(std::move(ru));
    }
    out.push_back(test::speech("adjacent:ru", "ru", {"Министр защищает права человека в стране"}));
    out.push_back(test::speech("apart:ru", "ru", {"Права есть у каждого взрослого человека"}));
    return out;
}

/// An index of term_versions() whose lexicon keeps terms from 3 paragraphs on, and at a G²
/// of 3.84 (p < 0.05): among the Russian versions' runs of two words, `права человека` (8 times)
/// beside `права женщин` and `каждый человек` (4 each) reaches a G² of about 7 only. Scored
/// by IBM Model 1 without the diagonal: over these few paragraphs its pull between words
/// standing in the same place (`human rights` and `права человека`, `human` first and
/// `права` first) outweighs what the paragraphs show (`human right` → `человек` 0.48,
/// `прав человек` 0.41; over the corpus, the order of two neighbours is what the words
/// themselves outweigh).
IndexOptions few_paragraph_terms() {
    IndexOptions o;
    o.lexicon.min_term_paragraphs = 3;
    o.lexicon.min_term_g2 = 3.84;
    o.lexicon.diagonal = 0;
    return o;
}

}  // namespace

TEST_CASE("the miner pairs a two-word term with the phrase that stands beside it") {
    test::SmallIndex index("across-terms", term_versions(), few_paragraph_terms());
    const auto entries = schema::decode_lexicon(lexicon_text(index.path()));
    REQUIRE(entries);
    const auto best = std::find_if(entries->begin(), entries->end(), [](const schema::LexiconEntry& e) {
        return e.source_language == "en" && e.source == "human right" && e.target_language == "ru";
    });
    REQUIRE(best != entries->end());
    CHECK(best->target == "прав человек");
    CHECK(best->shown == "права человека");
    CHECK(best->together == 8);

    SUBCASE("under the least paragraphs a term needs, there are no terms") {
        test::SmallIndex plain("across-no-terms", term_versions());
        CHECK(lexicon_text(plain.path()).find("human right") == std::string::npos);
    }
}

TEST_CASE("the translation model gives a word its own translation, not the term it stands in") {
    // `human` stands in 10 paragraphs: 8 times in `human rights`, beside `права человека`,
    // twice in `human dignity`, beside `достоинство человека`; `человек` in 14 (4 more
    // beside `each person`). By Dice the term `прав человек` (2·8/(10+8) = 0.89) ranks above
    // `человек` (2·10/(10+14) = 0.83). The model gives the term to `human right`, which
    // explains it wherever it stands, and `человек` to `human`, which alone explains it
    // beside `dignity`.
    test::SmallIndex index("across-model", term_versions(true), few_paragraph_terms());
    const auto entries = schema::decode_lexicon(lexicon_text(index.path()));
    REQUIRE(entries);  // every score in (0, 1], as decode_lexicon requires
    const auto best = [&](std::string_view from, std::string_view form, std::string_view to) {
        const auto e = std::find_if(entries->begin(), entries->end(), [&](const schema::LexiconEntry& x) {
            return x.source_language == from && x.source == form && x.target_language == to;
        });
        REQUIRE(e != entries->end());
        return *e;  // the file lists a word's translations best first
    };
    const auto human = best("en", "human", "ru");
    CHECK(human.target == "человек");
    CHECK(human.together == 10);
    CHECK(best("en", "human right", "ru").target == "прав человек");
}

TEST_CASE("a lexicon file round-trips a term's spaced form") {
    const std::vector<schema::LexiconEntry> entries{{"en", "human right", "ru", "прав человек", "права человека", 0.9, 8}};
    const auto decoded = schema::decode_lexicon(schema::encode_lexicon(entries));
    REQUIRE(decoded);
    REQUIRE(decoded->size() == 1);
    CHECK(decoded->front().source == "human right");
    CHECK(decoded->front().target == "прав человек");
    CHECK(decoded->front().shown == "права человека");
    CHECK(schema::lexicon_phrase_terms("права человека") == std::vector<std::string>{"права", "человека"});
    CHECK(schema::is_term_form("human right"));
    CHECK_FALSE(schema::is_term_form("human"));
}

TEST_CASE("the languages agree on a translation that one language pair gave alone") {
    // French `president` (stem): into Chinese, the French-Chinese paragraphs gave 而言 first
    // (a collocate of two paragraphs) and 总统 second; English and Spanish lead to 总统.
    const Lexicon lexicon({
        {"fr", "president", "zh", "而言", "而言", 0.6, 2},
        {"fr", "president", "zh", "总统", "总统", 0.3, 40},
        {"fr", "president", "en", "presid", "president", 0.9, 90},
        {"fr", "president", "es", "president", "presidente", 0.8, 80},
        {"en", "presid", "zh", "总统", "总统", 0.7, 300},
        {"es", "president", "zh", "总统", "总统", 0.6, 200},
        {"es", "president", "zh", "主席", "主席", 0.2, 50},
    });
    const auto agreed = lexicon.agreed("fr", "president");
    std::vector<Lexicon::Translation> zh;
    std::copy_if(agreed.begin(), agreed.end(), std::back_inserter(zh), [](const auto& t) { return t.language == "zh"; });
    REQUIRE(zh.size() == 3);
    CHECK(zh[0].form == "总统");
    // Three paths (direct, by English, by Spanish): (0.3 + 0.9 × 0.7 + 0.8 × 0.6) / 3.
    CHECK(zh[0].score == doctest::Approx((0.3 + 0.63 + 0.48) / 3));
    CHECK(zh[1].form == "而言");
    CHECK(zh[1].score == doctest::Approx(0.6 / 3));
    CHECK(zh[2].form == "主席");  // by Spanish only
    CHECK(zh[2].score == doctest::Approx(0.8 * 0.2 / 3));
    // Into English, the only other path is by Spanish, which has no English translation.
    CHECK(std::count_if(agreed.begin(), agreed.end(), [](const auto& t) { return t.language == "en"; }) == 1);
    CHECK(std::find_if(agreed.begin(), agreed.end(), [](const auto& t) { return t.language == "en"; })->score ==
          doctest::Approx(0.9 / 3));
    CHECK(lexicon.agreed("fr", "absent").empty());
}

TEST_CASE("a quoted phrase with across finds the other language through its term's translation, as a phrase") {
    test::SmallIndex index("across-phrase", term_versions(), few_paragraph_terms());
    Searcher searcher(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "\"human rights\"";
    r.lang = "ru";
    r.across = true;
    // The words' own translations left out: what is found, is found through the term.
    r.drop = {"ru:прав", "ru:человек"};
    auto found = searcher.search(r);
    REQUIRE(found);
    CHECK(has(ids(*found), "adjacent:ru"));
    CHECK_FALSE(has(ids(*found), "apart:ru"));
    const auto term = std::find_if(found->added.begin(), found->added.end(), [](const AddedTranslation& a) { return a.form == "прав человек"; });
    REQUIRE(term != found->added.end());
    CHECK(term->word == "human rights");
    CHECK(term->language == "ru");
    CHECK(term->shown == "права человека");

    SUBCASE("the translation is marked where it matched") {
        const auto hit = std::find_if(found->results.begin(), found->results.end(), [](const auto& h) { return h.id == "adjacent:ru"; });
        REQUIRE(hit != found->results.end());
        REQUIRE_FALSE(hit->snippets.empty());
        std::string marked;
        for (const auto& f : hit->snippets.front().text.fragments)
            if (f.hit) marked += "[" + f.text + "]";
        CHECK(marked == "[права][человека]");
    }
    SUBCASE("a dropped term is not searched") {
        r.drop.push_back("ru:прав человек");
        auto dropped = searcher.search(r);
        REQUIRE(dropped);
        CHECK_FALSE(has(ids(*dropped), "adjacent:ru"));
        CHECK(std::none_of(dropped->added.begin(), dropped->added.end(), [](const AddedTranslation& a) { return a.form == "прав человек"; }));
    }
    SUBCASE("the same words typed unquoted add the term's translation too") {
        r.query = "human rights";
        auto words = searcher.search(r);
        REQUIRE(words);
        CHECK(has(ids(*words), "adjacent:ru"));
        CHECK(std::any_of(words->added.begin(), words->added.end(),
                          [](const AddedTranslation& a) { return a.word == "human rights" && a.form == "прав человек"; }));
    }
    SUBCASE("without across the phrase is searched as typed") {
        r.across = false;
        auto plain = searcher.search(r);
        REQUIRE(plain);
        CHECK_FALSE(has(ids(*plain), "adjacent:ru"));
        CHECK(plain->added.empty());
    }
}

TEST_CASE("the translation model tells apart two words that always stand together by where they stand") {
    // `grain river` beside `зерно река` in every group, each pair always together: by
    // co-occurrence alone (and IBM Model 1) `grain` is `зерн` and `рек` alike; the diagonal
    // gives `grain`, first in its paragraph, the word first in the other.
    std::vector<Transcript> texts;
    const char* places[] = {"Geneva", "Vienna", "Nairobi", "Bangkok"};
    const char* places_ru[] = {"Женева", "Вена", "Найроби", "Бангкок"};
    for (int g = 0; g < 4; ++g) {
        const std::string n = std::to_string(g);
        auto en = test::speech("d" + n + ":en", "en", {"Grain river", std::string("Visit to ") + places[g], "The school opened"});
        auto ru = test::speech("d" + n + ":ru", "ru", {"Зерно река", std::string("Визит: ") + places_ru[g], "Школа открылась"});
        en.group = ru.group = "d-" + n;
        texts.push_back(std::move(en));
        texts.push_back(std::move(ru));
    }
    const test::SmallIndex index("across-diagonal", texts);
    const auto score = [](const std::vector<schema::LexiconEntry>& entries, std::string_view target) {
        for (const auto& e : entries)
            if (e.source_language == "en" && e.source == "grain" && e.target_language == "ru" && e.target == target) return e.score;
        return 0.0;
    };
    const auto entries = schema::decode_lexicon(lexicon_text(index.path()));
    REQUIRE(entries);
    CHECK(score(*entries, "зерн") > 2 * score(*entries, "рек"));
    LexiconOptions model_1;
    model_1.diagonal = 0;
    LexiconStats stats;
    const auto undecided = mine_lexicon({index.path()}, model_1, stats);
    CHECK(score(undecided, "зерн") == doctest::Approx(score(undecided, "рек")));
    CHECK(score(undecided, "зерн") > 0);
}

TEST_CASE("the translation model learns how far from the diagonal a language pair's translations stand") {
    // Two words a paragraph, each pair of the four words in one group: a word stands with its
    // translation in 3 paragraphs and with any other word in 1, so the candidates are the
    // translations alone. Russian writes the pair in the same order, or the other way round.
    const std::vector<std::pair<int, int>> pairs{{0, 1}, {0, 2}, {1, 3}, {2, 3}, {0, 3}, {1, 2}};
    const char* en[] = {"grain", "river", "school", "bridge"};
    const char* ru[] = {"зерно", "река", "школа", "мост"};
    const char* places[] = {"Geneva", "Vienna", "Nairobi", "Bangkok", "Lima", "Oslo"};
    const char* places_ru[] = {"Женева", "Вена", "Найроби", "Бангкок", "Лима", "Осло"};
    const auto tension = [&](bool reversed, const LexiconOptions& o) {
        std::vector<Transcript> texts;
        for (std::size_t g = 0; g < pairs.size(); ++g) {
            const auto [a, b] = pairs[g];
            const std::string n = std::to_string(g);
            auto e = test::speech("d" + n + ":en", "en", {std::string(en[a]) + " " + en[b], places[g]});
            auto r = test::speech("d" + n + ":ru", "ru",
                                  {reversed ? std::string(ru[b]) + " " + ru[a] : std::string(ru[a]) + " " + ru[b], places_ru[g]});
            e.group = r.group = "d-" + n;
            texts.push_back(std::move(e));
            texts.push_back(std::move(r));
        }
        const test::SmallIndex index(reversed ? "across-tension-reversed" : "across-tension-same", texts);
        LexiconStats stats;
        const auto entries = mine_lexicon({index.path()}, o, stats);
        CHECK(std::any_of(entries.begin(), entries.end(), [](const schema::LexiconEntry& e) {
            return e.source == "grain" && e.target == "зерн";
        }));
        REQUIRE(stats.tensions.count("en→ru") == 1);
        return stats.tensions.at("en→ru");
    };
    const LexiconOptions learned;
    CHECK(tension(false, learned) > learned.diagonal);  // every link on the diagonal: the prior tightens
    CHECK(tension(true, learned) < 1.0);               // every link half a paragraph off it: it all but goes
    LexiconOptions fixed;
    fixed.learn_tension = false;
    CHECK(tension(true, fixed) == doctest::Approx(fixed.diagonal));
}
