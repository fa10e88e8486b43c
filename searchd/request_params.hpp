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

/// The most bytes of a `drop` value (translations not to add).
inline constexpr std::size_t max_drop_bytes = 4096;

/// `drop`'s value, `LANG:FORM[,LANG:FORM...]` (`ru:санкц,zh:制裁`), as SearchRequest::drop
/// holds it; BadParameter for an item without a language or a form, or a value too long.
Result<std::vector<std::string>> parse_drop(const std::string& value);

/// SearchRequest::drop as `drop`'s value (the inverse of parse_drop).
std::string drop_value(const std::vector<std::string>& drop);

/// Builds a SearchRequest from q, limit, offset, sort, lang, speaker, country, source,
/// from, to, facets, snippets, across (1: also search the words' translations) and drop. Out-of-range numbers and unknown sort orders are
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
