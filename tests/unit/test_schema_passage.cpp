// Turn recognition and passage cutting (schema/passage).
#include <doctest/doctest.h>

#include "schema/passage.hpp"
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
