#include "search/exclusion.hpp"

#include <vector>

#include "schema/schema.hpp"
#include "search/match_all.hpp"

namespace dragoman {

bool TranscriptExcluder::operator()(const Xapian::Document& doc) const {
    return ids.count(doc.get_value(schema::slot_transcript)) == 0;
}

void Exclusion::list(const Xapian::Database& db, const Xapian::Query& excluded, bool remote, TimeBudget& budget) {
    m_remote = remote;
    if (excluded.empty() || budget.expired()) return;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, excluded, 0));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(schema::slot_transcript);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) m_decider.ids.insert(*it);
    if (m_decider.ids.empty()) return;
    std::vector<Xapian::Query> id_terms;
    id_terms.reserve(m_decider.ids.size());
    for (const auto& id : m_decider.ids) id_terms.emplace_back(schema::transcript_term(id));
    m_ids = Xapian::Query(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
}

Xapian::Query Exclusion::applied_to(const Xapian::Query& q) const {
    return m_ids.empty() || !m_remote ? q : Xapian::Query(Xapian::Query::OP_AND_NOT, q, m_ids);
}

Xapian::Query Exclusion::as_filter() const {
    if (m_ids.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), m_ids);
}

}  // namespace dragoman
