// The indexing pipeline: segments merged in input order, shards by id hash, duplicates,
// incremental replace/remove, and the rejects log.
#include <doctest/doctest.h>

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "index/index_builder.hpp"
#include "index/reject_log.hpp"
#include "index/shard_layout.hpp"
#include "schema/schema.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

Transcript transcript(int i, const std::string& extra = {}) {
    Transcript t;
    t.id = "u:" + std::to_string(i);
    t.language = "en";
    t.date = "2021-06-01";
    t.title = "Statement " + std::to_string(i);
    t.text = "The minister spoke about cooperation number" + std::to_string(i) + extra + ".";
    return t;
}

/// docids of the passages of transcript `id` in database `db`.
std::vector<Xapian::docid> docids(const Xapian::Database& db, const std::string& id) {
    const std::string term = schema::transcript_term(id);
    return {db.postlist_begin(term), db.postlist_end(term)};
}

struct Run {
    std::vector<Diagnostic> diagnostics;
    IndexStats stats;
};

Run build(const fs::path& dir, IndexOptions options, const std::vector<Transcript>& records,
          const std::string& file = "in.jsonl", const std::vector<std::string>& failed = {}) {
    Run r;
    IndexBuilder b(dir, options, [&](const Diagnostic& d) { r.diagnostics.push_back(d); });
    for (const auto& f : failed) b.source_failed(f);
    std::size_t line = 0;
    for (auto t : records) b.add(std::move(t), RecordOrigin{file, ++line});
    r.stats = b.finish();
    return r;
}

}  // namespace

TEST_CASE("a full build on two threads merges its segments into one database in input order") {
    test::TempDir t("index_builder");
    IndexOptions o;
    o.threads = 2;
    o.segment_bytes = 200;  // a few records per segment
    std::vector<Transcript> records;
    for (int i = 0; i < 60; ++i) records.push_back(transcript(i));
    const auto r = build(t.path(), o, records);
    CHECK(r.stats.indexed == 60);
    CHECK(r.stats.segments > 5);
    CHECK_FALSE(fs::exists(t.path() / ".segments"));
    CHECK_FALSE(fs::exists(t.path() / "manifest.json"));
    Xapian::Database db(t.path().string());
    CHECK(db.get_doccount() == r.stats.passages);
    CHECK(db.get_metadata(std::string(schema::metadata_schema_version)) == schema::schema_version);
    Xapian::docid last = 0;
    for (int i = 0; i < 60; ++i) {
        const auto ids = docids(db, "u:" + std::to_string(i));
        REQUIRE(ids.size() == 1);
        CHECK(ids.front() > last);
        last = ids.front();
    }
}

TEST_CASE("a sharded build puts each transcript whole into the shard its id hashes to") {
    test::TempDir t("index_builder");
    IndexOptions o;
    o.threads = 2;
    o.shards = 3;
    o.segment_bytes = 300;
    std::vector<Transcript> records;
    for (int i = 0; i < 40; ++i) records.push_back(transcript(i));
    build(t.path(), o, records);
    const auto shards = generation_databases(t.path());
    REQUIRE(shards.size() == 3);
    Xapian::doccount total = 0;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        Xapian::Database db(shards[s].string());
        total += db.get_doccount();
        for (int i = 0; i < 40; ++i) {
            const std::string id = "u:" + std::to_string(i);
            CHECK(docids(db, id).empty() == (shard_of(id, 3) != s));
        }
    }
    CHECK(total == 40);
}

TEST_CASE("an empty input still publishes a valid, empty database in every shard") {
    test::TempDir t("index_builder");
    IndexOptions o;
    o.shards = 2;
    build(t.path(), o, {});
    for (const auto& s : generation_databases(t.path())) CHECK(Xapian::Database(s.string()).get_doccount() == 0);
}

TEST_CASE("a duplicate id is rejected with where it was first seen, and the first one kept") {
    test::TempDir t("index_builder");
    auto dup = transcript(1, " second copy");
    const auto r = build(t.path(), {}, {transcript(1), transcript(2), dup});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 3);
    CHECK(r.diagnostics[0].message == "duplicate id, first seen at in.jsonl:1");
    CHECK(r.stats.indexed == 2);
    CHECK(r.stats.rejected == 1);
}

TEST_CASE("an incremental run skips unchanged, replaces changed, removes vanished, keeps failed sources") {
    for (std::size_t shards : {0, 2}) {
        CAPTURE(shards);
        test::TempDir t("index_builder");
        IndexOptions full;
        full.shards = shards;
        std::vector<Transcript> v1;
        for (int i = 0; i < 10; ++i) v1.push_back(transcript(i));
        build(t.path(), full, v1, "a.jsonl");

        const auto dbs = generation_databases(t.path());
        auto where = [&](const std::string& id) {
            std::vector<std::vector<Xapian::docid>> out;
            for (const auto& d : dbs) out.push_back(docids(Xapian::Database(d.string()), id));
            return out;
        };
        const auto before = where("u:1");

        IndexOptions inc;
        inc.incremental = true;
        std::vector<Transcript> v2;
        for (int i = 0; i < 8; ++i) v2.push_back(transcript(i, i == 2 ? " revised" : ""));
        v2.push_back(transcript(20));
        const auto r = build(t.path(), inc, v2, "a.jsonl");
        CHECK(r.stats.indexed == 1);
        CHECK(r.stats.updated == 1);
        CHECK(r.stats.unchanged == 7);
        CHECK(r.stats.removed == 2);  // u:8, u:9
        CHECK(where("u:1") == before);

        // The file of u:3 failed to read this time: u:3 is kept although not seen.
        const auto r2 = build(t.path(), inc, {transcript(0)}, "a.jsonl", {"a.jsonl"});
        CHECK(r2.stats.removed == 0);
        const auto r3 = build(t.path(), inc, {transcript(0)}, "a.jsonl", {"elsewhere/"});
        CHECK(r3.stats.removed == 8);
        Xapian::doccount total = 0;
        for (const auto& d : dbs) total += Xapian::Database(d.string()).get_doccount();
        CHECK(total == 1);
    }
}

TEST_CASE("an incremental run replaces and removes transcripts whose ids are longer than a term") {
    for (std::size_t shards : {0, 2}) {
        CAPTURE(shards);
        test::TempDir t("index_builder");
        std::vector<Transcript> v1;
        for (int i = 0; i < 3; ++i) v1.push_back(transcript(i));
        v1[1].id = "https://www.whitehouse.gov/briefing-room/" + std::string(300, 'b');
        v1[2].id = "https://www.whitehouse.gov/briefing-room/" + std::string(4000, 'c');
        IndexOptions full;
        full.shards = shards;
        build(t.path(), full, v1, "a.jsonl");
        const auto dbs = generation_databases(t.path());
        auto count = [&](const std::string& id) {
            std::size_t n = 0;
            for (const auto& d : dbs) n += docids(Xapian::Database(d.string()), id).size();
            return n;
        };
        CHECK(count(v1[1].id) == 1);
        CHECK(count(v1[2].id) == 1);

        IndexOptions inc;
        inc.incremental = true;
        auto v2 = v1;
        v2[1].text += " Revised.";
        v2.pop_back();
        const auto r = build(t.path(), inc, v2, "a.jsonl");
        CHECK(r.stats.updated == 1);
        CHECK(r.stats.unchanged == 1);
        CHECK(r.stats.removed == 1);
        CHECK(count(v1[1].id) == 1);  // replaced, not added beside the old one
        CHECK(count(v1[2].id) == 0);
        const auto r2 = build(t.path(), inc, v2, "a.jsonl");
        CHECK(r2.stats.unchanged == 2);
    }
}

TEST_CASE("the rejects log holds each rejected line of a line-oriented file") {
    test::TempDir t("index_builder");
    const fs::path in = t.path() / "in.jsonl";
    {
        std::ofstream f(in);
        f << "{\"id\": \"a\"}\n{broken\n{\"id\": \"c\"}\n{\"id\": \"caf\xc3\xa9\"\n";
    }
    RejectLog log;
    log.add(Diagnostic{in.string(), 2, 2, {}, "broken JSON"}, "jsonl");
    log.add(Diagnostic{in.string(), 4, 0, "café", "broken JSON"}, "jsonl");
    log.add(Diagnostic{"other.html", 0, 0, {}, "cannot open"}, "html");
    log.add(Diagnostic{in.string(), 1, 0, {}, "a warning", Diagnostic::Severity::Warning}, "jsonl");
    CHECK(log.size() == 3);
    const fs::path out = t.path() / "rejects.jsonl";
    REQUIRE_NOTHROW(log.write(out));
    std::ifstream f(out);
    std::vector<nlohmann::json> entries;
    for (std::string line; std::getline(f, line);) entries.push_back(nlohmann::json::parse(line));
    REQUIRE(entries.size() == 3);
    CHECK(entries[0]["record"] == "{broken");
    CHECK(entries[0]["line"] == 2);
    CHECK(entries[0]["diagnostic"] == in.string() + ":2:2: error: broken JSON");
    CHECK(entries[1]["record"] == "{\"id\": \"caf\xc3\xa9\"");
    CHECK(entries[1]["id"] == "café");
    CHECK_FALSE(entries[2].contains("record"));
    CHECK_THROWS_AS(log.write(t.path() / "no" / "dir" / "x"), IndexError);
}

TEST_CASE("the rejects log copies the rejected line only from JSON Lines") {
    test::TempDir t("index_builder");
    const fs::path md = t.path() / "talk.md";
    {
        std::ofstream f(md);
        f << "# Title\n\nbroken front matter\n";
    }
    RejectLog log;
    log.add(Diagnostic{md.string(), 3, 0, {}, "bad"}, "markdown");
    const fs::path out = t.path() / "rejects.jsonl";
    REQUIRE_NOTHROW(log.write(out));
    std::ifstream f(out);
    std::string line;
    REQUIRE(std::getline(f, line));
    CHECK(line.find("\"record\"") == std::string::npos);
    CHECK(line.find("\"line\":3") != std::string::npos);
}

TEST_CASE("a passage keeps its date's precision: year and month terms only as far as the date is known") {
    test::TempDir t("index_builder_dates");
    IndexOptions o;
    o.threads = 1;
    auto year = transcript(1), month = transcript(2), day = transcript(3);
    year.date = "2021";
    month.date = "2021-09";
    day.date = "2021-09-15";
    const auto r = build(t.path(), o, {year, month, day});
    CHECK(r.diagnostics.empty());
    Xapian::Database db(t.path().string());
    auto doc = [&](const std::string& id) {
        const auto ids = docids(db, id);
        REQUIRE(ids.size() == 1);
        return db.get_document(ids.front());
    };
    auto has = [](const Xapian::Document& d, const std::string& term) {
        auto it = d.termlist_begin();
        it.skip_to(term);
        return it != d.termlist_end() && *it == term;
    };
    const auto y = doc("u:1"), m = doc("u:2"), d = doc("u:3");
    for (const auto* p : {&y, &m, &d}) CHECK(has(*p, schema::term(schema::prefix_year, "2021")));
    CHECK_FALSE(has(y, schema::term(schema::prefix_month, "202101")));  // not January
    CHECK(has(m, schema::term(schema::prefix_month, "202109")));
    CHECK(has(d, schema::term(schema::prefix_month, "202109")));
    CHECK(y.get_value(schema::slot_date) == "2021");
    CHECK(m.get_value(schema::slot_date) == "202109");
    CHECK(d.get_value(schema::slot_date) == "20210915");
    CHECK(y.get_value(schema::slot_year) == "2021");
    CHECK(nlohmann::json::parse(y.get_data()).at("date") == "2021");
    CHECK(nlohmann::json::parse(m.get_data()).at("date") == "2021-09");
}

TEST_CASE("a full build links language versions that land in different segments and shards") {
    auto version = [](std::string id, std::string language, std::string text) {
        Transcript t;
        t.id = std::move(id);
        t.language = std::move(language);
        t.date = "2015-03-12";
        t.source = "mfa";
        t.text = std::move(text);
        return t;
    };
    const std::vector<Transcript> records = {
        version("v:en", "en",
                "Sergey Lavrov: We met Minister Wang Yi in Moscow on 12 March and discussed resolution 2231.\n\n"
                "The Foreign Ministers agreed to hold 14 rounds of consultations before 2017.\n\n"
                "Question: Will Kazakhstan host the talks in Astana?\n\n"
                "Sergey Lavrov: Astana offered to host them; 37 delegations have confirmed."),
        transcript(1), transcript(2), transcript(3),
        version("v:ru", "ru",
                "Сергей Лавров: Мы встретились с министром Ван И в Москве 12 марта и обсудили резолюцию 2231.\n\n"
                "Министры иностранных дел договорились провести 14 раундов консультаций до 2017 года.\n\n"
                "Вопрос: Примет ли Казахстан переговоры в Астане?\n\n"
                "Сергей Лавров: Астана предложила их принять; 37 делегаций подтвердили участие."),
        transcript(4)};
    for (const std::size_t shards : {0, 2}) {
        CAPTURE(shards);
        test::TempDir t("index_builder");
        IndexOptions o;
        o.threads = 2;
        o.shards = shards;
        o.segment_bytes = 1;  // a segment a record
        const auto r = build(t.path(), o, records);
        CHECK(r.stats.segments >= records.size());
        CHECK(r.stats.versions_linked == 2);
        const std::string group = schema::detected_group("v:en");
        std::size_t passages_in_group = 0, passages = 0;
        for (const auto& path : generation_databases(t.path())) {
            Xapian::Database db(path.string());
            for (const auto* id : {"v:en", "v:ru"})
                for (const auto did : docids(db, id)) {
                    ++passages;
                    const auto doc = db.get_document(did);
                    CHECK(doc.get_value(schema::slot_group) == group);
                    CHECK(doc.get_value(schema::slot_collapse) == schema::collapse_key(group, id, doc.get_value(schema::slot_copy)));
                }
            passages_in_group += db.get_termfreq(schema::group_term(group));
            CHECK(db.get_termfreq(schema::group_term(schema::detected_group("u:1"))) == 0);
        }
        CHECK(passages > 2);
        CHECK(passages_in_group == passages);
    }
}
