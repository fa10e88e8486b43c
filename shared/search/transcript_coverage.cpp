// Ranks transcripts by how many of the query's words their passages hold between them.
#include "search/transcript_coverage.hpp"

#include <algorithm>
#include <unordered_map>

#include "schema/schema.hpp"

namespace dragoman {

namespace {

/// How many transcripts the rarest word may name for the others to be looked for in those
/// alone (an OR of their id terms as a filter); above it every word is matched whole.
constexpr Xapian::doccount narrowing_limit = 1000;

using Coverage = std::unordered_map<std::string, CoveredTranscript>;

/// Adds to `by_id` the transcripts whose passages match `word` (with `filters`), each with
/// its best passage's weight: up to `bound` of them, best first, those in `exclude` left
/// out. Returns how many the match listed, the excluded ones included.
Xapian::doccount cover(const Xapian::Database& db, const Xapian::Query& word, const std::vector<Xapian::Query>& filters,
           const std::unordered_set<std::string>& exclude, const Xapian::Weight& weighting, Xapian::doccount bound,
           Coverage& by_id) {
    std::vector<Xapian::Query> parts{word};
    parts.insert(parts.end(), filters.begin(), filters.end());
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
    enquire.set_weighting_scheme(weighting);
    enquire.set_collapse_key(schema::slot_transcript);
    // Ties in weight are broken by the result key, which makes it each match's sort key:
    // read from the match itself rather than a document fetch per transcript (a round trip
    // each, with remote shards).
    enquire.set_sort_by_relevance_then_value(schema::slot_collapse, false);
    const Xapian::MSet m = enquire.get_mset(0, bound);
    for (auto it = m.begin(); it != m.end(); ++it) {
        std::string id = it.get_collapse_key();
        if (exclude.count(id)) continue;
        auto& c = by_id[id];
        if (c.id.empty()) c.id = std::move(id);
        ++c.words;
        if (c.passage == 0) {
            c.passage = *it;
            c.result_key = it.get_sort_key();
        }
        c.weight += it.get_weight();
    }
    return m.size();
}

/// The matching passages Xapian estimates for `word` with `filters`, without running a match.
Xapian::doccount estimate(const Xapian::Database& db, const Xapian::Query& word, const std::vector<Xapian::Query>& filters) {
    std::vector<Xapian::Query> parts{word};
    parts.insert(parts.end(), filters.begin(), filters.end());
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
    return enquire.get_mset(0, 0).get_matches_estimated();
}

/// The transcripts that hold every word, found from the rarest word's transcripts (the
/// others matched only within those): empty when none does, or when the rarest word is in
/// more than narrowing_limit transcripts. A transcript holding every word is in the rarest
/// word's, so where some transcript holds them all this finds them all, with the weights a
/// match of each whole word gives (a filter adds no weight).
Coverage complete_coverage(const Xapian::Database& db, const std::vector<Xapian::Query>& words,
                           const std::vector<Xapian::Query>& filters, const std::unordered_set<std::string>& exclude,
                           const Xapian::Weight& weighting, Xapian::doccount bound) {
    std::size_t rarest = 0;
    Xapian::doccount fewest = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto n = estimate(db, words[i], filters);
        if (i == 0 || n < fewest) {
            rarest = i;
            fewest = n;
        }
    }
    Coverage by_id;
    // Counted before `exclude`: with tier 1's transcripts left out, a bounded match could
    // otherwise look like the whole of the rarest word's transcripts.
    const auto listed = cover(db, words[rarest], filters, exclude, weighting, std::min(bound, narrowing_limit + 1), by_id);
    if (by_id.empty() || listed > narrowing_limit) return {};
    std::vector<Xapian::Query> ids;
    ids.reserve(by_id.size());
    for (const auto& [id, c] : by_id) ids.emplace_back(schema::transcript_term(id));
    auto within = filters;
    within.emplace_back(Xapian::Query::OP_OR, ids.begin(), ids.end());
    for (std::size_t i = 0; i < words.size(); ++i)
        if (i != rarest) cover(db, words[i], within, exclude, weighting, bound, by_id);
    Coverage complete;
    for (auto& [id, c] : by_id)
        if (c.words == words.size()) complete.emplace(id, std::move(c));
    return complete;
}

}  // namespace

std::vector<CoveredTranscript> rank_by_coverage(const Xapian::Database& db, const std::vector<Xapian::Query>& words,
                                                const std::vector<Xapian::Query>& filters,
                                                const std::unordered_set<std::string>& exclude,
                                                const Xapian::Weight& weighting, Xapian::doccount bound) {
    Coverage by_id = words.size() >= 2 ? complete_coverage(db, words, filters, exclude, weighting, bound) : Coverage();
    if (by_id.empty())
        for (const auto& word : words) cover(db, word, filters, exclude, weighting, bound, by_id);
    std::vector<CoveredTranscript> out;
    out.reserve(by_id.size());
    for (auto& [id, c] : by_id) out.push_back(std::move(c));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        if (a.words != b.words) return a.words > b.words;
        if (a.weight != b.weight) return a.weight > b.weight;
        return a.id < b.id;
    });
    return out;
}

}  // namespace dragoman
