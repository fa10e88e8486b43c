// Terminal rendering: fields from a transcript as bidi isolates on a terminal, and no
// direction control of a transcript's own in any output.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "render/terminal.hpp"

using namespace dragoman;

namespace {

const std::string fsi = "\u2068", pdi = "\u2069";

nlohmann::json response() {
    return nlohmann::json::parse(R"({
      "total": 1, "total_exact": true, "took_ms": 1.5,
      "results": [{
        "id": "un:\u202eevil", "title": "\u202eeltit\u202c مؤتمر صحفي", "date": "2019-04-02", "language": "ar",
        "country": "ISR", "speakers": ["عبد الله", "John Smith"], "score": 1.0,
        "snippets": [{"speaker": "דוד\u202e לוי", "question": "Why \u2067now\u2069?",
                      "html": "the <mark>corridor</mark> \u202dagreed"}]
      }]
    })");
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + what.size())) ++n;
    return n;
}

bool has_bidi_control_other_than_isolates(const std::string& s) {
    for (const char* c : {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u200e", "\u200f", "\u061c"})
        if (s.find(c) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("on a terminal every field from a transcript is a balanced bidi isolate") {
    const std::string out = render::terminal_results(response(), false, true);
    CHECK(out.find(fsi + "eltit مؤتمر صحفي" + pdi) != std::string::npos);  // the override stripped
    CHECK(out.find(fsi + "عبد الله" + pdi + ", " + fsi + "John Smith" + pdi) != std::string::npos);
    CHECK(out.find(fsi + "ISR" + pdi) != std::string::npos);
    CHECK(out.find(fsi + "דוד לוי" + pdi + ":") != std::string::npos);  // apart from the colon
    CHECK(out.find("Question: " + fsi + "Why now?" + pdi) != std::string::npos);
    CHECK(out.find(fsi + "the corridor agreed" + pdi) != std::string::npos);
    CHECK(out.find("id " + fsi + "un:evil" + pdi) != std::string::npos);
    CHECK(count(out, fsi) == count(out, pdi));
    CHECK(count(out, fsi) == 8);  // title, country, 2 speakers, snippet speaker, question, text, id
    CHECK_FALSE(has_bidi_control_other_than_isolates(out));
}

TEST_CASE("isolates stay balanced with colours on") {
    const std::string out = render::terminal_results(response(), true, true);
    CHECK(count(out, fsi) == 8);
    CHECK(count(out, pdi) == 8);
    CHECK(out.find("\x1b[1;31mcorridor\x1b[0m") != std::string::npos);
}

TEST_CASE("piped output carries no direction control at all, not even isolates") {
    const std::string out = render::terminal_results(response(), false, false);
    CHECK(count(out, fsi) == 0);
    CHECK(count(out, pdi) == 0);
    CHECK_FALSE(has_bidi_control_other_than_isolates(out));
    CHECK(out.find("عبد الله, John Smith") != std::string::npos);
}

namespace {

nlohmann::json concordance() {
    return nlohmann::json::parse(R"({
      "group": "year", "passages": 3, "cut": false, "took_ms": 2.0, "timed_out": false,
      "lines": [
        {"group": "2019", "left": "the long road to the", "keyword": "council", "right": "met \u001b[31mred"},
        {"group": "2019", "left": "我们支持", "keyword": "安理会", "right": "的决定"},
        {"group": "2020", "left": "قال الوزير إن", "keyword": "مجلس\u202e", "right": "الأمن اجتمع"}
      ]})");
}

/// The terminal cells of `s`, counting the characters these tests use: CJK two, isolates none.
std::size_t cells(const std::string& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        const std::string ch = s.substr(i, len);
        n += ch == fsi || ch == pdi ? 0 : (len == 3 && c >= 0xE4 && c <= 0xE9) ? 2 : 1;
        i += len;
    }
    return n;
}

}  // namespace

TEST_CASE("a concordance on a terminal: keywords in one column, measured in cells, every field isolated") {
    const std::string out = render::terminal_concordance(concordance(), false, true);
    CHECK(out.find("\x1b") == std::string::npos);  // the transcript's escape is gone
    CHECK_FALSE(has_bidi_control_other_than_isolates(out));
    CHECK(count(out, fsi) == count(out, pdi));
    CHECK(out.find(fsi + "مجلس" + pdi) != std::string::npos);
    CHECK(out.find(fsi + "安理会" + pdi) != std::string::npos);
    CHECK(out.find("3 lines from 3 passages") != std::string::npos);
    // Each line's keyword starts at the same cell: after the widest left context and two spaces.
    std::size_t at = 0, column = 0;
    int lines = 0;
    for (const std::string keyword : {"council", "安理会", "مجلس"}) {
        const std::size_t k = out.find(fsi + keyword, at);
        REQUIRE(k != std::string::npos);
        const std::size_t line_start = out.rfind('\n', k) + 1;
        const std::size_t c = cells(out.substr(line_start, k - line_start));
        if (lines++ == 0) column = c;
        CHECK(c == column);
        at = k + 1;
    }
    CHECK(column == std::string("the long road to the").size() + 2);
    CHECK(out.find("2020") != std::string::npos);  // a heading per group
}

TEST_CASE("a concordance piped: no isolates, no colour") {
    const std::string out = render::terminal_concordance(concordance(), false, false);
    CHECK(out.find(fsi) == std::string::npos);
    CHECK(out.find("\x1b") == std::string::npos);
    CHECK(out.find("   我们支持  安理会  ") != std::string::npos);  // padded: 8 cells of left for 20
}
