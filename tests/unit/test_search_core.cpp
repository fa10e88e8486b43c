// The search core at the library's boundary, in the manner of Xapian's API tests: a small
// index built in the test, queries through build_query, Searcher and the highlighter, and
// the results asserted. Covers the one term derivation, the reading of a query word in
// every searched language, and the tiers of a query plan with `-word`.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "index/index_builder.hpp"
#include "index/passage_document.hpp"
#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "schema/token_layout.hpp"
#include "schema/word_terms.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "search/searcher.hpp"
#include "search/snippet.hpp"
#include "test_index.hpp"
#include "test_support.hpp"

using namespace dragoman;
using dragoman::test::SmallIndex;
using dragoman::test::speech;

namespace {

std::vector<std::string> ids(Searcher& s, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.facets = false;
    auto got = s.search(r);
    REQUIRE_MESSAGE(got.has_value(), (got ? std::string() : got.error().message));
    std::vector<std::string> out;
    for (const auto& h : got->results) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
}

/// The plan of `q` over an English index.
BuiltQuery plan(const std::string& q) {
    text::Analyzer analyzer;
    const QueryContext context{{"en"}, {}};
    auto tree = parse_query(q);
    REQUIRE(tree.has_value());
    auto built = build_query(**tree, analyzer, context);
    REQUIRE(built.has_value());
    return std::move(*built);
}

std::string marked(const SnippetText& s) {
    std::string out;
    for (const auto& f : s.fragments) out += f.hit ? "[" + f.text + "]" : f.text;
    return out;
}

}  // namespace

TEST_CASE("every term a word is indexed under is a term of word_terms, and the highlighter marks it by them") {
    struct Row {
        const char* language;
        const char* text;
    };
    for (const Row row : {Row{"en", "Sanctions against Côte d'Ivoire"}, Row{"ru", "Санкции против Ирана"},
                          Row{"fr", "l'Union européenne"}, Row{"tr", "İstanbul'da toplantı"},
                          Row{"ar", "التعاون الدولي"}, Row{"zh", "中华人民共和国外交部"}}) {
        SUBCASE(row.language) {
            text::Analyzer analyzer;
            Transcript t = speech("t:1", row.language, {row.text});
            const auto passages = split_passages(t);
            REQUIRE(passages.size() == 1);
            const auto doc = build_passage_document(analyzer, t, passages.front(), "in.jsonl:1", "h", "c");
            std::set<std::string> indexed;
            for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) indexed.insert(*it);
            const std::string language = doc.get_value(schema::slot_language);
            std::set<std::string> derived;
            TermSet all;
            for (const auto& tok : analyzer.tokenize(passages.front().text, language)) {
                schema::word_terms(tok, language).for_each([&](const std::string& term) {
                    derived.insert(term);
                    all.insert(term);
                    CHECK(indexed.count(term) == 1);
                });
                // Each word is marked by each of its own terms alone.
                schema::word_terms(tok, language).for_each([&](const std::string& term) {
                    CHECK(token_matches(tok, language, TermSet{term}));
                });
            }
            // And the free-text terms of the document are exactly those (the rest are prefixed
            // title, speaker, filter and id terms).
            for (const auto& term : indexed) CHECK_MESSAGE(schema::is_word_term(term) == (derived.count(term) == 1), term);
            const auto snippet = highlight(analyzer, passages.front().text, language, all);
            CHECK(snippet.hits == analyzer.tokenize(passages.front().text, language).size());
        }
    }
}

TEST_CASE("a word with an elided article is read as each searched language reads it") {
    // An English passage keeps `d'Ivoire` whole (indexed as `divoire`); a French one drops
    // the article (`ivoire`). The query reads the word both ways.
    SmallIndex index("core", {speech("en:1", "en", {"The delegation of Côte d'Ivoire spoke on the cocoa trade and the ports."}),
                      speech("fr:1", "fr", {"La délégation de la Côte d'Ivoire a parlé du commerce du cacao et des ports."}),
                      speech("en:2", "en", {"The ivory trade was discussed by the delegation at length."})});
    Searcher s(IndexLocation{{index.path()}});
    CHECK(ids(s, "Côte d'Ivoire") == std::vector<std::string>{"en:1", "fr:1"});
    CHECK(ids(s, "\"Côte d'Ivoire\"") == std::vector<std::string>{"en:1", "fr:1"});
    CHECK(ids(s, "d'Ivoire lang:en") == std::vector<std::string>{"en:1"});
    CHECK(ids(s, "d'Ivoire lang:fr") == std::vector<std::string>{"fr:1"});

    SearchRequest r;
    r.query = "Côte d'Ivoire";
    auto got = s.search(r);
    REQUIRE(got.has_value());
    for (const auto& hit : got->results) {
        REQUIRE(!hit.snippets.empty());
        const auto text = marked(hit.snippets.front().text);
        CHECK_MESSAGE(text.find("[Côte]") != std::string::npos, text);
        CHECK_MESSAGE((text.find("[d'Ivoire]") != std::string::npos || text.find("d'[Ivoire]") != std::string::npos), text);
    }
}

TEST_CASE("build_query plans three tiers and excludes with every one of them") {
    const auto plain = plan("sanctions iran");
    CHECK(plain.word_parts.size() == 2);
    CHECK(!plain.relaxed.empty());
    CHECK(plain.excluded.empty());

    const auto without = plan("sanctions iran -oil");
    CHECK(without.word_parts.size() == 2);  // the across-passages tier survives `-word`
    CHECK(!without.relaxed.empty());        // and so does the any-word tier
    CHECK(!without.excluded.empty());
    CHECK(without.relaxed.get_description().find("oil") != std::string::npos);  // excluded there too
    std::set<std::string> marked_terms;
    for (auto t = without.marked.get_unique_terms_begin(); t != without.marked.get_unique_terms_end(); ++t)
        marked_terms.insert(*t);
    CHECK(marked_terms.count("sanctions") == 1);
    CHECK(marked_terms.count("oil") == 0);  // an excluded word is never marked

    const auto filtered = plan("sanctions iran -oil lang:en");
    CHECK(filtered.word_parts.size() == 2);
    CHECK(filtered.filter_parts.size() == 1);

    const auto one = plan("sanctions");
    CHECK(one.word_parts.empty());
    const auto only_not = plan("-oil");
    CHECK(!only_not.query.empty());
    CHECK(!only_not.has_positive);
}

TEST_CASE("a transcript whose passages hold the words between them is found with -word as without") {
    SmallIndex index("core", {
        speech("split", "en", {"We spoke about the sanctions regime at length today.",
                               "Then the minister turned to Iran and its neighbours."}),
        speech("oily", "en", {"The sanctions were extended again this spring.", "Iran sells oil to its neighbours."}),
        speech("other", "en", {"Tourism and trade were on the agenda."}),
    });
    Searcher s(IndexLocation{{index.path()}});
    CHECK(ids(s, "sanctions iran") == std::vector<std::string>{"oily", "split"});
    CHECK(ids(s, "sanctions iran -oil") == std::vector<std::string>{"split"});
    CHECK(ids(s, "sanctions iran NOT oil") == std::vector<std::string>{"split"});
    // The any-word tier also keeps the exclusion.
    CHECK(ids(s, "sanctions tourism -oil") == std::vector<std::string>{"other", "split"});
}

TEST_CASE("a search out of time answers its first tier and says timed_out") {
    SmallIndex index("core", {
        speech("a", "en", {"We spoke about the sanctions regime at length today."}),
        speech("b", "en", {"The sanctions were extended again this spring."}),
    });
    Searcher s(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "sanctions";
    auto in_time = s.search(r);
    REQUIRE(in_time.has_value());
    CHECK_FALSE(in_time->timed_out);
    REQUIRE(in_time->results.size() == 2);
    CHECK(!in_time->results.front().snippets.empty());

    r.time_budget = std::chrono::milliseconds(0);
    auto late = s.search(r);
    REQUIRE(late.has_value());
    CHECK(late->timed_out);
    REQUIRE(late->results.size() == 2);  // the first tier always runs
    CHECK(late->results.front().snippets.empty());

    // The words spread over passages are a later tier: left out, and said so.
    r.query = "sanctions spring regime";
    auto spread = s.search(r);
    REQUIRE(spread.has_value());
    CHECK(spread->timed_out);
    CHECK(spread->results.empty());
}

namespace {

/// The results in rank order with their scores.
std::vector<std::pair<std::string, double>> ranked(Searcher& s, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.facets = false;
    auto got = s.search(r);
    REQUIRE_MESSAGE(got.has_value(), (got ? std::string() : got.error().message));
    std::vector<std::pair<std::string, double>> out;
    for (const auto& h : got->results) out.emplace_back(h.id, h.score);
    return out;
}

double score_of(const std::vector<std::pair<std::string, double>>& results, const std::string& id) {
    for (const auto& [i, score] : results)
        if (i == id) return score;
    FAIL("no result " << id);
    return 0;
}

}  // namespace

TEST_CASE("the words as typed, stopwords included, rank above the same words apart") {
    // "apart" is the shorter passage, its words close together though not as typed: BM25 and
    // closeness rank it first; "typed" holds the phrase as typed.
    std::vector<Transcript> transcripts;
    for (int i = 0; i < 8; ++i)  // other words, so that the query's are rare ones
        transcripts.push_back(speech("other" + std::to_string(i), "en", {"Tourism and trade were on the agenda, as ever."}));
    transcripts.push_back(
        speech("apart", "en", {"Against Russia came the sanctions on North Korea, and petroleum sales went on."}));
    transcripts.push_back(
        speech("typed", "en", {"We will answer the sanctions against Russia calmly, as we always have, with our "
                               "partners and with patience, whatever is decided in other capitals this year."}));
    SmallIndex index("core", transcripts);
    Searcher s(IndexLocation{{index.path()}});
    const auto two_words = ranked(s, "sanctions Russia");
    REQUIRE(two_words.size() == 2);
    CHECK(two_words.front().first == "apart");  // BM25 and closeness alone
    const auto as_typed = ranked(s, "sanctions against Russia");
    REQUIRE(as_typed.size() == 2);
    CHECK(as_typed.front().first == "typed");
    // The order typed matters: the same words in another order are no phrase, so "typed"
    // gains nothing over "apart" from it; closeness takes no order, so "apart" is unchanged.
    const auto reordered = ranked(s, "Russia against sanctions");
    CHECK(score_of(reordered, "typed") < score_of(as_typed, "typed"));
    CHECK(score_of(reordered, "apart") == doctest::Approx(score_of(as_typed, "apart")));
}

TEST_CASE("build_query boosts the typed order only for plain words") {
    const auto typed = plan("sanctions against Russia");
    CHECK(typed.query.get_description().find("PHRASE 3") != std::string::npos);
    const auto quoted = plan("\"sanctions against\" Russia");
    CHECK(quoted.query.get_description().find("PHRASE 3") == std::string::npos);
    const auto one = plan("sanctions lang:en");
    CHECK(one.query.get_description().find("PHRASE") == std::string::npos);
}

TEST_CASE("a word that is its own stem has no stem term, and every form of it still finds every other") {
    text::Analyzer analyzer;
    const auto tokens = analyzer.tokenize("war wars talk talks", "en");
    REQUIRE(tokens.size() == 4);
    CHECK(schema::word_terms(tokens[0], "en").stem.empty());                    // war: its own stem
    CHECK(schema::word_terms(tokens[1], "en").stem == schema::stem_prefix("en") + "war");
    CHECK(schema::word_terms(tokens[2], "en").stem.empty());
    // The query side looks a stem up as a stem term and as the plain word it spells.
    CHECK(schema::stem_terms(tokens[3], "en").term == schema::stem_prefix("en") + "talk");
    CHECK(schema::stem_terms(tokens[3], "en").plain == "talk");
    CHECK(schema::stem_terms(tokens[0], "zz").term.empty());  // no stemmer

    SmallIndex index("own-stem", {speech("t:war", "en", {"The war went on for years."}),
                                  speech("t:wars", "en", {"Two wars were fought there."}),
                                  speech("t:talk", "en", {"We will talk tomorrow."}),
                                  speech("t:talks", "en", {"The talks resumed in Geneva."})});
    Searcher s(IndexLocation{{index.path()}});
    CHECK(ids(s, "war") == std::vector<std::string>{"t:war", "t:wars"});
    CHECK(ids(s, "wars") == std::vector<std::string>{"t:war", "t:wars"});
    CHECK(ids(s, "talk") == std::vector<std::string>{"t:talk", "t:talks"});
    CHECK(ids(s, "talks") == std::vector<std::string>{"t:talk", "t:talks"});
    // A stem spelled as a word is looked for in the passages of the stem's language only,
    // as the stem term it stands for: English "talking" (stem "talk") does not find the
    // German passage's "Talk", where German's stemmer leaves "talking" whole.
    SmallIndex mixed("own-stem-languages", {speech("t:de", "de", {"Die Talk Show lief gestern Abend im Fernsehen."}),
                                            speech("t:en", "en", {"We will talk tomorrow morning."})});
    Searcher by_language(IndexLocation{{mixed.path()}});
    CHECK(ids(by_language, "talk") == std::vector<std::string>{"t:de", "t:en"});
    CHECK(ids(by_language, "talking") == std::vector<std::string>{"t:en"});
    // What matched is marked: the word that is its own stem, by its folded term.
    SearchRequest r;
    r.query = "wars";
    auto got = s.search(r);
    REQUIRE(got.has_value());
    for (const auto& h : got->results) {
        REQUIRE_FALSE(h.snippets.empty());
        const auto m = marked(h.snippets.front().text);
        CHECK_MESSAGE((m.find("[war]") != std::string::npos || m.find("[wars]") != std::string::npos), m);
    }
}

TEST_CASE("an ordinal is found by its number, whichever language's ending it is written with") {
    text::Analyzer analyzer;
    const auto tokens = analyzer.tokenize("the 7368th meeting", "en");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1].folded == "7368");
    CHECK(schema::word_terms(tokens[1], "en").exact == schema::term(schema::prefix_exact, "7368th"));
    CHECK(schema::word_terms(tokens[1], "en").stem.empty());  // a number has no stem

    SmallIndex index("ordinals", {speech("t:en", "en", {"Provisional agenda for the 7368th meeting of the Security Council."}),
                                  speech("t:fr", "fr", {"Ordre du jour provisoire de la 7368e séance du Conseil de sécurité."}),
                                  speech("t:es", "es", {"Orden del día provisional de la 7368ª sesión del Consejo de Seguridad."}),
                                  speech("t:zh", "zh", {"安全理事会第7368次会议临时议程"}),
                                  speech("t:other", "en", {"Provisional agenda for the 7378th meeting of the Security Council."})});
    Searcher s(IndexLocation{{index.path()}});
    // Each language apart (the four are linked as versions of one text, listed under one).
    for (const std::string language : {"en", "es", "fr", "zh"})
        for (const std::string typed : {"7368", "7368th", "7368e", "7368ª"}) {
            CAPTURE(language);
            CAPTURE(typed);
            CHECK(ids(s, typed + " lang:" + language) == std::vector<std::string>{"t:" + language});
        }
    CHECK(ids(s, "\"7368th meeting\"") == std::vector<std::string>{"t:en"});
    // The ending as written ranks first (the exact form's boost).
    SearchRequest r;
    r.query = "7368e";
    r.facets = false;
    const auto got = s.search(r);
    REQUIRE(got.has_value());
    REQUIRE_FALSE(got->results.empty());
    CHECK(got->results.front().id == "t:fr");
}

TEST_CASE("transliteration keys are written for words that may be names: capitalised, or of a script without case") {
    text::Analyzer analyzer;
    auto key_of = [&](const std::string& text, const std::string& language) {
        const auto tokens = analyzer.tokenize(text, language);
        REQUIRE(tokens.size() == 1);
        return schema::word_terms(tokens.front(), language).translit;
    };
    CHECK(key_of("with", "en").empty());                       // key "vith", but a common word
    CHECK(key_of("Sergey", "en") == schema::term(schema::prefix_translit, "sergei"));
    CHECK(key_of("война", "ru").empty());
    CHECK(key_of("Захарова", "ru") == schema::term(schema::prefix_translit, "zaharova"));
    CHECK(key_of("ЗАХАРОВА", "ru") == schema::term(schema::prefix_translit, "zaharova"));
    CHECK_FALSE(key_of("لافروف", "ar").empty());                // Arabic has no case
    CHECK(analyzer.tokenize("«война»", "ru").front().lowercase);
    CHECK_FALSE(analyzer.tokenize("习近平", "zh").front().lowercase);

    // A name is found across scripts and spellings; a lowercase word is not a name.
    SmallIndex index("names", {speech("t:ru", "ru", {"Мария Захарова ответила на вопрос."}),
                               speech("t:en", "en", {"Sergey Lavrov met the minister."})});
    Searcher s(IndexLocation{{index.path()}});
    CHECK(ids(s, "Zakharova") == std::vector<std::string>{"t:ru"});
    CHECK(ids(s, "Sergei") == std::vector<std::string>{"t:en"});
    CHECK(ids(s, "otvetila").empty());
}
