// Searcher's boundary: whatever an index holds, every public call returns a value (results
// or an Error), never an exception.
#include <doctest/doctest.h>

#include <xapian.h>

#include <string>

#include "schema/schema.hpp"
#include "search/searcher.hpp"
#include "test_support.hpp"

using namespace dragoman;

namespace {

/// A one-document Xapian database written here by hand (as a damaged index, or one written
/// by another program, would be): the passage is found by the word "treaty", by transcript
/// id "t:1" and by passage id "t:1~p", and its document data is `data`.
class HandWrittenIndex {
public:
    explicit HandWrittenIndex(const std::string& data) : m_dir("searcher") {
        Xapian::WritableDatabase db(m_dir.path().string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
        Xapian::Document doc;
        doc.add_posting("treaty", 1);
        doc.add_boolean_term(schema::term(schema::prefix_passage_id, "t:1~p"));
        doc.add_boolean_term(schema::term(schema::prefix_transcript, "t:1"));
        doc.add_boolean_term(schema::term(schema::prefix_group, "g1"));
        doc.add_value(schema::slot_transcript, "t:1");
        doc.add_value(schema::slot_group, "g1");
        doc.add_value(schema::slot_collapse, schema::collapse_key("g1", "t:1", ""));
        doc.set_data(data);
        db.add_document(doc);
        db.commit();
    }
    IndexLocation location() const { return IndexLocation{{m_dir.path().string()}}; }

private:
    test::TempDir m_dir;
};

/// Document data that is no JSON, and JSON whose keys have the wrong types.
const char* const damaged_data[] = {
    "not json at all",
    R"({"id": "t:1", "n": "first", "text": "treaty"})",
    R"({"id": 7, "title": ["a"], "text": "treaty"})",
    R"(["id", "t:1"])",
};

}  // namespace

TEST_CASE("a document whose data does not decode makes search return an internal error, not throw") {
    for (const char* data : damaged_data) {
        CAPTURE(data);
        HandWrittenIndex index(data);
        Searcher searcher(index.location());
        SearchRequest r;
        r.query = "treaty";
        Result<SearchResponse> got;
        REQUIRE_NOTHROW(got = searcher.search(r));
        REQUIRE_FALSE(got.has_value());
        CHECK(got.error().code == ErrorCode::Internal);
        CHECK_FALSE(got.error().message.empty());
    }
}

TEST_CASE("a document whose data does not decode makes transcript and passage return an internal error") {
    for (const char* data : damaged_data) {
        CAPTURE(data);
        HandWrittenIndex index(data);
        Searcher searcher(index.location());
        Result<TranscriptView> view;
        REQUIRE_NOTHROW(view = searcher.transcript("t:1", "treaty"));
        REQUIRE_FALSE(view.has_value());
        CHECK(view.error().code == ErrorCode::Internal);
        // Citing reads the data as every other reader does: no more leniently.
        Result<CitedPassage> passage;
        REQUIRE_NOTHROW(passage = searcher.passage("t:1~p"));
        REQUIRE_FALSE(passage.has_value());
        CHECK(passage.error().code == ErrorCode::Internal);
        CHECK(passage.error().message.find("document") != std::string::npos);
    }
}

TEST_CASE("after an internal error the same searcher still answers") {
    HandWrittenIndex index("not json at all");
    Searcher searcher(index.location());
    SearchRequest r;
    r.query = "treaty";
    CHECK_FALSE(searcher.search(r).has_value());
    r.query = "absent";
    const auto got = searcher.search(r);
    REQUIRE(got.has_value());
    CHECK(got->results.empty());
    CHECK(searcher.stats().has_value());
}
