#include "search/facet_pass.hpp"

#include <limits>
#include <string>

#include "schema/schema.hpp"
#include "search/facet_spy.hpp"

namespace dragoman {

namespace {

/// FacetSpy on a match of its own that weighs nothing (BoolWeight) and visits the first
/// facet_check_bound matching passages in docid order. A spy on the ranked match forces a
/// weight on every candidate, and with a collapse key the minimum weight rises only once
/// check_at_least results are seen, so that match could prune nothing: with this pass the
/// real corpus' page p99 went from 67 to 48 ms in-process (docs/latency.md).
void count_locally(const Xapian::Database& db, const Xapian::Query& q, const Exclusion& ex, double time_limit,
                   FacetSpy& spy, Xapian::doccount& upper_bound) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_time_limit(time_limit);
    enquire.add_matchspy(&spy);
    const Xapian::MSet m = enquire.get_mset(0, 0, facet_check_bound, nullptr, ex.local());
    upper_bound = m.get_matches_upper_bound();
}

/// Facets across remote shards. xapian-tcpsrv runs only Xapian's own match spies, so
/// FacetSpy cannot run there; instead a match lists every matching passage (up to
/// facet_check_bound) with its facet values as the sort key (slot_facets: all five at once)
/// and the collapse key of its result (collapsing nothing), and FacetSpy counts them here.
/// All passages of a transcript are in one shard, so the counts equal those over one
/// database. Without slot_facets (schema 3) it takes one match per facet.
void count_by_passes(const Xapian::Database& db, const Xapian::Query& q, double time_limit, FacetSpy& spy,
                     Xapian::doccount& upper_bound) {
    auto pass = [&](Xapian::valueno slot) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_value(slot, false);
        enquire.set_collapse_key(schema::slot_collapse, std::numeric_limits<Xapian::doccount>::max());
        enquire.set_time_limit(time_limit);
        const Xapian::MSet m = enquire.get_mset(0, facet_check_bound);
        spy.set_documents(m.size());
        upper_bound = m.get_matches_upper_bound();
        return m;
    };
    // Every passage of a schema-4 index has the slot (the key is never empty); a shard of an
    // older generation served beside newer ones takes the five passes.
    if (db.get_value_freq(schema::slot_facets) == db.get_doccount()) {
        const Xapian::MSet m = pass(schema::slot_facets);
        for (auto it = m.begin(); it != m.end(); ++it) {
            const std::string key = it.get_sort_key();
            const auto values = schema::split_facet_values_key(key);
            if (values.size() != FacetSpy::number_of_facets()) continue;
            const std::string result_key = it.get_collapse_key();
            for (std::size_t f = 0; f < values.size(); ++f) spy.add(f, result_key, std::string(values[f]));
        }
        return;
    }
    for (std::size_t f = 0; f < FacetSpy::number_of_facets(); ++f) {
        const Xapian::MSet m = pass(FacetSpy::facet_slot(f));
        for (auto it = m.begin(); it != m.end(); ++it) spy.add(f, it.get_collapse_key(), it.get_sort_key());
    }
}

}  // namespace

void count_facets(const OpenIndex& index, const Xapian::Query& q, const Exclusion& exclusion, bool total_from_facets,
                  const SpeakerDirectory& speakers, SearchResponse& resp, TimeBudget& budget) {
    resp.facets_exact = false;
    if (budget.expired()) return;
    FacetSpy spy(index.db(), index.databases());
    spy.set_speakers(&speakers);
    Xapian::doccount upper_bound = 0;
    if (index.has_remote())
        count_by_passes(index.db(), exclusion.applied_to(q), budget.seconds_left(), spy, upper_bound);
    else
        count_locally(index.db(), q, exclusion, budget.seconds_left(), spy, upper_bound);
    resp.facets = spy.facets(20);
    for (const auto& [name, count] : resp.facets["speaker"])
        if (const Person* p = speakers.person_of(name); p && p->variants.size() > 1) resp.speaker_variants[name] = p->variants;
    resp.facet_documents = spy.documents();
    // Fewer passages than the bound means the pass saw every matching passage, unless
    // Xapian's time limit stopped it (which it does without saying so: a pass that ended
    // past the deadline may not have). Then the distinct results among them are the exact
    // total; Xapian's collapsed estimate is not, and differs between one database and
    // remote shards.
    const bool saw_all = !budget.expired() && (spy.documents() < facet_check_bound || spy.documents() >= upper_bound);
    resp.facets_exact = saw_all;
    if (saw_all && total_from_facets) {
        resp.total = spy.results();
        resp.total_exact = true;
    }
}

}  // namespace dragoman
