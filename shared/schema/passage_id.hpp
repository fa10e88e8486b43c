// Stable passage ids (permalinks): derived from the transcript id and the passage's own
// text, so they survive full rebuilds, incremental runs and edits elsewhere in the record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/passage.hpp"
#include "schema/transcript.hpp"

namespace dragoman {

/// Passage text in the form its id is derived from: NFKC, every run of white space
/// (including paragraph breaks) one space, no leading or trailing space. Changes that
/// only reflow or re-encode the text (NFD vs NFC, CRLF, double spaces) keep the id.
std::string passage_id_text(std::string_view text);

/// The first 10 hex digits of FNV-1a 64 of passage_id_text(text): the content part of
/// a passage id.
std::string passage_content_key(std::string_view text);

/// Fills `Passage::id` of every passage of transcript `transcript_id`:
/// `<transcript id>~<content key>`, and for the second, third, ... passage of the same
/// transcript with the same content key `<transcript id>~<content key>.2`, `.3`, ...
/// (counted in transcript order). Never from Xapian document numbers or passage numbers,
/// so inserting a passage before another leaves the other's id as it was.
void assign_passage_ids(std::string_view transcript_id, std::vector<Passage>& passages);

/// Longest passage id looked up: the longest transcript id, `~`, the content key and a
/// `.N` counter, with room to spare.
inline constexpr std::size_t max_passage_id_bytes = max_id_bytes + 32;

}  // namespace dragoman
