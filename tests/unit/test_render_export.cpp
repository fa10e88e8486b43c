// Exports of a result set: the head that states the search, one piece per passage, the tail
// that says whether it is complete; each format escaped for its readers.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "render/citation.hpp"
#include "render/csv.hpp"
#include "render/export.hpp"

using namespace dragoman;
using namespace dragoman::render;

namespace {

CitedPassage hostile() {
    CitedPassage p;
    p.passage_id = "un:RUS 74/2019~abc";
    p.transcript_id = "un:RUS 74/2019";
    p.number = 3;
    p.title = "On {grain} & 100% \\ of $tariffs_#1 ~^";
    p.date = "2019-09";
    p.language = "ru";
    p.passage_language = "en";
    p.speakers = {"=HYPERLINK(\"x\")"};
    p.speaker = "=HYPERLINK(\"x\")";
    p.country = "RUS";
    p.source = "UN, General Assembly";
    p.url = "https://example.org/a?b=1";
    p.text = "First line,\nsecond \"quoted\" line }{ \x07 with a bell.\r\nER  - not a tag";
    return p;
}

struct Fixture {
    SearchRequest search;
    PassageWalkStart start{"gen-7", 12, false};
    CiteContext context{"http://127.0.0.1:8080", "2026-12-06"};
    Fixture() {
        search.query = "grain \"a, b\"";
        search.lang = "en";
        search.date_from = "2019";
        search.sort = SortOrder::Date;
    }
    ExportHead head() const { return ExportHead{search, start, 10000, context}; }
};

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

/// Whether every brace of `s` closes one opened before it and all are closed.
bool balanced(const std::string& s) {
    int depth = 0;
    for (char c : s) {
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (depth < 0) return false;
    }
    return depth == 0;
}

}  // namespace

TEST_CASE("export formats are named, typed and given an extension") {
    for (const char* name : {"csv", "jsonl", "ris", "bibtex"}) {
        const auto f = export_format(name);
        REQUIRE(f.has_value());
        CHECK(export_format_name(*f) == name);
        CHECK(export_content_type(*f).find("charset=utf-8") != std::string_view::npos);
    }
    CHECK_FALSE(export_format("xml").has_value());
    CHECK_FALSE(export_format("CSV").has_value());
    CHECK(export_extension(ExportFormat::Bibtex) == "bib");
}

TEST_CASE("a CSV export: a record of facts, the column names, one record per passage, an end record") {
    Fixture fx;
    const auto h = fx.head();
    const std::string head = export_head(ExportFormat::Csv, h);
    CHECK(head == csv_line({"dragoman-export", "query", "grain \"a, b\"", "lang", "en", "from", "2019", "sort", "date",
                            "generation", "gen-7", "matches", "12", "limit", "10000", "exported", "2026-12-06"}) +
                      csv_line(export_csv_columns()));
    const CitedPassage p = hostile();
    const std::string row = export_passage(ExportFormat::Csv, p, h);
    // Exactly csv_line's escaping of the fields (the one CSV quoter), the formula guarded.
    CHECK(row == csv_line({p.passage_id, p.transcript_id, "2019-09", p.speaker, "RUS", p.source, "en", p.title, p.text,
                           "http://127.0.0.1:8080/p/un:RUS%2074%2F2019~abc", p.url, citation_text(p, fx.context)}));
    CHECK(row.find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);
    CHECK(row.find('\x07') == std::string::npos);
    CHECK(export_csv_columns().size() == 12);
    CHECK(export_tail(ExportFormat::Csv, PassageWalkEnd{12, false, false, false}, "") ==
          csv_line({"dragoman-export-end", "passages", "12", "complete", "yes", "cut", "", "message", ""}));
    CHECK(export_tail(ExportFormat::Csv, PassageWalkEnd{10000, true, false, false}, "") ==
          csv_line({"dragoman-export-end", "passages", "10000", "complete", "no", "cut", "limit", "message", ""}));
}

TEST_CASE("a JSON Lines export: an export object, passages as GET /api/passage gives them, an end object") {
    Fixture fx;
    fx.start.cut = true;
    const auto h = fx.head();
    const auto head = nlohmann::json::parse(export_head(ExportFormat::Jsonl, h));
    CHECK(head["export"]["query"] == "grain \"a, b\"");
    CHECK(head["export"]["filters"] == nlohmann::json{{"lang", "en"}, {"from", "2019"}});
    CHECK(head["export"]["generation"] == "gen-7");
    CHECK(head["export"]["sort"] == "date");
    CHECK(head["export"]["matches"] == 12);
    CHECK(head["export"]["more"] == true);
    CHECK(head["export"]["limit"] == 10000);
    // Past the limit the CSV and the notes say the count is an estimate.
    CHECK(export_head(ExportFormat::Csv, h).find(",matches,more than 10000 (about 12),") != std::string::npos);
    CHECK(export_passage(ExportFormat::Ris, hostile(), h).find("; matches=more than 10000 (about 12);") !=
          std::string::npos);
    const std::string line = export_passage(ExportFormat::Jsonl, hostile(), h);
    CHECK(lines(line).size() == 1);
    CHECK(nlohmann::json::parse(line) == cited_passage_json(hostile(), fx.context));
    const auto end = nlohmann::json::parse(export_tail(ExportFormat::Jsonl, PassageWalkEnd{3, false, true, false}, ""));
    CHECK(end["end"]["passages"] == 3);
    CHECK(end["end"]["complete"] == false);
    CHECK(end["end"]["cut"] == "time");
    const auto failed = nlohmann::json::parse(export_tail(ExportFormat::Jsonl, PassageWalkEnd{}, "index gone\n"));
    CHECK(failed["end"]["cut"] == "error");
    CHECK(failed["end"]["error"] == "index gone");
    CHECK(nlohmann::json::parse(export_tail(ExportFormat::Jsonl, PassageWalkEnd{5, false, false, false}, ""))["end"]
              ["complete"] == true);
}

TEST_CASE("a RIS record has one tag line per field and carries the search in a note") {
    Fixture fx;
    const auto h = fx.head();
    CHECK(export_head(ExportFormat::Ris, h).empty());
    const std::string rec = export_passage(ExportFormat::Ris, hostile(), h);
    // RIS's tag line: two characters (a capital, then a capital or a digit), two spaces,
    // a hyphen, a space, the value, and CR (std::regex trips GCC 12's uninitialised-use
    // warning under the sanitizers, so the shape is checked by hand).
    const auto tag_line = [](const std::string& l) {
        return l.size() >= 7 && std::isupper(static_cast<unsigned char>(l[0])) &&
               (std::isupper(static_cast<unsigned char>(l[1])) || std::isdigit(static_cast<unsigned char>(l[1]))) &&
               l.compare(2, 4, "  - ") == 0 && l.back() == '\r' && l.find('\r') == l.size() - 1;
    };
    const auto ls = lines(rec);
    for (const auto& l : ls) CHECK_MESSAGE(tag_line(l), l);
    CHECK(ls.front() == "TY  - GEN\r");
    CHECK(ls.back() == "ER  - \r");
    // The text's own "ER  - " is inside the abstract's line, not a line of its own.
    CHECK(std::count(ls.begin(), ls.end(), std::string("ER  - \r")) == 1);
    CHECK(rec.find("AB  - First line, second \"quoted\" line }{ with a bell. ER - not a tag\r\n") != std::string::npos);
    CHECK(rec.find("DA  - 2019/09//\r\n") != std::string::npos);
    CHECK(rec.find("PY  - 2019\r\n") != std::string::npos);
    CHECK(rec.find("UR  - http://127.0.0.1:8080/p/un:RUS%2074%2F2019~abc\r\n") != std::string::npos);
    CHECK(rec.find("AU  - =HYPERLINK(\"x\")\r\n") != std::string::npos);
    CHECK(rec.find("N1  - Dragoman export: query=grain \"a, b\"; lang=en; from=2019; sort=date; generation=gen-7;") !=
          std::string::npos);
    CHECK(export_tail(ExportFormat::Ris, PassageWalkEnd{2, false, false, false}, "").empty());
    const std::string cut = export_tail(ExportFormat::Ris, PassageWalkEnd{10000, true, false, false}, "");
    CHECK(cut.find("TI  - Dragoman export cut short after 10000 passages") != std::string::npos);
    CHECK(cut.substr(cut.size() - 8) == "ER  - \r\n");
}

TEST_CASE("a BibTeX entry keeps its braces balanced and no text becomes a command") {
    Fixture fx;
    const auto h = fx.head();
    const std::string head = export_head(ExportFormat::Bibtex, h);
    CHECK(head.rfind("@comment{{Dragoman export: query=grain \"a, b\"; lang=en;", 0) == 0);
    CHECK(balanced(head));
    const std::string entry = export_passage(ExportFormat::Bibtex, hostile(), h);
    CHECK(balanced(entry));
    CHECK(entry.find('\x07') == std::string::npos);
    // The key: the id's safe characters, its hash since some were replaced.
    CHECK(entry.rfind("@misc{un:RUS_74_2019~", 0) != 0);
    CHECK(entry.rfind("@misc{un:RUS_74_2019_abc-", 0) == 0);
    CHECK(entry.find("title = {{On \\{grain\\} \\& 100\\% \\textbackslash{} of "
                     "\\$tariffs\\_\\#1 \\textasciitilde{}\\textasciicircum{}}},") != std::string::npos);
    // Braces that do not pair are written as commands, so that BibTeX's count stays right.
    CHECK(entry.find("line \\textbraceright{}\\textbraceleft{} with") != std::string::npos);
    CHECK(entry.find("url = {http://127.0.0.1:8080/p/un:RUS%2074%2F2019~abc},") != std::string::npos);
    CHECK(entry.find("author = {{=HYPERLINK(\"x\")}},") != std::string::npos);
    CHECK(entry.find("year = 2019,") != std::string::npos);
    CHECK(entry.find("month = sep,") != std::string::npos);
    // Two ids that differ only in replaced characters get two keys.
    CitedPassage other = hostile();
    other.passage_id = "un:RUS/74 2019~abc";
    const std::string e2 = export_passage(ExportFormat::Bibtex, other, h);
    CHECK(e2.substr(0, e2.find(',')) != entry.substr(0, entry.find(',')));
    CHECK(balanced(export_tail(ExportFormat::Bibtex, PassageWalkEnd{1, false, true, false}, "}{")));
}
