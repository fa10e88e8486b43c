// Two versions of a transcript compared by sentence within turns and paragraphs: what was
// inserted, deleted or rewritten (a rewritten sentence down to its words), and which fields
// of the metadata changed. Every script: units come from ICU's sentence and word breaks.
#pragma once

#include <string>
#include <vector>

#include "schema/transcript.hpp"

namespace dragoman {

enum class DiffOp { Same, Inserted, Deleted, Changed };

/// A run of a rewritten sentence's words and the spaces after them: kept, inserted or deleted.
struct DiffWords {
    DiffOp op = DiffOp::Same;  ///< Same, Inserted or Deleted
    std::string text;
};

/// One sentence of either version. `paragraph` counts the turns or paragraphs of the version
/// it is in (the newer one for Same, Inserted and Changed), from 0; `speaker` is its turn's.
struct DiffUnit {
    DiffOp op = DiffOp::Same;
    int paragraph = 0;
    std::string speaker;
    std::string text;                ///< the sentence (the newer one when Changed)
    std::string old_text;            ///< Changed: the sentence it replaced
    std::vector<DiffWords> words;    ///< Changed: the words of both, in order
};

/// A metadata field whose value differs between the versions (lists joined by "; ").
struct FieldChange {
    std::string field;
    std::string from;
    std::string to;
};

struct TranscriptDiff {
    std::vector<FieldChange> fields;
    std::vector<DiffUnit> units;
    int inserted = 0;  ///< sentences only in the newer version (Changed ones not counted)
    int deleted = 0;   ///< sentences only in the older version
    int changed = 0;   ///< sentences rewritten: a deletion paired with the insertion after it
};

/// The sentences of a transcript: each explicit turn or each paragraph ("\n\n"; a
/// "Speaker: ..." line is its own turn) cut by ICU's sentence break rules, whitespace
/// trimmed, empty ones dropped.
std::vector<DiffUnit> diff_units(const Transcript& t);

/// `from` → `to`: a shortest edit script of the sentences (Myers' O(ND) difference, after
/// the common head and tail; above 2,000 differences the rest is one deletion and one
/// insertion), then each run of deleted sentences followed by as many inserted ones
/// paired as rewritten sentences, diffed by words.
TranscriptDiff diff_transcripts(const Transcript& from, const Transcript& to);

/// The name of an operation as JSON writes it: "same", "inserted", "deleted", "changed".
const char* diff_op_name(DiffOp op);

}  // namespace dragoman
