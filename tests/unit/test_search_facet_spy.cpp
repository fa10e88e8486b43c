// FacetSpy: distinct results per facet value, whatever order the passages come in.
#include <doctest/doctest.h>

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "schema/schema.hpp"
#include "search/facet_spy.hpp"
#include "util/assert.hpp"

using namespace dragoman;

namespace {

struct Passage {
    std::string transcript, year, language, speaker, country, source;
};

void add(Xapian::WritableDatabase& db, const Passage& p) {
    Xapian::Document doc;
    doc.add_term("word");
    doc.add_value(schema::slot_transcript, p.transcript);
    doc.add_value(schema::slot_year, p.year);
    doc.add_value(schema::slot_language, p.language);
    doc.add_value(schema::slot_speaker, p.speaker);
    doc.add_value(schema::slot_country, p.country);
    doc.add_value(schema::slot_source, p.source);
    db.add_document(doc);
}

Xapian::WritableDatabase memory_db(const std::vector<Passage>& passages) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const auto& p : passages) add(db, p);
    db.commit();
    return db;
}

std::map<std::string, std::size_t> as_map(const Facets& f, const std::string& name) {
    std::map<std::string, std::size_t> out;
    for (const auto& [value, n] : f.at(name)) out[value] = n;
    return out;
}

Facets run(const Xapian::Database& db, std::size_t databases, std::size_t& documents) {
    FacetSpy spy(db, databases);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("word"));
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 10, db.get_doccount());
    documents = spy.documents();
    return spy.facets(20);
}

}  // namespace

TEST_CASE("facets count each transcript once per value, passages of a transcript apart or together") {
    // t1's passages are split by t2's (as after an incremental run); t1 has two speakers and
    // a question label, which is not a speaker.
    const std::vector<Passage> passages = {
        {"t1", "2020", "en", "Lavrov", "RUS", "kremlin"},
        {"t1", "2020", "ru", "Q", "RUS", "kremlin"},
        {"t2", "2021", "en", "Blinken", "USA", "wh"},
        {"t2", "2021", "en", "Lavrov", "USA", "wh"},
        {"t1", "2020", "en", "Zakharova", "RUS", "kremlin"},
        {"t1", "2020", "en", "Lavrov", "RUS", "kremlin"},
        {"t3", "2020", "fr", "", "", "unpc"},
    };
    std::size_t documents = 0;
    const auto f = run(memory_db(passages), 1, documents);
    CHECK(documents == passages.size());
    CHECK(as_map(f, "year") == std::map<std::string, std::size_t>{{"2020", 2}, {"2021", 1}});
    CHECK(as_map(f, "language") == std::map<std::string, std::size_t>{{"en", 2}, {"ru", 1}, {"fr", 1}});
    CHECK(as_map(f, "speaker") == std::map<std::string, std::size_t>{{"Lavrov", 2}, {"Blinken", 1}, {"Zakharova", 1}});
    CHECK(as_map(f, "country") == std::map<std::string, std::size_t>{{"RUS", 1}, {"USA", 1}});
    CHECK(as_map(f, "source") == std::map<std::string, std::size_t>{{"kremlin", 1}, {"wh", 1}, {"unpc", 1}});
    // Most frequent first, ties by value; years in order.
    CHECK(f.at("speaker").front().first == "Lavrov");
    CHECK(f.at("year").front().first == "2020");
}

TEST_CASE("facets over two shards visited one after the other equal those of one database") {
    std::vector<Passage> all;
    for (int t = 0; t < 40; ++t)
        for (int p = 0; p < 1 + t % 4; ++p)
            all.push_back({"t" + std::to_string(t), std::to_string(2000 + t % 7), t % 3 ? "en" : "ru",
                           "speaker" + std::to_string((t + p) % 5), t % 2 ? "USA" : "RUS", "s" + std::to_string(t % 3)});
    std::vector<Passage> first, second;
    for (const auto& p : all) (std::stoi(p.transcript.substr(1)) % 2 ? first : second).push_back(p);
    Xapian::Database shards;
    shards.add_database(memory_db(first));
    shards.add_database(memory_db(second));
    std::size_t one_documents = 0, two_documents = 0;
    const auto one = run(memory_db(all), 1, one_documents);
    const auto two = run(shards, 2, two_documents);
    CHECK(one_documents == all.size());
    CHECK(two_documents == all.size());
    for (const char* name : {"year", "language", "speaker", "country", "source"}) {
        CAPTURE(name);
        CHECK(as_map(one, name) == as_map(two, name));
    }
    // Brute force: distinct transcripts per speaker.
    std::map<std::string, std::set<std::string>> by_speaker;
    for (const auto& p : all) by_speaker[p.speaker].insert(p.transcript);
    for (const auto& [speaker, transcripts] : by_speaker) CHECK(as_map(one, "speaker").at(speaker) == transcripts.size());
}

TEST_CASE("facet_values_key holds the five facet values in FacetSpy's order, and splits back") {
    const auto key = schema::facet_values_key("2021", "ru", "Мария Захарова", "RUS", "mid");
    const auto values = schema::split_facet_values_key(key);
    REQUIRE(values.size() == FacetSpy::number_of_facets());
    CHECK(values == std::vector<std::string_view>{"2021", "ru", "Мария Захарова", "RUS", "mid"});
    // The remote facet pass hands value f of the key to facet f: the slots must line up.
    const std::vector<Xapian::valueno> order{schema::slot_year, schema::slot_language, schema::slot_speaker,
                                             schema::slot_country, schema::slot_source};
    for (std::size_t f = 0; f < order.size(); ++f) CHECK(FacetSpy::facet_slot(f) == order[f]);
    // Empty values keep their place; a key without its last NUL is not five values.
    CHECK(schema::split_facet_values_key(schema::facet_values_key("", "", "", "", "")).size() == 5);
    CHECK(schema::split_facet_values_key(schema::facet_values_key("", "en", "", "", "")).at(1) == "en");
    CHECK(schema::split_facet_values_key(key.substr(0, key.size() - 1)).size() == 4);
}

#if DRAGOMAN_ASSERTIONS
TEST_CASE("a collapse key naming another transcript breaks the facet spy's invariant") {
    // schema::collapse_key gives a transcript without a group or a copy key "t:" + its own id; a key that
    // names another would merge two results' counts without a word.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc;
    doc.add_term("word");
    doc.add_value(schema::slot_transcript, "t1");
    doc.add_value(schema::slot_collapse, schema::collapse_key("", "t2", ""));
    db.add_document(doc);
    db.commit();
    struct Fired {
        std::string condition;
    };
    const auto previous = set_assert_handler([](const AssertionFailure& f) { throw Fired{f.condition}; });
    std::string fired;
    try {
        std::size_t documents = 0;
        run(db, 1, documents);
    } catch (const Fired& f) {
        fired = f.condition;
    }
    set_assert_handler(previous);
    CHECK(fired.find("collapse_key") != std::string::npos);
}
#endif
