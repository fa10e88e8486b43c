// Parsing of /api/trend's, /api/keyness's, /api/concordance's, /api/quote's and
// /api/talking-points's parameters on top of the search parameters.
#include "trend_params.hpp"

#include <charconv>
#include <cstdlib>

namespace dragoman {

namespace {

Result<std::size_t> count(const ParamLookup& param, const std::string& name, std::size_t fallback, std::size_t max) {
    const auto v = param(name);
    if (!v || v->empty()) return fallback;
    std::size_t out = 0;
    const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || ptr != v->data() + v->size() || out > max)
        return fail(ErrorCode::BadParameter, "'" + name + "' must be a whole number from 0 to " + std::to_string(max));
    return out;
}

/// format=json|csv: whether CSV was asked for.
Result<bool> csv_format(const ParamLookup& param) {
    const auto format = param("format").value_or("json");
    if (format == "csv") return true;
    if (format != "json" && !format.empty()) return fail(ErrorCode::BadParameter, "'format' must be json or csv");
    return false;
}

/// The search's own reading of the parameters, without `limit` and `offset`, which the
/// caller reads with another meaning, nor `sort` when `own_sort` says the caller reads it.
Result<SearchRequest> slice_of(const ParamLookup& param, bool own_sort = false) {
    return search_request_from([&](const std::string& name) -> std::optional<std::string> {
        if (name == "limit" || name == "offset" || (own_sort && name == "sort")) return std::nullopt;
        return param(name);
    });
}

/// sort=left|right|keyword as a concordance's own order; nullopt for any other value
/// (the search's orders, read by search_request_from).
std::optional<ConcordanceSort> concordance_sort(const ParamLookup& param) {
    const auto sort = param("sort").value_or("");
    for (const auto s : {ConcordanceSort::Left, ConcordanceSort::Right, ConcordanceSort::Keyword})
        if (sort == concordance_sort_name(s)) return s;
    return std::nullopt;
}

}  // namespace

Result<TrendParams> trend_params_from(const ParamLookup& param) {
    auto search = slice_of(param);  // `limit` means series here, not results
    if (!search) return tl::unexpected(search.error());
    TrendParams out;
    out.request.search = std::move(*search);
    const auto by = param("by").value_or("year");
    if (by == "year" || by.empty()) out.request.period = TrendPeriod::Year;
    else if (by == "month") out.request.period = TrendPeriod::Month;
    else return fail(ErrorCode::BadParameter, "'by' must be year or month");
    const auto split = param("split").value_or("");
    if (split.empty() || split == "none") out.request.split = TrendSplit::None;
    else if (split == "speaker") out.request.split = TrendSplit::Speaker;
    else if (split == "country") out.request.split = TrendSplit::Country;
    else return fail(ErrorCode::BadParameter, "'split' must be speaker or country");
    auto series = count(param, "limit", out.request.series, max_trend_series);
    if (!series) return tl::unexpected(series.error());
    auto who = count(param, "who", out.request.who, max_trend_who);
    if (!who) return tl::unexpected(who.error());
    auto min_passages = count(param, "min_passages", out.request.min_passages, 1000000);
    if (!min_passages) return tl::unexpected(min_passages.error());
    out.request.series = *series;
    out.request.who = *who;
    out.request.min_passages = *min_passages;
    auto csv = csv_format(param);
    if (!csv) return tl::unexpected(csv.error());
    out.csv = *csv;
    return out;
}

Result<KeynessParams> keyness_params_from(const ParamLookup& param) {
    auto slice = slice_of(param);  // `limit` means words per side here
    if (!slice) return tl::unexpected(slice.error());
    KeynessParams out;
    out.request.slice = std::move(*slice);
    out.request.versus = param("versus").value_or("");
    if (out.request.versus.size() > max_query_bytes)
        return fail(ErrorCode::BadParameter, "'versus' is longer than " + std::to_string(max_query_bytes) + " bytes");
    auto limit = count(param, "limit", out.request.limit, max_keyness_words);
    if (!limit) return tl::unexpected(limit.error());
    auto min_count = count(param, "min_count", out.request.min_count, 1000000);
    if (!min_count) return tl::unexpected(min_count.error());
    out.request.limit = *limit;
    out.request.min_count = *min_count;
    auto csv = csv_format(param);
    if (!csv) return tl::unexpected(csv.error());
    out.csv = *csv;
    return out;
}

Result<ConcordanceParams> concordance_params_from(const ParamLookup& param) {
    const auto own_sort = concordance_sort(param);
    auto search = slice_of(param, own_sort.has_value());  // `limit` means lines here
    if (!search) {
        if (search.error().message.rfind("'sort'", 0) == 0)
            return fail(ErrorCode::BadParameter, "'sort' must be left, right, keyword, relevance, date or date-asc");
        return tl::unexpected(search.error());
    }
    ConcordanceParams out;
    out.request.search = std::move(*search);
    out.request.sort = own_sort.value_or(ConcordanceSort::Walk);
    const auto group = param("group").value_or("");
    if (group.empty() || group == concordance_group_name(ConcordanceGroup::None)) out.request.group = ConcordanceGroup::None;
    else if (group == concordance_group_name(ConcordanceGroup::Year)) out.request.group = ConcordanceGroup::Year;
    else if (group == concordance_group_name(ConcordanceGroup::Speaker)) out.request.group = ConcordanceGroup::Speaker;
    else return fail(ErrorCode::BadParameter, "'group' must be year, speaker or none");
    auto context = count(param, "context", out.request.context, max_concordance_context);
    if (!context) return tl::unexpected(context.error());
    auto limit = count(param, "limit", out.request.limit, max_concordance_lines);
    if (!limit) return tl::unexpected(limit.error());
    out.request.context = *context;
    out.request.limit = *limit;
    auto csv = csv_format(param);
    if (!csv) return tl::unexpected(csv.error());
    out.csv = *csv;
    return out;
}

Result<QuoteRequest> quote_params_from(const ParamLookup& param) {
    QuoteRequest out;
    out.quote = param("q").value_or("");
    if (const auto v = param("similarity"); v && !v->empty()) {
        char* end = nullptr;
        const double s = std::strtod(v->c_str(), &end);
        if (end != v->c_str() + v->size() || !(s > 0 && s <= 1))
            return fail(ErrorCode::BadParameter, "'similarity' must be a number above 0 and at most 1");
        out.min_similarity = s;
    }
    return out;
}

Result<TalkingPointsRequest> talking_points_params_from(const ParamLookup& param) {
    auto search = slice_of([&](const std::string& name) -> std::optional<std::string> {
        return name == "q" ? std::nullopt : param(name);
    });
    if (!search) return tl::unexpected(search.error());
    TalkingPointsRequest out;
    out.date_from = search->date_from;
    out.date_to = search->date_to;
    out.lang = search->lang;
    for (std::size_t at = 0; at <= search->source.size() && !search->source.empty();) {
        const std::size_t comma = std::min(search->source.find(',', at), search->source.size());
        if (comma > at) out.sources.push_back(search->source.substr(at, comma - at));
        at = comma + 1;
    }
    auto speakers = count(param, "min_speakers", out.min_speakers, 1000);
    if (!speakers || *speakers < 2) return fail(ErrorCode::BadParameter, "'min_speakers' must be a whole number from 2 to 1000");
    auto limit = count(param, "limit", out.limit, 200);
    if (!limit || *limit < 1) return fail(ErrorCode::BadParameter, "'limit' must be a whole number from 1 to 200");
    out.min_speakers = *speakers;
    out.limit = *limit;
    return out;
}

}  // namespace dragoman
