// The canonical JSON Lines reader: good records read, bad ones reported precisely.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "ingest/jsonl_reader.hpp"
#include "ingest/record_checks.hpp"
#include "test_support.hpp"

using namespace dragoman;

namespace {

/// What the reader makes of `content` in a .jsonl file.
test::Collected read_text(const std::string& content) {
    const test::TempDir tmp("jsonl");
    return test::read_all(JsonlReader(), tmp.write("in.jsonl", content));
}

}  // namespace

TEST_CASE("jsonl reader reads every field of a record") {
    const auto c = read_text(
        R"({"id": "mfa:1", "source": "mfa", "language": "RU", "date": "2020-05-30", "title": "Брифинг", "speakers": ["Мария Захарова"], "country": "RUS", "url": "https://example.org/1", "text": "Вопрос: Как дела?\n\nМария Захарова: Хорошо."})"
        "\n");
    REQUIRE(c.records.size() == 1);
    CHECK(c.diagnostics.empty());
    const auto& t = c.records.front();
    CHECK(t.id == "mfa:1");
    CHECK(t.language == "ru");
    CHECK(t.speakers == std::vector<std::string>{"Мария Захарова"});
    CHECK(t.text.find("\n\n") != std::string::npos);
}

TEST_CASE("jsonl reader keeps the good records around bad lines and names each problem") {
    const std::string good = R"({"id": "a", "text": "fine"})";
    const std::string content = good + "\n" +
                                R"({"id": "b", "text": "broken)" "\n" +
                                R"({"text": "no id"})" "\n" +
                                R"({"id": "c", "date": "2020-02-30", "text": "bad date"})" "\n" +
                                R"({"id": "d", "text": ""})" "\n" +
                                "{\"id\": \"e\", \"text\": \"bad \xff utf8\"}\n" +
                                R"({"id": "f", "speakers": 5, "text": "wrong type"})" "\n" +
                                R"([1, 2])" "\n" +
                                R"({"id": "g", "turns": [{"speaker": "Q", "text": "Why?"}]})" "\n";
    const auto c = read_text(content);
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].id == "a");
    CHECK(c.records[1].id == "g");
    REQUIRE(c.diagnostics.size() == 7);
    CHECK(c.diagnostics[0].line == 2);
    CHECK(c.diagnostics[0].message.find("broken JSON") == 0);
    CHECK(c.diagnostics[1].message == "'id': missing or empty");
    CHECK(c.diagnostics[2].record_id == "c");
    CHECK(c.diagnostics[2].message == "'date': day out of range for the month: '2020-02-30'");
    CHECK(c.diagnostics[3].message == "'text': empty");
    CHECK(c.diagnostics[4].message.find("UTF-8") != std::string::npos);
    CHECK(c.diagnostics[5].message.find("'speakers'") == 0);
    CHECK(c.diagnostics[6].message.find("expected a JSON object") == 0);
    CHECK(c.diagnostics[6].format().find(":8:1: error: expected a JSON object") != std::string::npos);
}

TEST_CASE("jsonl reader keeps a date known only to the year or month as given") {
    const auto c = read_text(R"({"id": "y", "date": "2021", "text": "a year"})" "\n"
                             R"({"id": "m", "date": "2021-09", "text": "a month"})" "\n"
                             R"({"id": "x", "date": "2021-13", "text": "no such month"})" "\n"
                             R"({"id": "z", "date": "2021-9", "text": "one digit"})" "\n");
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].date == "2021");
    CHECK(c.records[1].date == "2021-09");
    REQUIRE(c.diagnostics.size() == 2);
    CHECK(c.diagnostics[0].message == "'date': month out of range: '2021-13'");
    CHECK(c.diagnostics[1].message == "'date': not a date in the form YYYY, YYYY-MM or YYYY-MM-DD: '2021-9'");
}

TEST_CASE("jsonl reader reads the real sample corpus without a complaint") {
    if (test::skip_without_corpus()) return;
    std::size_t records = 0, problems = 0;
    JsonlReader().read((test::shared_corpus() / "sample-small.jsonl").string(),
                       [&](Transcript&&, const RecordOrigin&) { ++records; }, [&](const Diagnostic&) { ++problems; });
    CHECK(records == 295);
    CHECK(problems == 0);
}

TEST_CASE("jsonl reader rejects deeply nested JSON before parsing it, brackets in strings aside") {
    // Regression: a line of millions of '[' made the parser build millions of nested
    // values, gigabytes of memory for a line within the size limit.
    const std::string deep = "{\"id\": \"deep\", \"text\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
    const std::string brackets = R"({"id": "ok", "text": "[[[[[[[[[[[[[[[[[[[[[[[[ \"{{{{{{{{{{{{{{{{{{{{{{{{{{ \\"})";
    const std::string turns = R"({"id": "turns", "turns": [{"speaker": "A", "text": "fine"}]})";
    const auto c = read_text(deep + "\n" + brackets + "\n" + turns + "\n" + std::string(5000000, '[') + "\n");
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].id == "ok");
    CHECK(c.records[0].text.find("[[[[[[[[[[") == 0);
    CHECK(c.records[1].id == "turns");
    REQUIRE(c.diagnostics.size() == 2);
    CHECK(c.diagnostics[0].line == 1);
    CHECK(c.diagnostics[0].column == 23 + max_json_depth);  // the 16th bracket after the object's
    CHECK(c.diagnostics[0].message == "JSON nested deeper than 16 levels");
    CHECK(c.diagnostics[1].line == 4);
    CHECK(c.diagnostics[1].message == "JSON nested deeper than 16 levels");
}

TEST_CASE("jsonl reader rejects keyword fields too long for an index term, and keeps the record after") {
    // Regression: a 400-byte source (one boolean term) made the whole indexing run fail.
    const std::string long_value(max_keyword_bytes + 1, 's');
    std::string content;
    for (const char* field : {"source", "language", "country", "group"})
        content += std::string(R"({"id": ")") + field + R"(", ")" + field + R"(": ")" + long_value + R"(", "text": "x"})" "\n";
    content += R"({"id": "turn", "turns": [{"speaker": "A", "text": "x", "language": ")" + long_value + R"("}]})" "\n";
    content += R"({"id": "fine", "source": ")" + std::string(max_keyword_bytes, 's') + R"(", "text": "x"})" "\n";
    const auto c = read_text(content);
    REQUIRE(c.records.size() == 1);
    CHECK(c.records[0].id == "fine");
    REQUIRE(c.diagnostics.size() == 5);
    CHECK(c.diagnostics[0].message == "'source': longer than 200 bytes");
    CHECK(c.diagnostics[1].message == "'language': longer than 200 bytes");
    CHECK(c.diagnostics[2].message == "'country': longer than 200 bytes");
    CHECK(c.diagnostics[3].message == "'group': longer than 200 bytes");
    CHECK(c.diagnostics[4].message == "'turns': 'language' longer than 200 bytes");
}

TEST_CASE("jsonl reader rejects NUL bytes and invalid UTF-8 in speakers and turns as in other fields") {
    // Regression: a NUL in a speaker's name or a turn, and invalid UTF-8 in a turn's
    // language (a boolean term), were accepted while the same in 'title' was not.
    const std::string content = R"({"id": "s", "speakers": ["Eve\u0000"], "text": "x"})" "\n"
                                R"({"id": "ts", "turns": [{"speaker": "A\u0000", "text": "x"}]})" "\n"
                                R"({"id": "tt", "turns": [{"speaker": "A", "text": "x\u0000y"}]})" "\n"
                                R"({"id": "fine", "speakers": ["Eve"], "turns": [{"speaker": "A", "text": "x", "language": "ru"}]})" "\n";
    const auto c = read_text(content);
    REQUIRE(c.records.size() == 1);
    CHECK(c.records[0].id == "fine");
    REQUIRE(c.diagnostics.size() == 3);
    CHECK(c.diagnostics[0].message == "'speakers': NUL byte");
    CHECK(c.diagnostics[1].message == "'turns': NUL byte");
    CHECK(c.diagnostics[2].message == "'turns': NUL byte");
    // The JSON parser refuses invalid UTF-8 itself; the XML and text readers rely on check_record.
    Transcript t;
    t.id = "tl";
    t.text = "x";
    t.turns.push_back(Turn{"A", "x", "r\xffu"});
    CHECK(check_record(t) == "'turns': invalid UTF-8");
}
