// A concordance as JSON (GET /api/concordance, dragoman-search --concordance --json) and as
// a CSV table (format=csv, --format csv).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "search/concordance.hpp"

namespace dragoman::render {

/// `{"query", "context", "sort", "group", "matches", "passages", "cut", "timed_out",
/// "took_ms", "groups": [{"group", "lines"}], "lines": [{"passage_id", "permalink",
/// "transcript_id", "date", "speaker", "language", "group", "left", "keyword", "right",
/// "more_left", "more_right", "sort_keys": {"left", "keyword", "right"}}]}`; every
/// transcript string sanitized, contexts on one line; see docs/searchd.md.
nlohmann::json concordance_json(const ConcordanceResponse& concordance);

/// One row per line, in the lines' order:
/// `group,date,speaker,language,left,keyword,right,passage_id,transcript_id`, CRLF lines,
/// every cell through csv_line (the formula guard included).
std::string concordance_csv(const ConcordanceResponse& concordance);

}  // namespace dragoman::render
