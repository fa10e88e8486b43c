// Searching an index: one Searcher per thread, reopened when a new generation is live.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "search/citation.hpp"
#include "search/concordance.hpp"
#include "search/error.hpp"
#include "search/passage_walk.hpp"
#include "search/search_types.hpp"
#include "search/keyness.hpp"
#include "search/provenance.hpp"
#include "search/trend.hpp"

namespace dragoman {

/// Where to search: DBROOTs (their live generation) or remote shards (`tcp://host:port`).
struct IndexLocation {
    std::vector<std::string> roots;
    /// Remote shards are reconnected when their connection is older than this: a
    /// connection keeps the generation xapian-tcpsrv opened for it, and only a new one
    /// sees a generation published since on the shard's host.
    std::chrono::seconds remote_reconnect{30};
};

/// Searches the databases of an IndexLocation as one. Not thread-safe: each thread
/// owns its Searcher. Every call first picks up a newly published generation or an
/// incremental commit (cheaply: one readlink and Xapian's reopen).
class Searcher {
public:
    explicit Searcher(IndexLocation location);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs `request`. Errors: BadQuery, BadParameter, Unavailable (nothing published),
    /// Internal. A request that runs out of `request.time_budget` is no error: it answers
    /// with the tiers and passes that ran, `timed_out` set.
    Result<SearchResponse> search(const SearchRequest& request);

    /// Matching passages per period, speaker and country for `request.search`'s query
    /// and filters (see search/trend.hpp). Errors as for search().
    Result<TrendResponse> trend(const TrendRequest& request);

    /// The words that distinguish `request.slice` from `request.versus`, or from the rest of
    /// the index (search/keyness.hpp), counted under `request.slice.time_budget`. Errors as
    /// for search().
    Result<KeynessResponse> keyness(const KeynessRequest& request);

    /// Whether `request` would run: its query and filters make a plan over the live index.
    /// Errors as search(); runs no match, so that a caller can answer an error before it
    /// starts to stream a walk's passages.
    Result<void> check(const SearchRequest& request);

    /// Every passage matching `request.search`'s query and filters, in the request's order
    /// (relevance, or by date), at most `request.max_passages` (and never more than
    /// max_walk_passages): `visitor.start` once, then `visitor.passage` for each. A passage
    /// matches for what it says (free words match its text, not its transcript's title or
    /// its speaker's name; fields and filters as in search()), as a trend counts it;
    /// passages are not collapsed per transcript, and `-word` leaves out whole transcripts
    /// as in search(). Errors as search(), and Unavailable when the index changes under a
    /// walk already begun (going on could give a passage twice or leave one out). A walk
    /// that runs out of `request.search.time_budget` is no error: it ends `timed_out`.
    Result<PassageWalkEnd> walk_passages(const PassageWalkRequest& request, PassageVisitor& visitor);

    /// The `n` newest passages matching `request`'s query and filters (its order ignored;
    /// at most max_walk_passages), newest first, with snippets: a feed's entries. Errors
    /// as walk_passages().
    Result<std::vector<WalkedPassage>> newest_passages(const SearchRequest& request, std::size_t n);

    /// Every occurrence of `request.search`'s words in the passages walk_passages() gives
    /// for it (at most max_walk_passages), with its context, grouped and sorted (see
    /// search/concordance.hpp), at most `request.limit` lines. Errors as walk_passages(),
    /// BadQuery for a query without words to mark (filters only). A concordance cut by its
    /// time budget is no error: it lists the passages read and says `timed_out`.
    Result<ConcordanceResponse> concordance(const ConcordanceRequest& request);

    /// Every passage that says `request.quote`, exactly or nearly, oldest first with the
    /// first use marked (search/provenance.hpp). Errors as find_quote(), and Unavailable,
    /// Internal as search().
    Result<QuoteResponse> quote(const QuoteRequest& request);

    /// The sentences said by the most distinct persons in a period and sources, each with
    /// its first use (search/provenance.hpp). Errors as find_talking_points(), and
    /// Unavailable, Internal as search().
    Result<TalkingPointsResponse> talking_points(const TalkingPointsRequest& request);

    /// The whole transcript `id`, with the matches of `query` (may be empty) marked.
    Result<TranscriptView> transcript(const std::string& id, const std::string& query);

    /// The passage with stable id `passage_id` (its permalink), for citing. Errors:
    /// BadParameter (empty, longer than max_passage_id_bytes or not UTF-8), NotFound.
    Result<CitedPassage> passage(const std::string& passage_id);

    /// Document (passage) and transcript counts, and a generation label, for /metrics.
    struct Stats {
        std::size_t passages = 0;
        std::size_t transcripts = 0;
        std::string generation;
    };
    Result<Stats> stats();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dragoman
