// Search parameters from name/value pairs (HTTP query string or CLI flags), validated.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "render/export.hpp"
#include "search/error.hpp"
#include "search/search_types.hpp"

namespace dragoman {

/// Looks a parameter up by name; nullopt when absent.
using ParamLookup = std::function<std::optional<std::string>(const std::string&)>;

/// Builds a SearchRequest from q, limit, offset, sort, lang, speaker, country, source,
/// from, to, facets, snippets. Out-of-range numbers and unknown sort orders are
/// BadParameter errors naming the parameter.
Result<SearchRequest> search_request_from(const ParamLookup& param);

/// The export format named `name` (csv, jsonl, ris, bibtex); BadParameter naming them
/// otherwise.
Result<render::ExportFormat> export_format_from(const std::string& name);

/// The query string for `request` (what dragoman-search --server sends).
std::string to_query_string(const SearchRequest& request);

/// The query string of `request`'s query and the filters it sets (`q=...&lang=...`), and
/// nothing else: what names a search, page and order aside (a feed's and the page's URL).
std::string search_query_string(const SearchRequest& request);

}  // namespace dragoman
