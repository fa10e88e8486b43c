// Passage document data: the one encoder and the one decoder, and how strict the decoder is.
#include <doctest/doctest.h>

#include <string>

#include "schema/passage_data.hpp"
#include "schema/schema.hpp"

using namespace dragoman;

namespace {

PassageData sample() {
    PassageData d;
    d.transcript_id = "mfa:2020-05-30";
    d.number = 3;
    d.title = "Briefing";
    d.date = "2020-05-30";
    d.language = "ru";
    d.speakers = {"Мария Захарова", "Question"};
    d.country = "RUS";
    d.source = "mfa";
    d.url = "https://example.org/1";
    d.speaker = "Мария Захарова";
    d.passage_language = "ru";
    d.text = "Санкции обсуждались.";
    d.origin = "in.jsonl";
    d.passage_id = "mfa:2020-05-30~3f9a0c41d2";
    d.question = "А санкции?";
    d.is_question = false;
    d.group = "g1";
    return d;
}

}  // namespace

TEST_CASE("passage data decodes to what was encoded") {
    const PassageData d = sample();
    const auto back = decode_passage_data(encode_passage_data(d));
    REQUIRE(back.has_value());
    CHECK(back->transcript_id == d.transcript_id);
    CHECK(back->number == d.number);
    CHECK(back->speakers == d.speakers);
    CHECK(back->text == d.text);
    CHECK(back->origin == d.origin);
    CHECK(back->passage_id == d.passage_id);
    CHECK(back->question == d.question);
    CHECK(back->group == d.group);
    CHECK_FALSE(back->is_question);
}

TEST_CASE("optional keys are stored only when set, every other key always") {
    PassageData d = sample();
    d.question.clear();
    d.group.clear();
    d.title.clear();
    const std::string stored = encode_passage_data(d);
    for (const auto& k : schema::data_keys()) {
        CAPTURE(k.key);
        const bool present = stored.find("\"" + std::string(k.key) + "\":") != std::string::npos;
        CHECK(present == !k.optional);
    }
}

TEST_CASE("missing keys read as empty, so older data still reads") {
    const auto d = decode_passage_data(R"({"id": "t:1", "text": "hello"})");
    REQUIRE(d.has_value());
    CHECK(d->transcript_id == "t:1");
    CHECK(d->number == 0);
    CHECK(d->passage_id.empty());
    CHECK(d->speakers.empty());
}

TEST_CASE("data that is no JSON object, or a key of the wrong type, is an error naming it") {
    CHECK_FALSE(decode_passage_data("not json").has_value());
    CHECK_FALSE(decode_passage_data("").has_value());
    CHECK_FALSE(decode_passage_data(R"(["id", "t:1"])").has_value());
    struct Row {
        const char* data;
        const char* key;
    };
    for (const auto& row : {Row{R"({"n": "first"})", "n"}, Row{R"({"n": -1})", "n"}, Row{R"({"id": 7})", "id"},
                            Row{R"({"speakers": ["a", 2]})", "speakers"}, Row{R"({"speakers": "a"})", "speakers"},
                            Row{R"({"is_question": "yes"})", "is_question"}, Row{R"({"title": null})", "title"}}) {
        CAPTURE(row.data);
        const auto d = decode_passage_data(row.data);
        REQUIRE_FALSE(d.has_value());
        CHECK(d.error().find(std::string("'") + row.key + "'") != std::string::npos);
    }
}
