#include "search/transcript_view.hpp"

#include <algorithm>
#include <vector>

#include "schema/schema.hpp"
#include "search/stored_passage.hpp"
#include "search/versions.hpp"

namespace dragoman {

Result<TranscriptView> read_transcript(const Xapian::Database& db, text::Analyzer& analyzer, const std::string& id,
                                       const TermSet& marked) {
    const std::string term = schema::transcript_term(id);
    struct Stored {
        Xapian::Document doc;
        PassageData data;
    };
    std::vector<Stored> passages;
    std::string group;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        Xapian::Document doc = db.get_document(*p);
        PassageData data = stored_data(doc);
        // A long id's term is a hash: the data holds the id itself.
        if (data.transcript_id != id) continue;
        if (passages.empty()) group = doc.get_value(schema::slot_group);
        passages.push_back({std::move(doc), std::move(data)});
    }
    if (passages.empty()) return fail(ErrorCode::NotFound, "no transcript with id '" + id + "'");
    std::sort(passages.begin(), passages.end(), [](const auto& a, const auto& b) { return a.data.number < b.data.number; });
    TranscriptView v;
    v.meta = hit_from_data(PassageData(passages.front().data));
    v.meta.group = group;
    if (!group.empty())
        for (auto& version : group_versions(db, group))
            if (version.id != id) v.meta.versions.push_back(std::move(version));
    for (const auto& [doc, data] : passages) {
        PassageSnippet p = passage_of(data);
        p.text = highlight(data.text, mark_passage(doc, analyzer, data.text, p.language, marked));
        v.hits += p.text.hits;
        v.passages.push_back(std::move(p));
    }
    return v;
}

Result<CitedPassage> read_passage(const Xapian::Database& db, const std::string& passage_id) {
    const std::string term = schema::passage_term(passage_id);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        CitedPassage cited = stored_data(db.get_document(*p));
        // A long id's term is a hash: the data holds the id itself.
        if (cited.passage_id == passage_id) return cited;
    }
    return fail(ErrorCode::NotFound, "no passage with id '" + passage_id + "'");
}

}  // namespace dragoman
