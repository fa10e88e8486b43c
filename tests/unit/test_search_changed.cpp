// `changed:` and a result's `changed`/`changes`: a small index whose builder is told, as the
// transcript history tells it, that some records changed and in which years; searched
// through Searcher, rendered by result_json.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "render/result_json.hpp"
#include "search/searcher.hpp"
#include "test_index.hpp"

using namespace dragoman;

namespace {

/// What the history says of each record: edited.a twice (2024, 2025), edited.b once (2025).
const std::map<std::string, ChangeMark>& marks() {
    static const std::map<std::string, ChangeMark> m = {
        {"edited.a", ChangeMark{2, {2024, 2025}}},
        {"edited.b", ChangeMark{1, {2025}}},
    };
    return m;
}

class ChangedIndex : public test::SmallIndex {
public:
    ChangedIndex() : SmallIndex("changed", records(), options()) {}

private:
    static std::vector<Transcript> records() {
        return {test::speech("edited.a", "en", {"The grain corridor talks resumed in Istanbul."}),
                test::speech("edited.b", "ru", {"Переговоры о зерновом коридоре возобновились в Стамбуле."}),
                test::speech("same.c", "en", {"The grain corridor talks were postponed again."}),
                test::speech("same.d", "en", {"Nothing about grain here, only the weather."})};
    }
    static IndexOptions options() {
        IndexOptions o;
        o.on_record = [](const Transcript& t, const std::string&) {
            const auto it = marks().find(t.id);
            return it == marks().end() ? ChangeMark{} : it->second;
        };
        return o;
    }
};

const ChangedIndex& index() {
    static const ChangedIndex built;
    return built;
}

Result<SearchResponse> search(const std::string& query) {
    Searcher s(IndexLocation{{index().path()}});
    SearchRequest r;
    r.query = query;
    return s.search(r);
}

std::vector<std::string> ids(const std::string& query) {
    const auto got = search(query);
    REQUIRE_MESSAGE(got.has_value(), query << ": " << (got ? std::string() : got.error().message));
    std::vector<std::string> out;
    for (const auto& h : got->results) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("changed:yes and changed:no split the transcripts the history saw change from the others") {
    CHECK(ids("changed:yes") == Ids{"edited.a", "edited.b"});
    CHECK(ids("grain changed:yes") == Ids{"edited.a"});
    CHECK(ids("changed:no") == Ids{"same.c", "same.d"});
    CHECK(ids("grain changed:no") == Ids{"same.c", "same.d"});
    CHECK(ids("corridor -changed:yes") == Ids{"same.c"});
    // A filter holds for the whole query, even inside an OR chain.
    CHECK(ids("grain OR weather changed:yes") == Ids{"edited.a"});
}

TEST_CASE("changed: with years finds the transcripts changed in them") {
    CHECK(ids("changed:2024") == Ids{"edited.a"});
    CHECK(ids("changed:2025") == Ids{"edited.a", "edited.b"});
    CHECK(ids("changed:2023").empty());
    CHECK(ids("changed:2020..2024") == Ids{"edited.a"});
    CHECK(ids("changed:2025..") == Ids{"edited.a", "edited.b"});
    CHECK(ids("changed:..2024") == Ids{"edited.a"});
    CHECK(ids("changed:2026..2030").empty());
}

TEST_CASE("a malformed changed: is a bad query that says what it takes") {
    for (const std::string q : {"changed:maybe", "changed:24", "changed:2024-05", "changed:2025..2024",
                                "changed:2024-01..2024-12"}) {
        const auto got = search(q);
        REQUIRE_FALSE_MESSAGE(got.has_value(), q);
        CHECK_MESSAGE(got.error().code == ErrorCode::BadQuery, q);
        CHECK_MESSAGE(got.error().message.find("changed:") != std::string::npos, q);
    }
}

TEST_CASE("a result says whether and how often its transcript changed, in the JSON too") {
    const auto got = search("grain OR corridor OR зерновом");
    REQUIRE(got.has_value());
    std::map<std::string, std::size_t> changes;
    for (const auto& h : got->results) changes[h.id] = h.changes;
    CHECK(changes == std::map<std::string, std::size_t>{{"edited.a", 2}, {"edited.b", 1}, {"same.c", 0}, {"same.d", 0}});
    const auto json = render::search_json(*got);
    for (const auto& r : json.at("results")) {
        const auto expected = changes.at(r.at("id").template get<std::string>());
        CHECK(r.at("changes").template get<std::size_t>() == expected);
        CHECK(r.at("changed").template get<bool>() == (expected > 0));
    }
}
