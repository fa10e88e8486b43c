// The ParlaMint plain-text reader on the real samples of 23 parliaments, and its complaints.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/language_name.hpp"
#include "ingest/parlamint_txt_reader.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

test::Collected read_txt(const fs::path& path) { return test::read_all(ParlamintTxtReader(), path); }

fs::path samples() { return dragoman::test::shared_corpus() / "raw/parlamint"; }

}  // namespace

TEST_CASE("parlamint-txt reader joins the Austrian speeches with their metadata") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto c = read_txt(samples() / "ParlaMint-AT/2022/ParlaMint-AT_2022-10-12-027-XXVII-NRSITZ-00178.txt");
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 4);
    const Transcript& t = c.records.front();
    CHECK(t.id == "parlamint:ParlaMint-AT_2022-10-12-027-XXVII-NRSITZ-00178_d8e4759");
    CHECK(t.source == "parlamint");
    CHECK(t.language == "de");
    CHECK(t.country == "AUT");
    CHECK(t.date == "2022-10-12");
    CHECK(t.speakers == std::vector<std::string>{"Wolfgang Sobotka"});
    CHECK(t.title ==
          "178. Sitzung des Nationalrates der Republik Österreich, XXVII. Gesetzgebungsperiode, Mittwoch, 12. "
          "Oktober 2022 — Wolfgang Sobotka (ÖVP)");
    CHECK(t.text.rfind("Meine sehr geehrten Damen und Herren, ich darf die 178. Sitzung des Nationalrates", 0) == 0);
    // Transcriber notes such as [[Allgemeiner Beifall.]] are not speech.
    CHECK(t.text.find("[[") == std::string::npos);
    CHECK(c.records[1].speakers == std::vector<std::string>{"Jörg Leichtfried"});
}

TEST_CASE("parlamint-txt reader reads all 23 parliaments of the samples") {
    if (dragoman::test::skip_without_corpus()) return;
    std::vector<Diagnostic> diagnostics;
    const auto files = walk_sources({samples().string()}, "", [&](const Diagnostic& d) { diagnostics.push_back(d); });
    CHECK(files.size() == 23);  // the -meta.tsv files and MANIFEST.tsv are not read on their own
    std::map<std::string, std::string> language_of;
    std::size_t records = 0;
    ParlamintTxtReader reader;
    for (const auto& f : files) {
        CHECK(f.format == "parlamint-txt");
        reader.read(
            f.path,
            [&](Transcript&& t, const RecordOrigin&) {
                ++records;
                language_of[t.id.substr(10, t.id.find('_') - 10)] = t.language;
                CHECK(t.date.size() == 10);
                CHECK(t.country.size() == 3);
            },
            [&](const Diagnostic& d) { diagnostics.push_back(d); });
    }
    CHECK(records == 63);
    CHECK(diagnostics.empty());
    CHECK(language_of["ParlaMint-TR"] == "tr");
    CHECK(language_of["ParlaMint-NO"] == "nb");  // "Norsk bokmål"
    CHECK(language_of["ParlaMint-UA"] == "uk");  // "Українська"
    CHECK(language_of["ParlaMint-RS"] == "sr");  // "srpski", Latin script
    CHECK(language_of["ParlaMint-GR"] == "el");  // no Lang column: the country's language
    CHECK(language_of["ParlaMint-BE"].empty());  // bilingual: identified downstream
}

TEST_CASE("parlamint-txt reader matches ids across the .ana difference and keeps session-local ids unique") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto it = read_txt(samples() / "ParlaMint-IT/ParlaMint-IT_2015-06-10-LEG17-Senato-sed-462.txt");
    REQUIRE(it.records.size() == 4);
    CHECK(it.records.front().id == "parlamint:ParlaMint-IT_2015-06-10-LEG17-Senato-sed-462.u1");
    CHECK(!it.records.front().speakers.empty());
    const auto hu = read_txt(samples() / "ParlaMint-HU/2020/ParlaMint-HU_2020-04-07.txt");
    REQUIRE(hu.records.size() == 2);
    CHECK(hu.records.front().id == "parlamint:ParlaMint-HU_2020-04-07:u2020-04-07-0");
}

TEST_CASE("parlamint-txt reader reports a line without an id and a missing metadata file") {
    test::TempDir tmp("parlamint_txt");
    const auto path = tmp.write("ParlaMint-SI_2020-01-02.txt", "ParlaMint-SI_2020-01-02.u1\tDober dan.\nno tab here\n");
    const auto c = read_txt(path);
    REQUIRE(c.records.size() == 1);
    CHECK(c.records.front().id == "parlamint:ParlaMint-SI_2020-01-02.u1");
    CHECK(c.records.front().country == "SVN");
    CHECK(c.records.front().date == "2020-01-02");
    CHECK(c.records.front().language == "sl");
    REQUIRE(c.diagnostics.size() == 2);
    CHECK(c.diagnostics[0].severity == Diagnostic::Severity::Warning);  // no -meta.tsv
    CHECK(c.diagnostics[1].severity == Diagnostic::Severity::Error);
    CHECK(c.diagnostics[1].line == 2);
}

TEST_CASE("language names are mapped to codes in their own language, in English and in others") {
    CHECK(language_code_for_name("Deutsch") == "de");
    CHECK(language_code_for_name("Türkçe") == "tr");
    CHECK(language_code_for_name("norsk bokmål") == "nb");
    CHECK(language_code_for_name("Espanyol") == "es");
    CHECK(language_code_for_name("Greek") == "el");
    CHECK(language_code_for_name("RU") == "ru");
    CHECK(language_code_for_name("Multilingual").empty());
    CHECK(language_code_for_name("").empty());
}
