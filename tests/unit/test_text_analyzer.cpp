// The multilingual analyzer: normalisation, word breaking, stemming, identification and
// cross-script keys, one SUBCASE per language.
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/mman.h>
#include <unistd.h>
#include <xapian.h>

#include "schema/passage.hpp"
#include "test_support.hpp"
#include "text/analyzer.hpp"
#include "text/language_identifier.hpp"
#include "text/normalizer.hpp"
#include "text/stemmer.hpp"
#include "text/transliterator.hpp"

using namespace dragoman;
using namespace dragoman::text;

namespace {

std::vector<std::string> folded(std::string_view s, std::string_view lang) {
    Analyzer a;
    std::vector<std::string> out;
    for (const auto& t : a.tokenize(s, lang)) out.push_back(t.folded);
    return out;
}

std::string stem_of(std::string_view word, std::string_view lang) {
    Token t;
    t.exact = exact_form(word, lang);
    t.folded = folded_form(t.exact);
    return stem_term(t, lang);
}

}  // namespace

TEST_CASE("normalisation folds case and diacritics per language") {
    SUBCASE("Russian ё folds to е, й stays") {
        CHECK(folded_form(exact_form("Ёлка", "ru")) == "елка");
        CHECK(folded_form(exact_form("Мой", "ru")) == "мой");
    }
    SUBCASE("Turkish dotted and dotless i") {
        CHECK(exact_form("İSTANBUL", "tr") == "istanbul");
        CHECK(exact_form("ISPARTA", "tr") == "ısparta");
        CHECK(folded_form(exact_form("ISPARTA", "tr")) == "isparta");
        CHECK(exact_form("ISPARTA", "en") == "isparta");
    }
    SUBCASE("Azerbaijani schwa and Turkish letters fold to ASCII") {
        CHECK(folded_form(exact_form("Əliyev", "az")) == "eliyev");
        CHECK(folded_form(exact_form("Erdoğan", "tr")) == "erdogan");
        CHECK(folded_form(exact_form("Şuşa", "az")) == "susa");
        CHECK(folded_form(exact_form("Müşavirə", "az")) == "musavire");
    }
    SUBCASE("Arabic harakat and tatweel removed, alef variants unified") {
        CHECK(folded_form(exact_form("مُحَمَّد", "ar")) == folded_form(exact_form("محمد", "ar")));
        CHECK(folded_form(exact_form("أحمد", "ar")) == "احمد");
        CHECK(folded_form(exact_form("إسلام", "ar")) == "اسلام");
        CHECK(folded_form(exact_form("العـــربية", "ar")) == "العربية");
    }
    SUBCASE("a number with an ordinal's ending folds to the number") {
        CHECK(folded_form(exact_form("7368th", "en")) == "7368");
        CHECK(folded_form(exact_form("21st", "en")) == "21");
        CHECK(folded_form(exact_form("7368e", "fr")) == "7368");
        CHECK(folded_form(exact_form("1er", "fr")) == "1");
        CHECK(folded_form(exact_form("69ème", "fr")) == "69");
        CHECK(folded_form(exact_form("7378ª", "es")) == "7378");  // NFKC: ª is a
        CHECK(folded_form(exact_form("3ro", "es")) == "3");
        // Not ordinals: the rest is no ending, or there is no number before it.
        CHECK(folded_form(exact_form("5g", "en")) == "5g");
        CHECK(folded_form(exact_form("100km", "en")) == "100km");
        CHECK(folded_form(exact_form("g20", "en")) == "g20");
        CHECK(folded_form(exact_form("th", "en")) == "th");
        CHECK(folded_form(exact_form("2015", "en")) == "2015");
    }
    SUBCASE("NFKC: full-width letters and ligatures") {
        CHECK(exact_form("ＵＮ", "") == "un");
        CHECK(exact_form("ﬁnance", "en") == "finance");
    }
    SUBCASE("zero-width and bidi controls vanish from words") {
        CHECK(exact_form("sanc\u200Btions", "en") == "sanctions");
        CHECK(exact_form("Lav\u202Erov", "en") == "lavrov");
    }
}

TEST_CASE("word breaking handles every script") {
    Analyzer a;
    SUBCASE("Chinese is segmented into dictionary words") {
        const auto t = a.tokenize("外交部发言人耿爽主持例行记者会", "zh");
        REQUIRE(t.size() >= 4);
        CHECK(t.front().ideographic);
        CHECK(t.front().folded == "外交部");
    }
    SUBCASE("Japanese is segmented") {
        CHECK(a.tokenize("東京都に住んでいます", "ja").size() >= 3);
    }
    SUBCASE("Thai is segmented") {
        CHECK(a.tokenize("ประเทศไทยมีประชากร", "th").size() >= 2);
    }
    SUBCASE("French elision is removed") {
        CHECK(folded("l'Union européenne et d'Europe", "fr") ==
              std::vector<std::string>{"union", "europeenne", "et", "europe"});
    }
    SUBCASE("English apostrophes and acronyms") {
        CHECK(folded("O'Brien at the U.N. and U.S.", "en") ==
              std::vector<std::string>{"obrien", "at", "the", "un", "and", "us"});
    }
    SUBCASE("hyphenated words are separate, adjacent words") {
        const auto t = a.tokenize("Russian-Azerbaijani talks", "en");
        REQUIRE(t.size() == 3);
        CHECK(t[1].position == t[0].position + 1);
    }
    SUBCASE("numbers, dates, e-mail and web addresses give searchable pieces") {
        const auto f = folded("On 2020-05-30 write to press@example.org or https://example.org/news", "en");
        CHECK(std::find(f.begin(), f.end(), "2020") != f.end());
        CHECK(std::find(f.begin(), f.end(), "example.org") != f.end());
        CHECK(std::find(f.begin(), f.end(), "press@example.org") != f.end());
    }
    SUBCASE("byte offsets point back at the original text") {
        const std::string s = "Захарова: «санкции»";
        const auto t = a.tokenize(s, "ru");
        REQUIRE(t.size() == 2);
        CHECK(s.substr(t[1].begin, t[1].end - t[1].begin) == "санкции");
    }
}

TEST_CASE("each language is stemmed with its own stemmer only") {
    SUBCASE("Russian inflections meet") {
        CHECK(stem_of("санкций", "ru") == stem_of("санкции", "ru"));
        CHECK(stem_of("санкциями", "ru") == stem_of("санкции", "ru"));
    }
    SUBCASE("English") { CHECK(stem_of("cooperating", "en") == stem_of("cooperation", "en")); }
    SUBCASE("French") { CHECK(stem_of("négociations", "fr") == stem_of("négociation", "fr")); }
    SUBCASE("Spanish") { CHECK(stem_of("cooperación", "es") == stem_of("cooperaciones", "es")); }
    SUBCASE("German") { CHECK(stem_of("Verhandlungen", "de") == stem_of("Verhandlung", "de")); }
    SUBCASE("Turkish") { CHECK(stem_of("görüşmeler", "tr") == stem_of("görüşme", "tr")); }
    SUBCASE("Turkish suffixes after a proper noun's apostrophe") {
        CHECK(stem_of("Ayasofya'yı", "tr") == stem_of("Ayasofya", "tr"));
        CHECK(stem_of("Türkiye’nin", "tr") == stem_of("Türkiye", "tr"));
    }
    SUBCASE("Arabic") { CHECK(!stem_of("المفاوضات", "ar").empty()); }
    SUBCASE("Greek through libstemmer") {
        CHECK(has_stemmer("el"));
        CHECK(stem_of("διαπραγματεύσεις", "el") == stem_of("διαπραγματεύσεων", "el"));
    }
    SUBCASE("Hindi and Serbian through libstemmer") {
        CHECK(has_stemmer("hi"));
        CHECK(has_stemmer("sr"));
    }
    SUBCASE("languages without a stemmer are not stemmed") {
        CHECK(stem_of("переговорів", "uk").empty());
        CHECK(stem_of("müzakirələr", "az").empty());
        CHECK(stem_of("谈判", "zh").empty());
    }
    SUBCASE("an English word is not stemmed as German in English text") {
        // "die" in English stays "die"; German's stemmer would not be asked at all.
        CHECK(stem_of("gift", "en") == "gift");
        CHECK(stem_of("dies", "en") == "die");
    }
}

TEST_CASE("cross-script names share a transliteration key") {
    auto key = [](std::string_view w, std::string_view lang = "") { return translit_key(exact_form(w, lang)); };
    CHECK(key("Rudenko") == key("Руденко"));
    CHECK(key("Zakharova") == key("Захарова"));
    CHECK(key("Shoigu") == key("Шойгу"));
    CHECK(key("Shoygu") == key("Шойгу"));
    CHECK(key("Aliyev") == key("Алиев"));
    CHECK(key("Aliyev") == key("Əliyev", "az"));
    CHECK(key("Erdogan") == key("Erdoğan", "tr"));
    CHECK(key("Erdogan") == key("Эрдоган"));
    CHECK(key("Lavrov") != key("Rudenko"));
    CHECK(key("2020").empty());
}

TEST_CASE("initials glued to a surname are cut from it as a space cuts them") {
    using V = std::vector<std::string>;
    CHECK(folded("С.В.Лавров:", "ru") == V{"св", "лавров"});
    CHECK(folded("С.В.Лавров", "ru") == folded("С.В. Лавров", "ru"));
    CHECK(folded("И.Алиев", "az") == V{"и", "алиев"});
    CHECK(folded("E.Macron", "fr") == V{"e", "macron"});
    CHECK(folded("М.В.Захарова ответила", "ru") == V{"мв", "захарова", "ответила"});
    // Acronyms, abbreviations and host names stay whole.
    CHECK(folded("U.S.A.", "en") == V{"usa"});
    CHECK(folded("e.g.", "en") == V{"eg"});
    CHECK(folded("mid.ru", "ru") == V{"mid.ru"});
    // The surname's bytes are the surname's, for highlighting.
    Analyzer a;
    const std::string text = "А.Ю.Руденко";
    const auto tokens = a.tokenize(text, "ru");
    REQUIRE(tokens.size() == 2);
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "Руденко");
    CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "А.Ю");
    CHECK(tokens[1].position == tokens[0].position + 1);
}

TEST_CASE("Arabic loses a glued conjunction or article before stemming (light10's prefixes)") {
    const auto s = stem_of("تعاون", "ar");
    CHECK(stem_of("التعاون", "ar") == s);
    CHECK(stem_of("والتعاون", "ar") == s);
    CHECK(stem_of("بالتعاون", "ar") == s);
    CHECK(stem_of("للتعاون", "ar") == s);
    CHECK(stem_of("فالتعاون", "ar") == s);
    CHECK(stem_of("والسلام", "ar") == stem_of("سلام", "ar"));
    // Too short to hold a prefix and a word: left to the stemmer as it is.
    CHECK(stem_of("ولد", "ar") == Xapian::Stem("arabic")("ولد"));
}

TEST_CASE("names keep one key across romanisations") {
    auto key = [](std::string_view w, std::string_view lang = "") { return translit_key(exact_form(w, lang)); };
    // BGN/PCGN, the romanisation of English-language sources, for Cyrillic.
    CHECK(key("Yuri") == key("Юрий"));
    CHECK(key("Yakovlev") == key("Яковлев"));
    CHECK(key("Khrushchev") == key("Хрущёв"));
    CHECK(key("Sergey") == key("Сергей"));
    CHECK(key("Sergei") == key("Сергей"));
    CHECK(key("Jung") != key("Jang"));
    CHECK(key("Yevgeny") == key("Evgeny"));
    CHECK(key("Yevgeny") == key("Евгений"));
    CHECK(key("Zelensky") == key("Зеленский"));
    CHECK(key("Zelenskyy") == key("Зеленський", "uk"));
    // A Latin j reads as й and, for the query side, as ж.
    const auto readings = translit_keys(exact_form("Ahmadinejad", "en"));
    REQUIRE(readings.size() == 2);
    CHECK(readings[1] == key("Ахмадинежад"));
    CHECK(translit_keys(exact_form("Jung", "en")).front() == key("Юнг"));
    CHECK(translit_keys(exact_form("Lavrov", "en")).size() == 1);
}

TEST_CASE("language identification refines the record's language per passage") {
    const std::string english =
        "The Minister said that the two countries would continue to work together on energy security, "
        "transport corridors and the settlement of regional conflicts, and that the next round of talks "
        "would take place in the spring.";
    CHECK(identify_language(english, "ru") == "en");
    CHECK(identify_language("Спасибо.", "en") == "en");  // too short to overrule the record
    CHECK(identify_language(english, "") == "en");
}

TEST_CASE("language identification reads nothing past the text it is given") {
    // A view whose text ends exactly before an unreadable page: reading one byte past the
    // end, as CLD2's script scanner does after a character that ends its buffer, faults.
    const long page = sysconf(_SC_PAGESIZE);
    REQUIRE(page > 0);
    void* mapped = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(mapped != MAP_FAILED);
    char* const guard = static_cast<char*>(mapped) + page;
    REQUIRE(mprotect(guard, page, PROT_NONE) == 0);
    for (const std::string_view text : {std::string_view("abcd\u03b1"), std::string_view("Спасибо, коллеги.\u0431"),
                                        std::string_view("\u4e2d\u56fd")}) {
        char* const begin = guard - text.size();
        std::memcpy(begin, text.data(), text.size());
        const std::string_view view(begin, text.size());
        CHECK(detect_language(view).size() <= 3);
        CHECK(identify_language(view, "").size() <= 3);
    }
    munmap(mapped, 2 * page);
}

TEST_CASE("real sentences of twelve languages from the shared corpus") {
    if (test::skip_without_corpus()) return;
    std::map<std::string, std::string> text_of;
    std::ifstream in(test::shared_corpus() / "sample-small.jsonl");
    for (std::string line; std::getline(in, line);) {
        const auto j = nlohmann::json::parse(line);
        const std::string lang = j.value("language", "");
        const std::string text = j.value("text", "");
        if (!lang.empty() && text.size() > 600 && !text_of.count(lang)) text_of[lang] = text.substr(0, 4000);
    }
    const std::vector<std::string> languages = {"en", "ru", "zh", "ar", "fr", "es", "tr", "uk", "de", "el", "he", "hi"};
    Analyzer analyzer;
    for (const auto& lang : languages) {
        SUBCASE(lang.c_str()) {
            REQUIRE_MESSAGE(text_of.count(lang), "no sample text in " << lang);
            const std::string& text = text_of[lang];
            const auto tokens = analyzer.tokenize(text, lang);
            CHECK(tokens.size() > 30);
            std::set<std::string> distinct;
            for (const auto& t : tokens) {
                CHECK(t.end > t.begin);
                CHECK(t.folded.find(' ') == std::string::npos);
                CHECK(folded_form(t.folded) == t.folded);  // folding is idempotent
                distinct.insert(t.folded);
            }
            CHECK(distinct.size() > 15);
            // Identification agrees with the record on its own long paragraphs.
            Transcript record;
            record.id = "x";
            record.text = text;
            const auto passages = split_passages(record);
            std::size_t agree = 0, asked = 0;
            for (const auto& p : passages) {
                if (p.text.size() < 400) continue;
                ++asked;
                agree += identify_language(p.text, "") == lang;
            }
            if (asked > 0) CHECK(agree * 2 >= asked);
            if (has_stemmer(lang)) {
                std::size_t changed = 0;
                for (const auto& t : tokens) changed += !stem_term(t, lang).empty() && stem_term(t, lang) != t.folded;
                CHECK(changed > 0);
            }
        }
    }
}
