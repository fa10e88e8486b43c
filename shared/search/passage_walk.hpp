// Every matching passage of a search, one by one: what a feed and an export list, where a
// search lists transcripts with a few snippets each.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "search/citation.hpp"
#include "search/error.hpp"
#include "search/search_types.hpp"
#include "search/snippet.hpp"
#include "search/time_budget.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// The most passages one walk delivers, whatever the caller asks: an export of a whole
/// result set stops here and says it was cut.
inline constexpr std::size_t max_walk_passages = 10000;

/// Passages whose document data are read between two looks at the time budget.
inline constexpr std::size_t walk_batch = 250;

/// A walk over the passages matching a search. `search` carries the query, the filters and
/// the order (relevance, newest first or oldest first) exactly as /api/search reads them,
/// and the time budget; its limit, offset, facets and snippets are ignored.
struct PassageWalkRequest {
    SearchRequest search;
    std::size_t max_passages = max_walk_passages;  ///< at most max_walk_passages
    bool snippets = false;  ///< give each passage a snippet with the query's words marked
    /// Only passages of these transcripts (by id); empty: of every transcript.
    std::vector<std::string> transcripts;
    /// Give each passage its words, the query's marked (mark_passage); a query without
    /// words to mark (filters only) is then BadQuery.
    bool marks = false;
};

/// What a walk knows before its first passage.
struct PassageWalkStart {
    std::string generation;  ///< the index generation walked (Searcher::stats()'s label)
    std::size_t matches = 0; ///< passages matching: exact when not `cut`, else Xapian's estimate
    bool cut = false;        ///< more passages match than the walk will deliver
};

/// One matching passage.
struct WalkedPassage {
    CitedPassage passage;  ///< its document data, strings as stored
    SnippetText snippet;   ///< its words marked around the matches (only when asked for)
    MarkedWords words;     ///< every word of its text, the query's marked (only when asked for)
};

/// How a walk ended.
struct PassageWalkEnd {
    std::size_t passages = 0;   ///< passages delivered
    bool cut = false;           ///< stopped at max_passages while more matched
    bool timed_out = false;     ///< the time budget ran out before the last passage
    bool stopped = false;       ///< the visitor asked to stop (a client went away)
};

/// The visitor of a walk: `start` once, then `passage` for each passage in order; either
/// returning false ends the walk (`stopped`).
struct PassageVisitor {
    std::function<bool(const PassageWalkStart&)> start;
    std::function<bool(const WalkedPassage&)> passage;
};

/// Walks the passages of `mset` (one ranked match, at most max_passages) in its order,
/// reading their data in batches of walk_batch and looking at `budget` before each batch;
/// `terms` are the words marked when `request` asks for snippets or marks (its search and
/// bound are not read here). Throws DamagedDocument and what Xapian throws;
/// Searcher::walk_passages turns them into errors.
PassageWalkEnd visit_passages(const Xapian::MSet& mset, text::Analyzer& analyzer, const TermSet& terms,
                              const PassageWalkRequest& request, PassageVisitor& visitor, TimeBudget& budget);

}  // namespace dragoman
