// A transcript's history and the diff of two of its versions as JSON (GET /api/history/{id},
// GET /api/diff/{id}, dragoman-search --history/--diff --json) and as plain text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "search/history_view.hpp"

namespace dragoman::render {

/// `{"id", "changes", "first_seen", "last_seen", "withdrawn", "versions": [{"version",
/// "hash", "first_seen", "last_seen", "withdrawn", "restored", "changed_alone"}]}`:
/// `changes` counts the versions that changed the record; `withdrawn` (top level) is the
/// time the current version was withdrawn, or null while it is still published.
nlohmann::json history_json(const TranscriptHistory& history);

/// `{"id", "from": {version}, "to": {version}, "inserted", "deleted", "changed",
/// "fields": [{"field", "from", "to"}], "units": [{"op", "paragraph", "speaker", "text",
/// "old_text" (changed), "words": [{"op", "text"}] (changed)}]}`; every string sanitized.
nlohmann::json diff_json(const VersionDiff& diff);

/// The history as lines for a terminal or a pipe: one line per version.
std::string history_text(const nlohmann::json& history);

/// The diff as lines: "+ " inserted, "- " deleted, "~ " rewritten with [-deleted-] and
/// {+inserted+} words, "  " kept; a field's change as "field: from → to".
std::string diff_text(const nlohmann::json& diff);

}  // namespace dragoman::render
