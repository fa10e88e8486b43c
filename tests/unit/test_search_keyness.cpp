// Keyness: Dunning's G² against hand-computed values, the words that distinguish two
// slices (speakers) and a slice from the rest of an index built in the test, counts equal
// to the occurrences written, stopwords and numbers counted but never listed, sampling.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "render/keyness_json.hpp"
#include "search/keyness.hpp"
#include "search/searcher.hpp"
#include "test_index.hpp"

using namespace dragoman;

namespace {

/// Hawk says "sanctions" twice in each of its 12 turns, Dove "tourism" twice in each of
/// its 8; both say "weather" once a turn, and "the" and "2022" often. Three French passages.
class KeynessIndex : public test::SmallIndex {
public:
    KeynessIndex() : SmallIndex("keyness", records()) {}

    static std::vector<Transcript> records() {
        std::vector<std::string> hawk, dove;
        for (int i = 0; i < 12; ++i)
            hawk.push_back("The sanctions stay, the sanctions weather the year 2022, item h" + std::to_string(i) + ".");
        for (int i = 0; i < 8; ++i)
            dove.push_back("The tourism grows, the tourism and the weather in 2022, item d" + std::to_string(i) + ".");
        return {test::speech("k:1", "en", hawk, "Hawk briefing", "Hawk Speaker"),
                test::speech("k:2", "en", dove, "Dove briefing", "Dove Speaker"),
                test::speech("k:3", "fr", {"Les sanctions restent.", "Le tourisme grandit.", "Il fait beau."},
                             "Point de presse", "Porte Parole")};
    }
};

KeynessResponse keyness(const KeynessIndex& index, const std::string& slice, const std::string& versus) {
    Searcher s(IndexLocation{{index.path()}});
    KeynessRequest r;
    r.slice.query = slice;
    r.versus = versus;
    auto got = s.keyness(r);
    REQUIRE_MESSAGE(got.has_value(), (got ? std::string() : got.error().message));
    return *got;
}

const KeyWord* find(const std::vector<KeyWord>& words, const std::string& w) {
    auto it = std::find_if(words.begin(), words.end(), [&](const KeyWord& k) { return k.word == w; });
    return it == words.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("log_likelihood: Dunning's G² as computed by hand") {
    // a = 10 of 100, b = 0 of 100: expected 5 and 5; G² = 2 (10 ln 2) = 13.8629
    CHECK(log_likelihood(10, 100, 0, 100) == doctest::Approx(20 * std::log(2.0)));
    // the same rate on both sides: no evidence
    CHECK(log_likelihood(10, 1000, 20, 2000) == doctest::Approx(0.0));
    // symmetric in the sides
    CHECK(log_likelihood(7, 500, 30, 900) == doctest::Approx(log_likelihood(30, 900, 7, 500)));
    CHECK(log_likelihood(0, 0, 5, 10) == 0.0);
}

TEST_CASE("keyness: the words one speaker says and the other does not, with their counts") {
    KeynessIndex index;
    const auto k = keyness(index, "speaker:hawk", "speaker:dove");
    CHECK(k.slice.passages == 12);
    CHECK(k.slice.counted == 12);
    CHECK(k.versus.passages == 8);
    const KeyWord* sanctions = find(k.slice_words, "sanctions");
    REQUIRE(sanctions != nullptr);
    CHECK(sanctions->count == 24);
    CHECK(sanctions->other_count == 0);
    CHECK(sanctions->log_likelihood == doctest::Approx(log_likelihood(24, k.slice.words, 0, k.versus.words)));
    const KeyWord* tourism = find(k.versus_words, "tourism");
    REQUIRE(tourism != nullptr);
    CHECK(tourism->count == 16);
    CHECK(find(k.slice_words, "tourism") == nullptr);
    CHECK(k.slice_words.front().word == "sanctions");  // the strongest first
    // said alike (once a turn each) or a stopword or a number: never listed
    for (const auto* side : {&k.slice_words, &k.versus_words}) {
        CHECK(find(*side, "weather") == nullptr);
        CHECK(find(*side, "the") == nullptr);
        CHECK(find(*side, "2022") == nullptr);
    }
    // ... but counted: the totals are every word occurrence of the slice
    CHECK(k.slice.words > 24 + 12 * 4);
}

TEST_CASE("keyness: a slice against the rest of the index") {
    KeynessIndex index;
    const auto k = keyness(index, "speaker:dove", "");
    CHECK(k.versus.passages == 15);  // every passage not in the slice
    // in the slice's language when it restricts to one ...
    CHECK(keyness(index, "speaker:dove lang:en", "").versus.passages == 12);
    // ... unless that leaves nothing
    CHECK(keyness(index, "lang:fr", "").versus.passages == 20);
    REQUIRE(find(k.slice_words, "tourism") != nullptr);
    REQUIRE(find(k.versus_words, "sanctions") != nullptr);
    CHECK(find(k.versus_words, "sanctions")->count == 24 + 1);  // the French "Les sanctions" too
}

TEST_CASE("keyness: a slice larger than the bound is sampled evenly") {
    KeynessIndex index;
    Xapian::Database db(index.path());
    TimeBudget budget(std::chrono::seconds(5));
    const Xapian::Query all = Xapian::Query::MatchAll;
    const auto every = count_slice_words(db, all, true, 100, budget);
    CHECK_FALSE(every.sampled);
    CHECK(every.counted == every.passages);
    const auto some = count_slice_words(db, all, true, 5, budget);
    CHECK(some.sampled);
    CHECK(some.passages == every.passages);
    CHECK(some.counted >= 4);
    CHECK(some.counted <= 5);
    // spread over the index: both speakers' passages were counted
    CHECK(some.counts.count("sanctions") == 1);
    CHECK(some.counts.count("tourism") == 1);
}

TEST_CASE("keyness: JSON and CSV") {
    KeynessIndex index;
    const auto k = keyness(index, "speaker:hawk", "speaker:dove");
    const auto j = render::keyness_json(k);
    CHECK(j["slice"]["passages"] == 12);
    CHECK(j["slice_words"][0]["word"] == "sanctions");
    CHECK(j["slice_words"][0]["count"] == 24);
    const std::string csv = render::keyness_csv(k);
    CHECK(csv.rfind("side,word,count,other_count,", 0) == 0);
    CHECK(csv.find("\r\nslice,sanctions,24,0,") != std::string::npos);
    CHECK(csv.find("\r\nversus,tourism,16,0,") != std::string::npos);
}

TEST_CASE("keyness: a bad slice query is an error") {
    KeynessIndex index;
    Searcher s(IndexLocation{{index.path()}});
    KeynessRequest r;
    r.slice.query = "2021..2019";
    auto got = s.keyness(r);
    REQUIRE_FALSE(got.has_value());
    CHECK(got.error().code == ErrorCode::BadQuery);
}
