// Highlighting at the library's boundary: a small index built in the test, then every passage
// marked from the token layout the indexer stored (schema/token_layout) and by analysing its
// text again, which must agree word for word; the layout's encoding and its checks; a
// passage without a usable layout marked by analysis.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "index/passage_document.hpp"
#include "schema/passage.hpp"
#include "schema/passage_data.hpp"
#include "schema/schema.hpp"
#include "schema/token_layout.hpp"
#include "search/open_index.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "search/snippet.hpp"
#include "test_index.hpp"
#include "test_support.hpp"

using namespace dragoman;
using dragoman::test::SmallIndex;

namespace {

Transcript record(const std::string& id, const std::string& language, const std::vector<std::string>& turns) {
    return dragoman::test::speech(id, language, turns, "Briefing " + id, "Maria Zakharova");
}

std::vector<Transcript> corpus() {
    return {record("en", "en", {"Sanctions against Côte d'Ivoire were lifted. The U.N. Security Council's sanctions "
                                "committee met; Lavrov and Zakharova spoke of the sanctioned entities, SANCTIONS and all.",
                                std::string(300, 'x') + " a word longer than any term, then Iran."}),
            // Санкции capitalised may be a name (a transliteration term), санкции mid-sentence not.
            record("ru", "ru", {"Санкции против Ирана. Лавров: санкционный режим, санкций больше не будет, санкции "
                                "сняты. Захарова."}),
            record("fr", "fr", {"L'Union européenne et l'ONU : les sanctions contre l'Iran, « l'Union » encore."}),
            record("tr", "tr", {"İstanbul'da toplantı; Irak ve İran, ISTANBUL'DA yaptırımlar."}),
            record("ar", "ar", {"التعاون الدولي والتعاون الاقتصادي مع إيران والعقوبات."}),
            record("zh", "zh", {"中华人民共和国外交部发言人表示，对伊朗的制裁不会解决问题。"})};
}

std::string marked_text(const SnippetText& s) {
    std::string out;
    for (const auto& f : s.fragments) out += f.hit ? "[" + f.text + "]" : f.text;
    return out;
}

std::string shown(std::string_view text, const MarkedWords& words) {
    std::string out;
    for (const auto& w : words)
        out += std::string(text.substr(w.begin, w.end - w.begin)) + (w.hit ? "+ " : "- ");
    return out;
}

/// The terms a query's plan can match over the languages of the corpus.
TermSet query_terms(const std::string& q) {
    text::Analyzer analyzer;
    const QueryContext context{{"ar", "en", "fr", "ru", "tr", "zh"}, {}};
    auto tree = parse_query(q);
    REQUIRE(tree.has_value());
    auto built = build_query(**tree, analyzer, context);
    REQUIRE(built.has_value());
    TermSet terms;
    for (auto t = built->marked.get_unique_terms_begin(); t != built->marked.get_unique_terms_end(); ++t) terms.insert(*t);
    return terms;
}

}  // namespace

TEST_CASE("every passage is marked from its stored layout exactly as analysing it again marks it") {
    SmallIndex index("snippet", corpus());
    OpenIndex open(IndexLocation{{index.path()}});
    REQUIRE(open.refresh());
    const Xapian::Database& db = open.db();
    text::Analyzer analyzer;
    std::vector<TermSet> term_sets;
    for (const char* q : {"sanctions", "Lavrov", "Лавров", "Zakharova", "Union", "l'Union", "istanbul", "Iran",
                          "التعاون", "制裁", "\"security council\"", "U.N.", "sanctions -oil", "Côte d'Ivoire"})
        term_sets.push_back(query_terms(q));
    std::size_t checked = 0, hits = 0;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::Document doc = db.get_document(*p);
        const auto data = decode_passage_data(doc.get_data());
        REQUIRE(data.has_value());
        // Each word term alone, all of them, and each query's terms.
        std::vector<TermSet> sets = term_sets;
        TermSet all;
        for (const auto& t : schema::sorted_word_terms(doc)) {
            sets.push_back(TermSet{t});
            all.insert(t);
        }
        sets.push_back(all);
        for (const auto& terms : sets) {
            const auto stored = marks_from_index(doc, data->text, terms);
            REQUIRE(stored.has_value());
            const auto analysed = marks_by_analysis(analyzer, data->text, data->passage_language, terms);
            CHECK(shown(data->text, *stored) == shown(data->text, analysed));
            CHECK(marked_text(make_snippet(data->text, *stored, 80)) == marked_text(make_snippet(data->text, analysed, 80)));
            CHECK(marked_text(highlight(data->text, *stored)) == marked_text(highlight(data->text, analysed)));
            for (const auto& w : *stored) hits += w.hit;
            ++checked;
        }
        // With every term, every word that has a term is marked; the one too long is not.
        const auto everything = marks_from_index(doc, data->text, all);
        for (const auto& w : *everything) CHECK((w.hit || w.end - w.begin > schema::max_word_term_bytes));
    }
    CHECK(checked > 100);
    CHECK(hits > 100);
}

TEST_CASE("a query's words are marked in every script and form they matched") {
    SmallIndex index("snippet-q", corpus());
    OpenIndex open(IndexLocation{{index.path()}});
    REQUIRE(open.refresh());
    text::Analyzer analyzer;
    auto marked_in = [&](const std::string& id, const std::string& q) {
        const Xapian::Database& db = open.db();
        const std::string term = schema::transcript_term(id);
        std::string out;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            const Xapian::Document doc = db.get_document(*p);
            const auto data = decode_passage_data(doc.get_data());
            REQUIRE(data.has_value());
            out += marked_text(highlight(data->text, mark_passage(doc, analyzer, data->text, data->passage_language,
                                                                  query_terms(q))));
        }
        return out;
    };
    // Stems, exact and case-folded forms, acronyms (the word without its last dot).
    CHECK(marked_in("en", "sanctions").find("[Sanctions] against") != std::string::npos);
    CHECK(marked_in("en", "sanctions").find("[SANCTIONS]") != std::string::npos);
    CHECK(marked_in("en", "sanctions").find("[sanctioned]") != std::string::npos);
    CHECK(marked_in("en", "UN").find("[U.N].") != std::string::npos);
    // A name across scripts, both ways.
    CHECK(marked_in("ru", "Lavrov").find("[Лавров]") != std::string::npos);
    CHECK(marked_in("en", "Лавров").find("[Lavrov]") != std::string::npos);
    // The word after a French elided article, the Turkish dotted capital.
    CHECK(marked_in("fr", "Union").find("L'[Union]") != std::string::npos);
    CHECK(marked_in("fr", "Union").find("l'[Union]") != std::string::npos);
    CHECK(marked_in("tr", "istanbul").find("[İstanbul'da]") != std::string::npos);
    // Words of the query that the passage lacks mark nothing.
    CHECK(marked_in("zh", "sanctions").find('[') == std::string::npos);
}

TEST_CASE("a token layout is read back as written, and a damaged one is refused with a reason") {
    text::Analyzer analyzer;
    const std::string text = "Sanctions, sanctions and the sanctions of the U.N. — Лавров";
    const auto tokens = analyzer.tokenize(text, "en");
    REQUIRE(tokens.size() == 9);
    std::vector<schema::WordTerms> terms;
    std::vector<std::string> sorted;
    for (const auto& tok : tokens) {
        terms.push_back(schema::word_terms(tok, "en"));
        terms.back().for_each([&](const std::string& t) { sorted.push_back(t); });
    }
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    const auto layout = schema::make_token_layout(tokens, terms, sorted);
    CHECK(layout.words.size() == tokens.size());
    // The second `sanctions` and `the` share the first's forms; `Sanctions`, which may be a name,
    // has its own.
    CHECK(layout.forms() == tokens.size() - 2);
    const std::string stored = schema::encode_token_layout(layout);
    const auto back = schema::decode_token_layout(stored, text.size());
    REQUIRE(back.has_value());
    CHECK(back->word_terms == layout.word_terms);
    CHECK(back->form_start == layout.form_start);
    CHECK(back->form_terms == layout.form_terms);
    REQUIRE(back->words.size() == layout.words.size());
    for (std::size_t i = 0; i < layout.words.size(); ++i) {
        CHECK(back->words[i].begin == layout.words[i].begin);
        CHECK(back->words[i].end == layout.words[i].end);
        CHECK(back->words[i].form == layout.words[i].form);
    }

    CHECK(schema::decode_token_layout("", text.size()).error().find("version") != std::string::npos);
    CHECK(schema::decode_token_layout(stored, text.size() - 1).error().find("beyond") != std::string::npos);
    for (std::size_t n = 1; n < stored.size(); ++n)
        CHECK_MESSAGE(!schema::decode_token_layout(stored.substr(0, n), text.size()).has_value(), n);
    CHECK(schema::decode_token_layout(stored + "x", text.size()).error().find("after") != std::string::npos);
    std::string few_terms = stored;
    few_terms[1] = 1;  // one word term: every other ordinal is out of range
    CHECK(schema::decode_token_layout(few_terms, text.size()).error().find("ordinal") != std::string::npos);
}

TEST_CASE("a passage whose layout does not fit its document is marked by analysis") {
    text::Analyzer analyzer;
    Transcript t = record("t", "en", {"The sanctions against Iran were discussed."});
    const auto passages = split_passages(t);
    REQUIRE(passages.size() == 1);
    const std::string& text = passages.front().text;
    const TermSet terms{"iran", "ZENsanction"};
    const auto expected = marks_by_analysis(analyzer, text, "en", terms);

    // Copies of a Xapian::Document share one document: each case builds its own.
    auto build = [&] { return build_passage_document(analyzer, t, passages.front(), "in.jsonl:1", "h", "c"); };
    Xapian::Document doc = build();
    REQUIRE(marks_from_index(doc, text, terms).has_value());
    CHECK(shown(text, *marks_from_index(doc, text, terms)) == shown(text, expected));

    // A word term added after the layout was made shifts the ordinals: the layout is not used.
    Xapian::Document changed = build();
    changed.add_term("aardvark");
    CHECK_FALSE(marks_from_index(changed, text, terms).has_value());
    CHECK(shown(text, mark_passage(changed, analyzer, text, "en", terms)) == shown(text, expected));
    // A boolean term (the version pass rewrites the group's) does not.
    Xapian::Document grouped = build();
    grouped.add_boolean_term(schema::group_term("g"));
    CHECK(marks_from_index(grouped, text, terms).has_value());
    // No layout (an index of schema 5), or one that is damaged.
    Xapian::Document old = build();
    old.remove_value(schema::slot_token_layout);
    CHECK_FALSE(marks_from_index(old, text, terms).has_value());
    CHECK(shown(text, mark_passage(old, analyzer, text, "en", terms)) == shown(text, expected));
    Xapian::Document damaged = build();
    damaged.add_value(schema::slot_token_layout, "\x01\x05");
    CHECK_FALSE(marks_from_index(damaged, text, terms).has_value());
    Xapian::Document huge = build();  // a count of word terms no passage has, and no words
    huge.add_value(schema::slot_token_layout, std::string("\x01\xff\xff\xff\xff\x0f\x00\x00", 8));
    CHECK_FALSE(marks_from_index(huge, text, terms).has_value());
    // A layout read against a shorter text than it was made for.
    CHECK_FALSE(marks_from_index(doc, text.substr(0, 10), terms).has_value());
}
