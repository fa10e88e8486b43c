// Rendering of trends: JSON with rounded rates, CSV with every cell escaped.
#include "render/trend_json.hpp"

#include "render/csv.hpp"
#include "render/escape.hpp"
#include "render/number.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

json who_json(const std::vector<WhoRow>& rows) {
    json out = json::array();
    for (const auto& r : rows)
        out.push_back({{"name", sanitize(r.name)},
                       {"matches", r.matches},
                       {"passages", r.passages},
                       {"share", rounded(r.share, 1e4)}});
    return out;
}

}  // namespace

json trend_json(const TrendResponse& t) {
    json periods = json::array();
    for (const auto& p : t.points)
        periods.push_back({{"period", p.period},
                           {"matches", p.matches},
                           {"passages", p.passages},
                           {"per_million", rounded(p.per_million, 100)}});
    json series = json::array();
    for (const auto& s : t.series) {
        json points = json::array();
        for (const auto& p : s.points)
            points.push_back({{"period", p.period}, {"matches", p.matches}, {"per_million", rounded(p.per_million, 100)}});
        series.push_back({{"name", sanitize(s.name)}, {"matches", s.matches}, {"points", std::move(points)}});
    }
    const char* split = trend_split_name(t.split);
    return {{"query", sanitize(t.query)},
            {"by", trend_period_name(t.period)},
            {"split", *split ? json(split) : json(nullptr)},
            {"unit", "per_million_passages"},
            {"matches", t.matches},
            {"matches_exact", t.exact},
            {"counted", t.counted},
            {"undated", t.undated},
            {"took_ms", rounded(t.took_ms, 100)},
            {"periods", std::move(periods)},
            {"series", std::move(series)},
            {"who",
             {{"ranked_by", "share"},
              {"min_passages", t.min_passages},
              {"speakers", who_json(t.speakers)},
              {"countries", who_json(t.countries)}}}};
}

std::string trend_csv(const TrendResponse& t) {
    const std::string exact = t.exact ? "1" : "0";
    std::string out = csv_line({"period", "series", "matches", "period_passages", "per_million", "exact"});
    for (const auto& p : t.points)
        out += csv_line({p.period, "", std::to_string(p.matches), std::to_string(p.passages), fixed(p.per_million, 2), exact});
    for (const auto& s : t.series)
        for (const auto& p : s.points)
            out += csv_line({p.period, s.name, std::to_string(p.matches), std::to_string(p.passages), fixed(p.per_million, 2), exact});
    return out;
}

}  // namespace dragoman::render
