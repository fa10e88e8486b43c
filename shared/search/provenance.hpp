// Quote provenance and talking points: every passage that says a quote, exactly or nearly,
// ordered by date with its first use marked; and the sentences said by the most distinct
// speakers in a period. Found from the fingerprint and sentence terms the indexer writes
// (schema/quote_fingerprint), never by scanning the passages' text.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "schema/passage_data.hpp"
#include "search/error.hpp"
#include "search/speaker_directory.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// Longest quote looked up: a passage holds at most 8 KB, and a quote longer than any passage
/// is said by none.
inline constexpr std::size_t max_quote_bytes = 8192;

/// Passages verified for one quote at most, those sharing the most fingerprints first: a
/// quote said more often is cut here and the answer says `cut`.
inline constexpr std::size_t max_quote_candidates = 500;

/// A fingerprint held by more passages than this is not looked up: a shingle that common is
/// a formula ("the general assembly of the"), not evidence, and reading its postings would
/// cost more than the rest of the lookup.
inline constexpr Xapian::doccount max_fingerprint_passages = 5000;

/// The least share of a quote's word pairs a passage must hold to say it. At 0.5,
/// bench/provenance measures precision 0.63 and recall 0.97 on the real corpus; other
/// thresholds are not compared yet, and a short quote (a few word pairs) is "said" by a
/// passage holding half of them (docs/evaluation.md).
inline constexpr double default_quote_similarity = 0.5;

struct QuoteRequest {
    std::string quote;  ///< a sentence or a paragraph, any script
    double min_similarity = default_quote_similarity;  ///< in (0, 1]
    std::chrono::milliseconds time_budget{5000};
};

/// One passage that says the quote.
struct QuoteMatch {
    PassageData passage;       ///< its document data (speaker, source, language, date, text, ...)
    std::string date_key;      ///< the date as sorted (schema date_sort_key), "" when undated
    double similarity = 0;     ///< the share of the quote's word pairs (folded) the passage holds
    std::uint32_t span_begin = 0;  ///< the bytes of passage.text that say it: the densest run
    std::uint32_t span_end = 0;    ///< of the quote's word pairs
    bool first_use = false;    ///< the earliest dated match
};

struct QuoteResponse {
    std::string quote;
    std::size_t words = 0;        ///< the quote's words as analysed
    /// By date, oldest first (a date known to the year before that year's days), undated
    /// last; ties by similarity, then passage id.
    std::vector<QuoteMatch> matches;
    std::size_t candidates = 0;   ///< passages sharing a fingerprint that were verified
    bool cut = false;             ///< more than max_quote_candidates passages shared a fingerprint
    bool timed_out = false;       ///< the time budget ended the verification: candidates were left out
    double took_ms = 0;
};

/// The passages of `db` that say `request.quote`. Errors: BadParameter (empty, longer than
/// max_quote_bytes, not UTF-8, similarity out of range), BadQuery (fewer words than a
/// shingle). Throws what Xapian throws (Searcher's callers turn it into an Error).
Result<QuoteResponse> find_quote(const Xapian::Database& db, text::Analyzer& analyzer, const QuoteRequest& request);

/// How similar a passage is to a quote, from their analysed words (folded forms): the share
/// of the quote's distinct word pairs the passage holds, and the passage's bytes that hold
/// the densest run of them (span_begin == span_end when it holds none).
struct QuoteSimilarity {
    double similarity = 0;
    std::uint32_t span_begin = 0;
    std::uint32_t span_end = 0;
};
QuoteSimilarity quote_similarity(const std::vector<text::Token>& quote, const std::vector<text::Token>& passage);

/// Most sentence terms read for one list of talking points: the corpus holds about a
/// million; a larger index is cut here and the answer says `cut`.
inline constexpr std::size_t max_talking_point_terms = 5'000'000;

/// Passages of one sentence read at most (a formula said in thousands of passages is counted
/// from its first ones).
inline constexpr Xapian::doccount max_talking_point_passages = 2000;

struct TalkingPointsRequest {
    std::string date_from, date_to;    ///< YYYY[-MM[-DD]] bounds, inclusive; "" unbounded
    std::vector<std::string> sources;  ///< source keys (any case); empty: every source
    std::string lang;                  ///< passage language; "" any
    std::size_t min_speakers = 3;      ///< at least 2
    std::size_t limit = 20;            ///< at most 200
    std::chrono::milliseconds time_budget{5000};
};

/// One sentence said by several speakers.
struct TalkingPoint {
    std::string sentence;            ///< as first said (the first use's bytes)
    std::size_t speakers = 0;        ///< distinct persons (speaker_directory) among its passages in the period
    std::size_t passages = 0;        ///< its passages in the period
    std::vector<std::string> names;  ///< the persons' names, most passages first (at most 10)
    QuoteMatch first_use;            ///< the earliest passage saying it, in the period or before (the span is the sentence)
};

struct TalkingPointsResponse {
    std::vector<TalkingPoint> points;  ///< most distinct speakers first, then most passages
    std::size_t sentences = 0;         ///< sentence terms read
    bool cut = false;                  ///< max_talking_point_terms reached
    bool timed_out = false;            ///< the time budget ended the walk of sentence terms
    double took_ms = 0;
};

/// The sentences of `db` said in the request's period, sources and language by the most
/// distinct speakers (persons of `persons`; a label it does not know counts as itself,
/// passages without a speaker not at all), at least `min_speakers`. Errors: BadParameter (a
/// bound not a date, min_speakers or limit out of range).
Result<TalkingPointsResponse> find_talking_points(const Xapian::Database& db, text::Analyzer& analyzer,
                                                  const SpeakerDirectory& persons,
                                                  const TalkingPointsRequest& request);

}  // namespace dragoman
