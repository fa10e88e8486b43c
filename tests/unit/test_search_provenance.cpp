// Quote provenance and talking points: shingles and winnowing, then a small index of
// exact, perturbed (words inserted, dropped, reordered, case and punctuation changed) and
// unrelated passages in English, Russian, Arabic and Chinese, asserting what a quote finds,
// what it does not, and the order; sentences said by several persons; the JSON.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "render/provenance_json.hpp"
#include "schema/quote_fingerprint.hpp"
#include "schema/schema.hpp"
#include "search/provenance.hpp"
#include "search/searcher.hpp"
#include "test_index.hpp"
#include "text/analyzer.hpp"

using namespace dragoman;

namespace {

const std::string en_quote =
    "The unilateral sanctions imposed on our country are illegitimate and counterproductive, and they will never "
    "change our principled position on this question.";
const std::string ru_quote =
    "Односторонние санкции против нашей страны нелегитимны и контрпродуктивны, они никогда не изменят нашу "
    "принципиальную позицию по этому вопросу.";
const std::string ar_quote =
    "إن العقوبات الأحادية المفروضة على بلادنا غير شرعية وتأتي بنتائج عكسية ولن تغير أبدا موقفنا المبدئي من هذه المسألة";
const std::string zh_quote = "美方的单边制裁是非法的，也是适得其反的，永远不会改变我们在这个问题上的原则立场。";
const std::string talking_point = "We call on all parties to exercise restraint and to resolve their differences through dialogue.";

Transcript said(const std::string& id, const std::string& lang, const std::string& date, const std::string& speaker,
                const std::vector<std::string>& turns) {
    Transcript t = test::speech(id, lang, turns, "Briefing " + id, speaker);
    t.date = date;
    return t;
}

std::vector<Transcript> records() {
    return {
        said("en:first", "en", "2014-03-20", "Sergey Lavrov", {en_quote}),
        said("en:exact", "en", "2016-05-11", "Maria Zakharova",
             {"THE UNILATERAL SANCTIONS imposed on our country are illegitimate and counterproductive - and they will "
              "never change our principled position on this question!"}),
        said("en:inserted", "en", "2018-01-09", "Dmitry Peskov",
             {"As we have said many times, the unilateral sanctions that were imposed on our great country are "
              "illegitimate and indeed counterproductive, and they will never change our principled position on this "
              "question."}),
        said("en:dropped", "en", "2019-07-02", "Alexander Grushko",
             {"The sanctions imposed on our country are illegitimate and counterproductive, and they will never change "
              "our position on this question."}),
        said("en:reordered", "en", "2020-02-14", "Vassily Nebenzia",
             {"They will never change our principled position on this question, and the unilateral sanctions imposed "
              "on our country are illegitimate and counterproductive."}),
        said("en:undated", "en", "", "Unknown Diplomat", {"Let me repeat: " + en_quote}),
        said("en:unrelated", "en", "2013-01-01", "Trade Official",
             {"The sanctions imposed on imports of steel were discussed by the trade committee, which will report to the "
              "council on this question next month."}),
        said("en:surrounded", "en", "2021-09-30", "Long Speaker",
             {"First we thanked the hosts for the meeting and spoke about the harvest, the weather and the railway. "
              "Then I said that " + en_quote + " After that we spoke of football."}),
        said("ru:first", "ru", "2015-04-01", "Мария Захарова", {ru_quote}),
        said("ru:repeat", "ru", "2017-06-01", "Сергей Лавров",
             {"Ещё раз: односторонние санкции против нашей страны нелегитимны и контрпродуктивны, они никогда не изменят "
              "нашу принципиальную позицию по этому вопросу."}),
        said("ar:first", "ar", "2016-02-02", "متحدث", {ar_quote}),
        said("ar:repeat", "ar", "2018-02-02", "وزير", {"وقال الوزير " + ar_quote}),
        said("zh:first", "zh", "2018-08-08", "华春莹", {zh_quote}),
        said("zh:repeat", "zh", "2019-09-09", "耿爽", {"我要强调，" + zh_quote}),
        said("zh:unrelated", "zh", "2019-10-10", "赵立坚", {"中方欢迎各方在这个问题上继续保持沟通，推动和平进程。"}),
        said("tp:1", "en", "2019-01-10", "Maria Zakharova", {"Thank you. " + talking_point + " Next question."}),
        said("tp:2", "en", "2019-03-10", "M. Zakharova", {talking_point}),
        said("tp:3", "en", "2019-05-10", "Antonio Guterres", {"Again. " + talking_point}),
        said("tp:4", "en", "2020-05-10", "Wang Yi", {talking_point + " That is our position."}),
        said("tp:5", "en", "2021-05-10", "Ned Price", {talking_point}),
    };
}

class ProvenanceIndex : public test::SmallIndex {
public:
    ProvenanceIndex() : SmallIndex("provenance", records()) {}
};

const ProvenanceIndex& index() {
    static const ProvenanceIndex built;
    return built;
}

QuoteResponse quote(const std::string& text, double similarity = default_quote_similarity) {
    Searcher s(IndexLocation{{index().path()}});
    auto got = s.quote(QuoteRequest{text, similarity});
    REQUIRE_MESSAGE(got.has_value(), (got ? std::string() : got.error().message));
    return *got;
}

std::vector<std::string> ids(const QuoteResponse& r) {
    std::vector<std::string> out;
    for (const auto& m : r.matches) out.push_back(m.passage.transcript_id);
    return out;
}

std::vector<std::string_view> words_of(const std::string& text) {
    static thread_local text::Analyzer analyzer;
    static thread_local std::vector<text::Token> keep;
    keep = analyzer.tokenize(text, "en");
    return schema::folded_words(keep);
}

}  // namespace

TEST_CASE("winnowing keeps a fingerprint of every run of window + shingle - 1 words") {
    std::vector<std::string> words;
    for (int i = 0; i < 300; ++i) words.push_back("w" + std::to_string(i * 7919 % 1000));
    std::vector<std::string_view> views(words.begin(), words.end());
    const auto all = schema::shingle_hashes(views);
    CHECK(all.size() == words.size() - schema::shingle_words + 1);
    const auto kept = schema::winnow(all);
    const std::set<std::uint64_t> kept_set(kept.begin(), kept.end());
    CHECK(kept.size() < all.size() / 3);  // about 2 / (window + 1) of them
    for (std::size_t start = 0; start + schema::winnow_window <= all.size(); ++start) {
        bool shares = false;
        for (std::size_t i = start; i < start + schema::winnow_window; ++i) shares = shares || kept_set.contains(all[i]);
        CHECK(shares);
    }
    CHECK(schema::winnow({}).empty());
    CHECK(schema::winnow({5, 3}) == std::vector<std::uint64_t>{5, 3});
}

TEST_CASE("fingerprints ignore case, punctuation and diacritics") {
    const auto a = schema::shingle_hashes(words_of("The Café, said: ‘sanctions are illegal’ today."));
    const auto b = schema::shingle_hashes(words_of("the cafe said sanctions ARE illegal today"));
    CHECK(!a.empty());
    CHECK(a == b);
    CHECK(schema::fingerprint_term(a[0]).rfind(std::string(schema::prefix_fingerprint), 0) == 0);
    CHECK(schema::fingerprint_term(a[0]).size() == schema::prefix_fingerprint.size() + 10);
}

TEST_CASE("sentences of eight words or more are hashed, shorter ones not") {
    text::Analyzer analyzer;
    const std::string text = "Thank you very much. " + talking_point + " Next question, please.";
    const auto tokens = analyzer.tokenize(text, "en");
    const auto sentences = schema::passage_sentences(text, tokens, analyzer.sentence_ends(text));
    REQUIRE(sentences.size() == 1);
    CHECK(text.substr(sentences[0].begin, sentences[0].end - sentences[0].begin).find(talking_point) == 0);
    const std::string alone = talking_point;
    const auto alone_tokens = analyzer.tokenize(alone, "en");
    const auto same = schema::passage_sentences(alone, alone_tokens, analyzer.sentence_ends(alone));
    REQUIRE(same.size() == 1);
    CHECK(same[0].term == sentences[0].term);
}

TEST_CASE("a quote finds its exact and perturbed repeats by date, the first use marked") {
    const auto r = quote(en_quote);
    const std::vector<std::string> expected = {"en:first",   "en:exact",     "en:inserted", "en:dropped",
                                               "en:reordered", "en:surrounded", "en:undated"};
    CHECK(ids(r) == expected);
    REQUIRE(!r.matches.empty());
    CHECK(r.matches[0].first_use);
    CHECK(std::count_if(r.matches.begin(), r.matches.end(), [](const QuoteMatch& m) { return m.first_use; }) == 1);
    CHECK(r.matches[0].similarity == doctest::Approx(1.0));
    CHECK(r.matches.back().date_key.empty());
    CHECK(r.matches.back().passage.speaker == "Unknown Diplomat");
}

TEST_CASE("the matching span of a passage that says more is the quote") {
    const auto r = quote(en_quote);
    const auto it = std::find_if(r.matches.begin(), r.matches.end(),
                                 [](const QuoteMatch& m) { return m.passage.transcript_id == "en:surrounded"; });
    REQUIRE(it != r.matches.end());
    const std::string span = it->passage.text.substr(it->span_begin, it->span_end - it->span_begin);
    CHECK(span.rfind("The unilateral sanctions", 0) == 0);
    CHECK(span.find("question") != std::string::npos);
    CHECK(span.find("harvest") == std::string::npos);
    CHECK(span.find("football") == std::string::npos);
}

TEST_CASE("a passage sharing a few words with the quote is not found") {
    const auto found = ids(quote(en_quote));
    CHECK(std::find(found.begin(), found.end(), "en:unrelated") == found.end());
    CHECK(quote("The sanctions imposed on imports of steel are a matter for the committee alone").matches.size() <= 1);
}

TEST_CASE("a stricter similarity leaves out the loosest repeats") {
    const auto strict = ids(quote(en_quote, 0.95));
    CHECK(std::find(strict.begin(), strict.end(), "en:exact") != strict.end());
    CHECK(std::find(strict.begin(), strict.end(), "en:inserted") == strict.end());
    CHECK(std::find(strict.begin(), strict.end(), "en:reordered") == strict.end());
}

TEST_CASE("quotes in Russian, Arabic and Chinese find their repeats and nothing else") {
    SUBCASE("Russian") { CHECK(ids(quote(ru_quote)) == std::vector<std::string>{"ru:first", "ru:repeat"}); }
    SUBCASE("Arabic") { CHECK(ids(quote(ar_quote)) == std::vector<std::string>{"ar:first", "ar:repeat"}); }
    SUBCASE("Chinese, by its words") {
        CHECK(ids(quote(zh_quote)) == std::vector<std::string>{"zh:first", "zh:repeat"});
        // a part of the sentence, without its punctuation
        CHECK(ids(quote("美方的单边制裁是非法的 永远不会改变我们在这个问题上的原则立场")) ==
              std::vector<std::string>{"zh:first", "zh:repeat"});
    }
}

TEST_CASE("a bad quote is a clear error") {
    Searcher s(IndexLocation{{index().path()}});
    CHECK(s.quote(QuoteRequest{""}).error().code == ErrorCode::BadParameter);
    CHECK(s.quote(QuoteRequest{"too short"}).error().code == ErrorCode::BadQuery);
    CHECK(s.quote(QuoteRequest{std::string("bad \xff utf-8 text here and more")}).error().code == ErrorCode::BadParameter);
    CHECK(s.quote(QuoteRequest{std::string(max_quote_bytes + 1, 'a')}).error().code == ErrorCode::BadParameter);
    CHECK(s.quote(QuoteRequest{en_quote, 0.0}).error().code == ErrorCode::BadParameter);
    CHECK(s.quote(QuoteRequest{"words nobody ever said in any of these passages"})->matches.empty());
}

TEST_CASE("talking points count persons, not labels, in the period, and link the first use") {
    Searcher s(IndexLocation{{index().path()}});
    TalkingPointsRequest r;
    auto all = s.talking_points(r);
    REQUIRE(all.has_value());
    REQUIRE(!all->points.empty());
    const auto& top = all->points.front();
    CHECK(top.sentence.find(talking_point) == 0);
    CHECK(top.passages == 5);
    CHECK(top.speakers == 4);  // Maria Zakharova and M. Zakharova are one person
    CHECK(top.first_use.passage.transcript_id == "tp:1");
    CHECK(top.first_use.first_use);
    CHECK(top.first_use.passage.text.substr(top.first_use.span_begin, top.first_use.span_end - top.first_use.span_begin)
              .find(talking_point) == 0);

    r.date_from = "2019-02";
    r.date_to = "2020";
    auto period = s.talking_points(r);
    REQUIRE(period.has_value());
    REQUIRE(period->points.size() == 1);
    CHECK(period->points[0].speakers == 3);
    CHECK(period->points[0].passages == 3);
    CHECK(period->points[0].first_use.passage.transcript_id == "tp:1");  // said first before the period

    r.date_to = "2019";
    CHECK(s.talking_points(r)->points.empty());  // two persons only
    r.min_speakers = 2;
    CHECK(s.talking_points(r)->points.size() == 1);
    r.sources = {"elsewhere"};
    CHECK(s.talking_points(r)->points.empty());
    r.sources = {"TEST"};
    CHECK(s.talking_points(r)->points.size() == 1);
    r.date_from = "2019-13";
    CHECK(s.talking_points(r).error().code == ErrorCode::BadParameter);
}

TEST_CASE("the quote's JSON splits each passage at the span that says it") {
    const auto r = quote(en_quote);
    const auto j = render::quote_json(r);
    REQUIRE(j["matches"].size() == r.matches.size());
    CHECK(j["first_use"] == 0);
    for (std::size_t i = 0; i < r.matches.size(); ++i) {
        const auto& m = j["matches"][i];
        CHECK(m["before"].get<std::string>() + m["match"].get<std::string>() + m["after"].get<std::string>() ==
              r.matches[i].passage.text);
        CHECK(m["permalink"].get<std::string>().rfind("/p/", 0) == 0);
    }
    const auto table = render::quote_table(j);
    CHECK(table.rfind("first 2014-03-20  Sergey Lavrov", 0) == 0);
}
