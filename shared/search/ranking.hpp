// How a passage is weighed: one weighting for every ranked match of a search.
#pragma once

#include <xapian.h>

namespace dragoman {

/// BM25 over passages, k1 = 0.5: a word's presence counts more than its repetitions. A
/// translated query (`across`) sums its translations' occurrences in one synonym group, and
/// a passage that repeats the commonest translations outranked the passage that holds
/// more of the words. Cross-lingual known-item MRR@10 over 4,130 queries: 0.628 with
/// k1 1.2, 0.654 with 0.5 (0.651 with 0.6, 0.655 with 0.3; on the 87 documents a pair
/// past the first 60, 0.605 → 0.639, and 0.639 to 0.645 from 0.5 down to 0.3). Monolingual search is unchanged within
/// noise (rare 0.930 → 0.931, mid 0.803 → 0.805, judged P@5 0.706 → 0.710), as k1 from 0.8
/// to 1.6 and b from 0.5 to 0.9 were before (±0.005). b = 0.75 slightly favours the short
/// answer passages of press conferences over long monologue passages (across: b 0.5
/// 0.644, 0.9 0.656).
inline Xapian::BM25Weight passage_weight() { return Xapian::BM25Weight(0.5, 0, 1, 0.75, 0.5); }

}  // namespace dragoman
