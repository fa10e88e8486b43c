// Plain-text and CSL-JSON citations of a passage, and permalink paths.
#include "render/citation.hpp"

#include <cstdio>

#include "render/escape.hpp"
#include "schema/date.hpp"
#include "schema/passage.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

/// Inside our “…” the quoted text's own double quotes become single ones, as a quotation
/// within a quotation is written; everything else is left exactly as said.
std::string inner_quotes(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '"') { out += '\''; continue; }
        if (s.compare(i, 3, "\xE2\x80\x9C") == 0) { out += "\xE2\x80\x98"; i += 2; continue; }  // “ → ‘
        if (s.compare(i, 3, "\xE2\x80\x9D") == 0) { out += "\xE2\x80\x99"; i += 2; continue; }  // ” → ’
        out += s[i];
    }
    return out;
}

std::string in_quotes(std::string_view s) { return "\xE2\x80\x9C" + inner_quotes(one_line(s)) + "\xE2\x80\x9D"; }

/// YYYY[-MM[-DD]] → [[Y, M, D]] with as many parts as are known; null when not a date.
json date_parts(std::string_view date) {
    json parts = json::array();
    std::size_t i = 0;
    for (int part = 0; part < 3 && i < date.size(); ++part) {
        const std::size_t width = part == 0 ? 4 : 2;
        if (i + width > date.size()) return nullptr;
        int v = 0;
        for (std::size_t k = 0; k < width; ++k) {
            const char c = date[i + k];
            if (c < '0' || c > '9') return nullptr;
            v = v * 10 + (c - '0');
        }
        if (v == 0) break;  // "2020-00-00": month and day unknown
        parts.push_back(v);
        i += width;
        if (i < date.size()) {
            if (date[i] != '-') return nullptr;
            ++i;
        }
    }
    if (parts.empty()) return nullptr;
    return json{{"date-parts", json::array({parts})}};
}

/// A date as a citation writes it: a day as given (`2021-09-15`), a month in words
/// (`September 2021`, which `2021-09` would not say to every reader), a year as is.
std::string citation_date(std::string_view date) {
    static constexpr const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
    if (date_precision(date) != DatePrecision::Month) return one_line(date);
    const int month = (date[5] - '0') * 10 + (date[6] - '0');
    return std::string(months[month - 1]) + " " + std::string(date.substr(0, 4));
}

/// The speaker a citation names: a question label ("Q", "Вопрос") is not a name.
std::string author_of(const CitedPassage& p) {
    if (p.speaker.empty() || p.is_question || is_question_label(p.speaker)) return {};
    return one_line(p.speaker);
}

}  // namespace

std::string permalink_path(std::string_view passage_id) { return "/p/" + percent_encode(passage_id); }

std::string permalink_url(std::string_view passage_id, const CiteContext& context) {
    if (context.base_url.empty()) return {};
    std::string base = context.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + permalink_path(passage_id);
}

std::string citation_text(const CitedPassage& p, const CiteContext& context) {
    std::string out;
    if (!p.question.empty()) out += "Question: " + in_quotes(p.question) + "\n";
    out += in_quotes(p.text) + "\n";
    std::string line = "\xE2\x80\x94 ";  // —
    std::string sep;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        line += sep + part;
        sep = ", ";
    };
    add(p.is_question ? std::string("question") : author_of(p));
    add(p.title.empty() ? std::string() : in_quotes(p.title));
    add(one_line(p.source));
    add(citation_date(p.date));
    out += line + ".\n";
    if (!p.url.empty()) out += one_line(p.url) + "\n";
    const std::string permalink = permalink_url(p.passage_id, context);
    out += permalink.empty() ? "Passage " + one_line(p.passage_id) : "Permalink: " + permalink;
    if (!context.accessed.empty()) out += " (accessed " + one_line(context.accessed) + ")";
    out += "\n";
    return out;
}

json citation_csl(const CitedPassage& p, const CiteContext& context) {
    const std::string permalink = permalink_url(p.passage_id, context);
    json item = {{"id", sanitize(p.passage_id)}, {"type", "speech"}};
    item["title"] = one_line(p.title.empty() ? p.transcript_id : p.title);
    if (const std::string author = author_of(p); !author.empty()) item["author"] = json::array({{{"literal", author}}});
    if (json issued = date_parts(p.date); !issued.is_null()) item["issued"] = std::move(issued);
    if (json accessed = date_parts(context.accessed); !accessed.is_null()) item["accessed"] = std::move(accessed);
    if (!p.source.empty()) {
        item["publisher"] = one_line(p.source);
        item["source"] = one_line(p.source);
    }
    if (!p.url.empty()) item["URL"] = one_line(p.url);
    else if (!permalink.empty()) item["URL"] = permalink;
    item["archive"] = "Dragoman";
    item["archive_location"] = permalink.empty() ? sanitize(p.passage_id) : permalink;
    const std::string language = p.passage_language.empty() ? p.language : p.passage_language;
    if (!language.empty()) item["language"] = one_line(language);
    json custom = {{"quote", sanitize(p.text)}, {"passage_id", sanitize(p.passage_id)},
                   {"transcript_id", sanitize(p.transcript_id)}};
    if (!p.question.empty()) custom["question"] = sanitize(p.question);
    if (!permalink.empty()) custom["permalink"] = permalink;
    item["custom"] = std::move(custom);
    return item;
}

json cited_passage_json(const CitedPassage& p, const CiteContext& context) {
    json speakers = json::array();
    for (const auto& s : p.speakers) speakers.push_back(sanitize(s));
    json j = {{"passage_id", sanitize(p.passage_id)},
              {"permalink", permalink_path(p.passage_id)},
              {"id", sanitize(p.transcript_id)},
              {"passage", p.number},
              {"title", sanitize(p.title)},
              {"date", sanitize(p.date)},
              {"language", sanitize(p.language)},
              {"speakers", std::move(speakers)},
              {"country", sanitize(p.country)},
              {"source", sanitize(p.source)},
              {"url", sanitize(p.url)},
              {"speaker", sanitize(p.speaker)},
              {"passage_language", sanitize(p.passage_language)},
              {"text", sanitize(p.text)},
              {"is_question", p.is_question}};
    if (!p.question.empty()) j["question"] = sanitize(p.question);
    j["cite"] = {{"text", citation_text(p, context)}, {"csl", citation_csl(p, context)}};
    return j;
}

}  // namespace dragoman::render
