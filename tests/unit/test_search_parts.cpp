// The parts of a search at the library's boundary: a small index built in the test, then
// the facet pass, the exclusion, a result's best passages and versions, and the transcript
// view, each called directly and through Searcher, the results asserted.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "index/index_root.hpp"
#include "index/shard_layout.hpp"
#include "schema/schema.hpp"
#include "search/best_passages.hpp"
#include "search/exclusion.hpp"
#include "search/facet_pass.hpp"
#include "search/open_index.hpp"
#include "search/searcher.hpp"
#include "search/transcript_coverage.hpp"
#include "search/transcript_view.hpp"
#include "search/versions.hpp"
#include "test_index.hpp"
#include "test_support.hpp"

using namespace dragoman;
using dragoman::test::SmallIndex;

namespace {

Transcript record(const std::string& id, const std::string& language, const std::string& date,
                  const std::vector<std::pair<std::string, std::string>>& turns, const std::string& group = "") {
    Transcript t;
    t.id = id;
    t.language = language;
    t.date = date;
    t.title = "Briefing " + id;
    t.source = "test";
    t.country = "RUS";
    t.group = group;
    for (const auto& [speaker, text] : turns) {
        Turn turn;
        turn.speaker = speaker;
        turn.language = language;
        turn.text = text;
        t.turns.push_back(std::move(turn));
        t.speakers.push_back(speaker);
    }
    return t;
}

std::vector<Transcript> corpus() {
    return {
        record("a", "en", "2019-03-01", {{"Maria Zakharova", "The sanctions were discussed at length."},
                                         {"Sergey Lavrov", "Sanctions do not work, and oil prices show it."}}),
        record("b", "en", "2020-05-02", {{"Sergey Lavrov", "New sanctions were announced this morning."}}),
        record("c", "en", "2020-06-03", {{"Maria Zakharova", "Tourism grew in the spring."}}),
        // One event in two languages: one result.
        record("d-en", "en", "2021-01-04", {{"Sergey Lavrov", "Sanctions against the partners were lifted."}}, "g1"),
        record("d-ru", "ru", "2021-01-04", {{"Сергей Лавров", "Санкции против партнёров сняты."}}, "g1"),
    };
}

std::map<std::string, std::size_t> facet(const SearchResponse& r, const std::string& name) {
    std::map<std::string, std::size_t> out;
    for (const auto& [value, n] : r.facets.at(name)) out[value] = n;
    return out;
}

/// Terms that mark `word` as an English word (its folded form and English stem).
TermSet english(const std::string& folded, const std::string& stem) {
    return TermSet{folded, schema::stem_prefix("en") + stem};
}

}  // namespace

TEST_CASE("the facet pass counts results, not passages, and gives the exact total") {
    SmallIndex index("parts", corpus());
    Searcher s(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "sanctions";
    auto got = s.search(r);
    REQUIRE(got.has_value());
    CHECK(got->total == 3);  // a, b and the group d (two versions, one result)
    CHECK(got->total_exact);
    CHECK(got->facets_exact);
    CHECK(facet(*got, "year") == std::map<std::string, std::size_t>{{"2019", 1}, {"2020", 1}, {"2021", 1}});
    // The Russian version holds no matching passage: languages are the matching passages'.
    CHECK(facet(*got, "language") == std::map<std::string, std::size_t>{{"en", 3}});
    // "a" has two passages with sanctions: its speakers count once each.
    CHECK(facet(*got, "speaker").at("Sergey Lavrov") == 3);
    CHECK(facet(*got, "speaker").at("Maria Zakharova") == 1);

    // The exclusion applies to the facets as to the results.
    r.query = "sanctions -oil";
    got = s.search(r);
    REQUIRE(got.has_value());
    CHECK(got->total == 2);
    CHECK(facet(*got, "year").count("2019") == 0);
    CHECK(facet(*got, "speaker").count("Maria Zakharova") == 0);

    // A spent budget leaves the pass out and says so.
    r.time_budget = std::chrono::milliseconds(0);
    got = s.search(r);
    REQUIRE(got.has_value());
    CHECK(got->timed_out);
    CHECK(got->facets.empty());
    CHECK_FALSE(got->facets_exact);
}

TEST_CASE("count_facets over the open index, with and without an exclusion") {
    SmallIndex index("parts", corpus());
    OpenIndex open(IndexLocation{{index.path()}});
    REQUIRE(open.refresh());
    CHECK(open.databases() == 1);
    CHECK_FALSE(open.has_remote());
    CHECK(std::find(open.languages().begin(), open.languages().end(), "ru") != open.languages().end());

    TimeBudget budget(std::chrono::seconds(10));
    Exclusion none;
    none.list(open.db(), Xapian::Query(), false, budget);
    CHECK(none.local() == nullptr);
    SearchResponse resp;
    count_facets(open, Xapian::Query("sanctions"), none, true, SpeakerDirectory{}, resp, budget);
    CHECK(resp.facets_exact);
    CHECK(resp.total == 3);
    CHECK(resp.facet_documents == 4);  // the passages: two of a, one of b, one of d-en

    Exclusion oil;
    oil.list(open.db(), Xapian::Query("oil"), false, budget);
    REQUIRE(oil.local() != nullptr);
    CHECK(oil.applied_to(Xapian::Query("sanctions")).get_description() == Xapian::Query("sanctions").get_description());
    CHECK_FALSE(oil.as_filter().empty());
    SearchResponse without;
    count_facets(open, Xapian::Query("sanctions"), oil, true, SpeakerDirectory{}, without, budget);
    CHECK(without.total == 2);
    CHECK(without.facet_documents == 2);

    // Over remote shards the ids are ANDed out of the query instead.
    Exclusion remote;
    remote.list(open.db(), Xapian::Query("oil"), true, budget);
    CHECK(remote.local() == nullptr);
    CHECK(remote.applied_to(Xapian::Query("sanctions")).get_description().find("AND_NOT") != std::string::npos);
}

TEST_CASE("best_passages lists a result's matching passages in order, the best named") {
    SmallIndex index("parts", corpus());
    OpenIndex open(IndexLocation{{index.path()}});
    REQUIRE(open.refresh());
    text::Analyzer analyzer;
    const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("sanctions"), Xapian::Query("oil"));
    const auto best = best_passages(open.db(), analyzer, "a", q, english("sanctions", "sanction"), 3);
    CHECK(best.matching == 2);
    REQUIRE(best.passages.size() == 2);
    CHECK(best.passages[0].passage < best.passages[1].passage);
    CHECK(best.passages[1].speaker == "Sergey Lavrov");
    CHECK(best.best == best.passages[1].passage_id);  // sanctions and oil: the better match
    CHECK(best.passages[0].text.hits == 1);
    const auto none = best_passages(open.db(), analyzer, "c", q, {}, 3);
    CHECK(none.matching == 0);
    CHECK(none.best.empty());
}

TEST_CASE("a result shows the version in the query's language, the others listed") {
    SmallIndex index("parts", corpus());
    OpenIndex open(IndexLocation{{index.path()}});
    REQUIRE(open.refresh());
    const auto versions = group_versions(open.db(), "g1");
    REQUIRE(versions.size() == 2);
    CHECK(versions[0].language == "en");
    CHECK(versions[1].language == "ru");

    SearchHit hit;
    hit.id = "d-en";
    hit.language = "en";
    hit.group = "g1";
    hit.score = 1;
    SearchRequest r;
    r.query = "санкции";
    const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("санкции"), Xapian::Query("sanctions"));
    show_preferred_version(open.db(), hit, r, q);
    CHECK(hit.id == "d-ru");
    REQUIRE(hit.versions.size() == 1);
    CHECK(hit.versions[0].id == "d-en");
}

TEST_CASE("read_transcript marks every passage's matches; unknown ids are NotFound") {
    SmallIndex index("parts", corpus());
    OpenIndex open(IndexLocation{{index.path()}});
    REQUIRE(open.refresh());
    text::Analyzer analyzer;
    const auto view = read_transcript(open.db(), analyzer, "a", english("sanctions", "sanction"));
    REQUIRE(view.has_value());
    REQUIRE(view->passages.size() == 2);
    CHECK(view->hits == 2);
    CHECK(view->meta.id == "a");
    const auto grouped = read_transcript(open.db(), analyzer, "d-ru", {});
    REQUIRE(grouped.has_value());
    CHECK(grouped->meta.group == "g1");
    REQUIRE(grouped->meta.versions.size() == 1);
    CHECK(grouped->meta.versions[0].id == "d-en");
    const auto missing = read_transcript(open.db(), analyzer, "nope", {});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == ErrorCode::NotFound);

    REQUIRE(!view->passages.front().passage_id.empty());
    const auto cited = read_passage(open.db(), view->passages.front().passage_id);
    REQUIRE(cited.has_value());
    CHECK(cited->transcript_id == "a");
    CHECK(read_passage(open.db(), "nope").error().code == ErrorCode::NotFound);
}

TEST_CASE("rank_by_coverage: transcripts holding every word between their passages, else the most words") {
    SmallIndex index("parts", {
        record("all", "en", "2020-01-01", {{"A", "The road to Kars was long."}, {"B", "Such situations recur."},
                                           {"C", "Our hopes are high."}}),
        record("two", "en", "2020-01-02", {{"A", "Such situations recur."}, {"B", "Our hopes are high."}}),
        record("one", "en", "2020-01-03", {{"A", "Our hopes are high, higher than ever."}}),
        record("tour", "en", "2020-01-04", {{"A", "Tourism grew."}}),
    });
    OpenIndex open(IndexLocation{{index.path()}});
    REQUIRE(open.refresh());
    const auto weight = Xapian::BM25Weight();
    auto ids = [](const std::vector<CoveredTranscript>& covered) {
        std::vector<std::pair<std::string, std::size_t>> out;
        for (const auto& c : covered) out.emplace_back(c.id, c.words);
        return out;
    };
    using Ids = std::vector<std::pair<std::string, std::size_t>>;
    const std::vector<Xapian::Query> three{Xapian::Query("kars"), Xapian::Query("situations"), Xapian::Query("hopes")};
    // Some transcript holds them all: only those.
    CHECK(ids(rank_by_coverage(open.db(), three, {}, {}, weight)) == Ids{{"all", 3}});
    // Left out (as tier 1's results are), the rest is ranked by how many words they hold.
    CHECK(ids(rank_by_coverage(open.db(), three, {}, {"all"}, weight)) == Ids{{"two", 2}, {"one", 1}});
    // No transcript holds both: each by the words it holds.
    const std::vector<Xapian::Query> apart{Xapian::Query("kars"), Xapian::Query("tourism")};
    const auto partial = ids(rank_by_coverage(open.db(), apart, {}, {}, weight));
    CHECK(partial.size() == 2);
    CHECK(std::find(partial.begin(), partial.end(), std::make_pair(std::string("all"), std::size_t{1})) != partial.end());
    CHECK(std::find(partial.begin(), partial.end(), std::make_pair(std::string("tour"), std::size_t{1})) != partial.end());
    // The weights of the complete transcripts are those of each word's best passage.
    const auto full = rank_by_coverage(open.db(), three, {}, {}, weight);
    REQUIRE(full.size() == 1);
    double sum = 0;
    for (const auto& w : three) {
        Xapian::Enquire e(open.db());
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, w, Xapian::Query(schema::transcript_term("all"))));
        e.set_weighting_scheme(weight);
        sum += e.get_mset(0, 1).begin().get_weight();
    }
    CHECK(full.front().weight == doctest::Approx(sum));
}

TEST_CASE("the transcript view marks the words a wildcard matches, as a search does") {
    SmallIndex index("parts", corpus());
    Searcher s(IndexLocation{{index.path()}});
    const auto view = s.transcript("b", "sanct*");
    REQUIRE(view.has_value());
    REQUIRE(view->passages.size() == 1);
    CHECK(view->hits == 1);
}
