// Format detection from path and first bytes, on the real raw trees and on edge cases.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/reader.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

TEST_CASE("every reader is registered under its format name") {
    const auto names = reader_names();
    for (const char* name : {"jsonl", "dated-text", "ungdc", "markdown", "html", "parlamint-tei", "parlamint-txt"}) {
        CHECK(std::find(names.begin(), names.end(), name) != names.end());
        const auto reader = make_reader(name);
        REQUIRE(reader);
        CHECK(reader->name() == name);
    }
    CHECK_FALSE(make_reader("docx"));
}

TEST_CASE("formats of the real raw files are detected from path and content") {
    if (dragoman::test::skip_without_corpus()) return;
    const fs::path raw = dragoman::test::shared_corpus() / "raw";
    auto format = [&](const std::string& p) { return detect_format((raw / p).string()); };
    CHECK(format("ungdc/TXT/Session 75 - 2020/USA_75_2020.txt") == "ungdc");
    CHECK(format("ungdc/Speakers_by_session.xlsx").empty());
    CHECK(format("ungdc/README.txt").empty());
    CHECK(format("wh_briefings/press-briefings/2021-02/2021-02-04-press-briefing-by-press-secretary-jen-psaki-and-"
                 "national-security-advisor-jake-sullivan-february-4-2021.md") == "markdown");
    CHECK(format("wh_briefings/README.md").empty());  // no front matter
    CHECK(format("kremlin_en/events/president/news/17164/print.html") == "html");
    CHECK(format("parlamint_tr/ParlaMint-TR/ParlaMint-TR_T27-tbmm-2018-07-07.xml") == "parlamint-tei");
    CHECK(format("parlamint_tr/ParlaMint-TR/ParlaMint-TR.xml").empty());  // the corpus root
    CHECK(format("parlamint_tr/ParlaMint-TR/pm.tsv").empty());
    CHECK(format("parlamint/ParlaMint-AT/2022/ParlaMint-AT_2022-10-12-027-XXVII-NRSITZ-00178.txt") == "parlamint-txt");
    CHECK(format("parlamint/ParlaMint-AT/2022/ParlaMint-AT_2022-10-12-027-XXVII-NRSITZ-00178-meta.tsv").empty());
    CHECK(format("nerel_ru/NEREL-v1.1/README.md").empty());
    CHECK(detect_format((dragoman::test::shared_corpus() / "sample-small.jsonl").string()) == "jsonl");
}

TEST_CASE("binary and unknown files are not given a format") {
    const fs::path dir = fs::temp_directory_path() / ("dragoman_detect_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "image.txt", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0", 11);
    std::ofstream(dir / "notes.txt") << "Minutes of the meeting.\n";
    std::ofstream(dir / "page.htm") << "<p>x</p>";
    std::ofstream(dir / "article") << " date 2020-05-30 An article without an extension.";
    std::ofstream(dir / "front.markdown") << "---\ntitle: x\n---\nText\n";
    // Regression: a page or article with a stray NUL byte was skipped without a word; its
    // format is still known, so its reader rejects it with the NUL's line and column.
    std::ofstream(dir / "nul.html", std::ios::binary) << std::string("<p>x\0</p>", 9);
    std::ofstream(dir / "nul-article", std::ios::binary) << std::string(" date 2020-05-30 A \0 byte.", 27);
    CHECK(detect_format((dir / "nul.html").string()) == "html");
    CHECK(detect_format((dir / "nul-article").string()) == "dated-text");
    CHECK(detect_format((dir / "image.txt").string()).empty());
    CHECK(detect_format((dir / "notes.txt").string()).empty());
    CHECK(detect_format((dir / "missing.txt").string()).empty());
    CHECK(detect_format((dir / "page.htm").string()) == "html");
    CHECK(detect_format((dir / "article").string()) == "dated-text");
    CHECK(detect_format((dir / "front.markdown").string()) == "markdown");
    CHECK(detect_format((dir / "speeches.NDJSON").string()) == "jsonl");
    fs::remove_all(dir);
}
