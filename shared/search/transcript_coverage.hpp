// Transcripts that hold a query's words across different passages: the second tier of
// results after transcripts with a passage holding every word.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace dragoman {

/// A transcript and how well its passages, taken together, cover the query's words.
struct CoveredTranscript {
    std::string id;
    std::size_t words = 0;       ///< how many of the query's words occur in some passage
    double weight = 0;           ///< the sum, over those words, of their best passage's weight
    Xapian::docid passage = 0;   ///< one matching passage (it carries the transcript's metadata)
    std::string result_key;      ///< its collapse key (slot_collapse): versions of one event share it
};

/// Ranks the transcripts in which some passage matches each of `words` (every word query
/// ANDed with every one of `filters`): most words covered first, then by weight, then by id
/// for a stable order. Transcripts in `exclude` are left out. Each word looks at its
/// `bound` best transcripts at most, so a very common word cannot make this slow. Where some
/// transcript holds every word, only those are returned (what the caller keeps then), found
/// by matching the other words within the rarest word's transcripts: at ten times the corpus
/// a three-word query over common words took 0.4-0.9 s matching each word whole.
std::vector<CoveredTranscript> rank_by_coverage(const Xapian::Database& db, const std::vector<Xapian::Query>& words,
                                                const std::vector<Xapian::Query>& filters,
                                                const std::unordered_set<std::string>& exclude,
                                                const Xapian::Weight& weighting, Xapian::doccount bound = 5000);

}  // namespace dragoman
