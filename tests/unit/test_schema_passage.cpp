// Turn recognition and passage cutting (schema/passage).
#include <doctest/doctest.h>

#include "text/utf8.hpp"
#include "schema/passage.hpp"
#include "schema/passage_id.hpp"
#include "schema/transcript.hpp"

using namespace dragoman;

namespace {

Transcript briefing(std::string language, std::vector<std::string> speakers, std::string text) {
    Transcript t{};
    t.id = "briefing";
    t.language = std::move(language);
    t.speakers = std::move(speakers);
    t.text = std::move(text);
    return t;
}

}  // namespace

TEST_CASE("answers in a one-speaker briefing are that speaker's") {
    SUBCASE("Chinese MFA: 问：/答：") {
        const Transcript t = briefing("zh", {"华春莹"}, "问：你对朝鲜半岛局势有何评论？\n\n答：中方一贯主张半岛无核化。");
        const auto passages = split_passages(t);
        REQUIRE(passages.size() == 2);
        CHECK(passages[0].is_question);
        CHECK(passages[1].speaker == "华春莹");
        CHECK(passages[1].question == "你对朝鲜半岛局势有何评论？");
    }
    SUBCASE("Russian: Вопрос:/Ответ:") {
        const Transcript t =
            briefing("ru", {"М.В.Захарова"}, "Вопрос: Что вы скажете о санкциях?\n\nОтвет: Мы уже отвечали на этот вопрос.");
        const auto passages = split_passages(t);
        REQUIRE(passages.size() == 2);
        CHECK(passages[1].speaker == "М.В.Захарова");
    }
    SUBCASE("with several speakers an answer label stays a label") {
        const Transcript t = briefing("en", {"Lavrov", "Blinken"}, "Q: Any comment?\n\nA: None today.");
        const auto passages = split_passages(t);
        REQUIRE(passages.size() == 2);
        CHECK(passages[1].speaker == "A");
    }
}

namespace {

/// Checks that `passages` hold `text` whole and in order: each passage is found where the
/// previous one ended, after nothing but the white space dropped at a cut.
void check_bounded_and_whole(const std::vector<Passage>& passages, const std::string& text) {
    std::size_t at = 0;
    for (const auto& p : passages) {
        CHECK(p.text.size() <= max_passage_bytes);
        CHECK(dragoman::text::is_valid_utf8(p.text));
        while (at < text.size() && (text[at] == ' ' || text[at] == '\n')) ++at;
        REQUIRE(text.compare(at, p.text.size(), p.text) == 0);
        at += p.text.size();
    }
    while (at < text.size() && (text[at] == ' ' || text[at] == '\n')) ++at;
    CHECK(at == text.size());
}

std::string repeated_to(std::string_view unit, std::size_t bytes) {
    std::string s;
    while (s.size() < bytes) s += unit;
    return s;
}

}  // namespace

TEST_CASE("a 2 MB line of sentences becomes bounded passages cut at sentence ends, none lost") {
    struct Row {
        const char* script;
        const char* language;
        std::string_view sentence;
        std::string_view end;  ///< how each passage must end
    };
    const Row rows[] = {
        {"Latin", "en", "The minister said that the talks on grain exports will resume on Monday in Istanbul. ", "."},
        {"Cyrillic", "ru", "Министр заявил, что переговоры о вывозе зерна возобновятся в понедельник! ", "!"},
        {"CJK", "zh", "外长表示粮食出口谈判将于周一在伊斯坦布尔恢复。", "。"},
        {"Arabic", "ar", "هل ستستأنف المحادثات بشأن صادرات الحبوب يوم الاثنين في إسطنبول؟ ", "؟"},
    };
    for (const auto& row : rows) {
        SUBCASE(row.script) {
            Transcript t{};
            t.id = "long:line";
            t.language = row.language;
            t.text = repeated_to(row.sentence, 2U << 20);
            const auto passages = split_passages(t);
            CHECK(passages.size() >= (2U << 20) / max_passage_bytes);
            CHECK(passages.size() < 2 * (2U << 20) / max_passage_bytes);
            check_bounded_and_whole(passages, t.text);
            for (std::size_t i = 0; i + 1 < passages.size(); ++i) {
                const auto& text = passages[i].text;
                REQUIRE(text.size() >= row.end.size());
                CHECK(text.substr(text.size() - row.end.size()) == row.end);
            }
        }
    }
}

TEST_CASE("a 2 MB run of letters with no space or sentence end is still cut, between UTF-8 characters") {
    for (const std::string_view unit : {"a", "д", "中", "𝄞"}) {
        CAPTURE(unit);
        for (const std::size_t lead : {0, 1, 2}) {  // shifts where the byte bound falls in a character
            Transcript t{};
            t.id = "long:word";
            t.text = std::string(lead, 'x') + repeated_to(unit, 2U << 20);
            const auto passages = split_passages(t);
            CHECK(passages.size() >= (2U << 20) / max_passage_bytes);
            check_bounded_and_whole(passages, t.text);
        }
    }
}

TEST_CASE("a line of words without sentence ends is cut at white space") {
    Transcript t{};
    t.id = "long:words";
    t.text = repeated_to("grain exports resume ", 100000);
    const auto passages = split_passages(t);
    check_bounded_and_whole(passages, t.text);
    REQUIRE(passages.size() > 1);
    for (const auto& p : passages) CHECK(p.text.back() != ' ');
    CHECK(passages[0].text.substr(passages[0].text.size() - 6) == "resume");
}

TEST_CASE("passages within the byte bound are cut and identified as before") {
    // A long monologue of real-sized paragraphs: grouped by words alone, so its passages
    // and their ids are what they were before the bound.
    std::string text;
    for (int i = 0; i < 40; ++i) text += "Paragraph " + std::to_string(i) + repeated_to(" of forty words", 200) + ".\n\n";
    Transcript t{};
    t.id = "monologue";
    t.text = text;
    const auto passages = split_passages(t);
    REQUIRE(passages.size() > 1);
    for (const auto& p : passages) {
        CHECK(p.text.size() < max_passage_bytes);
        CHECK(p.id == "monologue~" + passage_content_key(p.text));
    }
    CHECK(passages[0].text.rfind("Paragraph 0 of", 0) == 0);
}

TEST_CASE("a question of a huge paragraph is repeated on its answer only up to one passage") {
    const Transcript t = briefing("en", {"Ned Price"}, "Q: " + repeated_to("Why? ", 100000) + "\n\nA: Because.");
    const auto passages = split_passages(t);
    REQUIRE(passages.size() > 2);
    CHECK(passages.back().text == "Because.");
    CHECK(passages.back().question.size() <= max_passage_bytes);
    CHECK(passages.back().question.rfind("Why? Why?", 0) == 0);
}
