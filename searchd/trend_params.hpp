// GET /api/trend, /api/keyness and /api/concordance parameters, validated: the search's
// query and filters (a keyness comparison's slice) plus each one's own.
#pragma once

#include "request_params.hpp"
#include "search/concordance.hpp"
#include "search/keyness.hpp"
#include "search/provenance.hpp"
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

/// A keyness request and the form of its answer.
struct KeynessParams {
    KeynessRequest request;
    bool csv = false;  ///< format=csv: a CSV download instead of JSON
};

/// q and the filters as search_request_from reads them (the slice), versus (the other slice
/// as a query; absent or empty: the rest of the index), limit (words listed per side, at
/// most max_keyness_words), min_count, format=json|csv. Anything else malformed is a
/// BadParameter error naming the parameter.
Result<KeynessParams> keyness_params_from(const ParamLookup& param);

/// A concordance request and the form of its answer.
struct ConcordanceParams {
    ConcordanceRequest request;
    bool csv = false;  ///< format=csv: a CSV download instead of JSON
};

/// q and the filters as search_request_from reads them, sort (left, right or keyword; or
/// relevance, date or date-asc: the walk's order, which the lines keep), group (year,
/// speaker or none), context (words each side, at most max_concordance_context), limit
/// (lines, at most max_concordance_lines), format=json|csv. Anything else malformed is a
/// BadParameter error naming the parameter.
Result<ConcordanceParams> concordance_params_from(const ParamLookup& param);

/// q (the quote; find_quote checks it) and similarity (a number above 0 and at most 1,
/// default default_quote_similarity). Anything else malformed is a BadParameter error naming
/// the parameter.
Result<QuoteRequest> quote_params_from(const ParamLookup& param);

/// from, to, lang and source as search_request_from reads them (source: several keys
/// separated by commas), min_speakers (2 to 1000, default 3) and limit (1 to 200, default
/// 20). `q` is not read. Anything else malformed is a BadParameter error naming the parameter.
Result<TalkingPointsRequest> talking_points_params_from(const ParamLookup& param);

}  // namespace dragoman
