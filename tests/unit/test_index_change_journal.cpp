// What each run changed: a full build's and an incremental run's added, changed and
// withdrawn transcripts told by the builder before they become visible, and the journal
// under DBROOT/changes (pending and published entries, recovery after a kill).
#include <doctest/doctest.h>

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "index/change_journal.hpp"
#include "index/index_builder.hpp"
#include "index/index_error.hpp"
#include "index/index_root.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

Transcript transcript(const std::string& id, const std::string& text) {
    Transcript t;
    t.id = id;
    t.language = "en";
    t.date = "2021-06-01";
    t.title = "Statement " + id;
    t.text = text;
    return t;
}

/// Builds `records` into `dir` and returns what the builder told before they became
/// visible (and the revisions it gave), checking that it told it exactly once.
struct Told {
    RunChanges changes;
    std::vector<std::uint64_t> revisions;
    int calls = 0;
};

Told build(const fs::path& dir, IndexOptions o, const std::vector<Transcript>& records) {
    Told told;
    o.threads = 1;
    o.before_visible = [&](const RunChanges& c, const std::vector<std::uint64_t>& r) {
        told.changes = c;
        told.revisions = r;
        ++told.calls;
    };
    IndexBuilder b(dir, o, [](const Diagnostic& d) { FAIL("unexpected diagnostic: " << d.message); });
    std::size_t line = 0;
    for (auto t : records) b.add(std::move(t), RecordOrigin{"in.jsonl", ++line});
    b.finish();
    CHECK(told.calls == 1);
    return told;
}

const std::vector<Transcript> first = {transcript("a", "Alpha spoke."), transcript("b", "Beta spoke."),
                                       transcript("c", "Gamma spoke.")};
const std::vector<Transcript> second = {transcript("a", "Alpha spoke."), transcript("b", "Beta spoke again."),
                                        transcript("d", "Delta spoke.")};

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("a full build tells its changes against the live generation's transcripts") {
    test::TempDir t("journal_full");
    const auto one = build(t.path() / "g1", {}, first);
    CHECK(one.changes.added == Ids{"a", "b", "c"});  // nothing before: everything is added
    CHECK(one.revisions.empty());
    const auto hashes = transcript_hashes(t.path() / "g1");
    REQUIRE(hashes.size() == 3);
    IndexOptions o;
    o.previous = std::make_shared<const TranscriptHashes>(hashes);
    const auto two = build(t.path() / "g2", o, second);
    CHECK(two.changes.added == Ids{"d"});
    CHECK(two.changes.changed == Ids{"b"});
    CHECK(two.changes.withdrawn == Ids{"c"});
}

TEST_CASE("an incremental run tells the same changes, and the revisions its commit makes") {
    test::TempDir t("journal_incremental");
    build(t.path(), {}, first);
    IndexOptions o;
    o.incremental = true;
    const auto two = build(t.path(), o, second);
    CHECK(two.changes.added == Ids{"d"});
    CHECK(two.changes.changed == Ids{"b"});
    CHECK(two.changes.withdrawn == Ids{"c"});
    REQUIRE(two.revisions.size() == 1);
    CHECK(Xapian::Database(t.path().string()).get_revision() == two.revisions[0]);
}

TEST_CASE("a failure where the changes are told fails the run and commits nothing") {
    test::TempDir t("journal_failure");
    build(t.path(), {}, first);
    const auto before = Xapian::Database(t.path().string()).get_revision();
    IndexOptions o;
    o.incremental = true;
    o.threads = 1;
    o.before_visible = [](const RunChanges&, const std::vector<std::uint64_t>&) { throw IndexError("journal full"); };
    {
        IndexBuilder b(t.path(), o, [](const Diagnostic&) {});
        for (auto r : second) b.add(std::move(r), RecordOrigin{"in.jsonl", 1});
        CHECK_THROWS_AS(b.finish(), IndexError);
    }
    CHECK(Xapian::Database(t.path().string()).get_revision() == before);
    CHECK(transcript_hashes(t.path()).count("c") == 1);
}

TEST_CASE("the journal: pending until published, numbered in order, read back since a run") {
    test::TempDir t("journal_files");
    ChangeJournal j(t.path());
    CHECK(j.last() == 0);
    CHECK(j.since(0).empty());
    RunChanges c;
    c.added = {"x", "y"};
    c.withdrawn = {"z"};
    const auto e1 = j.prepare(c, "full", t.path() / "generations" / "g1", {});
    CHECK(e1.run == 1);
    CHECK(j.since(0).empty());  // pending: not a published run yet
    j.publish(e1);
    const auto e2 = j.prepare(RunChanges{{}, {"x"}, {}}, "incremental", t.path() / "generations" / "g1", {7});
    CHECK(e2.run == 2);
    j.publish(e2);
    const auto all = j.since(0);
    REQUIRE(all.size() == 2);
    CHECK(all[0].run == 1);
    CHECK(all[0].kind == "full");
    CHECK(all[0].generation == "g1");
    CHECK(all[0].changes.added == Ids{"x", "y"});
    CHECK(all[0].changes.withdrawn == Ids{"z"});
    CHECK(all[1].changes.changed == Ids{"x"});
    CHECK(all[0].published.size() == 20);  // YYYY-MM-DDTHH:MM:SSZ
    CHECK(j.since(1).size() == 1);
    CHECK(j.last() == 2);
}

TEST_CASE("recovery keeps a killed run's entry only when its changes are visible") {
    test::TempDir t("journal_recover");
    IndexRoot root(t.path());
    const fs::path g1 = root.create_generation();
    build(g1, {}, first);
    root.publish(g1);
    ChangeJournal j(t.path());
    // A full build killed before its publish: its generation is not the live one.
    const fs::path g2 = root.create_generation();
    j.prepare(RunChanges{{"d"}, {}, {}}, "full", g2, {});
    j.recover(root.current());
    CHECK(j.last() == 0);
    CHECK(j.since(0).empty());
    // A full build killed after its publish, before its entry was marked.
    j.prepare(RunChanges{{"a"}, {}, {}}, "full", g1, {});
    j.recover(root.current());
    CHECK(j.last() == 1);
    // An incremental run killed before its commit: the shard is not at its revision ...
    const auto rev = Xapian::Database(g1.string()).get_revision();
    j.prepare(RunChanges{{}, {"b"}, {}}, "incremental", g1, {rev + 1});
    j.recover(root.current());
    CHECK(j.last() == 1);
    // ... and after it: it is.
    j.prepare(RunChanges{{}, {"b"}, {}}, "incremental", g1, {rev});
    j.recover(root.current());
    CHECK(j.last() == 2);
    CHECK(j.since(1).front().changes.changed == Ids{"b"});
}

TEST_CASE("a damaged entry is an error naming the file") {
    test::TempDir t("journal_damaged");
    fs::create_directories(t.path() / "changes");
    std::ofstream(t.path() / "changes" / "00000001.json") << "{\"run\": 1, ";
    ChangeJournal j(t.path());
    CHECK_THROWS_WITH_AS(j.since(0), doctest::Contains("00000001.json"), IndexError);
}
