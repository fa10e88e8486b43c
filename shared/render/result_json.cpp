// JSON rendering of responses and errors; all strings are sanitized, snippets escaped.
#include "render/result_json.hpp"

#include <cmath>

#include "render/citation.hpp"
#include "render/escape.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

constexpr const char* ellipsis = "\xE2\x80\xA6";

json refs_json(const std::vector<VersionRef>& refs) {
    json out = json::array();
    for (const auto& v : refs)
        out.push_back({{"id", sanitize(v.id)}, {"language", sanitize(v.language)}, {"title", sanitize(v.title)}});
    return out;
}

json hit_meta(const SearchHit& h) {
    json speakers = json::array();
    for (const auto& s : h.speakers) speakers.push_back(sanitize(s));
    json j = {{"id", sanitize(h.id)},       {"title", sanitize(h.title)},   {"date", h.date},
              {"language", h.language},     {"speakers", speakers},         {"country", sanitize(h.country)},
              {"source", sanitize(h.source)}, {"url", sanitize(h.url)},
              {"group", h.group.empty() ? json(nullptr) : json(sanitize(h.group))},
              {"versions", refs_json(h.versions)}};
    if (!h.duplicates.empty()) j["duplicates"] = refs_json(h.duplicates);
    j["changed"] = h.changes > 0;
    j["changes"] = h.changes;
    return j;
}

json passage_json(const PassageSnippet& p) {
    json j = {{"passage", p.passage}, {"speaker", sanitize(p.speaker)}, {"language", p.language},
              {"html", snippet_html(p.text)}, {"text", snippet_text(p.text)}};
    if (!p.question.empty()) j["question"] = sanitize(p.question);
    j["is_question"] = p.is_question;
    if (!p.passage_id.empty()) {
        j["passage_id"] = sanitize(p.passage_id);
        j["permalink"] = permalink_path(p.passage_id);
    }
    return j;
}

}  // namespace

std::string snippet_html(const SnippetText& s) {
    std::string out;
    if (s.cut_before) out += ellipsis;
    for (const auto& f : s.fragments) {
        if (f.hit) out += "<mark>" + html_escape(f.text) + "</mark>";
        else out += html_escape(f.text);
    }
    if (s.cut_after) out += ellipsis;
    return out;
}

std::string snippet_text(const SnippetText& s) {
    std::string out;
    if (s.cut_before) out += ellipsis;
    for (const auto& f : s.fragments) out += sanitize(f.text);
    if (s.cut_after) out += ellipsis;
    return out;
}

json search_json(const SearchResponse& r) {
    json results = json::array();
    for (const auto& h : r.results) {
        json j = hit_meta(h);
        j["score"] = h.score;
        j["matching_passages"] = h.matching_passages;
        if (!h.best_passage.empty()) j["best_passage"] = sanitize(h.best_passage);
        json snippets = json::array();
        for (const auto& p : h.snippets) snippets.push_back(passage_json(p));
        j["snippets"] = std::move(snippets);
        results.push_back(std::move(j));
    }
    json facets = json::object();
    for (const auto& [name, values] : r.facets) {
        json f = json::object();
        for (const auto& [value, count] : values) f[sanitize(value)] = count;
        facets[name] = std::move(f);
    }
    json variants = json::object();
    for (const auto& [name, labels] : r.speaker_variants) {
        json list = json::array();
        for (const auto& l : labels) list.push_back(sanitize(l));
        variants[sanitize(name)] = std::move(list);
    }
    json added = json::array();
    for (const auto& a : r.added)
        added.push_back({{"word", sanitize(a.word)},
                         {"language", sanitize(a.language)},
                         {"form", sanitize(a.form)},
                         {"shown", sanitize(a.shown)},
                         {"score", std::round(a.score * 1000) / 1000}});
    return {{"query", sanitize(r.query)},
            {"across", r.across},
            {"added", std::move(added)},
            {"total", r.total},
            {"total_exact", r.total_exact},
            {"took_ms", std::round(r.took_ms * 100) / 100},
            {"suggestion", r.suggestion ? json(sanitize(*r.suggestion)) : json(nullptr)},
            {"relaxed", r.relaxed},
            {"timed_out", r.timed_out},
            {"results", std::move(results)},
            {"facets", std::move(facets)},
            {"facets_exact", r.facets_exact},
            {"speaker_variants", std::move(variants)}};
}

json transcript_json(const TranscriptView& v) {
    json j = hit_meta(v.meta);
    json passages = json::array();
    for (const auto& p : v.passages) passages.push_back(passage_json(p));
    j["passages"] = std::move(passages);
    j["hits"] = v.hits;
    return j;
}

json error_json(const Error& e) {
    return {{"error", {{"code", error_code_name(e.code)}, {"message", sanitize(e.message)}}}};
}

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::BadQuery: return 400;
        case ErrorCode::BadParameter: return 400;
        case ErrorCode::NotFound: return 404;
        case ErrorCode::Unavailable: return 503;
        case ErrorCode::Internal: return 500;
    }
    return 500;
}

int exit_code(ErrorCode code) {
    switch (code) {
        case ErrorCode::NotFound: return 1;
        default: return 2;
    }
}

}  // namespace dragoman::render
