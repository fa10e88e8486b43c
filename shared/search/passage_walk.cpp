// Walking a match's passages in batches under a time budget.
#include "search/passage_walk.hpp"

#include <algorithm>

#include "search/stored_passage.hpp"

namespace dragoman {

PassageWalkEnd visit_passages(const Xapian::MSet& mset, text::Analyzer& analyzer, const TermSet& terms,
                              const PassageWalkRequest& request, PassageVisitor& visitor, TimeBudget& budget) {
    PassageWalkEnd end;
    const Xapian::doccount size = mset.size();
    for (Xapian::doccount first = 0; first < size; first += walk_batch) {
        if (budget.expired()) {
            end.timed_out = true;
            return end;
        }
        const Xapian::doccount last = std::min<Xapian::doccount>(size, first + walk_batch);
        auto from = mset[first];
        auto to = last == size ? mset.end() : mset[last];
        mset.fetch(from, to);  // one round trip per batch over remote shards
        for (auto it = from; it != to; ++it) {
            const Xapian::Document doc = it.get_document();
            WalkedPassage p;
            p.passage = stored_data(doc);
            if (request.snippets || request.marks) {
                const std::string& language = p.passage.passage_language;
                p.words = mark_passage(doc, analyzer, p.passage.text, language, terms);
                if (request.snippets) p.snippet = make_snippet(p.passage.text, p.words);
                if (!request.marks) p.words.clear();
            }
            if (!visitor.passage(p)) {
                end.stopped = true;
                return end;
            }
            ++end.passages;
        }
    }
    return end;
}

}  // namespace dragoman
