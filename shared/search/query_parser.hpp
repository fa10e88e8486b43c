// Parses Dragoman's query language: words, "phrases", AND OR NOT -x +x, brackets, NEAR/n,
// prefix*, field:value, and date ranges 2019..2021 / date:2020-05-01..2020-05-31.
#pragma once

#include <string_view>

#include "search/error.hpp"
#include "search/query_ast.hpp"

namespace dragoman {

/// Field names the parser recognises before a colon; anything else with a colon is
/// an ordinary word ("10:30", "http://...").
bool is_query_field(std::string_view name);

/// Parses `query`. Implicit AND between terms. Unbalanced brackets and a field or
/// operator with nothing after it are BadQuery errors naming the problem and its
/// character position; an unclosed quote runs to the end of the query. An empty
/// query is a BadQuery error. Returns a tree whose leaves are unanalysed text.
Result<QueryTree> parse_query(std::string_view query);

}  // namespace dragoman
