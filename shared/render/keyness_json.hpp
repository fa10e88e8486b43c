// The keyness response as JSON (GET /api/keyness), as a CSV table (format=csv) and as the
// plain-text table dragoman-search prints.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "search/keyness.hpp"

namespace dragoman::render {

/// `{"slice": {...}, "versus": {...}, "sampled", "timed_out", "took_ms",
/// "slice_words": [...], "versus_words": [...]}`; see docs/searchd.md.
nlohmann::json keyness_json(const KeynessResponse& keyness);

/// One row per listed word, the slice's first:
/// `side,word,count,other_count,per_million,other_per_million,log_likelihood,log_ratio`, CRLF lines.
std::string keyness_csv(const KeynessResponse& keyness);

/// The JSON of keyness_json() (from a local index or a daemon) as two plain-text tables,
/// the slice's words and then the other's: word, count, the other side's count, G²;
/// every transcript word sanitized for a terminal.
std::string keyness_table(const nlohmann::json& keyness);

}  // namespace dragoman::render
