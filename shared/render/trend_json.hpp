// The trend response as JSON (GET /api/trend) and as a CSV table (format=csv).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "search/trend.hpp"

namespace dragoman::render {

/// `{"query", "by", "split", "unit", "matches", "matches_exact", "counted", "undated",
/// "took_ms", "periods": [...], "series": [...], "who": {...}}`; see docs/searchd.md.
nlohmann::json trend_json(const TrendResponse& trend);

/// One row per period of all matching passages (empty `series`), then one per period of
/// each series: `period,series,matches,period_passages,per_million,exact`, CRLF lines.
std::string trend_csv(const TrendResponse& trend);

}  // namespace dragoman::render
