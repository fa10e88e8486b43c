// Keyness: the words that most distinguish one slice of the index (a speaker, a country, a
// period, any query with its filters) from another or from the rest, by Dunning's
// log-likelihood (G²) over the words the indexer counted: each passage's folded word terms
// and their within-passage frequencies, read from its termlist, never from its text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/search_types.hpp"
#include "search/time_budget.hpp"

namespace dragoman {

/// Words listed per side at most, whatever the caller asks.
inline constexpr std::size_t max_keyness_words = 100;

/// Passages whose words are counted per slice at most; a larger slice is sampled (every
/// k-th matching passage in index order, k the slice's size over this bound). A speaker's
/// 578 passages against 16,370 of the rest of the real corpus took 0.53 s in all (2 cores
/// AMD EPYC), so two full samples stay well within a request's 5 s.
inline constexpr Xapian::doccount keyness_sample_bound = 20000;

/// G² of 15.13 is p < 0.0001 with one degree of freedom: a word below it is not listed.
inline constexpr double keyness_min_log_likelihood = 15.13;

/// One keyness comparison. `slice` carries the query and filters exactly as /api/search
/// reads them (a filter alone is a slice: `speaker:Zakharova 2022..2022`); `versus` is the
/// other slice as a query ("" = the rest of the index: every passage not in `slice`, in
/// `slice`'s language when it restricts to one and that leaves any).
struct KeynessRequest {
    SearchRequest slice;
    std::string versus;
    std::size_t limit = 30;     ///< words listed per side (at most max_keyness_words)
    std::size_t min_count = 5;  ///< a word said fewer times in the slice it marks is not listed
};

/// A word that one slice uses more than the other.
struct KeyWord {
    std::string word;              ///< its folded form, as indexed
    std::uint64_t count = 0;       ///< occurrences in the slice it marks
    std::uint64_t other_count = 0; ///< occurrences in the other slice
    double per_million = 0;        ///< per million words of the slice it marks
    double other_per_million = 0;
    double log_likelihood = 0;     ///< Dunning's G² (two cells, one degree of freedom)
    double log_ratio = 0;          ///< log2 of the relative frequencies' ratio (0.5 for a zero count)
};

/// What was counted of one slice.
struct KeynessSlice {
    std::string query;           ///< the slice as a query ("" for the rest)
    std::size_t passages = 0;    ///< matching passages (Xapian's estimate above the sample bound)
    std::size_t counted = 0;     ///< passages whose words were counted
    std::uint64_t words = 0;     ///< word occurrences counted
};

struct KeynessResponse {
    KeynessSlice slice, versus;
    std::vector<KeyWord> slice_words;   ///< over-used in `slice`, highest G² first
    std::vector<KeyWord> versus_words;  ///< over-used in `versus`, highest G² first
    bool sampled = false;    ///< a slice had more passages than keyness_sample_bound
    bool timed_out = false;  ///< the time budget ended the counting: the counts are of fewer passages
    double took_ms = 0;
};

/// The words of one slice: occurrences per folded word, and their sum.
struct WordCounts {
    std::unordered_map<std::string, std::uint64_t> counts;
    std::uint64_t total = 0;
    std::size_t passages = 0;  ///< matching passages (estimate when sampled)
    std::size_t counted = 0;
    bool sampled = false;
};

/// Counts the folded word terms (the unprefixed ones of schema::is_word_term: every word
/// the indexer saw, once per occurrence) of the passages matching `query`, every k-th when
/// there are more than `bound` (with `use_decider` false, as over remote shards where no
/// decider runs, the first `bound`). Stops when `budget` expires.
WordCounts count_slice_words(const Xapian::Database& db, const Xapian::Query& query, bool use_decider,
                             Xapian::doccount bound, TimeBudget& budget);

/// Dunning's G² of a word said `a` times in `total_a` words and `b` times in `total_b`.
double log_likelihood(std::uint64_t a, std::uint64_t total_a, std::uint64_t b, std::uint64_t total_b);

/// The words of `a` against `b`: those over-used in each (G² at least
/// keyness_min_log_likelihood, at least `min_count` occurrences on their side), highest G²
/// first, `limit` per side; ties by word, so that the answer is deterministic. Words of
/// digits only, of one ASCII character, and stopwords of any language (text::is_stopword) are counted in the totals
/// but never listed: dates and function words would head every comparison of periods or
/// of languages.
void rank_key_words(const WordCounts& a, const WordCounts& b, std::size_t limit, std::size_t min_count,
                    KeynessResponse& out);

}  // namespace dragoman
