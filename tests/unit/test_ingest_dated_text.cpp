// The dated plain-text reader: header, paragraphs, title, and its complaints.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/dated_text_reader.hpp"
#include "ingest/reader.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

/// What the reader makes of `content` in a file called `name`.
test::Collected read_dated(const std::string& name, const std::string& content) {
    const test::TempDir tmp("dated");
    return test::read_all(DatedTextReader(), tmp.write(name, content));
}

}  // namespace

TEST_CASE("dated-text reader takes the date from the header and the title from the first sentence") {
    const std::string article =
        " date 2020-05-30 On May 30, Deputy Foreign Minister Andrei Rudenko took part in an online conference on "
        "Russian-Azerbaijani relations. The participants discussed the Caspian agenda.\n"
        "\n"
        "Mr. Rudenko noted the high level of political dialogue between Moscow and Baku.\n"
        "\n"
        "The conference was organised by the Valdai Club.\n";
    const auto c = read_dated("2020-05-30-rudenko.txt", article);
    REQUIRE(c.records.size() == 1);
    CHECK(c.diagnostics.empty());
    const Transcript& t = c.records.front();
    CHECK(t.id == "dated:2020-05-30-rudenko");
    CHECK(t.source == "dated_text");
    CHECK(t.date == "2020-05-30");
    CHECK(t.language.empty());  // identified downstream
    CHECK(t.title ==
          "On May 30, Deputy Foreign Minister Andrei Rudenko took part in an online conference on "
          "Russian-Azerbaijani relations");
    CHECK(t.text ==
          "On May 30, Deputy Foreign Minister Andrei Rudenko took part in an online conference on "
          "Russian-Azerbaijani relations. The participants discussed the Caspian agenda.\n\n"
          "Mr. Rudenko noted the high level of political dialogue between Moscow and Baku.\n\n"
          "The conference was organised by the Valdai Club.");
}

TEST_CASE("dated-text reader reads a Russian article and keeps an abbreviation inside the title") {
    const std::string article =
        " date 2021-03-15 Заместитель Министра иностранных дел России А.Ю.Руденко провёл переговоры с послом "
        "Азербайджана. Стороны обсудили карабахское урегулирование.\n\n"
        "Беседа прошла в конструктивной атмосфере.";
    const auto c = read_dated("rudenko_ru.txt", article);
    REQUIRE(c.records.size() == 1);
    const Transcript& t = c.records.front();
    CHECK(t.id == "dated:rudenko_ru");
    CHECK(t.date == "2021-03-15");
    CHECK(t.title == "Заместитель Министра иностранных дел России А.Ю.Руденко провёл переговоры с послом Азербайджана");
    CHECK(t.text.find("\n\nБеседа прошла в конструктивной атмосфере.") != std::string::npos);
}

TEST_CASE("dated-text reader joins wrapped lines and treats lines as paragraphs when no blank line exists") {
    SUBCASE("wrapped paragraphs separated by blank lines") {
        const auto c = read_dated("wrapped.txt", "date 2019-01-02\nFirst line\nwrapped here.\n\nSecond.\n");
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().text == "First line wrapped here.\n\nSecond.");
    }
    SUBCASE("one paragraph per line") {
        const auto c = read_dated("lines.txt", " date 2019-01-02 First.\nSecond.\nThird.");
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().text == "First.\n\nSecond.\n\nThird.");
    }
}

TEST_CASE("dated-text reader cuts a long first sentence into a short title") {
    std::string words;
    for (int i = 0; i < 60; ++i) words += "negotiations ";
    const auto c = read_dated("long.txt", " date 2019-01-02 " + words + "ended.");
    REQUIRE(c.records.size() == 1);
    const std::string& title = c.records.front().title;
    CHECK(title.size() <= 120 + 3);
    CHECK(title.size() > 60);
    CHECK(title.substr(title.size() - 3) == "\xE2\x80\xA6");
}

TEST_CASE("dated-text reader reports a missing header and an impossible date") {
    SUBCASE("no header: the article is kept without a date, with a warning") {
        const auto c = read_dated("nohead.txt", "Just an article without any header.\n");
        REQUIRE(c.records.size() == 1);
        CHECK(c.records.front().date.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().severity == Diagnostic::Severity::Warning);
        CHECK(c.diagnostics.front().line == 1);
    }
    SUBCASE("impossible date: rejected with the reason") {
        const auto c = read_dated("bad.txt", " date 2020-02-30 Text.");
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().severity == Diagnostic::Severity::Error);
        CHECK(c.diagnostics.front().record_id == "dated:bad");
        CHECK(c.diagnostics.front().message.find("day out of range") != std::string::npos);
    }
    SUBCASE("invalid UTF-8: rejected with its line and column") {
        const auto c = read_dated("latin1.txt", " date 2020-02-03 Fine line.\n\nCaf\xE9 au lait.\n");
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 3);
        CHECK(c.diagnostics.front().column == 4);
        CHECK(c.diagnostics.front().message == "invalid UTF-8");
    }
    SUBCASE("a NUL byte: rejected with its line and column") {
        // Regression: reported on line 1 without a column ("NUL byte in a field").
        const auto c = read_dated("nul.txt", std::string(" date 2020-02-03 Fine line.\n\nA nul ") + '\0' + " here.\n");
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().line == 3);
        CHECK(c.diagnostics.front().column == 7);
        CHECK(c.diagnostics.front().message == "NUL byte");
    }
    SUBCASE("only a header: no text to index") {
        const auto c = read_dated("empty.txt", " date 2020-02-03 \n\n");
        CHECK(c.records.empty());
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics.front().message == "'text': empty");
    }
}

TEST_CASE("dated-text header parsing accepts the exported shapes and nothing else") {
    CHECK(DatedTextReader::parse_header(" date 2020-05-30 Text")->date == "2020-05-30");
    CHECK(DatedTextReader::parse_header("date 2020-05-30\nText")->date == "2020-05-30");
    CHECK(DatedTextReader::parse_header("\xEF\xBB\xBF date 2020-05-30 x")->date == "2020-05-30");
    CHECK(DatedTextReader::parse_header(" date 2020-05-30")->body_offset == 16);
    CHECK_FALSE(DatedTextReader::parse_header("dated 2020-05-30 Text"));
    CHECK_FALSE(DatedTextReader::parse_header(" date 30.05.2020 Text"));
    CHECK_FALSE(DatedTextReader::parse_header(" date 2020-05-301 Text"));
    CHECK_FALSE(DatedTextReader::parse_header("The date 2020-05-30 was"));
}

TEST_CASE("dated-text files are detected from their first bytes") {
    const test::TempDir tmp("dated");
    const auto article = tmp.write("article.txt", " date 2020-05-30 Text of the article.");
    CHECK(detect_format(article.string()) == "dated-text");
    const auto other = tmp.write("other.txt", "No header here.");
    CHECK(detect_format(other.string()).empty());
}
