// Language-version detection: which pairs link and which never do, in several scripts;
// the signature's bytes; which version a query's language picks.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "index/version_linker.hpp"
#include "schema/schema.hpp"
#include "search/version_choice.hpp"

using namespace dragoman;

namespace {

Transcript record(std::string id, std::string language, std::string text, std::string date = "2015-03-12",
                  std::string source = "mfa") {
    Transcript t;
    t.id = std::move(id);
    t.language = std::move(language);
    t.text = std::move(text);
    t.date = std::move(date);
    t.source = std::move(source);
    return t;
}

std::vector<std::string> link(const std::vector<Transcript>& records) {
    std::vector<VersionSignature> sigs;
    for (const auto& t : records) sigs.push_back(make_version_signature(t));
    return link_versions(sigs);
}

const char* en_talks =
    "Sergey Lavrov: We met Minister Wang Yi in Moscow on 12 March and discussed resolution 2231.\n\n"
    "The Foreign Ministers agreed to hold 14 rounds of consultations before 2017.\n\n"
    "Question: Will Kazakhstan host the talks in Astana?\n\n"
    "Sergey Lavrov: Astana offered to host them; 37 delegations have confirmed.";
const char* ru_talks =
    "Сергей Лавров: Мы встретились с министром Ван И в Москве 12 марта и обсудили резолюцию 2231.\n\n"
    "Министры иностранных дел договорились провести 14 раундов консультаций до 2017 года.\n\n"
    "Вопрос: Примет ли Казахстан переговоры в Астане?\n\n"
    "Сергей Лавров: Астана предложила их принять; 37 делегаций подтвердили участие.";
const char* zh_talks =
    "拉夫罗夫：我们3月12日在莫斯科会见了王毅部长，讨论了第2231号决议。\n\n"
    "外长们同意在2017年之前举行14轮磋商。\n\n"
    "问：哈萨克斯坦会在阿斯塔纳主办会谈吗？\n\n"
    "拉夫罗夫：阿斯塔纳提出主办；已有37个代表团确认。";
const char* ar_talks =
    "لافروف: التقينا الوزير وانغ يي في موسكو في 12 مارس وناقشنا القرار 2231.\n\n"
    "واتفق وزراء الخارجية على عقد 14 جولة من المشاورات قبل عام 2017.\n\n"
    "سؤال: هل ستستضيف كازاخستان المحادثات في أستانا؟\n\n"
    "لافروف: عرضت أستانا استضافتها؛ وأكد 37 وفدا مشاركتهم.";
const char* en_other =
    "Maria Zakharova: The Ministry comments on the situation in Venezuela and the 3 new sanctions.\n\n"
    "Caracas has asked for 250 tonnes of humanitarian aid by 1 June.\n\n"
    "Question: What about the Bolivarian opposition leader?\n\n"
    "Maria Zakharova: We call for dialogue under the Montevideo mechanism of 2019.";

}  // namespace

TEST_CASE("versions of one briefing link across scripts, one per language") {
    SUBCASE("Latin and Cyrillic: numbers and transliterated names") {
        const auto g = link({record("a", "en", en_talks), record("b", "ru", ru_talks)});
        CHECK(!g[0].empty());
        CHECK(g[0] == g[1]);
        CHECK(g[0] == schema::detected_group("a"));
    }
    SUBCASE("Latin, Chinese and Arabic: numbers and paragraph structure") {
        const auto g = link({record("a", "en", en_talks), record("c", "zh", zh_talks), record("d", "ar", ar_talks)});
        CHECK(!g[0].empty());
        CHECK(g[0] == g[1]);
        CHECK(g[0] == g[2]);
    }
    SUBCASE("four versions form one group") {
        const auto g = link({record("a", "en", en_talks), record("b", "ru", ru_talks), record("c", "zh", zh_talks),
                             record("d", "ar", ar_talks)});
        for (const auto& x : g) CHECK(x == g[0]);
        CHECK(!g[0].empty());
    }
}

TEST_CASE("transcripts that are not versions of each other stay apart") {
    SUBCASE("a different briefing of the same day in another language") {
        const auto g = link({record("e", "en", en_other), record("b", "ru", ru_talks)});
        CHECK(g[0].empty());
        CHECK(g[1].empty());
    }
    SUBCASE("the same text in the same language is a duplicate, not a version") {
        const auto g = link({record("a1", "en", en_talks), record("a2", "en", en_talks)});
        CHECK(g[0].empty());
        CHECK(g[1].empty());
    }
    SUBCASE("another date") {
        const auto g = link({record("a", "en", en_talks), record("b", "ru", ru_talks, "2015-03-13")});
        CHECK(g[0].empty());
    }
    SUBCASE("another source") {
        const auto g = link({record("a", "en", en_talks), record("b", "ru", ru_talks, "2015-03-12", "kremlin")});
        CHECK(g[0].empty());
    }
    SUBCASE("a language that cannot be known") {
        const auto g = link({record("a", "en", en_talks), record("x", "", "12 2231 14 2017 37")});
        CHECK(g[0].empty());
    }
    SUBCASE("a group takes one version per language: the better English one") {
        const auto g = link({record("a", "en", en_talks), record("e", "en", en_other), record("b", "ru", ru_talks)});
        CHECK(g[0] == g[2]);
        CHECK(!g[0].empty());
        CHECK(g[1].empty());
    }
}

TEST_CASE("the id's text is not a feature") {
    // Same stem, unrelated content: ids sharing a stem must not link them.
    const auto g = link({record("doc:1:en", "en", en_other), record("doc:1:ru", "ru", ru_talks)});
    CHECK(g[0].empty());
}

TEST_CASE("pair scores rank true versions above unrelated texts") {
    const auto en = make_version_signature(record("a", "en", en_talks));
    const auto ru = make_version_signature(record("b", "ru", ru_talks));
    const auto other = make_version_signature(record("e", "en", en_other));
    CHECK(version_score(en, ru) > LinkOptions{}.threshold);
    CHECK(version_score(other, ru) < LinkOptions{}.threshold);
    CHECK(version_score(en, en) == 0);
}

TEST_CASE("a signature survives its bytes") {
    auto t = record("unpc:x:ru", "ru", ru_talks);
    t.title = "Документ A/69/767";
    const auto s = make_version_signature(t);
    CHECK(s.paragraph_count == 4);
    CHECK(s.turn_count >= 3);  // speaker labels and "Вопрос:"
    CHECK(!s.numbers.empty());
    CHECK(!s.names.empty());
    VersionSignature back;
    REQUIRE(decode_signature(encode_signature(s), back));
    CHECK(back.id == s.id);
    CHECK(back.language == "ru");
    CHECK(back.numbers == s.numbers);
    CHECK(back.names == s.names);
    CHECK(back.paragraphs == s.paragraphs);
    CHECK_FALSE(decode_signature("not cbor", back));
}

TEST_CASE("digits of other scripts and document symbols are numbers") {
    // Arabic-Indic digits read as the same numbers as ASCII ones.
    const auto ascii = make_version_signature(record("a", "en", "Resolution 2231 of 2015"));
    const auto indic = make_version_signature(record("b", "ar", "القرار ٢٢٣١ لعام ٢٠١٥"));
    CHECK(ascii.numbers == indic.numbers);
    const auto with_symbol = make_version_signature(record("c", "fr", "Document A/69/767"));
    const auto without = make_version_signature(record("d", "fr", "Document 69 767"));
    CHECK(with_symbol.numbers.size() == without.numbers.size() + 1);
}

TEST_CASE("a result shows the version in the query's language") {
    const std::vector<std::string> un = {"ar", "en", "es", "fr", "ru", "zh"};
    SUBCASE("the lang filter wins") { CHECK(preferred_version_language("Burundi", "fr", un) == "fr"); }
    SUBCASE("a filter for a language without a version picks none") {
        CHECK(preferred_version_language("Burundi", "de", un).empty());
    }
    SUBCASE("Cyrillic") { CHECK(preferred_version_language("переговоры в Астане", "", un) == "ru"); }
    SUBCASE("Chinese") { CHECK(preferred_version_language("阿斯塔纳 会谈", "", un) == "zh"); }
    SUBCASE("Arabic") { CHECK(preferred_version_language("المحادثات في أستانا", "", un) == "ar"); }
    SUBCASE("field filters are not words") {
        CHECK(preferred_version_language("source:unpc переговоры", "", un) == "ru");
    }
    SUBCASE("a Latin word alone does not say which Latin language") {
        CHECK(preferred_version_language("Burundi", "", un).empty());
    }
    SUBCASE("a Latin query picks the one Latin version") {
        CHECK(preferred_version_language("Burundi", "", {"en", "ru", "zh"}) == "en");
    }
}
