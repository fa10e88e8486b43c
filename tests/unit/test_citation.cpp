// Stable passage ids (schema/passage_id) and citations (render/citation): formats,
// escaping and CSL-JSON validity.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "render/citation.hpp"
#include "schema/passage.hpp"
#include "schema/passage_id.hpp"

using namespace dragoman;
using nlohmann::json;

namespace {

Transcript record(std::string id, std::string text) {
    Transcript t;
    t.id = std::move(id);
    t.language = "en";
    t.text = std::move(text);
    return t;
}

std::vector<std::string> ids(const Transcript& t) {
    std::vector<std::string> out;
    for (const auto& p : split_passages(t)) out.push_back(p.id);
    return out;
}

CitedPassage sample() {
    CitedPassage p;
    p.passage_id = "mfa:2020-05-30~0123456789";
    p.transcript_id = "mfa:2020-05-30";
    p.number = 3;
    p.title = "Briefing by Foreign Ministry Spokeswoman Maria Zakharova";
    p.date = "2020-05-30";
    p.language = "ru";
    p.passage_language = "ru";
    p.source = "mid.ru";
    p.url = "https://mid.ru/briefing/2020-05-30";
    p.speaker = "Maria Zakharova";
    p.text = "Sanctions are counterproductive.\n\nThey hurt \"ordinary\" people.";
    p.question = "What about the new sanctions?";
    return p;
}

const render::CiteContext context{"http://search.example.org/", "2026-11-28"};

/// The properties a csl-data.json item may have (CSL schema 1.0.2; additionalProperties false).
const std::set<std::string> csl_properties = {
    "type", "id", "categories", "language", "journalAbbreviation", "shortTitle", "author", "chair",
    "collection-editor", "compiler", "composer", "container-author", "contributor", "curator", "director",
    "editor", "editorial-director", "executive-producer", "interviewer", "illustrator", "organizer",
    "original-author", "performer", "producer", "recipient", "reviewed-author", "translator", "accessed",
    "available-date", "container", "event-date", "issued", "original-date", "submitted", "abstract", "annote",
    "archive", "archive_collection", "archive_location", "archive-place", "authority", "call-number",
    "chapter-number", "citation-number", "citation-label", "collection-number", "collection-title",
    "container-title", "container-title-short", "dimensions", "division", "DOI", "edition", "event",
    "event-place", "first-reference-note-number", "genre", "ISAN", "ISBN", "ISCI", "ISMN", "ISRC", "ISSN",
    "ISWC", "issue", "jurisdiction", "keyword", "locator", "medium", "note", "number", "number-of-pages",
    "number-of-volumes", "original-publisher", "original-publisher-place", "original-title", "page",
    "page-first", "part", "part-title", "PMCID", "PMID", "printing", "publisher", "publisher-place",
    "references", "reviewed-title", "scale", "section", "source", "status", "supplement", "title",
    "title-short", "translated-title", "translated-title-short", "URL", "version", "volume", "year-suffix",
    "custom"};

void check_csl_item(const json& item) {
    REQUIRE(item.is_object());
    CHECK(item.at("type") == "speech");
    CHECK(item.at("id").is_string());
    for (const auto& [key, value] : item.items()) {
        INFO("property " << key);
        CHECK(csl_properties.count(key) == 1);
    }
    for (const char* date : {"issued", "accessed"}) {
        if (!item.contains(date)) continue;
        const auto& parts = item[date].at("date-parts");
        REQUIRE(parts.is_array());
        REQUIRE(parts.size() == 1);
        CHECK(parts[0].size() >= 1);
        CHECK(parts[0].size() <= 3);
        for (const auto& v : parts[0]) CHECK(v.is_number_integer());
    }
    if (item.contains("author"))
        for (const auto& a : item["author"]) CHECK(a.at("literal").is_string());
}

}  // namespace

TEST_CASE("a passage id is the transcript id, '~' and 10 hex digits of the text's hash") {
    const auto p = split_passages(record("t:1", "Lavrov: We are ready to talk.\n\nBlinken: So are we."));
    REQUIRE(p.size() == 2);
    CHECK(p[0].id.rfind("t:1~", 0) == 0);
    CHECK(p[0].id.size() == std::string("t:1~").size() + 10);
    CHECK(p[0].id.substr(4).find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(p[0].id != p[1].id);
    CHECK(p[0].id == "t:1~" + passage_content_key("We are ready to talk."));
}

TEST_CASE("passage ids do not move when a passage is inserted before them or the record elsewhere changes") {
    const auto before = ids(record("t:1", "Lavrov: We are ready to talk.\n\nBlinken: So are we."));
    auto changed = record("t:1", "Host: Welcome.\n\nLavrov: We are ready to talk.\n\nBlinken: So are we.");
    changed.title = "A new title";
    const auto after = ids(changed);
    REQUIRE(after.size() == 3);
    CHECK(after[1] == before[0]);
    CHECK(after[2] == before[1]);
}

TEST_CASE("a passage id changes when the passage's text changes, not when only its white space or form does") {
    const auto a = ids(record("t:1", "Lavrov: We are ready to talk."));
    const auto edited = ids(record("t:1", "Lavrov: We are ready to talk now."));
    const auto reflowed = ids(record("t:1", "Lavrov:   We are  ready\tto talk.  "));
    CHECK(a[0] != edited[0]);
    CHECK(a[0] == reflowed[0]);
    // NFD "é" and NFC "é" are one text.
    CHECK(passage_content_key("Caf\x65\xCC\x81") == passage_content_key("Caf\xC3\xA9"));
    CHECK(passage_id_text("  a \n\n b\r\n c ") == "a b c");
}

TEST_CASE("repeated passages in one transcript get the ordinal of their repetition") {
    const auto got = ids(record("t:1", "Host: Thank you.\n\nLavrov: Sanctions.\n\nHost: Thank you.\n\nHost: Thank you."));
    REQUIRE(got.size() == 4);
    CHECK(got[2] == got[0] + ".2");
    CHECK(got[3] == got[0] + ".3");
    CHECK(std::set<std::string>(got.begin(), got.end()).size() == 4);
}

TEST_CASE("permalink paths percent-encode everything but unreserved characters and ':'") {
    CHECK(render::permalink_path("mfa:2020~0a1b") == "/p/mfa:2020~0a1b");
    CHECK(render::permalink_path("a b/c?d#e\"<") == "/p/a%20b%2Fc%3Fd%23e%22%3C");
    CHECK(render::permalink_path("мид") == "/p/%D0%BC%D0%B8%D0%B4");
    CHECK(render::permalink_url("x~1", context) == "http://search.example.org/p/x~1");
    CHECK(render::permalink_url("x~1", render::CiteContext{}) == "");
}

TEST_CASE("the plain citation has question, quotation, speaker, title, source, date, URL and permalink") {
    const std::string text = render::citation_text(sample(), context);
    CHECK(text ==
          "Question: \xE2\x80\x9CWhat about the new sanctions?\xE2\x80\x9D\n"
          "\xE2\x80\x9CSanctions are counterproductive. They hurt 'ordinary' people.\xE2\x80\x9D\n"
          "\xE2\x80\x94 Maria Zakharova, \xE2\x80\x9C" "Briefing by Foreign Ministry Spokeswoman Maria Zakharova\xE2\x80\x9D, "
          "mid.ru, 2020-05-30.\n"
          "https://mid.ru/briefing/2020-05-30\n"
          "Permalink: http://search.example.org/p/mfa:2020-05-30~0123456789 (accessed 2026-11-28)\n");
}

TEST_CASE("the plain citation strips control characters, bidi overrides and newlines from every field") {
    auto p = sample();
    p.text = "Line one\r\nline\x1b[31m two\x07 \xE2\x80\xAE" "evil\n\n\"quoted\" \xE2\x80\x9C" "and curly\xE2\x80\x9D";
    p.speaker = "Zakharova\n\x1b]0;title\x07";
    p.title = "T\x01itle";
    p.question.clear();
    const std::string text = render::citation_text(p, context);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\x07') == std::string::npos);
    CHECK(text.find('\x01') == std::string::npos);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(text.find("Line one line[31m two evil 'quoted' \xE2\x80\x98" "and curly\xE2\x80\x99") != std::string::npos);
    // Exactly one line per item: question (absent), quotation, attribution, URL, permalink.
    CHECK(std::count(text.begin(), text.end(), '\n') == 4);
}

TEST_CASE("a local citation without a daemon names the passage id; a question names no author") {
    auto p = sample();
    p.speaker = "Question";
    p.is_question = true;
    p.question.clear();
    const std::string text = render::citation_text(p, render::CiteContext{"", "2026-11-28"});
    CHECK(text.find("Passage mfa:2020-05-30~0123456789 (accessed 2026-11-28)") != std::string::npos);
    CHECK(text.find("\xE2\x80\x94 question, ") != std::string::npos);
    const json item = render::citation_csl(p, render::CiteContext{"", "2026-11-28"});
    CHECK_FALSE(item.contains("author"));
    CHECK(item.at("archive_location") == "mfa:2020-05-30~0123456789");
}

TEST_CASE("the CSL-JSON item is a valid csl-data speech with the quotation under custom") {
    const json item = render::citation_csl(sample(), context);
    check_csl_item(item);
    CHECK(item.at("id") == "mfa:2020-05-30~0123456789");
    CHECK(item.at("title") == "Briefing by Foreign Ministry Spokeswoman Maria Zakharova");
    CHECK(item.at("author") == json::array({{{"literal", "Maria Zakharova"}}}));
    CHECK(item.at("issued") == json{{"date-parts", {{2020, 5, 30}}}});
    CHECK(item.at("accessed") == json{{"date-parts", {{2026, 11, 28}}}});
    CHECK(item.at("publisher") == "mid.ru");
    CHECK(item.at("URL") == "https://mid.ru/briefing/2020-05-30");
    CHECK(item.at("archive_location") == "http://search.example.org/p/mfa:2020-05-30~0123456789");
    CHECK(item.at("language") == "ru");
    CHECK(item.at("custom").at("quote") == sample().text);
    CHECK(item.at("custom").at("question") == "What about the new sanctions?");
    // Round trip through text: what we emit parses back to the same item.
    CHECK(json::parse(item.dump()) == item);
}

TEST_CASE("CSL dates carry only the known parts; impossible dates are left out") {
    auto p = sample();
    p.date = "2019";
    CHECK(render::citation_csl(p, context).at("issued") == json{{"date-parts", {{2019}}}});
    p.date = "2019-07";
    CHECK(render::citation_csl(p, context).at("issued") == json{{"date-parts", {{2019, 7}}}});
    p.date = "sometime";
    CHECK_FALSE(render::citation_csl(p, context).contains("issued"));
    p.date = "";
    check_csl_item(render::citation_csl(p, context));
}

TEST_CASE("the plain citation gives a year as the year and a month in words, never a first of January") {
    auto p = sample();
    p.date = "2021";
    CHECK(render::citation_text(p, context).find("mid.ru, 2021.\n") != std::string::npos);
    p.date = "2021-09";
    CHECK(render::citation_text(p, context).find("mid.ru, September 2021.\n") != std::string::npos);
    p.date = "1946-01";
    CHECK(render::citation_text(p, context).find("mid.ru, January 1946.\n") != std::string::npos);
    p.date = "2021-12-01";
    CHECK(render::citation_text(p, context).find("mid.ru, 2021-12-01.\n") != std::string::npos);
    p.date = "";
    CHECK(render::citation_text(p, context).find("mid.ru.\n") != std::string::npos);
}

TEST_CASE("CSL-JSON strings are sanitized: no control characters or invalid UTF-8 reach the item") {
    auto p = sample();
    p.text = "bad \xFF byte \x1b[2J and \x7f";
    p.speaker = "A\x1b[0m";
    const json item = render::citation_csl(p, context);
    const std::string dumped = item.dump();
    CHECK(dumped.find("\\u001b") == std::string::npos);
    CHECK(dumped.find("\x7f") == std::string::npos);
    CHECK(item.at("custom").at("quote") == "bad \xEF\xBF\xBD byte [2J and ");
    check_csl_item(item);
}

TEST_CASE("the /api/passage object carries the permalink path and both citations") {
    const json j = render::cited_passage_json(sample(), context);
    CHECK(j.at("passage_id") == "mfa:2020-05-30~0123456789");
    CHECK(j.at("permalink") == "/p/mfa:2020-05-30~0123456789");
    CHECK(j.at("id") == "mfa:2020-05-30");
    CHECK(j.at("passage") == 3);
    CHECK(j.at("question") == "What about the new sanctions?");
    CHECK(j.at("cite").at("text") == render::citation_text(sample(), context));
    check_csl_item(j.at("cite").at("csl"));
}

TEST_CASE("passage content keys are fixed: these values may never change without a schema version") {
    // Reference values from an independent implementation (Python: unicodedata NFKC,
    // white space runs joined by one space, FNV-1a 64 over the UTF-8 bytes).
    CHECK(passage_content_key("We are ready to talk.") == "3ee30f647e");
    CHECK(passage_content_key("Санкции  контрпродуктивны.\n\nОни бьют по людям.") == "5daff2482e");
    CHECK(passage_content_key("Cafe\xCC\x81 \xEF\xAC\x81nal \xE2\x91\xA0") == "8e02801514");  // NFD é, ﬁ, ①
    CHECK(passage_content_key("中方一贯反对单边制裁。") == "d2d65a906a");
}
