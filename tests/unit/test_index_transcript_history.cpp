// The transcript history under DBROOT/history: versions across runs, first and last seen,
// withdrawals and restorations, language versions changed alone, and a killed run's rows
// removed by the change journal's recovery.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "index/change_journal.hpp"
#include "index/index_root.hpp"
#include "index/passage_document.hpp"
#include "index/transcript_history.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

Transcript record(const std::string& id, const std::string& text, const std::string& language = "en",
                  const std::string& group = {}) {
    Transcript t;
    t.id = id;
    t.language = language;
    t.date = "2021-06-01";
    t.title = "Statement " + id;
    t.text = text;
    t.group = group;
    return t;
}

/// One run of the store: each record offered, then the run finished at `at`.
void run(TranscriptHistoryStore& store, const std::vector<Transcript>& records, const std::vector<std::string>& withdrawn,
         std::uint64_t journal_run, const std::string& at) {
    store.begin_run();
    for (const auto& t : records) store.offer(t, record_hash(t));
    store.finish_run(withdrawn, journal_run, at);
}

}  // namespace

TEST_CASE("a record's JSON reads back as the same record") {
    Transcript t = record("un:ara/1", "السلام عليكم.\n\nشكرا.", "ar", "g1");
    t.speakers = {"Speaker one", "Говорящий"};
    t.turns = {{"A", "Hello.", "en"}, {"Б", "Привет.", "ru"}};
    const auto back = transcript_from_record_json(transcript_record_json(t));
    REQUIRE(back);
    CHECK(record_hash(*back) == record_hash(t));
    CHECK_FALSE(transcript_from_record_json("{\"id\": 1}"));
    CHECK_FALSE(transcript_from_record_json("not json"));
}

TEST_CASE("versions, first and last seen, withdrawal and restoration across runs") {
    test::TempDir dir("history_runs");
    auto store = TranscriptHistoryStore::open_for_writing(dir.path());
    const auto a1 = record("a", "Alpha spoke. Then he left.");
    const auto a2 = record("a", "Alpha spoke. Then he stayed.");
    const auto b = record("b", "Beta spoke.");
    run(store, {a1, b}, {}, 1, "2024-01-01T00:00:00Z");
    run(store, {a1, b}, {}, 0, "2024-01-02T00:00:00Z");         // nothing changed
    run(store, {a2}, {"b"}, 2, "2025-03-01T00:00:00Z");         // a edited, b withdrawn
    run(store, {a2, b}, {}, 3, "2025-03-02T00:00:00Z");         // b restored as it was

    const auto ha = store.history("a");
    REQUIRE(ha);
    REQUIRE(ha->versions.size() == 2);
    CHECK(ha->changes() == 1);
    CHECK(ha->versions[0].first_seen == "2024-01-01T00:00:00Z");
    CHECK(ha->versions[0].last_seen == "2024-01-02T00:00:00Z");
    CHECK(ha->versions[1].first_seen == "2025-03-01T00:00:00Z");
    CHECK(ha->versions[1].last_seen == "2025-03-02T00:00:00Z");
    CHECK(ha->versions[1].hash == record_hash(a2));
    CHECK(store.record("a", 1)->text == a1.text);
    CHECK(store.record("a", 2)->text == a2.text);
    CHECK_FALSE(store.record("a", 3));

    const auto hb = store.history("b");
    REQUIRE(hb);
    REQUIRE(hb->versions.size() == 2);
    CHECK(hb->changes() == 0);  // withdrawn and restored unchanged: no change of the record
    CHECK(hb->versions[0].withdrawn == "2025-03-01T00:00:00Z");
    CHECK(hb->versions[0].last_seen == "2024-01-02T00:00:00Z");
    CHECK(hb->versions[1].restored);
    CHECK(hb->versions[1].withdrawn.empty());
    CHECK_FALSE(store.history("c"));

    // The next run's marks count the changes so far and their years.
    store.begin_run();
    const auto mark = store.offer(a2, record_hash(a2));
    CHECK(mark.changes == 1);
    CHECK(mark.years == std::vector<int>{2025});
}

TEST_CASE("a read-only store sees what the writer committed, and nothing when there is no store") {
    test::TempDir dir("history_readonly");
    CHECK_FALSE(TranscriptHistoryStore::open_read_only(dir.path()).history("a"));
    auto store = TranscriptHistoryStore::open_for_writing(dir.path());
    run(store, {record("a", "One.")}, {}, 1, "2024-01-01T00:00:00Z");
    const auto reader = TranscriptHistoryStore::open_read_only(dir.path());
    REQUIRE(reader.history("a"));
    CHECK(reader.history("a")->versions.size() == 1);
}

TEST_CASE("a language version changed while its other languages did not is marked") {
    test::TempDir dir("history_alone");
    auto store = TranscriptHistoryStore::open_for_writing(dir.path());
    const auto en = record("en/1", "We regret the incident.", "en", "g");
    const auto ru = record("ru/1", "Мы сожалеем об инциденте.", "ru", "g");
    run(store, {en, ru}, {}, 1, "2024-01-01T00:00:00Z");
    const auto ru2 = record("ru/1", "Мы отмечаем инцидент.", "ru", "g");
    run(store, {en, ru2}, {}, 2, "2024-01-02T00:00:00Z");
    CHECK(store.history("ru/1")->versions[1].changed_alone == "ru");
    // Both languages changed in one run: neither is alone.
    run(store, {record("en/1", "We note the incident.", "en", "g"), record("ru/1", "Мы видим инцидент.", "ru", "g")}, {}, 3,
        "2024-01-03T00:00:00Z");
    CHECK(store.history("ru/1")->versions[2].changed_alone.empty());
    CHECK(store.history("en/1")->versions[1].changed_alone.empty());
}

TEST_CASE("the journal's recovery removes the history of a run that never became visible") {
    test::TempDir dir("history_recover");
    IndexRoot root(dir.path());
    auto store = TranscriptHistoryStore::open_for_writing(dir.path());
    ChangeJournal journal(dir.path());
    const fs::path g1 = root.create_generation();
    // Run 1 published.
    auto e1 = journal.prepare(RunChanges{{"a"}, {}, {}}, "full", g1, {});
    run(store, {record("a", "One.")}, {}, e1.run, e1.published);
    root.publish(g1);
    journal.publish(e1);
    // Run 2 killed after the history's commit, before its generation was published.
    const fs::path g2 = root.create_generation();
    auto e2 = journal.prepare(RunChanges{{"b"}, {"a"}, {}}, "full", g2, {});
    run(store, {record("a", "Two."), record("b", "Bee.")}, {"c"}, e2.run, e2.published);
    REQUIRE(store.history("a")->versions.size() == 2);
    journal.recover(root.current(), [&](std::uint64_t r) { store.discard_run(r); });
    CHECK(store.history("a")->versions.size() == 1);
    CHECK_FALSE(store.history("b"));
    CHECK(journal.last() == 1);
    // The next run sees version 1 as current again: the same edit is a change once more.
    store.begin_run();
    CHECK(store.offer(record("a", "Two."), record_hash(record("a", "Two."))).changes == 1);
}
