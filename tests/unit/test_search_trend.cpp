// Trends: matching passages per period against the index's passages per period, the
// speaker and country split, who says it most (share, threshold), date limits, estimates.
#include <doctest/doctest.h>

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "index/index_builder.hpp"
#include "render/trend_json.hpp"
#include "search/searcher.hpp"
#include "search/trend.hpp"
#include "test_index.hpp"
#include "test_support.hpp"

using namespace dragoman;

namespace {

/// A transcript of `turns` (speaker, count, how many of them speak of sanctions).
struct Speech {
    std::string speaker;
    int passages;
    int matching;
};

Transcript transcript(const std::string& id, const std::string& date, const std::string& country,
                      const std::vector<Speech>& speeches) {
    Transcript t;
    t.id = id;
    t.language = "en";
    t.date = date;
    t.country = country;
    t.title = "Meeting " + id;
    int n = 0;
    for (const auto& s : speeches) {
        for (int i = 0; i < s.passages; ++i, ++n) {
            Turn turn;
            turn.speaker = s.speaker;
            turn.language = "en";
            turn.text = i < s.matching ? "The sanctions were discussed at length, item " + std::to_string(n) + "."
                                       : "We discussed trade and tourism, item " + std::to_string(n) + ".";
            t.turns.push_back(std::move(turn));
        }
        t.speakers.push_back(s.speaker);
    }
    return t;
}

/// The index every test reads: 85 passages over 2019-2021 and one undated transcript.
///   2019-03 RUS  Anna Big 40 (10 match)
///   2020-05 FRA  Mid Speaker 20 (8 match), Question 3 (3 match)
///   2020-06 FRA  Tiny One 5 (5 match)
///   undated CHN  Undated Voice 2 (2 match)
///   2021-01 RUS  Anna Big 10 (0 match), Mid Speaker 5 (0 match)
class TrendIndex : public test::SmallIndex {
public:
    TrendIndex()
        : TrendIndex({
              transcript("t:1", "2019-03-10", "RUS", {{"Anna Big", 40, 10}}),
              transcript("t:2", "2020-05-02", "FRA", {{"Mid Speaker", 20, 8}, {"Question", 3, 3}}),
              transcript("t:3", "2020-06-15", "FRA", {{"Tiny One", 5, 5}}),
              transcript("t:4", "", "CHN", {{"Undated Voice", 2, 2}}),
              transcript("t:5", "2021-01-20", "RUS", {{"Anna Big", 10, 0}, {"Mid Speaker", 5, 0}}),
          }) {}
    explicit TrendIndex(const std::vector<Transcript>& records) : SmallIndex("trend", records) {}
};

TrendResponse trend(const TrendIndex& index, TrendRequest r) {
    Searcher s(IndexLocation{{index.path()}});
    auto got = s.trend(r);
    REQUIRE_MESSAGE(got.has_value(), (got ? std::string() : got.error().message));
    return *got;
}

TrendRequest request(const std::string& q) {
    TrendRequest r;
    r.search.query = q;
    return r;
}

const TrendPoint& point(const std::vector<TrendPoint>& points, const std::string& period) {
    for (const auto& p : points)
        if (p.period == period) return p;
    FAIL("no period " << period);
    return points.front();
}

}  // namespace

TEST_CASE("a trend counts matching passages per year against the passages of that year") {
    TrendIndex index;
    const auto t = trend(index, request("sanctions"));
    CHECK(t.exact);
    CHECK(t.matches == 28);
    CHECK(t.counted == 28);
    CHECK(t.undated == 2);
    REQUIRE(t.points.size() == 3);
    CHECK(t.points[0].period == "2019");
    CHECK(t.points[0].passages == 40);
    CHECK(t.points[0].matches == 10);
    CHECK(t.points[0].per_million == doctest::Approx(250000.0));
    CHECK(t.points[1].period == "2020");
    CHECK(t.points[1].passages == 28);
    CHECK(t.points[1].matches == 16);
    CHECK(t.points[1].per_million == doctest::Approx(16.0 / 28 * 1e6));
    CHECK(t.points[2].period == "2021");
    CHECK(t.points[2].passages == 15);
    CHECK(t.points[2].matches == 0);
    CHECK(t.points[2].per_million == 0.0);
    CHECK(t.series.empty());
}

TEST_CASE("by month, periods are YYYY-MM and only months with passages appear") {
    TrendIndex index;
    auto r = request("sanctions");
    r.period = TrendPeriod::Month;
    const auto t = trend(index, r);
    REQUIRE(t.points.size() == 4);
    CHECK(point(t.points, "2019-03").matches == 10);
    CHECK(point(t.points, "2020-05").passages == 23);
    CHECK(point(t.points, "2020-05").matches == 11);
    CHECK(point(t.points, "2020-06").matches == 5);
    CHECK(point(t.points, "2020-06").per_million == doctest::Approx(1e6));
    CHECK(point(t.points, "2021-01").matches == 0);
}

TEST_CASE("from and to limit both the matches and the periods shown") {
    TrendIndex index;
    auto r = request("sanctions");
    r.search.date_from = "2020";
    r.search.date_to = "2020-12-31";
    const auto t = trend(index, r);
    CHECK(t.matches == 16);
    CHECK(t.undated == 0);
    REQUIRE(t.points.size() == 1);
    CHECK(t.points[0].period == "2020");
    r.period = TrendPeriod::Month;
    r.search.date_from = "2020-06";
    CHECK(trend(index, r).points.size() == 1);
}

TEST_CASE("a record dated to the year counts in its year, and by month in no month, not in January") {
    TrendIndex index({
        transcript("y:1", "2020", "USA", {{"Year Only", 6, 4}}),
        transcript("m:1", "2020-06", "FRA", {{"Month Only", 3, 2}}),
        transcript("d:1", "2020-01-15", "RUS", {{"Day Known", 5, 1}}),
    });
    auto r = request("sanctions");
    const auto years = trend(index, r);
    REQUIRE(years.points.size() == 1);
    CHECK(years.points[0].period == "2020");
    CHECK(years.points[0].matches == 7);
    CHECK(years.points[0].passages == 14);
    CHECK(years.undated == 0);

    r.period = TrendPeriod::Month;
    const auto months = trend(index, r);
    REQUIRE(months.points.size() == 2);
    CHECK(point(months.points, "2020-01").matches == 1);
    CHECK(point(months.points, "2020-01").passages == 5);
    CHECK(point(months.points, "2020-06").matches == 2);
    CHECK(point(months.points, "2020-06").passages == 3);
    CHECK(months.matches == 7);
    CHECK(months.undated == 4);  // the year's 4: in no period of the chart

    // Filtered to January, the year's record is in (its first day is), but in no month.
    r.search.date_from = "2020-01";
    r.search.date_to = "2020-01";
    const auto january = trend(index, r);
    CHECK(january.matches == 5);
    CHECK(january.undated == 4);
    REQUIRE(january.points.size() == 1);
    CHECK(january.points[0].matches == 1);
}

TEST_CASE("split by speaker keeps the most matching speakers; question labels are no speaker") {
    TrendIndex index;
    auto r = request("sanctions");
    r.split = TrendSplit::Speaker;
    r.series = 2;
    const auto t = trend(index, r);
    REQUIRE(t.series.size() == 2);
    CHECK(t.series[0].name == "Anna Big");
    CHECK(t.series[0].matches == 10);
    CHECK(point(t.series[0].points, "2019").matches == 10);
    CHECK(point(t.series[0].points, "2019").per_million == doctest::Approx(250000.0));
    CHECK(point(t.series[0].points, "2020").matches == 0);
    CHECK(t.series[1].name == "Mid Speaker");
    CHECK(point(t.series[1].points, "2020").matches == 8);
    r.series = 10;
    for (const auto& s : trend(index, r).series) CHECK(s.name != "Question");
}

TEST_CASE("split by country: series add up to the dated matches") {
    TrendIndex index;
    auto r = request("sanctions");
    r.split = TrendSplit::Country;
    const auto t = trend(index, r);
    REQUIRE(t.series.size() == 2);  // CHN's matches are undated: no point to draw
    CHECK(t.series[0].name == "FRA");
    CHECK(t.series[1].name == "RUS");
    for (const auto& p : t.points) {
        std::size_t sum = 0;
        for (const auto& s : t.series) sum += point(s.points, p.period).matches;
        CHECK(sum == p.matches);
    }
}

TEST_CASE("who says it most ranks by the share of one's own passages, above a minimum of passages") {
    TrendIndex index;
    auto t = trend(index, request("sanctions"));
    CHECK(t.min_passages == default_who_min_passages);
    REQUIRE(t.speakers.size() == 2);  // Tiny One (5) and Undated Voice (2) are below 20 passages
    CHECK(t.speakers[0].name == "Mid Speaker");
    CHECK(t.speakers[0].matches == 8);
    CHECK(t.speakers[0].passages == 25);
    CHECK(t.speakers[0].share == doctest::Approx(8.0 / 25));
    CHECK(t.speakers[1].name == "Anna Big");  // more matches, smaller share
    CHECK(t.speakers[1].passages == 50);
    REQUIRE(t.countries.size() == 2);
    CHECK(t.countries[0].name == "FRA");
    CHECK(t.countries[0].passages == 28);
    CHECK(t.countries[0].share == doctest::Approx(16.0 / 28));
    CHECK(t.countries[1].name == "RUS");

    auto r = request("sanctions");
    r.min_passages = 2;
    r.who = 3;
    t = trend(index, r);
    REQUIRE(t.speakers.size() == 3);
    CHECK(t.speakers[0].share == doctest::Approx(1.0));  // Tiny One and Undated Voice: every passage
    CHECK(t.speakers[0].name == "Tiny One");             // equal shares: more matches first
    CHECK(t.speakers[1].name == "Undated Voice");
    CHECK(t.speakers[2].name == "Mid Speaker");
}

TEST_CASE("filters of the query language apply to the trend") {
    TrendIndex index;
    const auto t = trend(index, request("sanctions country:rus"));
    CHECK(t.matches == 10);
    CHECK(point(t.points, "2019").matches == 10);
    CHECK(trend(index, request("speaker:tiny")).matches == 5);
    CHECK(trend(index, request("nothingmatchesthis")).matches == 0);
}

TEST_CASE("a passage counts for what it says, not for its transcript's title or its speaker's name") {
    auto titled = transcript("t:title", "2021-01-01", "GBR", {{"Sanctions Envoy", 4, 1}});
    titled.title = "Briefing on sanctions";
    TrendIndex index({titled});
    const auto t = trend(index, request("sanctions"));
    CHECK(t.matches == 1);
    CHECK(trend(index, request("title:sanctions")).matches == 4);
    CHECK(trend(index, request("speaker:sanctions")).matches == 4);
    SearchRequest s;
    s.query = "sanctions";
    Searcher searcher(IndexLocation{{index.path()}});
    const auto found = searcher.search(s);
    REQUIRE(found.has_value());
    CHECK(found->total == 1);  // searching still ranks by titles and names as well
}

TEST_CASE("speakers' passages are read again once the index changes") {
    test::TempDir dir("trend_live");
    auto build = [&](bool incremental, const std::vector<Transcript>& records) {
        IndexOptions o;
        o.threads = 1;
        o.incremental = incremental;
        IndexBuilder b(dir.path(), o, [](const Diagnostic& d) { FAIL("unexpected diagnostic: " << d.message); });
        std::size_t line = 0;
        for (auto t : records) b.add(std::move(t), RecordOrigin{"in.jsonl", ++line});
        b.finish();
    };
    const auto first = transcript("l:1", "2020-01-01", "RUS", {{"Anna Big", 20, 5}});
    build(false, {first});
    Searcher s(IndexLocation{{dir.path().string()}});
    auto r = request("sanctions");
    auto t = s.trend(r);
    REQUIRE(t.has_value());
    REQUIRE(t->speakers.size() == 1);
    CHECK(t->speakers[0].passages == 20);
    build(true, {first, transcript("l:2", "2021-01-01", "RUS", {{"Anna Big", 20, 0}})});
    t = s.trend(r);
    REQUIRE(t.has_value());
    REQUIRE(t->speakers.size() == 1);
    CHECK(t->speakers[0].passages == 40);
    CHECK(t->speakers[0].share == doctest::Approx(5.0 / 40));
}

TEST_CASE("bad and empty queries are errors, not empty trends") {
    TrendIndex index;
    Searcher s(IndexLocation{{index.path()}});
    auto bad = s.trend(request("sanctions OR"));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == ErrorCode::BadQuery);
    CHECK(bad.error().message.find("OR") != std::string::npos);
    auto empty = s.trend(request("  "));
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().code == ErrorCode::BadQuery);
}

TEST_CASE("above the check bound, counts are scaled estimates and flagged") {
    TrendIndex index;
    Xapian::Database db(index.path());
    PassagePopulation population;
    auto r = request("");
    auto t = compute_trend(db, Xapian::Query::MatchAll, r, population, 10);
    REQUIRE(t.has_value());
    CHECK_FALSE(t->exact);
    CHECK(t->counted < db.get_doccount());
    CHECK(t->matches == db.get_doccount());
    t = compute_trend(db, Xapian::Query::MatchAll, r, population, 1000);
    REQUIRE(t.has_value());
    CHECK(t->exact);
    CHECK(t->matches == 85);
    CHECK(point(t->points, "2021").per_million == doctest::Approx(1e6));
}

TEST_CASE("trend JSON names its unit and the CSV neutralises formula cells") {
    TrendResponse t;
    t.query = "x";
    t.split = TrendSplit::Speaker;
    t.points = {{"2020", 3, 12, 250000.0}};
    t.series = {{"=HYPERLINK(\"http://evil\")", 3, {{"2020", 3, 12, 250000.0}}}};
    const auto j = render::trend_json(t);
    CHECK(j["unit"] == "per_million_passages");
    CHECK(j["split"] == "speaker");
    CHECK(j["periods"][0]["per_million"] == 250000.0);
    CHECK(j["series"][0]["name"] == "=HYPERLINK(\"http://evil\")");
    const auto csv = render::trend_csv(t);
    CHECK(csv ==
          "period,series,matches,period_passages,per_million,exact\r\n"
          "2020,,3,12,250000.00,1\r\n"
          "2020,\"'=HYPERLINK(\"\"http://evil\"\")\",3,12,250000.00,1\r\n");
}
