// GET /api/trend parameters, validated: the search's query and filters plus the trend's own.
#pragma once

#include "request_params.hpp"
#include "search/trend.hpp"

namespace dragoman {

/// A trend request and the form of its answer.
struct TrendParams {
    TrendRequest request;
    bool csv = false;  ///< format=csv: a CSV download instead of JSON
};

/// q and the filters as search_request_from reads them, and by=year|month,
/// split=speaker|country, limit (series, at most max_trend_series), who (rows of each
/// "who says it most" table, at most max_trend_who), min_passages, format=json|csv.
/// Anything else malformed is a BadParameter error naming the parameter.
Result<TrendParams> trend_params_from(const ParamLookup& param);

}  // namespace dragoman
