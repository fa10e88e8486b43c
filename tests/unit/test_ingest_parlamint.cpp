// The ParlaMint TEI reader on the real Turkish sessions, on hand-written TEI, and its complaints.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "ingest/parlamint_reader.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

test::Collected read_tei(const fs::path& path) { return test::read_all(ParlamintReader(), path); }

fs::path turkish() { return dragoman::test::shared_corpus() / "raw/parlamint_tr/ParlaMint-TR"; }

const char* const test_root =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
    "xml:id=\"ParlaMint-HR\" xml:lang=\"hr\">\n"
    "  <teiHeader><profileDesc><particDesc>\n"
    "    <listOrg><org xml:id=\"HS\" role=\"parliament\">\n"
    "      <orgName full=\"yes\" xml:lang=\"hr\">Hrvatski sabor</orgName>\n"
    "      <orgName full=\"yes\" xml:lang=\"en\">Croatian Parliament</orgName>\n"
    "    </org></listOrg>\n"
    "    <listPerson><person xml:id=\"Ana.Horvat\"><persName><surname>Horvat</surname>"
    "<forename>Ana</forename><forename>Marija</forename></persName></person></listPerson>\n"
    "  </particDesc></profileDesc></teiHeader>\n"
    "  <xi:include href=\"ParlaMint-HR_2022-07-14-0.xml\"/>\n"
    "</teiCorpus>\n";

const char* const test_session =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"ParlaMint-HR_2022-07-14-0\" xml:lang=\"hr\">\n"
    "  <teiHeader><fileDesc><sourceDesc><bibl><idno type=\"URI\">https://www.sabor.hr/</idno>"
    "<date when=\"2022-07-14\">2022-07-14</date></bibl></sourceDesc></fileDesc>\n"
    "  <profileDesc><settingDesc><setting><name type=\"country\" key=\"HR\">Croatia</name>"
    "<date when=\"2022-07-14\"/></setting></settingDesc></profileDesc></teiHeader>\n"
    "  <text xml:lang=\"hr\"><body><div>\n"
    "    <u who=\"#Ana.Horvat\" xml:id=\"u1\"><seg>Dobar dan <note>Pljesak</note>svima.</seg>"
    "<seg xml:lang=\"en\">Good afternoon.</seg></u>\n"
    "    <u who=\"#Ana.Horvat\" xml:id=\"u2\"><seg>  </seg></u>\n"
    "    <u who=\"#Ivo.Ivić\" xml:id=\"u3\"><seg>Hvala.</seg></u>\n"
    "    <u xml:id=\"u4\"><seg>\n      <w>Riječ</w>\n      <w join=\"right\">ima</w>\n      <pc>.</pc>\n"
    "    </seg></u>\n"
    "  </div></body></text>\n"
    "</TEI>\n";

}  // namespace

TEST_CASE("parlamint reader reads the opening sitting of the Turkish Grand National Assembly") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto c = read_tei(turkish() / "ParlaMint-TR_T27-tbmm-2018-07-07.xml");
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 779);
    const Transcript& t = c.records.front();
    CHECK(t.id == "parlamint_tr:tbmm-2018-07-07s01p001");
    CHECK(t.source == "parlamint_tr");
    CHECK(t.language == "tr");
    CHECK(t.date == "2018-07-07");
    CHECK(t.country == "TUR");
    CHECK(t.url == "https://www.tbmm.gov.tr/");
    CHECK(t.speakers == std::vector<std::string>{"Durmuş Yılmaz"});
    CHECK(t.title == "Türkiye Büyük Millet Meclisi, 2018-07-07 — Durmuş Yılmaz");
    CHECK(t.text == "Türkiye Büyük Millet Meclisinin 27’nci Yasama Döneminin Birinci Yılının 1’inci Birleşimini açıyorum.");
    REQUIRE(t.turns.size() == 1);
    CHECK(t.turns.front().speaker == "Durmuş Yılmaz");
    CHECK(t.turns.front().text == t.text);
    CHECK(c.origins.front().line == 79);
    // Roll-call lines carry no speaker: no name, and the title says so by its absence.
    const auto roll_call = std::find_if(c.records.begin(), c.records.end(),
                                        [](const Transcript& r) { return r.id == "parlamint_tr:tbmm-2018-07-07s01p035"; });
    REQUIRE(roll_call != c.records.end());
    CHECK(roll_call->speakers.empty());
    CHECK(roll_call->title == "Türkiye Büyük Millet Meclisi, 2018-07-07");
    CHECK(roll_call->text == "ADANA:");
}

TEST_CASE("parlamint reader yields every utterance of the four Turkish sessions and nothing for the root") {
    if (dragoman::test::skip_without_corpus()) return;
    std::vector<Diagnostic> diagnostics;
    const auto files =
        walk_sources({turkish().string()}, "", [&](const Diagnostic& d) { diagnostics.push_back(d); });
    std::map<std::string, std::size_t> per_file;
    std::size_t without_speaker = 0;
    std::size_t sentop = 0;
    ParlamintReader reader;
    for (const auto& f : files) {
        CHECK(f.format == "parlamint-tei");
        reader.read(
            f.path,
            [&](Transcript&& t, const RecordOrigin&) {
                ++per_file[fs::path(f.path).filename().string()];
                if (t.speakers.empty()) ++without_speaker;
                if (!t.speakers.empty() && t.speakers.front() == "Mustafa Şentop") ++sentop;
            },
            [&](const Diagnostic& d) { diagnostics.push_back(d); });
    }
    CHECK(files.size() == 4);  // the root ParlaMint-TR.xml is not a session
    CHECK(per_file["ParlaMint-TR_T27-tbmm-2018-07-07.xml"] == 779);
    CHECK(per_file["ParlaMint-TR_T27-tbmm-2018-07-23.xml"] == 1520);
    CHECK(per_file["ParlaMint-TR_T27-tbmm-2020-05-27.xml"] == 2);
    CHECK(per_file["ParlaMint-TR_T27-tbmm-2020-06-17.xml"] == 1611);
    CHECK(without_speaker == 1039);
    CHECK(sentop == 488);
    CHECK(diagnostics.empty());

    const auto root = read_tei(turkish() / "ParlaMint-TR.xml");
    CHECK(root.records.empty());
    CHECK(root.diagnostics.empty());
}

TEST_CASE("parlamint reader resolves speakers, skips notes, joins tokens and reports an empty utterance") {
    test::TempDir tmp("parlamint");
    tmp.write("ParlaMint-HR.xml", test_root);
    const auto c = read_tei(tmp.write("ParlaMint-HR_2022-07-14-0.xml", test_session));
    REQUIRE(c.records.size() == 3);

    const Transcript& first = c.records[0];
    CHECK(first.id == "parlamint:u1");
    CHECK(first.source == "parlamint");
    CHECK(first.country == "HRV");
    CHECK(first.language == "hr");
    CHECK(first.date == "2022-07-14");
    CHECK(first.url == "https://www.sabor.hr/");
    CHECK(first.speakers == std::vector<std::string>{"Ana Marija Horvat"});
    CHECK(first.title == "Hrvatski sabor, 2022-07-14 — Ana Marija Horvat");
    CHECK(first.text == "Dobar dan svima.\n\nGood afternoon.");
    REQUIRE(first.turns.size() == 2);  // a switch of language is a new turn
    CHECK(first.turns[0].language == "hr");
    CHECK(first.turns[1].language == "en");
    CHECK(first.turns[1].text == "Good afternoon.");

    CHECK(c.records[1].id == "parlamint:u3");
    CHECK(c.records[1].speakers == std::vector<std::string>{"Ivo Ivić"});  // derived from the id
    CHECK(c.records[2].id == "parlamint:u4");
    CHECK(c.records[2].text == "Riječ ima.");
    CHECK(c.records[2].speakers.empty());
    CHECK(c.records[2].title == "Hrvatski sabor, 2022-07-14");

    REQUIRE(c.diagnostics.size() == 2);
    CHECK(c.diagnostics[0].record_id == "parlamint:u2");
    CHECK(c.diagnostics[0].line == 7);
    CHECK(c.diagnostics[0].message == "utterance has no text");
    CHECK(c.diagnostics[0].severity == Diagnostic::Severity::Error);
    CHECK(c.diagnostics[1].severity == Diagnostic::Severity::Warning);
    CHECK(c.diagnostics[1].message.find("'#Ivo.Ivić'") != std::string::npos);
}

TEST_CASE("parlamint reader without its corpus root names speakers from their ids and says so") {
    test::TempDir tmp("parlamint");
    const auto c = read_tei(tmp.write("alone/ParlaMint-HR_2022-07-14-0.xml", test_session));
    REQUIRE(c.records.size() == 3);
    CHECK(c.records[0].speakers == std::vector<std::string>{"Ana Horvat"});
    CHECK(c.records[0].title.rfind("ParlaMint-HR, 2022-07-14", 0) == 0);
    REQUIRE(!c.diagnostics.empty());
    CHECK(c.diagnostics.front().severity == Diagnostic::Severity::Warning);
    CHECK(c.diagnostics.front().message.find("ParlaMint-HR.xml not found") != std::string::npos);
}

TEST_CASE("parlamint reader skips an utterance whose XML is broken and reads the rest of the session") {
    // Regression: one broken utterance lost the whole session file ("broken XML").
    test::TempDir tmp("parlamint");
    tmp.write("ParlaMint-HR.xml", test_root);
    std::string session = test_session;
    const auto at = session.find("Hvala.");
    REQUIRE(at != std::string::npos);
    SUBCASE("a NUL byte") { session.insert(at + 3, 1, '\0'); }
    SUBCASE("a '<' that opens no tag") { session.insert(at + 3, " < 3 "); }
    SUBCASE("a segment left open") { session.replace(session.find("</seg>", at), 6, ""); }
    const auto c = read_tei(tmp.write("ParlaMint-HR_2022-07-14-0.xml", session));
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].id == "parlamint:u1");
    CHECK(c.records[1].id == "parlamint:u4");
    CHECK(c.records[1].text == "Riječ ima.");
    REQUIRE(c.diagnostics.size() == 2);
    const Diagnostic& broken = c.diagnostics[0];
    CHECK(broken.record_id == "parlamint:u3");
    CHECK(broken.line == 8);
    CHECK(broken.column > 30);
    CHECK(broken.severity == Diagnostic::Severity::Error);
    CHECK(broken.message.rfind("broken XML: ", 0) == 0);
    CHECK(broken.message.find("the utterance is skipped") != std::string::npos);
    CHECK(c.diagnostics[1].record_id == "parlamint:u2");  // its own complaint, as before
}

TEST_CASE("parlamint reader reports broken XML with its line and other documents by their root") {
    test::TempDir tmp("parlamint");
    SUBCASE("broken XML") {
        const auto c = read_tei(tmp.write("ParlaMint-HR_broken.xml", "<TEI>\n<text>\n<u xml:id=\"a\"><seg>x</u>\n</TEI>\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 3);
        CHECK(c.diagnostics.front().message.rfind("broken XML: ", 0) == 0);
    }
    SUBCASE("not TEI") {
        const auto c = read_tei(tmp.write("other.xml", "<listPerson/>"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().message == "not a TEI document: root element <listPerson>");
    }
    SUBCASE("detection: sessions are TEI, the root and the lists are not") {
        CHECK(detect_format(tmp.write("ParlaMint-HR_2022-07-14-0.xml", test_session).string()) == "parlamint-tei");
        CHECK(detect_format(tmp.write("ParlaMint-HR.xml", test_root).string()).empty());
    }
}

TEST_CASE("parlamint reader lets a failure of its record sink leave instead of rejecting every utterance after it") {
    // The indexer's sink throws when its disk is full: that is no utterance's fault.
    test::TempDir tmp("parlamint");
    tmp.write("ParlaMint-HR.xml", test_root);
    const fs::path session = tmp.write("ParlaMint-HR_2022-07-14-0.xml", test_session);
    std::vector<Diagnostic> diagnostics;
    std::size_t offered = 0;
    CHECK_THROWS_WITH_AS(ParlamintReader().read(
                             session.string(),
                             [&](Transcript&&, const RecordOrigin&) {
                                 ++offered;
                                 throw std::runtime_error("No space left on device");
                             },
                             [&](const Diagnostic& d) { diagnostics.push_back(d); }),
                         "No space left on device", std::runtime_error);
    CHECK(offered == 1);
    for (const auto& d : diagnostics) CHECK(d.message.find("No space") == std::string::npos);
}
