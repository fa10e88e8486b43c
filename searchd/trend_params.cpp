// Parsing of /api/trend's parameters on top of the search parameters.
#include "trend_params.hpp"

#include <charconv>

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

}  // namespace

Result<TrendParams> trend_params_from(const ParamLookup& param) {
    // `limit` means series here, not results: the search's own reading must not reject it.
    auto search = search_request_from([&](const std::string& name) -> std::optional<std::string> {
        if (name == "limit" || name == "offset") return std::nullopt;
        return param(name);
    });
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
    const auto format = param("format").value_or("json");
    if (format == "csv") out.csv = true;
    else if (format != "json" && !format.empty()) return fail(ErrorCode::BadParameter, "'format' must be json or csv");
    return out;
}

}  // namespace dragoman
