// index_source: a source file read into a build, and a file with errors kept whole in an
// incremental run.
#include <doctest/doctest.h>

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "index/index_source.hpp"
#include "schema/schema.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

std::string record(const std::string& id, const std::string& word) {
    return R"({"id": ")" + id + R"(", "language": "en", "date": "2021-06-01", "title": "T", "text": "The )" + word +
           R"( was discussed."})";
}

void write(const fs::path& p, const std::vector<std::string>& lines) {
    std::ofstream f(p, std::ios::trunc);
    for (const auto& l : lines) f << l << "\n";
}

/// Runs one build of `files` into `dir`; returns the diagnostics and which files failed.
std::vector<bool> run(const fs::path& dir, bool incremental, const std::vector<SourceFile>& files,
                      std::vector<Diagnostic>& diagnostics) {
    IndexOptions o;
    o.threads = 1;
    o.incremental = incremental;
    IndexBuilder b(dir, o, [&](const Diagnostic& d) { diagnostics.push_back(d); });
    std::vector<bool> failed;
    for (const auto& f : files) failed.push_back(index_source(b, f, [&](const Diagnostic& d) { diagnostics.push_back(d); }));
    b.finish();
    return failed;
}

bool holds(const fs::path& dir, const std::string& id) {
    Xapian::Database db(dir.string());
    return db.term_exists(schema::transcript_term(id));
}

}  // namespace

TEST_CASE("a file with a rejected record keeps its other transcripts in an incremental run") {
    test::TempDir t("index_source");
    const fs::path a = t.path() / "a.jsonl", b = t.path() / "b.jsonl", db = t.path() / "db";
    write(a, {record("a:1", "corridor"), record("a:2", "treaty")});
    write(b, {record("b:1", "pipeline"), record("b:2", "embargo")});
    std::vector<Diagnostic> diags;
    CHECK(run(db, false, {{a.string(), "jsonl"}, {b.string(), "jsonl"}}, diags) == std::vector<bool>{false, false});
    CHECK(diags.empty());

    // a:2 is broken today and b:2 is gone: only the record of the clean file is removed.
    write(a, {record("a:1", "corridor"), "{broken"});
    write(b, {record("b:1", "pipeline")});
    CHECK(run(db, true, {{a.string(), "jsonl"}, {b.string(), "jsonl"}}, diags) == std::vector<bool>{true, false});
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 2);
    CHECK(holds(db, "a:1"));
    CHECK(holds(db, "a:2"));
    CHECK(holds(db, "b:1"));
    CHECK_FALSE(holds(db, "b:2"));
}

TEST_CASE("an unknown format or an unreadable file is an error of the file, and fails it") {
    test::TempDir t("index_source");
    std::vector<Diagnostic> diags;
    const auto failed = run(t.path() / "db", false,
                            {{(t.path() / "x.bin").string(), "no-such-format"}, {(t.path() / "missing.jsonl").string(), "jsonl"}},
                            diags);
    CHECK(failed == std::vector<bool>{true, true});
    REQUIRE(diags.size() == 2);
    CHECK(diags[0].message == "unknown format 'no-such-format'");
    CHECK(diags[0].line == 0);
    CHECK(diags[1].file == (t.path() / "missing.jsonl").string());
    CHECK(diags[1].severity == Diagnostic::Severity::Error);
}
