#include "search/best_passages.hpp"

#include <algorithm>

#include "schema/schema.hpp"
#include "search/ranking.hpp"
#include "search/stored_passage.hpp"

namespace dragoman {

namespace {

/// Passages of one transcript examined at least, so a result's matching_passages is exact.
constexpr Xapian::doccount passage_check_bound = 10000;

}  // namespace

BestPassages best_passages(const Xapian::Database& db, text::Analyzer& analyzer, const std::string& id,
                           const Xapian::Query& q, const TermSet& terms, std::size_t count) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(schema::transcript_term(id))));
    enquire.set_weighting_scheme(passage_weight());
    const Xapian::MSet m = enquire.get_mset(0, static_cast<Xapian::doccount>(count), passage_check_bound);
    BestPassages out;
    out.matching = m.get_matches_estimated();
    for (auto it = m.begin(); it != m.end(); ++it) {
        const Xapian::Document doc = it.get_document();
        const PassageData data = stored_data(doc);
        PassageSnippet p = passage_of(data);
        p.text = make_snippet(data.text, mark_passage(doc, analyzer, data.text, p.language, terms));
        out.passages.push_back(std::move(p));
    }
    if (!out.passages.empty()) out.best = out.passages.front().passage_id;  // the MSet's order: best first
    std::sort(out.passages.begin(), out.passages.end(), [](const auto& a, const auto& b) { return a.passage < b.passage; });
    return out;
}

}  // namespace dragoman
