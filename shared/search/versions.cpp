#include "search/versions.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_set>

#include "schema/schema.hpp"
#include "search/stored_passage.hpp"
#include "search/version_choice.hpp"

namespace dragoman {

std::vector<VersionRef> group_versions(const Xapian::Database& db, const std::string& group) {
    std::vector<VersionRef> out;
    std::unordered_set<std::string> seen;
    const std::string term = schema::group_term(group);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::Document doc = db.get_document(*p);
        if (!seen.insert(doc.get_value(schema::slot_transcript)).second) continue;
        PassageData data = stored_data(doc);
        if (data.language.empty()) data.language = std::move(data.passage_language);
        out.push_back(VersionRef{std::move(data.transcript_id), std::move(data.language), std::move(data.title)});
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return std::tie(a.language, a.id) < std::tie(b.language, b.id); });
    return out;
}

std::vector<VersionRef> identical_copies(const Xapian::Database& db, const std::string& copy, const std::string& shown_id,
                                         const Xapian::Query& matching, std::size_t limit) {
    // The copies that match too (identical text, but a date, source or speaker of their
    // own), one passage each, in id order: which ones are listed does not depend on
    // document numbers.
    Xapian::Enquire enquire(db);
    // Of one result: a copy in a group of language versions is a result of its group's.
    const std::string result_key = schema::collapse_key("", "-", copy);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER, matching,
        Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(schema::term(schema::prefix_copy, copy)),
                      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_collapse, result_key, result_key))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_collapse_key(schema::slot_transcript);
    const Xapian::MSet m = enquire.get_mset(0, db.get_doccount());
    std::map<std::string, Xapian::docid> copies;
    for (auto it = m.begin(); it != m.end(); ++it) copies.emplace(it.get_collapse_key(), *it);
    copies.erase(shown_id);
    std::vector<VersionRef> out;
    for (const auto& [id, did] : copies) {
        if (out.size() >= limit) break;
        PassageData data = stored_data(db.get_document(did));
        if (data.language.empty()) data.language = std::move(data.passage_language);
        out.push_back(VersionRef{std::move(data.transcript_id), std::move(data.language), std::move(data.title)});
    }
    return out;
}

void show_preferred_version(const Xapian::Database& db, SearchHit& hit, const SearchRequest& r, const Xapian::Query& q) {
    auto versions = group_versions(db, hit.group);
    std::vector<std::string> available;
    for (const auto& v : versions) available.push_back(v.language);
    std::string wanted = preferred_version_language(r.query, r.lang, available);
    // A filter-only query weighs every version alike: which one Xapian returned depends on
    // document numbers, which differ between one database and shards; show the version of
    // the first language instead, the same in every layout.
    if (wanted.empty() && hit.score <= 0 && !available.empty())
        wanted = *std::min_element(available.begin(), available.end());
    // The first version that matches, in id order, of the wanted language, else of the
    // shown one: of several versions in one language (a group given to copies of a
    // transcript), the same one whichever scored a hair higher in this layout.
    std::vector<const VersionRef*> candidates;
    for (const auto* language : {&wanted, &hit.language})
        for (const auto& v : versions)
            if (!language->empty() && v.language == *language) candidates.push_back(&v);
    for (const auto* v : candidates) {
        if (v->id == hit.id) break;  // the best one is already the first that matches
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(schema::transcript_term(v->id))));
        const Xapian::MSet m = e.get_mset(0, 1);
        if (m.empty()) continue;  // that version does not match
        const double score = hit.score;
        const std::string group = hit.group;
        hit = hit_from_data(stored_data(m.begin().get_document()));
        hit.score = score;
        hit.group = group;
        break;
    }
    for (auto& v : versions)
        if (v.id != hit.id) hit.versions.push_back(std::move(v));
}

}  // namespace dragoman
