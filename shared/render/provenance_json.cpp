// Rendering of quote provenance and talking points: JSON and plain lines, every string sanitized.
#include "render/provenance_json.hpp"

#include "render/citation.hpp"
#include "render/escape.hpp"
#include "render/number.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

json match_json(const QuoteMatch& m) {
    const auto& p = m.passage;
    const std::string_view text = p.text;
    const std::size_t begin = std::min<std::size_t>(m.span_begin, text.size());
    const std::size_t end = std::clamp<std::size_t>(m.span_end, begin, text.size());
    return {{"passage_id", sanitize(p.passage_id)},
            {"permalink", permalink_path(p.passage_id)},
            {"transcript_id", sanitize(p.transcript_id)},
            {"title", one_line(p.title)},
            {"date", sanitize(p.date)},
            {"speaker", one_line(p.speaker)},
            {"source", sanitize(p.source)},
            {"country", sanitize(p.country)},
            {"language", sanitize(p.passage_language)},
            {"url", sanitize(p.url)},
            {"similarity", rounded(m.similarity, 1000)},
            {"first_use", m.first_use},
            {"before", sanitize(text.substr(0, begin))},
            {"match", sanitize(text.substr(begin, end - begin))},
            {"after", sanitize(text.substr(end))}};
}

std::string field(const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? one_line(j[key].get<std::string>()) : std::string();
}

/// One match as two lines: who, when, where; then what they said, indented.
std::string match_lines(const json& m) {
    std::string out = m.value("first_use", false) ? "first " : "      ";
    out += (field(m, "date").empty() ? "undated   " : field(m, "date")) + "  " + field(m, "speaker") + "  [" +
           field(m, "source") + ", " + field(m, "language") + "]  " + field(m, "permalink") + "\n";
    out += "      " + field(m, "match") + "\n";
    return out;
}

}  // namespace

json quote_json(const QuoteResponse& r) {
    json matches = json::array();
    json first = nullptr;
    for (std::size_t i = 0; i < r.matches.size(); ++i) {
        if (r.matches[i].first_use) first = i;
        matches.push_back(match_json(r.matches[i]));
    }
    return {{"quote", sanitize(r.quote)},
            {"words", r.words},
            {"candidates", r.candidates},
            {"cut", r.cut},
            {"timed_out", r.timed_out},
            {"took_ms", rounded(r.took_ms, 100)},
            {"first_use", std::move(first)},
            {"matches", std::move(matches)}};
}

json talking_points_json(const TalkingPointsResponse& r) {
    json points = json::array();
    for (const auto& p : r.points) {
        json names = json::array();
        for (const auto& n : p.names) names.push_back(one_line(n));
        points.push_back({{"sentence", one_line(p.sentence)},
                          {"speakers", p.speakers},
                          {"passages", p.passages},
                          {"names", std::move(names)},
                          {"first_use", match_json(p.first_use)}});
    }
    return {{"sentences", r.sentences},
            {"cut", r.cut},
            {"timed_out", r.timed_out},
            {"took_ms", rounded(r.took_ms, 100)},
            {"points", std::move(points)}};
}

std::string quote_table(const json& quote) {
    std::string out;
    for (const auto& m : quote.value("matches", json::array())) out += match_lines(m);
    if (quote.value("cut", false)) out += "(cut: more passages share the quote's fingerprints than are verified)\n";
    if (quote.value("timed_out", false)) out += "(timed out: some passages were not verified)\n";
    return out;
}

std::string talking_points_table(const json& points) {
    std::string out;
    for (const auto& p : points.value("points", json::array())) {
        out += std::to_string(p.value("speakers", 0)) + " speakers, " + std::to_string(p.value("passages", 0)) +
               " passages: " + field(p, "sentence") + "\n";
        if (p.contains("first_use")) out += match_lines(p["first_use"]);
    }
    if (points.value("timed_out", false)) out += "(timed out: not every sentence was read)\n";
    return out;
}

}  // namespace dragoman::render
