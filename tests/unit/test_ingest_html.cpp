// The HTML reader on the real Kremlin print pages, on hand-written pages, and its complaints.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/html_reader.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

test::Collected read_html(const fs::path& path) { return test::read_all(HtmlReader(), path); }

fs::path kremlin_news() { return dragoman::test::shared_corpus() / "raw/kremlin_en/events/president/news"; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("html reader reads the CSTO summit page of the Kremlin with its speaker turns") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto c = read_html(kremlin_news() / "17164/print.html");
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.id == "kremlin_en:17164");
    CHECK(t.source == "kremlin_en");
    CHECK(t.language == "en");
    CHECK(t.country == "RUS");
    CHECK(t.date == "2012-12-19");
    CHECK(t.title == "CSTO summit");
    CHECK(t.url == "http://en.kremlin.ru/events/president/news/17164");
    CHECK(t.speakers == std::vector<std::string>{"President of Russia Vladimir Putin"});
    // The lead paragraph comes first, then the body.
    CHECK(t.text.rfind("CSTO Collective Security Council meeting took place in the Kremlin.\n\nThe summit was attended by", 0) == 0);
    CHECK(contains(t.text, "\n\n* * *\n\nSpeech at meeting of the heads of the Collective Security Treaty Organisation"));
    CHECK(contains(t.text, "\n\nPresident of Russia Vladimir Putin: Colleagues, friends,\n\nPlease allow me as President"));
    CHECK(contains(t.text, "We have marked the 20th anniversary"));  // <sup>th</sup> stays in the word
    // Tooltips, photo captions, tags and the publication box are not text.
    CHECK_FALSE(contains(t.text, "Background information"));
    CHECK_FALSE(contains(t.text, "With President of Belarus Alexander Lukashenko."));
    CHECK_FALSE(contains(t.text, "Publication status"));
    CHECK_FALSE(contains(t.text, "window.config"));
    const std::string last = "\n\nThank you very much for your attention.";
    CHECK(t.text.compare(t.text.size() - last.size(), last.size(), last) == 0);
}

TEST_CASE("html reader lists every distinct speaker of a news conference") {
    if (dragoman::test::skip_without_corpus()) return;
    const auto c = read_html(kremlin_news() / "56635/print.html");
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.date == "2018-01-10");
    CHECK(t.title == "Visit to Tver Carriage Works");
    CHECK(t.speakers.size() == 10);
    CHECK(t.speakers.front() == "President of Russia Vladimir Putin");
    CHECK(std::find(t.speakers.begin(), t.speakers.end(), "Oleg Zakharov") != t.speakers.end());
    // "Remarks:" is a turn but no one's name.
    CHECK(std::find(t.speakers.begin(), t.speakers.end(), "Remarks") == t.speakers.end());
    CHECK(contains(t.text, "\n\nRemarks: Very well, thank you."));
    CHECK(contains(t.text, "\n\nGeneral Director of the Tver Carriage Works Andrei Solovei: 547 million rubles."));
}

TEST_CASE("html reader reads all 217 Kremlin pages of the real tree") {
    if (dragoman::test::skip_without_corpus()) return;
    std::vector<Diagnostic> diagnostics;
    const auto files = walk_sources({(dragoman::test::shared_corpus() / "raw/kremlin_en").string()}, "",
                                    [&](const Diagnostic& d) { diagnostics.push_back(d); });
    std::size_t records = 0;
    std::size_t with_turns = 0;
    std::size_t with_putin = 0;
    HtmlReader reader;
    for (const auto& f : files) {
        if (f.format != "html") continue;
        reader.read(
            f.path,
            [&](Transcript&& t, const RecordOrigin&) {
                ++records;
                CHECK(t.id.rfind("kremlin_en:", 0) == 0);
                CHECK(t.date.size() == 10);
                CHECK(t.date >= "2000-01-01");
                CHECK(t.date <= "2019-12-31");
                CHECK(!t.title.empty());
                if (contains(t.text, "Vladimir Putin: ")) ++with_turns;
                if (std::find(t.speakers.begin(), t.speakers.end(), "President of Russia Vladimir Putin") !=
                    t.speakers.end())
                    ++with_putin;
            },
            [&](const Diagnostic& d) { diagnostics.push_back(d); });
    }
    CHECK(records == 217);
    CHECK(with_turns > 150);
    CHECK(with_putin > 150);
    CHECK(diagnostics.empty());
}

TEST_CASE("html reader reads a plain article page without a date") {
    test::TempDir tmp("html");
    const auto path = tmp.write("talks.html",
                                "<!DOCTYPE html><html lang=\"ru-RU\"><head><title>Talks | Ministry</title>"
                                "<style>p { color: red }</style><script>var x = 'not text';</script></head>"
                                "<body><nav><a href=\"/\">Home</a></nav>"
                                "<article><h1>Talks with the Minister &amp; the Envoy</h1>"
                                "<p>Opening remarks&nbsp;by the <em>host</em>.</p>"
                                "<p><strong>Sergey Lavrov:</strong> Good afternoon,</p>"
                                "<p>colleagues.</p>"
                                "<p><b>Question</b>: What about sanctions?</p>"
                                "<div hidden>secret</div><p aria-hidden=\"true\">icon</p>"
                                "<p><b>Maria Zakharova:</b></p><p>The answer follows.</p>"
                                "<ul><li>first</li><li>second</li></ul></article>"
                                "<footer>Copyright</footer></body></html>");
    const auto c = read_html(path);
    CHECK(c.diagnostics.empty());
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.id == "html:talks");
    CHECK(t.source == "html");
    CHECK(t.language == "ru");
    CHECK(t.date.empty());
    CHECK(t.title == "Talks with the Minister & the Envoy");
    CHECK(t.text ==
          "Talks with the Minister & the Envoy\n\nOpening remarks by the host.\n\nSergey Lavrov: Good afternoon,\n\n"
          "colleagues.\n\nQuestion: What about sanctions?\n\nMaria Zakharova: The answer follows.\n\nfirst\n\nsecond");
    CHECK(t.speakers == std::vector<std::string>{"Sergey Lavrov", "Maria Zakharova"});
}

TEST_CASE("html reader takes dates from meta tags and converts a legacy charset") {
    test::TempDir tmp("html");
    SUBCASE("article:published_time") {
        const auto c = read_html(tmp.write("a.html",
                                           "<html><head><meta property=\"article:published_time\" "
                                           "content=\"2020-05-30T12:00:00+03:00\"></head><body><p>Text.</p></body></html>"));
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().date == "2020-05-30");
        CHECK(c.records.front().title.empty());
    }
    SUBCASE("windows-1251") {
        // "Москва" in windows-1251.
        const auto c = read_html(tmp.write("b.html",
                                           "<html><head><meta charset=\"windows-1251\"><title>\xCC\xEE\xF1\xEA\xE2\xE0"
                                           "</title></head><body><p>\xCC\xEE\xF1\xEA\xE2\xE0</p></body></html>"));
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().text == "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
        CHECK(c.records.front().title == "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
    }
    SUBCASE("an impossible date is dropped with a warning, the page kept") {
        const auto c = read_html(tmp.write("c.html", "<html><body><time datetime=\"2019-02-30\" class=\"published\">x</time>"
                                                     "<p>Text.</p></body></html>"));
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().date.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().severity == Diagnostic::Severity::Warning);
    }
}

TEST_CASE("html reader reports pages it cannot use") {
    test::TempDir tmp("html");
    SUBCASE("no text") {
        const auto c = read_html(tmp.write("empty.html", "<html><head><script>x()</script></head><body></body></html>"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().record_id == "html:empty");
        CHECK(c.diagnostics.front().message == "'text': empty");
    }
    SUBCASE("bytes that are not UTF-8 and no charset to explain them") {
        const auto c = read_html(tmp.write("latin.html", "<html><body>\n<p>caf\xE9</p></body></html>"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 2);
        CHECK(c.diagnostics.front().column == 7);
    }
    SUBCASE("a NUL byte, reported at its line and column") {
        // Regression: the HTML parser turned it into U+FFFD and the page was indexed with it.
        const auto c = read_html(tmp.write("nul.html", std::string("<html><body>\n<p>w") + '\0' + "rds</p></body></html>"));
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().record_id == "html:nul");
        CHECK(c.diagnostics.front().line == 2);
        CHECK(c.diagnostics.front().column == 5);
        CHECK(c.diagnostics.front().message == "NUL byte");
    }
    SUBCASE("a missing file is the one thing that throws") {
        CHECK_THROWS_AS(read_html(tmp.path() / "missing.html"), std::runtime_error);
    }
}
