// Turns one passage of a transcript into the Xapian document that indexes it.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "schema/passage.hpp"
#include "schema/transcript.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// What the transcript history (index/transcript_history) knows of a record: how often it
/// has changed since it was first seen (the run that adds it included; a restoration of
/// the same record is no change) and the UTC years of the runs that saw those changes.
struct ChangeMark {
    int changes = 0;
    std::vector<int> years;
};

/// Builds the Xapian document of `passage` (terms, positions, values, data) per the
/// schema. The passage's language is identified here (the record's wins for short
/// passages). `origin` is the source file, kept for incremental runs; `record_hash`
/// the content hash of the whole record; `copy` its copy_key() (computed once a transcript);
/// `mark` its changes, as the `changed:` terms and the data's `changes`.
Xapian::Document build_passage_document(text::Analyzer& analyzer, const Transcript& t,
                                        const Passage& passage, const std::string& origin,
                                        const std::string& record_hash, const std::string& copy,
                                        const ChangeMark& mark = {});

/// A stable content hash of a record (all fields), hex, for incremental runs.
std::string record_hash(const Transcript& t);

/// A stable hash of a record's text alone (its text and turns' texts, not who says them or
/// where), hex: transcripts with one text share it and appear as one result, the others
/// listed as its identical copies. The corpus holds 771 transcripts in 149 such groups
/// (ParlaMint-TR's one-line utterances, up to 90 of one text).
std::string copy_key(const Transcript& t);

}  // namespace dragoman
