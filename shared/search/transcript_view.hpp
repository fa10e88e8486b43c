// Reading one transcript or one passage back from the index by id: the transcript page
// (every passage, the query's matches marked) and a passage's permalink (for citing).
#pragma once

#include <xapian.h>

#include <string>

#include "search/citation.hpp"
#include "search/error.hpp"
#include "search/search_types.hpp"
#include "search/snippet.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// The whole transcript `id` in passage order, its versions listed, each passage's words
/// that match one of `marked` marked (the one term derivation: search/snippet). Errors:
/// NotFound. Throws DamagedDocument and what Xapian throws.
Result<TranscriptView> read_transcript(const Xapian::Database& db, text::Analyzer& analyzer, const std::string& id,
                                       const TermSet& marked);

/// The passage with stable id `passage_id`. Errors: NotFound. Throws as read_transcript().
Result<CitedPassage> read_passage(const Xapian::Database& db, const std::string& passage_id);

}  // namespace dragoman
