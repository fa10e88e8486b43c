// The Atom feed of a search: well-formed XML whatever the transcripts hold, entries keyed by
// permalinks, dates as RFC 3339, the snippet escaped as type="html".
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include <string>
#include <vector>

#include "render/atom.hpp"

using namespace dragoman;
using namespace dragoman::render;

namespace {

WalkedPassage passage(const std::string& id, const std::string& date, const std::string& speaker,
                      const std::string& text) {
    WalkedPassage w;
    w.passage.passage_id = id;
    w.passage.transcript_id = id.substr(0, id.find('~'));
    w.passage.date = date;
    w.passage.speaker = speaker;
    w.passage.title = "Briefing";
    w.passage.text = text;
    w.snippet.fragments = {{text, false}, {"grain", true}};
    return w;
}

FeedContext context() { return FeedContext{"http://127.0.0.1:8080", "q=grain&sort=date", "2026-12-06T10:00:00Z"}; }

/// Bytes XML 1.0 forbids: C0 controls but tab and newline (carriage returns are normalised
/// away by parsers, and a feed needs none), and the noncharacters U+FFFE and U+FFFF.
bool has_forbidden_bytes(const std::string& xml) {
    for (unsigned char c : xml)
        if (c < 0x20 && c != '\n' && c != '\t') return true;
    return xml.find("\xEF\xBF\xBE") != std::string::npos || xml.find("\xEF\xBF\xBF") != std::string::npos;
}

}  // namespace

TEST_CASE("atom_time gives a transcript date's first day at midnight UTC") {
    CHECK(atom_time("2021-09-15") == "2021-09-15T00:00:00Z");
    CHECK(atom_time("2021-09") == "2021-09-01T00:00:00Z");
    CHECK(atom_time("2021") == "2021-01-01T00:00:00Z");
    CHECK(atom_time("") == "1970-01-01T00:00:00Z");
    CHECK(atom_time("2021-13-01") == "1970-01-01T00:00:00Z");
    CHECK(atom_time("<script>") == "1970-01-01T00:00:00Z");
}

TEST_CASE("a feed is well-formed Atom with one entry per passage keyed by its permalink") {
    SearchRequest s;
    s.query = "grain";
    s.lang = std::string("en");
    s.sort = SortOrder::Date;
    const std::vector<WalkedPassage> ps{passage("t:1~abc", "2021-05-06", "Minister", "Exports grew. "),
                                        passage("t:2~def", "2020", "", "Prices fell. ")};
    const std::string xml = atom_feed(s, ps, context());
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    const auto feed = doc.child("feed");
    CHECK(std::string(feed.attribute("xmlns").value()) == "http://www.w3.org/2005/Atom");
    CHECK(std::string(feed.child_value("id")) == "http://127.0.0.1:8080/feed?q=grain&sort=date");
    CHECK(std::string(feed.child_value("title")) == "Dragoman: \xE2\x80\x9Cgrain\xE2\x80\x9D (lang: en)");
    CHECK(std::string(feed.child_value("updated")) == "2021-05-06T00:00:00Z");  // the newest entry's
    CHECK(std::string(feed.child("author").child_value("name")) == "Dragoman");
    CHECK(std::string(feed.find_child_by_attribute("link", "rel", "self").attribute("href").value()) ==
          "http://127.0.0.1:8080/feed?q=grain&sort=date");
    CHECK(std::string(feed.find_child_by_attribute("link", "rel", "alternate").attribute("href").value()) ==
          "http://127.0.0.1:8080/?q=grain&sort=date");
    std::vector<pugi::xml_node> entries;
    for (auto e : feed.children("entry")) entries.push_back(e);
    REQUIRE(entries.size() == 2);
    CHECK(std::string(entries[0].child_value("id")) == "http://127.0.0.1:8080/p/t:1~abc");
    CHECK(std::string(entries[0].child("link").attribute("rel").value()) == "alternate");
    CHECK(std::string(entries[0].child("link").attribute("href").value()) == "http://127.0.0.1:8080/p/t:1~abc");
    CHECK(std::string(entries[0].child_value("title")) == "Minister, 2021-05-06: Briefing");
    CHECK(std::string(entries[0].child_value("updated")) == "2021-05-06T00:00:00Z");
    CHECK(std::string(entries[0].child("author").child_value("name")) == "Minister");
    CHECK(std::string(entries[0].child("summary").attribute("type").value()) == "html");
    CHECK(std::string(entries[0].child_value("summary")) == "Exports grew. <mark>grain</mark>");
    CHECK(std::string(entries[1].child_value("title")) == "Unknown speaker, 2020: Briefing");
    CHECK(std::string(entries[1].child_value("updated")) == "2020-01-01T00:00:00Z");
    CHECK_FALSE(entries[1].child("author"));  // the feed's author stands for it
}

TEST_CASE("no transcript or query text becomes markup in a feed, and no forbidden character reaches it") {
    SearchRequest s;
    s.query = "</title><script>alert(1)</script> \x01";
    s.speaker = "\"><x a='";
    auto w = passage("t:<1>~&amp;\"", "2021-01-02", "Ev<i>l\x0b Speaker\xEF\xBF\xBE",
                     "<script>alert('x')</script> & \x1b[31m ]]> \r\n");
    w.passage.title = "<![CDATA[ boom ]]>";
    const std::string xml = atom_feed(s, {w}, context());
    CHECK_FALSE(has_forbidden_bytes(xml));
    CHECK(xml.find("<script") == std::string::npos);
    CHECK(xml.find("<i>") == std::string::npos);
    CHECK(xml.find("<![CDATA[") == std::string::npos);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    const auto feed = doc.child("feed");
    // What an XML parser reads back is the text (the controls gone), not markup.
    CHECK(std::string(feed.child_value("title")) ==
          "Dragoman: \xE2\x80\x9C</title><script>alert(1)</script>\xE2\x80\x9D (speaker: \"><x a=')");
    const auto entry = feed.child("entry");
    CHECK(std::string(entry.child_value("title")) == "Ev<i>l Speaker, 2021-01-02: <![CDATA[ boom ]]>");
    // The summary is HTML: a reader that renders it shows the script as text.
    const std::string summary = entry.child_value("summary");
    CHECK(summary.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; [31m ]]&gt;") == 0);
    CHECK(summary.find("<mark>grain</mark>") != std::string::npos);
    // The id is the permalink, its path percent-encoded.
    CHECK(std::string(entry.child_value("id")) == "http://127.0.0.1:8080/p/t:%3C1%3E~%26amp%3B%22");
}

TEST_CASE("a feed without entries or a base URL is still valid Atom") {
    SearchRequest s;
    s.country = "RUS";
    FeedContext c{"", "country=RUS", "2026-12-06T10:00:00Z"};
    const std::string xml = atom_feed(s, {}, c);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    const auto feed = doc.child("feed");
    CHECK(std::string(feed.child_value("updated")) == "2026-12-06T10:00:00Z");
    CHECK(std::string(feed.child_value("id")) == "urn:dragoman:feed:country%3DRUS");
    CHECK(std::string(feed.child_value("title")) == "Dragoman: every passage (country: RUS)");
    CHECK_FALSE(feed.child("entry"));
    const auto with_entry = atom_feed(s, {passage("t:1~a", "2021", "X", "y")}, c);
    REQUIRE(doc.load_string(with_entry.c_str()));
    const auto e = doc.child("feed").child("entry");
    CHECK(std::string(e.child_value("id")) == "urn:dragoman:passage:t:1~a");
    CHECK(std::string(e.child("link").attribute("href").value()) == "/p/t:1~a");
}
