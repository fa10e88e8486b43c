// Turns one passage of a transcript into the Xapian document that indexes it.
#pragma once

#include <string>

#include <xapian.h>

#include "schema/passage.hpp"
#include "schema/transcript.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// Builds the Xapian document of `passage` (terms, positions, values, data) per the
/// schema. The passage's language is identified here (the record's wins for short
/// passages). `origin` is the source file, kept for incremental runs; `record_hash`
/// the content hash of the whole record; `copy` its copy_key() (computed once a transcript).
Xapian::Document build_passage_document(text::Analyzer& analyzer, const Transcript& t,
                                        const Passage& passage, const std::string& origin,
                                        const std::string& record_hash, const std::string& copy);

/// A stable content hash of a record (all fields), hex, for incremental runs.
std::string record_hash(const Transcript& t);

/// A stable hash of a record's text alone (its text and turns' texts, not who says them or
/// where), hex: transcripts with one text share it and appear as one result, the others
/// listed as its identical copies. The corpus holds 771 transcripts in 149 such groups
/// (ParlaMint-TR's one-line utterances, up to 90 of one text).
std::string copy_key(const Transcript& t);

}  // namespace dragoman
