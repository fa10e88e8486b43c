// The Markdown reader on the real White House briefings, its inline cleaning and complaints.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/markdown_reader.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

test::Collected read_markdown(const fs::path& path) { return test::read_all(MarkdownReader(), path); }

fs::path briefings() { return dragoman::test::shared_corpus() / "raw/wh_briefings"; }

bool has_paragraph(const std::string& text, const std::string& paragraph) {
    return text.find("\n\n" + paragraph + "\n\n") != std::string::npos || text.rfind(paragraph + "\n\n", 0) == 0 ||
           (text.size() >= paragraph.size() + 2 && text.compare(text.size() - paragraph.size() - 2, std::string::npos,
                                                                 "\n\n" + paragraph) == 0);
}

}  // namespace

TEST_CASE("markdown reader keeps the speaker turns of a White House briefing") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto c = read_markdown(briefings() /
                                 "press-briefings/2021-02/2021-02-04-press-briefing-by-press-secretary-jen-psaki-and-"
                                 "national-security-advisor-jake-sullivan-february-4-2021.md");
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.id ==
          "wh:press-briefings:2021-02-04-press-briefing-by-press-secretary-jen-psaki-and-national-security-advisor-"
          "jake-sullivan-february-4-2021");
    CHECK(t.source == "wh_briefings");
    CHECK(t.language == "en");
    CHECK(t.country == "USA");
    CHECK(t.date == "2021-02-04");
    // The YAML title escapes its no-break spaces (`Jen\_Psaki`); they read as spaces.
    CHECK(t.title == "Press Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan, "
                     "February 4, 2021");
    CHECK(t.url ==
          "https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/02/04/press-briefing-by-press-"
          "secretary-jen-psaki-and-national-security-advisor-jake-sullivan-february-4-2021/");
    CHECK(t.speakers == std::vector<std::string>{"MS. PSAKI", "MR. SULLIVAN"});
    CHECK(t.text.rfind("11:41 A.M. EST\n\nMS. PSAKI: Hi, everyone. We have a very special guest today.\n\n", 0) == 0);
    // Wrapped lines are joined; the questioner's bare `Q` becomes a label.
    CHECK(t.text.find("\n\nQ: Jake, thanks for being in the room. We appreciate it.") != std::string::npos);
    CHECK(has_paragraph(t.text, "Q: Thank you, Jen."));
    // `<s>action</s> \[accident\]`: the struck word goes, the escapes resolve.
    CHECK(t.text.find("It’s not an [accident] that he’s chosen") != std::string::npos);
    CHECK(t.text.find("<s>") == std::string::npos);
    CHECK(t.text.find("action</s>") == std::string::npos);
    CHECK(t.text.find('\\') == std::string::npos);
    CHECK(t.text.substr(t.text.size() - 14) == "12:28 P.M. EST");
}

TEST_CASE("markdown reader keeps accented speaker labels of a bilateral meeting") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto c = read_markdown(briefings() /
                                 "speeches-remarks/2021-03/2021-03-01-remarks-by-president-biden-and-president-lopez-"
                                 "obrador-of-mexico-before-virtual-bilateral-meeting.md");
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.id ==
          "wh:speeches-remarks:2021-03-01-remarks-by-president-biden-and-president-lopez-obrador-of-mexico-before-"
          "virtual-bilateral-meeting");
    CHECK(t.date == "2021-03-01");
    CHECK(std::find(t.speakers.begin(), t.speakers.end(), "PRESIDENT BIDEN") != t.speakers.end());
    CHECK(std::find(t.speakers.begin(), t.speakers.end(), "PRESIDENT L\xC3\x93PEZ OBRADOR") != t.speakers.end());
}

TEST_CASE("markdown reader reads all 450 briefings of the real tree and skips the README") {
    if (dragoman::test::skip_without_corpus()) return;
    std::vector<Diagnostic> diagnostics;
    const auto files =
        walk_sources({briefings().string()}, "", [&](const Diagnostic& d) { diagnostics.push_back(d); });
    CHECK(std::none_of(files.begin(), files.end(), [](const SourceFile& f) { return f.path.find("README") != std::string::npos; }));
    std::size_t records = 0;
    std::size_t with_kirby = 0;
    std::size_t press_briefings = 0;
    MarkdownReader reader;
    for (const auto& f : files) {
        CHECK(f.format == "markdown");
        reader.read(
            f.path,
            [&](Transcript&& t, const RecordOrigin&) {
                ++records;
                if (std::find(t.speakers.begin(), t.speakers.end(), "MR. KIRBY") != t.speakers.end()) ++with_kirby;
                if (t.id.rfind("wh:press-briefings:", 0) == 0) ++press_briefings;
                CHECK(t.date.size() == 10);
                CHECK(!t.title.empty());
                CHECK(std::find(t.speakers.begin(), t.speakers.end(), "Q") == t.speakers.end());
            },
            [&](const Diagnostic& d) { diagnostics.push_back(d); });
    }
    CHECK(records == 450);
    CHECK(press_briefings == 216);
    CHECK(with_kirby > 100);
    CHECK(diagnostics.empty());
}

TEST_CASE("markdown inline syntax is removed and its text kept") {
    CHECK(MarkdownReader::strip_inline("\\[accident\\] and \\*stars\\* and \\_under\\_") ==
          "[accident] and *stars* and _under_");
    CHECK(MarkdownReader::strip_inline("*Viva México.* and **bold** and __strong__") == "Viva México. and bold and strong");
    CHECK(MarkdownReader::strip_inline("*Washington, D.C.**") == "Washington, D.C.");
    CHECK(MarkdownReader::strip_inline("snake_case_name and 5 * 3") == "snake_case_name and 5 * 3");
    CHECK(MarkdownReader::strip_inline("see [the readout](https://example.org/a_(b)) now") == "see the readout now");
    CHECK(MarkdownReader::strip_inline("![a photo](x.png) [ref link][1]") == "a photo ref link");
    CHECK(MarkdownReader::strip_inline("an [unclosed bracket") == "an [unclosed bracket");
    CHECK(MarkdownReader::strip_inline("`code_span` &amp; &#8212; &nbsp;x") == "code_span & \xE2\x80\x94 \xC2\xA0x");
    CHECK(MarkdownReader::strip_inline("<https://whitehouse.gov> <b>bold</b> <s>wrong</s> right a < b") ==
          "https://whitehouse.gov bold  right a < b");
}

TEST_CASE("markdown turn labels are upper-case names followed by a colon") {
    CHECK(MarkdownReader::turn_label("MS. PSAKI: Hi, everyone.") == "MS. PSAKI");
    CHECK(MarkdownReader::turn_label("PRESIDENT ZELENSKYY: (As interpreted.)") == "PRESIDENT ZELENSKYY");
    CHECK(MarkdownReader::turn_label("MS. JEAN-PIERRE: Yeah.") == "MS. JEAN-PIERRE");
    CHECK(MarkdownReader::turn_label("Q Thank you.") == "Q");
    CHECK(MarkdownReader::turn_label("Q: Thank you.") == "Q");
    CHECK(MarkdownReader::turn_label("11:41 A.M. EST").empty());
    CHECK(MarkdownReader::turn_label("Mr. Kirby: said").empty());
    CHECK(MarkdownReader::turn_label("Quite: so").empty());
    CHECK(MarkdownReader::turn_label("NATO:").size() == 4);
    CHECK(MarkdownReader::turn_label("The NATO: summit").empty());
}

TEST_CASE("markdown reader turns headings and list items into paragraphs and names a file outside the archive") {
    test::TempDir tmp("markdown");
    const auto path = tmp.write("notes/meeting.md",
                                "---\n"
                                "title: Notes of the meeting\n"
                                "date: 2022-03-04T10:00:00Z\n"
                                "language: fr\n"
                                "source_url: https://example.org/notes\n"
                                "---\n"
                                "# Opening\n"
                                "\n"
                                "MINISTER LAVROV: First point,\n"
                                "continued here.\n"
                                "\n"
                                "- item one\n"
                                "- item *two*\n"
                                "\n"
                                "STAFF: Thank you.\n"
                                "AUDIENCE MEMBER: Hear, hear.\n");
    const auto c = read_markdown(path);
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.id == "md:meeting");
    CHECK(t.source == "markdown");
    CHECK(t.country.empty());
    CHECK(t.language == "fr");
    CHECK(t.date == "2022-03-04");
    CHECK(t.title == "Notes of the meeting");
    CHECK(t.url == "https://example.org/notes");
    CHECK(t.text ==
          "Opening\n\nMINISTER LAVROV: First point, continued here.\n\nitem one\n\nitem two\n\n"
          "STAFF: Thank you. AUDIENCE MEMBER: Hear, hear.");
    CHECK(t.speakers == std::vector<std::string>{"MINISTER LAVROV"});
}

TEST_CASE("markdown reader reports broken front matter with its line") {
    test::TempDir tmp("markdown");
    SUBCASE("broken YAML") {
        const auto c = read_markdown(tmp.write("broken.md", "---\ndate: '2021-02-04'\ntitle: [unclosed\nx: y\n---\nText.\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        const Diagnostic& d = c.diagnostics.front();
        CHECK(d.severity == Diagnostic::Severity::Error);
        CHECK(d.record_id == "md:broken");
        CHECK(d.line >= 3);
        CHECK(d.line <= 5);
        CHECK(d.message.rfind("front matter: broken YAML", 0) == 0);
    }
    SUBCASE("a NUL byte in the body, reported at its line and column") {
        // Regression: reported without a column ("NUL byte in a field").
        const auto c = read_markdown(
            tmp.write("nul.md", std::string("---\ntitle: x\ndate: '2021-02-03'\n---\nText with a ") + '\0' + " byte.\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 5);
        CHECK(c.diagnostics.front().column == 13);
        CHECK(c.diagnostics.front().message == "NUL byte");
    }
    SUBCASE("front matter never closed") {
        const auto c = read_markdown(tmp.write("open.md", "---\ndate: '2021-02-04'\nText.\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 1);
    }
    SUBCASE("impossible date, reported on its line") {
        const auto c = read_markdown(tmp.write("date.md", "---\ntitle: x\ndate: '2021-02-30'\n---\nText.\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 3);
        CHECK(c.diagnostics.front().message.find("day out of range") != std::string::npos);
    }
    SUBCASE("front matter that is a list") {
        const auto c = read_markdown(tmp.write("list.md", "---\n- a\n- b\n---\nText.\n"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
    }
    SUBCASE("no front matter at all: read, dated from the file name") {
        const auto c = read_markdown(tmp.write("2020-01-02-plain.md", "# Heading\n\nBody.\n"));
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().date == "2020-01-02");
        CHECK(c.records.front().title == "Heading");
        CHECK(detect_format((tmp.path() / "2020-01-02-plain.md").string()).empty());
    }
}
