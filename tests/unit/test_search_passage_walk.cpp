// Searcher::walk_passages: every matching passage of a search, in order, bounded, under the
// time budget, with the exclusion and filters of a search; and Searcher::check.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "search/searcher.hpp"
#include "test_index.hpp"

using namespace dragoman;
using dragoman::test::SmallIndex;
using dragoman::test::speech;

namespace {

Transcript dated(Transcript t, const std::string& date) {
    t.date = date;
    return t;
}

/// Three transcripts of four passages with "grain", one passage of one of them without.
SmallIndex grain_index() {
    return SmallIndex("walk", {
        dated(speech("t:2020", "en", {"The grain corridor reopened in July.", "Tourism is up this year.",
                                      "Grain prices fell sharply after the deal."}),
              "2020-07-01"),
        dated(speech("t:2021", "en", {"Grain exports grew by a third."}, "Press conference", "Minister"), "2021-05-06"),
        dated(speech("t:2019", "en", {"Nothing about cereals here.", "The grain harvest was poor."}), "2019-03-04"),
        dated(speech("t:fr", "fr", {"Le commerce du blé et du grain a repris."}), "2018-01-01"),
    });
}

struct Walked {
    Result<PassageWalkEnd> end;
    std::vector<WalkedPassage> passages;
    std::vector<PassageWalkStart> starts;
};

Walked walk(Searcher& s, const PassageWalkRequest& r, std::size_t stop_after = SIZE_MAX) {
    Walked w;
    PassageVisitor v;
    v.start = [&](const PassageWalkStart& st) {
        w.starts.push_back(st);
        return true;
    };
    v.passage = [&](const WalkedPassage& p) {
        if (w.passages.size() == stop_after) return false;
        w.passages.push_back(p);
        return true;
    };
    w.end = s.walk_passages(r, v);
    return w;
}

PassageWalkRequest request(const std::string& query, SortOrder sort = SortOrder::Date) {
    PassageWalkRequest r;
    r.search.query = query;
    r.search.sort = sort;
    return r;
}

std::vector<std::string> transcripts(const Walked& w) {
    std::vector<std::string> out;
    for (const auto& p : w.passages) out.push_back(p.passage.transcript_id);
    return out;
}

}  // namespace

TEST_CASE("a walk gives every matching passage, newest first, each with its data and stable id") {
    auto index = grain_index();
    Searcher s(IndexLocation{{index.path()}});
    const auto w = walk(s, request("grain"));
    REQUIRE_MESSAGE(w.end.has_value(), (w.end ? "" : w.end.error().message));
    // Passages, not transcripts: t:2020 twice; the passage without the word is not listed.
    CHECK(transcripts(w) == std::vector<std::string>{"t:2021", "t:2020", "t:2020", "t:2019", "t:fr"});
    CHECK(w.end->passages == 5);
    CHECK_FALSE(w.end->cut);
    CHECK_FALSE(w.end->timed_out);
    CHECK_FALSE(w.end->stopped);
    REQUIRE(w.starts.size() == 1);
    CHECK(w.starts[0].matches == 5);
    CHECK_FALSE(w.starts[0].cut);
    CHECK_FALSE(w.starts[0].generation.empty());
    std::set<std::string> ids;
    for (const auto& p : w.passages) {
        CHECK(p.passage.text.find("rain") != std::string::npos);
        ids.insert(p.passage.passage_id);
        // The citable passage is the one its permalink reads back.
        const auto cited = s.passage(p.passage.passage_id);
        REQUIRE(cited.has_value());
        CHECK(cited->text == p.passage.text);
    }
    CHECK(ids.size() == 5);
    CHECK(w.passages[0].passage.speaker == "Minister");
    CHECK(w.passages[0].passage.date == "2021-05-06");
    CHECK(w.passages[0].snippet.fragments.empty());  // no snippets unless asked

    SUBCASE("oldest first") {
        const auto asc = walk(s, request("grain", SortOrder::DateAscending));
        REQUIRE(asc.end.has_value());
        CHECK(transcripts(asc) == std::vector<std::string>{"t:fr", "t:2019", "t:2020", "t:2020", "t:2021"});
    }
    SUBCASE("by relevance: the same passages") {
        const auto rel = walk(s, request("grain", SortOrder::Relevance));
        REQUIRE(rel.end.has_value());
        const auto a = transcripts(rel);
        const auto b = transcripts(w);
        CHECK(std::multiset<std::string>(a.begin(), a.end()) == std::multiset<std::string>(b.begin(), b.end()));
    }
}

TEST_CASE("a walk keeps a search's filters and exclusion, and lists filtered passages without a query") {
    auto index = grain_index();
    Searcher s(IndexLocation{{index.path()}});
    auto r = request("grain");
    r.search.lang = "fr";
    CHECK(transcripts(walk(s, r)) == std::vector<std::string>{"t:fr"});
    r = request("grain");
    r.search.date_from = "2020";
    CHECK(transcripts(walk(s, r)) == std::vector<std::string>{"t:2021", "t:2020", "t:2020"});
    // `-tourism` leaves out the whole transcript that says it, as a search does.
    CHECK(transcripts(walk(s, request("grain -tourism"))) == std::vector<std::string>{"t:2021", "t:2019", "t:fr"});
    r = request("");
    r.search.speaker = "Minister";
    CHECK(transcripts(walk(s, r)) == std::vector<std::string>{"t:2021"});
    // A passage matches for what it says: "conference" is only in a title.
    CHECK(walk(s, request("conference")).passages.empty());
}

TEST_CASE("a walk stops at its bound and says it was cut") {
    auto index = grain_index();
    Searcher s(IndexLocation{{index.path()}});
    auto r = request("grain");
    r.max_passages = 2;
    const auto w = walk(s, r);
    REQUIRE(w.end.has_value());
    CHECK(transcripts(w) == std::vector<std::string>{"t:2021", "t:2020"});
    CHECK(w.end->passages == 2);
    CHECK(w.end->cut);
    CHECK(w.starts.at(0).cut);
    CHECK(w.starts.at(0).matches >= 3);
    // Exactly as many as match is no cut.
    r.max_passages = 5;
    const auto exact = walk(s, r);
    CHECK(exact.end->passages == 5);
    CHECK_FALSE(exact.end->cut);
    CHECK_FALSE(exact.starts.at(0).cut);
    // No caller gets past the library's bound.
    r.max_passages = max_walk_passages * 10;
    CHECK(walk(s, r).end->passages == 5);
}

TEST_CASE("a visitor that says no ends the walk") {
    auto index = grain_index();
    Searcher s(IndexLocation{{index.path()}});
    const auto w = walk(s, request("grain"), 2);
    REQUIRE(w.end.has_value());
    CHECK(w.end->stopped);
    CHECK(w.end->passages == 2);
    CHECK_FALSE(w.end->cut);
}

TEST_CASE("a walk out of time ends timed out, as a search does") {
    auto index = grain_index();
    Searcher s(IndexLocation{{index.path()}});
    auto r = request("grain");
    r.search.time_budget = std::chrono::milliseconds(0);
    const auto w = walk(s, r);
    REQUIRE(w.end.has_value());
    CHECK(w.end->timed_out);
    CHECK(w.end->passages == 0);
    CHECK_FALSE(w.end->cut);
    CHECK(w.starts.size() == 1);
}

TEST_CASE("a walk with snippets marks the query's words in each passage") {
    auto index = grain_index();
    Searcher s(IndexLocation{{index.path()}});
    auto r = request("grain");
    r.snippets = true;
    const auto w = walk(s, r);
    REQUIRE(w.end.has_value());
    REQUIRE(w.passages.size() == 5);
    for (const auto& p : w.passages) {
        std::string marked;
        for (const auto& f : p.snippet.fragments)
            if (f.hit) marked += f.text + "|";
        CAPTURE(p.passage.text);
        CHECK((marked == "grain|" || marked == "Grain|"));
    }
}

TEST_CASE("a walk of a bad query is an error before it starts; check() says so without a match") {
    auto index = grain_index();
    Searcher s(IndexLocation{{index.path()}});
    const auto w = walk(s, request("grain OR"));
    REQUIRE_FALSE(w.end.has_value());
    CHECK(w.end.error().code == ErrorCode::BadQuery);
    CHECK(w.starts.empty());
    SearchRequest bad;
    bad.query = "\"unclosed";
    CHECK(s.check(bad).has_value() == s.search(bad).has_value());
    bad.query = "(grain";
    REQUIRE_FALSE(s.check(bad).has_value());
    CHECK(s.check(bad).error().code == ErrorCode::BadQuery);
    bad.query = std::string(max_query_bytes + 1, 'a');
    CHECK(s.check(bad).error().code == ErrorCode::BadParameter);
    SearchRequest good;
    good.query = "grain";
    CHECK(s.check(good).has_value());
    Searcher nowhere(IndexLocation{{index.path() + "/absent"}});
    REQUIRE_FALSE(nowhere.check(good).has_value());
    CHECK(nowhere.check(good).error().code == ErrorCode::Unavailable);
}
