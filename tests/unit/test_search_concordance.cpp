// Concordances: every occurrence of a query's words with its context, counted against the
// occurrences written in the test's records, sorted by the words before or after, grouped by
// year and by speaker, keywords of Arabic and Chinese as the analyzer cuts their words, a
// phrase as one keyword, the line bound, and the JSON and CSV of the same lines.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <vector>

#include "render/concordance_json.hpp"
#include "search/concordance.hpp"
#include "search/searcher.hpp"
#include "test_index.hpp"
#include "text/analyzer.hpp"

using namespace dragoman;

namespace {

Transcript dated(Transcript t, const std::string& date) {
    t.date = date;
    return t;
}

/// English turns that say "council" a known number of times, over three years and three
/// speaker labels (two of them one person); an Arabic and a Chinese transcript; 40 turns
/// that say "quota" three times each, for the bound.
std::vector<std::string> english_turns() {
    return {"The alpha council met. Then the Council spoke again about the council budget.",
            "Members of the beta council agreed with the Security Council on Monday.",
            "A zeta council, an Émile council and a Gamma council were named.",
            "Nothing here is said about that body at all."};
}

std::vector<Transcript> records() {
    std::vector<Transcript> out;
    out.push_back(dated(test::speech("c:1", "en", {english_turns()[0], english_turns()[3]}, "One", "Maria Zakharova"),
                        "2019-04-01"));
    out.push_back(dated(test::speech("c:2", "en", {english_turns()[1]}, "Two", "M. Zakharova"), "2020-05-02"));
    out.push_back(dated(test::speech("c:3", "en", {english_turns()[2]}, "Three", "John Smith"), "2021-06-03"));
    out.push_back(test::speech("c:ar", "ar", {"قال الوزير إن مجلس الأمن اجتمع اليوم في نيويورك"}, "Arabic", "Arab Speaker"));
    out.push_back(test::speech("c:zh", "zh", {"我们支持安理会的决定。安理会今天开会讨论和平问题。"}, "Chinese", "Chinese Speaker"));
    std::vector<std::string> quota;
    for (int i = 0; i < 40; ++i) quota.push_back("quota one, quota two, quota three, item " + std::to_string(i) + ".");
    out.push_back(dated(test::speech("c:q", "en", quota, "Quotas", "Quota Speaker"), "2018-01-01"));
    return out;
}

class ConcordanceIndex : public test::SmallIndex {
public:
    ConcordanceIndex() : SmallIndex("concordance", records()) {}
};

const ConcordanceIndex& index() {
    static const ConcordanceIndex built;
    return built;
}

ConcordanceResponse concordance(ConcordanceRequest r) {
    Searcher s(IndexLocation{{index().path()}});
    auto got = s.concordance(r);
    REQUIRE_MESSAGE(got.has_value(), (got ? std::string() : got.error().message));
    return *got;
}

ConcordanceResponse concordance(const std::string& query, ConcordanceSort sort = ConcordanceSort::Walk,
                                ConcordanceGroup group = ConcordanceGroup::None, std::size_t context = 8,
                                const std::string& lang = "") {
    ConcordanceRequest r;
    r.search.query = query;
    r.search.lang = lang;
    r.sort = sort;
    r.group = group;
    r.context = context;
    return concordance(r);
}

/// Occurrences of `word` in `text` as whole ASCII words, any case: counted without the
/// analyzer, the layout or the index.
std::size_t occurrences(const std::string& text, const std::string& word) {
    std::size_t n = 0;
    std::string current;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
        if (std::isalpha(c)) {
            current += static_cast<char>(std::tolower(c));
            continue;
        }
        n += current == word;
        current.clear();
    }
    return n;
}

std::vector<std::string> keywords(const ConcordanceResponse& c) {
    std::vector<std::string> out;
    for (const auto& l : c.lines) out.push_back(l.keyword);
    return out;
}

}  // namespace

TEST_CASE("concordance: one line per occurrence written, its keyword as written and its context around it") {
    std::size_t written = 0;
    for (const auto& t : english_turns()) written += occurrences(t, "council");
    REQUIRE(written == 8);
    const auto c = concordance("council");
    CHECK(c.lines.size() == written);
    CHECK(c.passages == 3);  // the turn without the word is not walked
    CHECK_FALSE(c.cut);
    CHECK_FALSE(c.timed_out);
    for (const auto& l : c.lines) {
        CHECK(occurrences(l.keyword, "council") == 1);
        CHECK(l.keyword.size() == 7);  // the whole word, no punctuation
        CHECK_FALSE(l.passage_id.empty());
        CHECK(l.transcript_id.rfind("c:", 0) == 0);
    }
    const auto written_as = keywords(c);
    CHECK(std::count(written_as.begin(), written_as.end(), "Council") == 2);
    // The first passage in date order: its words around each keyword, cut at word boundaries.
    const auto by_date = [] {
        ConcordanceRequest r;
        r.search.query = "council";
        r.search.sort = SortOrder::DateAscending;
        r.context = 2;
        return concordance(r);
    }();
    REQUIRE(by_date.lines.size() == written);
    CHECK(by_date.lines[0].left == "The alpha ");
    CHECK(by_date.lines[0].right == " met. Then");
    CHECK_FALSE(by_date.lines[0].more_left);
    CHECK(by_date.lines[0].more_right);
    CHECK(by_date.lines[2].left == "about the ");
    CHECK(by_date.lines[2].right == " budget.");  // the passage's end, its full stop with it
    CHECK_FALSE(by_date.lines[2].more_right);
    CHECK(by_date.lines[2].left_keys == std::vector<std::string>{"the", "about"});
    CHECK(by_date.lines[2].right_keys == std::vector<std::string>{"budget"});
}

TEST_CASE("concordance: sorted by the folded word before the keyword, then the next before it") {
    const auto c = concordance("council", ConcordanceSort::Left);
    REQUIRE(c.lines.size() == 8);
    std::vector<std::string> l1;
    for (const auto& l : c.lines) l1.push_back(l.left_keys.at(0));
    // Émile folds to emile, Gamma and Security to lower case: one order, whatever the case.
    CHECK(l1 == std::vector<std::string>{"alpha", "beta", "emile", "gamma", "security", "the", "the", "zeta"});
    // The two lines after "the": by the word before that (L2), "about" before "then".
    CHECK(c.lines[5].left_keys.at(1) == "about");
    CHECK(c.lines[6].left_keys.at(1) == "then");
    CHECK(c.lines[2].keyword == "council");
    CHECK(c.lines[2].left.find("Émile") != std::string::npos);
}

TEST_CASE("concordance: sorted by the folded words after the keyword") {
    const auto c = concordance("council", ConcordanceSort::Right);
    REQUIRE(c.lines.size() == 8);
    for (std::size_t i = 1; i < c.lines.size(); ++i) CHECK(c.lines[i - 1].right_keys <= c.lines[i].right_keys);
    CHECK(c.lines.front().right_keys.at(0) == "agreed");
    CHECK(c.lines.back().right_keys.at(0) == "were");
}

TEST_CASE("concordance: grouped by year, years ascending, and by speaker as one person under two labels") {
    const auto years = concordance("council", ConcordanceSort::Walk, ConcordanceGroup::Year);
    REQUIRE(years.groups.size() == 3);
    CHECK(years.groups[0].key == "2019");
    CHECK(years.groups[0].lines == 3);
    CHECK(years.groups[1].key == "2020");
    CHECK(years.groups[1].lines == 2);
    CHECK(years.groups[2].key == "2021");
    CHECK(years.groups[2].lines == 3);
    for (std::size_t i = 0; i < years.lines.size(); ++i) CHECK(years.lines[i].group == years.lines[i].date.substr(0, 4));
    CHECK(std::is_sorted(years.lines.begin(), years.lines.end(),
                         [](const auto& a, const auto& b) { return a.group < b.group; }));

    const auto speakers = concordance("council", ConcordanceSort::Walk, ConcordanceGroup::Speaker);
    REQUIRE(speakers.groups.size() == 2);
    CHECK(speakers.groups[0].key == "Maria Zakharova");  // both labels: 3 + 2 lines
    CHECK(speakers.groups[0].lines == 5);
    CHECK(speakers.groups[1].key == "John Smith");
    CHECK(speakers.groups[1].lines == 3);
    std::size_t labels_m = 0;
    for (const auto& l : speakers.lines) labels_m += l.speaker == "M. Zakharova";
    CHECK(labels_m == 2);
}

TEST_CASE("concordance: Arabic keyword and context by the analyzer's words, in logical order") {
    const auto c = concordance("مجلس", ConcordanceSort::Walk, ConcordanceGroup::None, 2);
    REQUIRE(c.lines.size() == 1);
    const auto& l = c.lines[0];
    CHECK(l.keyword == "مجلس");
    CHECK(l.left == "الوزير إن ");    // before, in the text's order
    CHECK(l.right == " الأمن اجتمع");  // after
    CHECK(l.language == "ar");
    CHECK(l.left_keys == std::vector<std::string>{"ان", "الوزير"});  // إن folded: alef unified
}

TEST_CASE("concordance: Chinese keywords are the analyzer's words, context cut at its word boundaries") {
    const std::string text = "我们支持安理会的决定。安理会今天开会讨论和平问题。";
    // In Chinese only: the field's synonyms (data/synonyms.txt) find the Security Council
    // and مجلس الأمن too, as a search does.
    const auto c = concordance("安理会", ConcordanceSort::Walk, ConcordanceGroup::None, 1, "zh");
    REQUIRE(c.lines.size() == 2);
    text::Analyzer analyzer;
    const auto tokens = analyzer.tokenize(text, "zh");
    std::vector<std::string> words;
    for (const auto& t : tokens) words.push_back(text.substr(t.begin, t.end - t.begin));
    for (const auto& l : c.lines) {
        CHECK(std::find(words.begin(), words.end(), l.keyword) != words.end());
        CHECK(l.keyword.find("安理") != std::string::npos);
        // One word of context each side: a whole word of the analyzer's, with what lies between.
        REQUIRE(l.left_keys.size() <= 1);
        if (!l.left_keys.empty()) CHECK(std::find(words.begin(), words.end(), l.left_keys[0]) != words.end());
        REQUIRE(l.right_keys.size() == 1);
        CHECK(std::find(words.begin(), words.end(), l.right_keys[0]) != words.end());
        CHECK(text.find(l.left + l.keyword + l.right) != std::string::npos);
    }
}

TEST_CASE("concordance: a phrase's words are one keyword") {
    // The one passage holding the phrase; its other "council" is marked too, as the
    // highlighter marks it, and is a keyword of its own.
    const auto c = concordance("\"security council\"", ConcordanceSort::Walk, ConcordanceGroup::None, 8, "en");
    REQUIRE(c.lines.size() == 2);
    CHECK(c.lines[0].keyword == "council");
    CHECK(c.lines[1].keyword == "Security Council");
    CHECK(c.lines[1].keyword_key == "security council");
    CHECK(c.lines[1].left_keys.at(0) == "the");
    CHECK(c.lines[1].right_keys.at(0) == "on");
    // Without the quotes each word is a keyword of its own (in the one passage holding both).
    const auto apart = concordance("security council", ConcordanceSort::Walk, ConcordanceGroup::None, 8, "en");
    CHECK(keywords(apart) == std::vector<std::string>{"council", "Security", "Council"});
}

TEST_CASE("concordance: at most `limit` lines, cut when more occurrences were found") {
    ConcordanceRequest r;
    r.search.query = "quota";
    r.limit = 50;
    auto c = concordance(r);
    CHECK(c.lines.size() == 50);
    CHECK(c.cut);
    r.limit = 120;  // exactly the 40 × 3 written
    c = concordance(r);
    CHECK(c.lines.size() == 120);
    CHECK_FALSE(c.cut);
    r.limit = 100000;  // bounded whatever is asked
    r.context = 1000;
    c = concordance(r);
    CHECK(c.context == max_concordance_context);
    CHECK(c.lines.size() == 120);
}

TEST_CASE("concordance: a spent time budget ends the walk with what was read, and says so") {
    ConcordanceRequest r;
    r.search.query = "quota";
    r.search.time_budget = std::chrono::milliseconds(0);
    const auto c = concordance(r);
    CHECK(c.timed_out);
    CHECK(c.passages == 0);
    CHECK(c.lines.empty());
    CHECK_FALSE(c.cut);
}

TEST_CASE("concordance: a query without words to mark is refused before any passage is read") {
    Searcher s(IndexLocation{{index().path()}});
    for (const std::string query : {"  ", "2019..2021"}) {
        ConcordanceRequest r;
        r.search.query = query;
        r.search.lang = "en";
        const auto got = s.concordance(r);
        REQUIRE_FALSE(got.has_value());
        CHECK(got.error().code == ErrorCode::BadQuery);
        CHECK(got.error().message.find("words") != std::string::npos);
    }
}

TEST_CASE("concordance JSON and CSV hold the same lines, the CSV's cells guarded") {
    const auto c = concordance("council", ConcordanceSort::Left, ConcordanceGroup::Year);
    const auto j = render::concordance_json(c);
    CHECK(j["sort"] == "left");
    CHECK(j["group"] == "year");
    REQUIRE(j["lines"].size() == c.lines.size());
    CHECK(j["lines"][0]["left"] == "The alpha");  // on one line, trimmed
    CHECK(j["lines"][0]["permalink"].get<std::string>().rfind("/p/", 0) == 0);
    const std::string csv = render::concordance_csv(c);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<long>(c.lines.size() + 1));
    CHECK(csv.rfind("group,date,speaker,language,left,keyword,right,passage_id,transcript_id\r\n", 0) == 0);
}
