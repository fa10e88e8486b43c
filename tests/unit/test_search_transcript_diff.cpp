// Diffs of two versions of a transcript by sentence and word, in Latin, Cyrillic, Arabic
// and Chinese text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search/transcript_diff.hpp"

using namespace dragoman;

namespace {

Transcript text_of(const std::string& text, const std::string& language) {
    Transcript t;
    t.id = "x";
    t.language = language;
    t.text = text;
    return t;
}

/// The diff as one string per unit: "=", "+", "-" or "~" and the text (old → new for "~").
std::vector<std::string> summary(const TranscriptDiff& d) {
    std::vector<std::string> out;
    for (const auto& u : d.units) {
        switch (u.op) {
            case DiffOp::Same: out.push_back("=" + u.text); break;
            case DiffOp::Inserted: out.push_back("+" + u.text); break;
            case DiffOp::Deleted: out.push_back("-" + u.text); break;
            case DiffOp::Changed: out.push_back("~" + u.old_text + " → " + u.text); break;
        }
    }
    return out;
}

/// The words a rewritten sentence lost and gained.
std::pair<std::string, std::string> words_of(const DiffUnit& u) {
    std::string gone, added;
    for (const auto& w : u.words) {
        if (w.op == DiffOp::Deleted) gone += w.text;
        if (w.op == DiffOp::Inserted) added += w.text;
    }
    return {gone, added};
}

}  // namespace

TEST_CASE("sentences are cut within paragraphs in every script") {
    SUBCASE("Latin") {
        const auto u = diff_units(text_of("We met. We agreed!\n\nThank you.", "en"));
        REQUIRE(u.size() == 3);
        CHECK(u[1].text == "We agreed!");
        CHECK(u[2].paragraph == 1);
    }
    SUBCASE("Chinese") {
        const auto u = diff_units(text_of("我们会谈了。我们同意了。", "zh"));
        REQUIRE(u.size() == 2);
        CHECK(u[0].text == "我们会谈了。");
    }
    SUBCASE("explicit turns keep their speakers") {
        Transcript t = text_of("", "en");
        t.turns = {{"Question", "Will you go? When?", "en"}, {"Zakharova", "Yes.", "ru"}};
        const auto u = diff_units(t);
        REQUIRE(u.size() == 3);
        CHECK(u[2].speaker == "Zakharova");
        CHECK(u[2].paragraph == 1);
    }
}

TEST_CASE("a sentence cut from a leader's remarks is a deletion, one added an insertion") {
    const auto d = diff_transcripts(text_of("We met. We disagreed. We parted.", "en"),
                                    text_of("We met. We parted. We will meet again.", "en"));
    CHECK(summary(d) == std::vector<std::string>{"=We met.", "-We disagreed.", "=We parted.", "+We will meet again."});
    CHECK(d.deleted == 1);
    CHECK(d.inserted == 1);
    CHECK(d.changed == 0);
}

TEST_CASE("a rewritten sentence is marked down to its words") {
    SUBCASE("Cyrillic") {
        const auto d = diff_transcripts(text_of("Мы сожалеем об инциденте. Спасибо.", "ru"),
                                        text_of("Мы отмечаем инцидент. Спасибо.", "ru"));
        REQUIRE(d.units.size() == 2);
        CHECK(d.units[0].op == DiffOp::Changed);
        CHECK(d.changed == 1);
        const auto [gone, added] = words_of(d.units[0]);
        CHECK(gone.find("сожалеем") != std::string::npos);
        CHECK(added.find("отмечаем") != std::string::npos);
        CHECK(gone.find("Мы") == std::string::npos);  // kept words are not marked
    }
    SUBCASE("Arabic, right to left") {
        const auto d = diff_transcripts(text_of("نحن نعتذر عن الحادث. شكرا.", "ar"), text_of("نحن نأسف للحادث. شكرا.", "ar"));
        REQUIRE(d.units.size() == 2);
        CHECK(d.units[0].op == DiffOp::Changed);
        const auto [gone, added] = words_of(d.units[0]);
        CHECK(gone.find("نعتذر") != std::string::npos);
        CHECK(added.find("نأسف") != std::string::npos);
        CHECK(d.units[1].op == DiffOp::Same);
    }
    SUBCASE("Chinese, words found by dictionary") {
        const auto d = diff_transcripts(text_of("我们对事件表示遗憾。谢谢。", "zh"), text_of("我们对事件表示关注。谢谢。", "zh"));
        REQUIRE(d.units.size() == 2);
        CHECK(d.units[0].op == DiffOp::Changed);
        const auto [gone, added] = words_of(d.units[0]);
        CHECK(gone == "遗憾");
        CHECK(added == "关注");
    }
}

TEST_CASE("changed metadata is listed by field") {
    Transcript a = text_of("Same.", "en"), b = a;
    b.title = "New title";
    b.speakers = {"A", "B"};
    const auto d = diff_transcripts(a, b);
    REQUIRE(d.fields.size() == 2);
    CHECK(d.fields[0].field == "title");
    CHECK(d.fields[0].to == "New title");
    CHECK(d.fields[1].field == "speakers");
    CHECK(d.fields[1].to == "A; B");
    CHECK(summary(d) == std::vector<std::string>{"=Same."});
}

TEST_CASE("a long transcript rewritten throughout still diffs, every unit accounted for") {
    std::string a, b;
    for (int i = 0; i < 3000; ++i) {
        a += "Sentence number " + std::to_string(i) + " of the old one. ";
        b += "Sentence number " + std::to_string(i) + (i % 2 ? " of the old one. " : " of the new one. ");
    }
    const auto d = diff_transcripts(text_of(a, "en"), text_of(b, "en"));
    int same = 0, old_units = 0, new_units = 0;
    for (const auto& u : d.units) {
        same += u.op == DiffOp::Same;
        old_units += u.op != DiffOp::Inserted;
        new_units += u.op != DiffOp::Deleted;
    }
    CHECK(old_units == 3000);
    CHECK(new_units == 3000);
    CHECK(same <= 1500);
}
