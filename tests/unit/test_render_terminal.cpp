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
