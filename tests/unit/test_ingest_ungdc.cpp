// The UN General Debate reader on the real corpus tree, and its complaints.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"
#include "ingest/ungdc_reader.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

test::Collected read_ungdc(const fs::path& path) { return test::read_all(UngdcReader(), path); }

fs::path session_dir() { return dragoman::test::shared_corpus() / "raw/ungdc/TXT"; }

}  // namespace

TEST_CASE("ungdc reader reads the 2020 speech of the United States") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto c = read_ungdc(session_dir() / "Session 75 - 2020/USA_75_2020.txt");
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.id == "ungdc:USA_75_2020");
    CHECK(t.source == "ungdc");
    CHECK(t.language == "en");
    CHECK(t.date == "2020");  // the corpus gives only the year, and so does the record
    CHECK(t.country == "USA");
    CHECK(t.title == "UN General Debate, 75th session (2020): USA");
    CHECK(t.speakers.empty());
    CHECK(t.text.rfind("It is my profound honor to address the United Nations General Assembly.\n\n75 years after", 0) == 0);
    CHECK(t.text.find("the invisible enemy \xE2\x80\x94 the China Virus") != std::string::npos);
    CHECK(t.text.find("\n\n\n") == std::string::npos);
}

TEST_CASE("ungdc reader names sessions with English ordinals and keeps the EU without a country") {
    if (dragoman::test::skip_without_corpus()) return;
    SUBCASE("first session") {
        const auto c = read_ungdc(session_dir() / "Session 01 - 1946/ARG_01_1946.txt");
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().title == "UN General Debate, 1st session (1946): ARG");
        CHECK(c.records.front().date == "1946");
        CHECK(c.records.front().text.rfind("At the resumption of the first session of the General Assembly", 0) == 0);
    }
    SUBCASE("the European Union is not a country") {
        const auto c = read_ungdc(session_dir() / "Session 77 - 2022/EU_77_2022.txt");
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().id == "ungdc:EU_77_2022");
        CHECK(c.records.front().country.empty());
        CHECK(c.records.front().title == "UN General Debate, 77th session (2022): EU");
    }
}

TEST_CASE("ungdc reader reads every speech of the real tree without a complaint") {
    if (dragoman::test::skip_without_corpus()) return;
    std::vector<Diagnostic> diagnostics;
    const auto files = walk_sources({(dragoman::test::shared_corpus() / "raw/ungdc").string()}, "",
                                    [&](const Diagnostic& d) { diagnostics.push_back(d); });
    // README.txt and the speaker spreadsheet are not speeches.
    CHECK(std::all_of(files.begin(), files.end(), [](const SourceFile& f) { return f.format == "ungdc"; }));
    std::size_t records = 0;
    std::size_t sessions_1946 = 0;
    UngdcReader reader;
    for (const auto& f : files)
        reader.read(
            f.path,
            [&](Transcript&& t, const RecordOrigin&) {
                ++records;
                if (t.date == "1946") ++sessions_1946;
            },
            [&](const Diagnostic& d) { diagnostics.push_back(d); });
    CHECK(records == 2443);
    CHECK(sessions_1946 == 39);
    CHECK(diagnostics.empty());
}

TEST_CASE("ungdc file names give country, session and year, or nothing") {
    const auto name = UngdcReader::parse_name("USA_75_2020");
    REQUIRE(name);
    CHECK(name->code == "USA");
    CHECK(name->session == 75);
    CHECK(name->year == 2020);
    CHECK(UngdcReader::parse_name("EU_77_2022"));
    CHECK_FALSE(UngdcReader::parse_name("usa_75_2020"));
    CHECK_FALSE(UngdcReader::parse_name("USA_75"));
    CHECK_FALSE(UngdcReader::parse_name("README"));
    CHECK(UngdcReader::is_session_directory("Session 75 - 2020"));
    CHECK(UngdcReader::is_session_directory("Session 01 - 1946"));
    CHECK_FALSE(UngdcReader::is_session_directory("Session 75"));
}

TEST_CASE("a General Debate speech is dated to its year alone, not to the 1st of January") {
    test::TempDir tmp("ungdc_year");
    const auto c = read_ungdc(tmp.write("Session 76 - 2021/FRA_76_2021.txt", "Monsieur le Pr\xC3\xA9sident,\n"));
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 1);
    CHECK(c.records.front().date == "2021");
}

TEST_CASE("ungdc reader reports a file it cannot name and a line that is not UTF-8") {
    test::TempDir tmp("ungdc");
    const std::string session = "Session 75 - 2020/";  // the reader wants a session directory
    SUBCASE("a file name without country, session and year") {
        const auto c = read_ungdc(tmp.write(session + "speech.txt", "Mr. President,\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().record_id == "ungdc:speech");
        CHECK(c.diagnostics.front().message.find("ISO3_SESSION_YEAR") != std::string::npos);
    }
    SUBCASE("invalid UTF-8 on the third line") {
        const auto c = read_ungdc(tmp.write(session + "FRA_75_2020.txt", "Monsieur le Pr\xC3\xA9sident,\nMerci.\nEt l\xE0.\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 3);
        CHECK(c.diagnostics.front().column == 5);
    }
    SUBCASE("a NUL byte on the third line") {
        // Regression: reported without line or column ("NUL byte in a field").
        const auto c = read_ungdc(tmp.write(session + "FRA_75_2020.txt", std::string("Monsieur,\nMerci.\nEt l") + '\0' + "a.\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 3);
        CHECK(c.diagnostics.front().column == 5);
        CHECK(c.diagnostics.front().message == "NUL byte");
    }
    SUBCASE("an empty speech") {
        const auto c = read_ungdc(tmp.write(session + "FRA_75_2020.txt", "\n\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().message == "'text': empty");
    }
    SUBCASE("a well-formed file is detected by its directory and name") {
        const auto path = tmp.write(session + "FRA_75_2020.txt", "Monsieur le Pr\xC3\xA9sident,\n");
        CHECK(detect_format(path.string()) == "ungdc");
        CHECK(detect_format(tmp.write(session + "notes.txt", "Monsieur\n").string()).empty());
    }
}
