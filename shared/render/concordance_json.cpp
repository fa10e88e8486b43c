// Rendering of a concordance: JSON and CSV of the same lines, every string sanitized.
#include "render/concordance_json.hpp"

#include "render/citation.hpp"
#include "render/csv.hpp"
#include "render/escape.hpp"
#include "render/number.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

json words_json(const std::vector<std::string>& words) {
    json out = json::array();
    for (const auto& w : words) out.push_back(sanitize(w));
    return out;
}

json line_json(const ConcordanceLine& l) {
    return {{"passage_id", sanitize(l.passage_id)},
            {"permalink", permalink_path(l.passage_id)},
            {"transcript_id", sanitize(l.transcript_id)},
            {"date", sanitize(l.date)},
            {"speaker", one_line(l.speaker)},
            {"language", sanitize(l.language)},
            {"group", one_line(l.group)},
            {"left", one_line(l.left)},
            {"keyword", one_line(l.keyword)},
            {"right", one_line(l.right)},
            {"more_left", l.more_left},
            {"more_right", l.more_right},
            {"sort_keys", {{"left", words_json(l.left_keys)}, {"keyword", sanitize(l.keyword_key)}, {"right", words_json(l.right_keys)}}}};
}

/// The lines' order as the `sort` parameter names it: left, right, keyword, or the walk's.
std::string sort_name(const ConcordanceResponse& c) {
    return c.sort == ConcordanceSort::Walk ? std::string(sort_order_name(c.order)) : std::string(concordance_sort_name(c.sort));
}

}  // namespace

json concordance_json(const ConcordanceResponse& c) {
    json groups = json::array();
    for (const auto& g : c.groups) groups.push_back({{"group", one_line(g.key)}, {"lines", g.lines}});
    json lines = json::array();
    for (const auto& l : c.lines) lines.push_back(line_json(l));
    return {{"query", sanitize(c.query)},
            {"context", c.context},
            {"sort", sort_name(c)},
            {"group", std::string(concordance_group_name(c.group))},
            {"matches", c.matches},
            {"passages", c.passages},
            {"cut", c.cut},
            {"timed_out", c.timed_out},
            {"took_ms", rounded(c.took_ms, 100)},
            {"groups", std::move(groups)},
            {"lines", std::move(lines)}};
}

std::string concordance_csv(const ConcordanceResponse& c) {
    std::string out =
        csv_line({"group", "date", "speaker", "language", "left", "keyword", "right", "passage_id", "transcript_id"});
    for (const auto& l : c.lines)
        out += csv_line({one_line(l.group), l.date, one_line(l.speaker), l.language, one_line(l.left), one_line(l.keyword),
                         one_line(l.right), l.passage_id, l.transcript_id});
    return out;
}

}  // namespace dragoman::render
