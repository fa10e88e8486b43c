// The one JSON result schema, shared by `dragoman-search --json` and the HTTP API.
#pragma once

#include <nlohmann/json.hpp>

#include "search/error.hpp"
#include "search/search_types.hpp"

namespace dragoman::render {

/// The search response object of DESIGN.md's Interfaces (snippet `html` uses <mark>).
nlohmann::json search_json(const SearchResponse& response);

/// A whole transcript for GET /api/doc/{id}.
nlohmann::json transcript_json(const TranscriptView& view);

/// `{"error": {"code": "...", "message": "..."}}`.
nlohmann::json error_json(const Error& error);

/// The HTTP status for an error code.
int http_status(ErrorCode code);

/// The CLI exit code for an error code (2 for usage and syntax, 2 for fatal).
int exit_code(ErrorCode code);

/// A snippet as HTML: escaped text, matches in <mark>, "…" where text was cut.
std::string snippet_html(const SnippetText& snippet);

/// A snippet as plain text, matches unmarked.
std::string snippet_text(const SnippetText& snippet);

}  // namespace dragoman::render
