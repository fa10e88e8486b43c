// Ranks transcripts by how many of the query's words their passages hold between them.
#include "search/transcript_coverage.hpp"

#include <algorithm>
#include <unordered_map>

#include "schema/schema.hpp"

namespace dragoman {

std::vector<CoveredTranscript> rank_by_coverage(const Xapian::Database& db, const std::vector<Xapian::Query>& words,
                                                const std::vector<Xapian::Query>& filters,
                                                const std::unordered_set<std::string>& exclude,
                                                const Xapian::Weight& weighting, Xapian::doccount bound) {
    std::unordered_map<std::string, CoveredTranscript> by_id;
    for (const auto& word : words) {
        std::vector<Xapian::Query> parts{word};
        parts.insert(parts.end(), filters.begin(), filters.end());
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
        enquire.set_weighting_scheme(weighting);
        enquire.set_collapse_key(schema::slot_transcript);
        // Ties in weight are broken by the result key, which makes it each match's sort key:
        // read from the match itself rather than a document fetch per transcript (a round
        // trip each, with remote shards).
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
    }
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
