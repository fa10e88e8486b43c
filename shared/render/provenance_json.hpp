// A quote's provenance and a list of talking points as JSON (GET /api/quote,
// /api/talking-points, dragoman-search --quote/--talking-points --json) and as plain text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "search/provenance.hpp"

namespace dragoman::render {

/// `{"quote", "words", "candidates", "cut", "timed_out", "took_ms", "first_use": index or
/// null, "matches": [{"passage_id", "permalink", "transcript_id", "title", "date",
/// "speaker", "source", "country", "language", "url", "similarity", "first_use", "before",
/// "match", "after"}]}`: `before` + `match` + `after` is the passage's text, `match` the
/// span that says the quote; every transcript string sanitized; see docs/searchd.md.
nlohmann::json quote_json(const QuoteResponse& response);

/// `{"sentences", "cut", "timed_out", "took_ms", "points": [{"sentence", "speakers",
/// "passages", "names", "first_use": a match as in quote_json}]}`.
nlohmann::json talking_points_json(const TalkingPointsResponse& response);

/// quote_json's answer as lines for a terminal or a pipe: one per match, oldest first, the
/// first use marked `first`, its date, speaker, source, language and permalink, then the
/// span that says it, indented; every field on one line.
std::string quote_table(const nlohmann::json& quote);

/// talking_points_json's answer as lines: distinct speakers, passages, the sentence, then
/// the first use's date, speaker and permalink, indented.
std::string talking_points_table(const nlohmann::json& points);

}  // namespace dragoman::render
