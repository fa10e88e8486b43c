// Names as transcripts write them: speaker labels read as names and grouped into persons
// (search/speaker_directory), and a small index searched for initials glued to surnames,
// speakers across scripts, Arabic clitics and transliteration gaps through Searcher.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "search/searcher.hpp"
#include "search/speaker_directory.hpp"
#include "test_index.hpp"

using namespace dragoman;

namespace {

SpeakerName name_of(std::string_view label) {
    const auto n = parse_speaker_name(label);
    REQUIRE_MESSAGE(n.has_value(), label);
    return *n;
}

std::vector<std::string> given_keys(const SpeakerName& n) {
    std::vector<std::string> out;
    for (const auto& g : n.given) out.push_back(g.key);
    return out;
}

SpeakerDirectory directory_of(const std::vector<std::string>& labels, const std::string& source = "mfa",
                              const SpeakerMerges& merges = {}) {
    std::vector<SpeakerLabel> rows;
    for (const auto& l : labels) rows.push_back({l, source, "2020", 10});
    return SpeakerDirectory(rows, merges);
}

bool together(const SpeakerDirectory& d, std::string_view a, std::string_view b) {
    const Person* pa = d.person_of(a);
    const Person* pb = d.person_of(b);
    REQUIRE(pa != nullptr);
    REQUIRE(pb != nullptr);
    return pa == pb;
}

}  // namespace

TEST_CASE("a speaker label is read as a name: titles, initials, particles and suffixes") {
    using V = std::vector<std::string>;
    CHECK(name_of("М.В.Захарова").surname == name_of("Zakharova").surname);
    CHECK(given_keys(name_of("М.В.Захарова")) == V{"m", "v"});
    CHECK(name_of("М.В.Захарова").given[0].initial);
    const auto putin = name_of("President of Russia Vladimir Putin");
    CHECK(putin.surname == "putin");
    CHECK(given_keys(putin) == V{"vladimir"});
    CHECK(putin.titled);
    CHECK(name_of("MS. PSAKI").given.empty());
    CHECK(name_of("MS. PSAKI").all_capitals);
    CHECK(name_of("MS. JEAN-PIERRE").surname == name_of("Karine Jean-Pierre").surname);
    CHECK(name_of("Joseph R. Biden, Jr").surname == name_of("Joe Biden").surname);
    CHECK(given_keys(name_of("Ilham Heydar oglu Aliyev")) == V{"ilham"});
    CHECK(name_of("Sheikh Abdullah Bin Zayed Al Nahyan").surname == name_of("Nahyan").surname);
    CHECK(given_keys(name_of("Sheikh Abdullah Bin Zayed Al Nahyan")) == V{"abdulah"});
    CHECK(name_of("PRESIDENT AL SISI").surname == name_of("PRESIDENT EL-SISI").surname);
    CHECK(name_of("MUHARREM ERKEK (Çanakkale)").surname == name_of("Muharrem Erkek").surname);
    CHECK(name_of("华春莹").whole == name_of("Hua Chunying").whole);
    // Labels that name nobody.
    CHECK_FALSE(parse_speaker_name("Q").has_value());
    CHECK_FALSE(parse_speaker_name("Вопрос").has_value());
    CHECK_FALSE(parse_speaker_name("THE PRESIDENT").has_value());
    CHECK_FALSE(parse_speaker_name("A").has_value());
}

TEST_CASE("given names agree position by position; a further full given name is another person") {
    CHECK(compatible_names(name_of("М.В.Захарова"), name_of("Maria Zakharova")));
    CHECK(compatible_names(name_of("Joseph R. Biden"), name_of("Joseph Biden")));
    CHECK(compatible_names(name_of("Vladimir Vladimirovich Putin"), name_of("Vladimir Putin")));
    CHECK(compatible_names(name_of("President of Turkey Recep Tayyip Erdogan"), name_of("Recep Tayyip Erdogan")));
    CHECK_FALSE(compatible_names(name_of("George W. Bush"), name_of("George H. W. Bush")));
    CHECK_FALSE(compatible_names(name_of("John Adams"), name_of("John Quincy Adams")));
    CHECK_FALSE(compatible_names(name_of("Ilham Aliyev"), name_of("Elmar Aliyev")));
    CHECK_FALSE(compatible_names(name_of("I. Aliyev"), name_of("Elmar Aliyev")));
    CHECK(compatible_names(name_of("I. Aliyev"), name_of("Ilham Aliyev")));
}

TEST_CASE("one person across scripts, initials and titles; never two who only share a surname") {
    const auto d = directory_of({"М.В.Захарова", "Мария Захарова", "Maria Zakharova", "Zakharova",
                                 "President of Russia Vladimir Putin", "Vladimir Putin", "Ilham Aliyev",
                                 "Elmar Aliyev", "Elmar Əliyev", "Эльмар Алиев", "George W. Bush", "George H. W. Bush",
                                 "George Bush", "华春莹", "Hua Chunying", "Macron Emmanuel", "Emmanuel Macron"});
    CHECK(together(d, "М.В.Захарова", "Maria Zakharova"));
    CHECK(together(d, "Мария Захарова", "Zakharova"));  // a surname alone, in the same source
    CHECK(d.person_of("Zakharova")->variants.size() == 4);
    CHECK(together(d, "President of Russia Vladimir Putin", "Vladimir Putin"));
    CHECK(together(d, "Elmar Aliyev", "Эльмар Алиев"));
    CHECK(together(d, "Elmar Aliyev", "Elmar Əliyev"));
    CHECK_FALSE(together(d, "Ilham Aliyev", "Elmar Aliyev"));
    CHECK_FALSE(together(d, "George W. Bush", "George H. W. Bush"));
    CHECK_FALSE(together(d, "George Bush", "George W. Bush"));  // agrees with both: stays apart
    CHECK_FALSE(together(d, "George Bush", "George H. W. Bush"));
    CHECK(together(d, "华春莹", "Hua Chunying"));
    CHECK(together(d, "Macron Emmanuel", "Emmanuel Macron"));
    // The name shown: the most frequent full name without title or capitals.
    CHECK(d.person_of("President of Russia Vladimir Putin")->name == "Vladimir Putin");
    CHECK(d.person_of("Vladimir Putin")->passages == 20);
}

TEST_CASE("a surname alone joins a person only with evidence: the same source within five years") {
    std::vector<SpeakerLabel> rows = {
        {"Ilham Aliyev", "kremlin", "2018", 5}, {"Elmar Aliyev", "mfa", "2008", 5}, {"Aliyev", "kremlin", "2019", 1},
        {"Mr. Abe", "ungdc", "1985", 1},        {"Mr. Shinzo Abe", "ungdc", "2015", 1},
        {"VICE PRESIDENT HARRIS", "wh", "2021", 1}, {"Mr. Timothy S. Harris", "ungdc", "2021", 1}};
    const SpeakerDirectory d(rows, {});
    CHECK(together(d, "Aliyev", "Ilham Aliyev"));
    CHECK_FALSE(together(d, "Aliyev", "Elmar Aliyev"));
    CHECK_FALSE(together(d, "Mr. Abe", "Mr. Shinzo Abe"));  // one source, thirty years apart
    CHECK_FALSE(together(d, "VICE PRESIDENT HARRIS", "Mr. Timothy S. Harris"));
}

TEST_CASE("the merges file joins and parts labels as an operator writes") {
    const auto merges = SpeakerMerges::parse("# comment\n\nsame: PRESIDENT BIDEN | Joe Biden\n"
                                             "different: Мария Захарова | Zakharova\n");
    REQUIRE(merges.has_value());
    CHECK(merges->same.size() == 1);
    CHECK(merges->different.size() == 1);
    const auto d = directory_of({"PRESIDENT BIDEN", "Joe Biden", "Мария Захарова", "Zakharova"}, "x", *merges);
    CHECK(together(d, "PRESIDENT BIDEN", "Joe Biden"));
    CHECK_FALSE(together(d, "Мария Захарова", "Zakharova"));

    const auto bad = SpeakerMerges::parse("same: A | B\nmerge: C | D\n");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message.find("line 2") != std::string::npos);
    CHECK_FALSE(SpeakerMerges::parse("different: A | B | C\n").has_value());
    CHECK_FALSE(SpeakerMerges::load("/nonexistent/speakers.txt").has_value());
    // The shipped file parses (an empty set would hide an error in it).
    const auto shipped = SpeakerMerges::load(DRAGOMAN_SOURCE_DIR "/data/speakers.txt");
    CHECK_MESSAGE(shipped.has_value(), (shipped ? "" : shipped.error().message));
}

TEST_CASE("persons_named: a typed name means every person of its surname it agrees with") {
    const auto d = directory_of({"Ilham Aliyev", "Elmar Aliyev", "М.В.Захарова", "Мария Захарова"});
    CHECK(d.persons_named("Aliyev").size() == 2);
    REQUIRE(d.persons_named("Ilham Aliyev").size() == 1);
    CHECK(d.persons_named("Ilham Aliyev").front()->variants == std::vector<std::string>{"Ilham Aliyev"});
    REQUIRE(d.persons_named("Maria Zakharova").size() == 1);
    CHECK(d.persons_named("Maria Zakharova").front()->variants.size() == 2);
    CHECK(d.persons_named("Nobody").empty());
    const auto chinese = directory_of({"华春莹", "耿爽"});
    REQUIRE(chinese.persons_named("Hua Chunying").size() == 1);
    CHECK(chinese.persons_named("Hua Chunying").front()->name == "华春莹");
}

namespace {

Transcript record(const std::string& id, const std::string& language, const std::string& source,
                  const std::string& speaker, const std::string& text) {
    Transcript t;
    t.id = id;
    t.language = language;
    t.date = "2020-03-04";
    t.title = "Briefing " + id;
    t.source = source;
    t.text = text;
    if (!speaker.empty()) t.speakers = {speaker};
    return t;
}

/// An index of the ways real transcripts write names.
class NamesIndex : public test::SmallIndex {
public:
    NamesIndex()
        : SmallIndex("names", {
              // The Russian foreign ministry's labels: initials glued to the surname.
              record("mid:1", "ru", "mfa-rus", "",
                     "М.В.Захарова: Санкции против нашей страны незаконны.\n\n"
                     "Вопрос: А что с переговорами?\n\n"
                     "М.В.Захарова: Переговоры продолжатся."),
              record("mid:2", "ru", "mfa-rus", "Мария Захарова", "Мария Захарова: Санкции вредят Европе."),
              record("en:3", "en", "mfa-rus", "Maria Zakharova", "Maria Zakharova: Sanctions hurt Europe itself."),
              record("az:4", "en", "mfa-aze", "Ilham Aliyev", "Ilham Aliyev: Sanctions are not our policy."),
              record("az:5", "en", "mfa-aze", "Elmar Aliyev", "Elmar Aliyev: Sanctions were discussed at length."),
              record("ru:6", "ru", "news", "", "Министр С.В.Лавров встретился с коллегой. Речь Ахмадинежада прозвучала."),
              record("en:8", "en", "news", "", "Putin met the delegation in the Kremlin."),
              record("un:9", "en", "ungdc", "Mahmoud Ahmadinejad", "Mahmoud Ahmadinejad: The assembly must reform itself."),
              record("cn:10", "zh", "cnmfa", "", "华春莹：我们坚决反对这种做法。"),
              record("ar:7", "ar", "un", "", "نؤكد على أهمية الحوار والتعاون بين الدول الأعضاء في المنظمة الدولية."),
          }) {}
};

SearchResponse search(const NamesIndex& index, const std::string& query) {
    Searcher s(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = query;
    const auto got = s.search(r);
    REQUIRE_MESSAGE(got.has_value(), (got ? std::string() : got.error().message));
    return *got;
}

std::set<std::string> ids(const SearchResponse& r) {
    std::set<std::string> out;
    for (const auto& h : r.results) out.insert(h.id);
    return out;
}

/// The words marked in a result's snippets.
std::set<std::string> marked(const SearchResponse& r, const std::string& id) {
    std::set<std::string> out;
    for (const auto& h : r.results)
        if (h.id == id)
            for (const auto& s : h.snippets)
                for (const auto& f : s.text.fragments)
                    if (f.hit) out.insert(f.text);
    return out;
}

}  // namespace

TEST_CASE("a surname finds initials glued to it, in its own script and across scripts, and marks it") {
    NamesIndex index;
    const auto own = search(index, "Лавров");
    CHECK(ids(own) == std::set<std::string>{"ru:6"});
    CHECK(marked(own, "ru:6") == std::set<std::string>{"Лавров"});
    CHECK(ids(search(index, "Lavrov")).count("ru:6") == 1);
    const auto z = search(index, "Захарова санкции");
    CHECK(ids(z).count("mid:1") == 1);
    CHECK(marked(z, "mid:1").count("Санкции") == 1);  // the label is the turn's speaker, not its text
}

TEST_CASE("speaker: finds a person by any of their labels, across scripts and initials") {
    NamesIndex index;
    CHECK(ids(search(index, "speaker:Захарова")) == std::set<std::string>{"mid:1", "mid:2", "en:3"});
    CHECK(ids(search(index, "speaker:Zakharova")) == std::set<std::string>{"mid:1", "mid:2", "en:3"});
    CHECK(ids(search(index, "speaker:\"Maria Zakharova\"")) == std::set<std::string>{"mid:1", "mid:2", "en:3"});
    CHECK(ids(search(index, "speaker:\"Ilham Aliyev\"")) == std::set<std::string>{"az:4"});
    CHECK(ids(search(index, "speaker:Aliyev")) == std::set<std::string>{"az:4", "az:5"});
    CHECK(ids(search(index, "speaker:Ахмадинежад")) == std::set<std::string>{"un:9"});  // j read as ж
    CHECK(ids(search(index, "speaker:\"Hua Chunying\"")) == std::set<std::string>{"cn:10"});  // pinyin of 华春莹
}

TEST_CASE("the speaker facet shows a person once, with the labels they are written under") {
    NamesIndex index;
    const auto r = search(index, "sanctions OR санкции OR санкций");
    const auto& speakers = r.facets.at("speaker");
    std::size_t zakharova = 0, aliyevs = 0;
    std::string shown;
    for (const auto& [name, count] : speakers) {
        if (name.find("Zakharova") != std::string::npos || name.find("Захарова") != std::string::npos) {
            ++zakharova;
            shown = name;
            CHECK(count == 3);
        }
        if (name.find("Aliyev") != std::string::npos) ++aliyevs;
    }
    CHECK(zakharova == 1);
    CHECK(aliyevs == 2);
    REQUIRE(r.speaker_variants.count(shown) == 1);
    const auto& variants = r.speaker_variants.at(shown);
    CHECK(std::set<std::string>(variants.begin(), variants.end()) ==
          std::set<std::string>{"М.В.Захарова", "Мария Захарова", "Maria Zakharova"});
    // The facet's value filters to the whole person.
    Searcher s(IndexLocation{{index.path()}});
    SearchRequest filtered;
    filtered.speaker = shown;
    const auto f = s.search(filtered);
    REQUIRE(f.has_value());
    CHECK(ids(*f) == std::set<std::string>{"mid:1", "mid:2", "en:3"});
}

TEST_CASE("who says it most counts a person once, under one name") {
    NamesIndex index;
    Searcher s(IndexLocation{{index.path()}});
    TrendRequest r;
    r.search.query = "sanctions OR санкции OR санкций";
    r.min_passages = 1;
    const auto t = s.trend(r);
    REQUIRE(t.has_value());
    std::size_t rows = 0;
    for (const auto& w : t->speakers)
        if (w.name.find("Zakharova") != std::string::npos || w.name.find("Захарова") != std::string::npos) {
            ++rows;
            CHECK(w.passages == 4);  // two of mid:1 (the question is nobody's), one each of mid:2 and en:3
        }
    CHECK(rows == 1);
}

TEST_CASE("Arabic words with a glued conjunction and article are found by the bare word, marked whole") {
    NamesIndex index;
    for (const std::string q : {"التعاون", "تعاون"}) {
        const auto r = search(index, q);
        CHECK_MESSAGE(ids(r) == std::set<std::string>{"ar:7"}, q);
        CHECK(marked(r, "ar:7") == std::set<std::string>{"والتعاون"});
    }
}

TEST_CASE("a Latin j finds the ж of a Cyrillic name, inflected as Russian inflects it") {
    NamesIndex index;
    const auto r = search(index, "Ahmadinejad");
    CHECK(ids(r) == std::set<std::string>{"ru:6", "un:9"});
    CHECK(marked(r, "ru:6") == std::set<std::string>{"Ахмадинежада"});
    // And the other way: a Russian case form finds the name in Latin script.
    CHECK(ids(search(index, "Путина")).count("en:8") == 1);
}

TEST_CASE("identical copies of one text are one result, the others listed under it") {
    const std::string same = "Teşekkür ederim Sayın Başkan, önergeyi oylarınıza sunuyorum.";
    // Indexed last, the copy of the smallest id is the one shown, whichever passage the match
    // meets first.
    test::SmallIndex index("copies", {record("tr:3", "tr", "parlamint_tr", "Celal Adan", same),
                                      record("tr:2", "tr", "parlamint_tr", "Mustafa Şentop", same),
                                      record("tr:1", "tr", "parlamint_tr", "Celal Adan", same),
                                      record("tr:4", "tr", "parlamint_tr", "Celal Adan", "Önergeyi kabul edenler.")});
    Searcher s(IndexLocation{{index.path()}});
    SearchRequest r;
    r.query = "önergeyi";
    const auto got = s.search(r);
    REQUIRE(got.has_value());
    CHECK(got->total == 2);
    REQUIRE(got->results.size() == 2);
    std::set<std::string> stood_for;
    for (const auto& h : got->results) {
        if (h.id == "tr:4") {
            CHECK(h.duplicates.empty());
            continue;
        }
        CHECK(h.id == "tr:1");
        stood_for.insert(h.id);
        for (const auto& d : h.duplicates) stood_for.insert(d.id);
        REQUIRE(h.duplicates.size() == 2);
        CHECK(h.duplicates[0].id == "tr:2");
        CHECK(h.duplicates[1].id == "tr:3");
    }
    CHECK(stood_for == std::set<std::string>{"tr:1", "tr:2", "tr:3"});
    // The facets count the copies once too, as the total does.
    CHECK(got->facets.at("language").front().second == 2);
}
