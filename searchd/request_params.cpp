// Parameter parsing shared by the daemon and the command-line client.
#include "request_params.hpp"

#include <charconv>
#include <string_view>
#include <utility>

#include "schema/schema.hpp"

#include "render/escape.hpp"

namespace dragoman {

namespace {

Result<std::size_t> number(const ParamLookup& param, const std::string& name, std::size_t fallback, std::size_t max) {
    const auto v = param(name);
    if (!v || v->empty()) return fallback;
    std::size_t out = 0;
    const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || ptr != v->data() + v->size())
        return fail(ErrorCode::BadParameter, "'" + name + "' must be a whole number, got '" + v->substr(0, 40) + "'");
    if (out > max)
        return fail(ErrorCode::BadParameter, "'" + name + "' must be at most " + std::to_string(max));
    return out;
}

}  // namespace

Result<std::vector<std::string>> parse_drop(const std::string& value) {
    std::vector<std::string> out;
    if (value.size() > max_drop_bytes)
        return fail(ErrorCode::BadParameter, "'drop' is longer than " + std::to_string(max_drop_bytes) + " bytes");
    std::size_t start = 0;
    while (start < value.size()) {
        auto comma = value.find(',', start);
        if (comma == std::string::npos) comma = value.size();
        const auto one = value.substr(start, comma - start);
        const auto colon = one.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == one.size())
            return fail(ErrorCode::BadParameter, "'drop' takes LANG:WORD[,LANG:WORD...], got '" + one.substr(0, 40) + "'");
        out.push_back(one);
        start = comma + 1;
    }
    return out;
}

std::string drop_value(const std::vector<std::string>& drop) {
    std::string out;
    for (const auto& d : drop) out.append(out.empty() ? "" : ",").append(d);
    return out;
}

Result<SearchRequest> search_request_from(const ParamLookup& param) {
    SearchRequest r;
    r.query = param("q").value_or("");
    if (r.query.size() > max_query_bytes)
        return fail(ErrorCode::BadParameter, "'q' is longer than " + std::to_string(max_query_bytes) + " bytes");
    auto limit = number(param, "limit", 10, max_limit);
    if (!limit) return tl::unexpected(limit.error());
    auto offset = number(param, "offset", 0, max_offset);
    if (!offset) return tl::unexpected(offset.error());
    r.limit = *limit;
    r.offset = *offset;
    const auto sort = param("sort").value_or("relevance");
    if (sort == "relevance" || sort.empty()) r.sort = SortOrder::Relevance;
    else if (sort == "date") r.sort = SortOrder::Date;
    else if (sort == "date-asc") r.sort = SortOrder::DateAscending;
    else return fail(ErrorCode::BadParameter, "'sort' must be relevance, date or date-asc");
    namespace q = schema::query_field;
    r.lang = param(std::string(q::lang)).value_or("");
    r.speaker = param(std::string(q::speaker)).value_or("");
    r.country = param(std::string(q::country)).value_or("");
    r.source = param(std::string(q::source)).value_or("");
    r.date_from = param("from").value_or("");
    r.date_to = param("to").value_or("");
    for (const auto* d : {&r.date_from, &r.date_to}) {
        if (d->empty()) continue;
        const bool ok = (d->size() == 4 || d->size() == 7 || d->size() == 10) &&
                        d->find_first_not_of("0123456789-") == std::string::npos;
        if (!ok) return fail(ErrorCode::BadParameter, "'from' and 'to' take YYYY, YYYY-MM or YYYY-MM-DD");
    }
    r.facets = param("facets").value_or("1") != "0";
    r.snippets = param("snippets").value_or("1") != "0";
    r.across = param("across").value_or("0") == "1";
    if (auto dropped = parse_drop(param("drop").value_or(""))) {
        r.drop = std::move(*dropped);
    } else {
        return tl::unexpected(dropped.error());
    }
    for (const auto& [name, value] : {std::pair{q::lang, &r.lang}, std::pair{q::speaker, &r.speaker},
                                      std::pair{q::country, &r.country}, std::pair{q::source, &r.source}})
        if (value->size() > 200)
            return fail(ErrorCode::BadParameter, "the filter '" + std::string(name) + "' is longer than 200 bytes");
    return r;
}

Result<render::ExportFormat> export_format_from(const std::string& name) {
    if (const auto format = render::export_format(name)) return *format;
    return fail(ErrorCode::BadParameter, "'format' must be csv, jsonl, ris or bibtex");
}

std::string search_query_string(const SearchRequest& r) {
    std::string qs = "q=" + render::percent_encode(r.query);
    for (const auto& [name, value] : request_filters(r))
        qs.append("&").append(name).append("=").append(render::percent_encode(value));
    if (r.across) qs += "&across=1";
    if (!r.drop.empty()) qs.append("&drop=").append(render::percent_encode(drop_value(r.drop)));
    return qs;
}

std::string to_query_string(const SearchRequest& r) {
    std::string qs = search_query_string(r) + "&limit=" + std::to_string(r.limit) + "&offset=" + std::to_string(r.offset);
    qs.append("&sort=").append(sort_order_name(r.sort));
    // Both default to on: only their absence has to be sent.
    if (!r.facets) qs += "&facets=0";
    if (!r.snippets) qs += "&snippets=0";
    return qs;
}

}  // namespace dragoman
