// A search's facets (distinct results per year, language, speaker, country and source) and
// its exact total, in a pass of their own beside the ranked match.
#pragma once

#include <xapian.h>

#include "search/exclusion.hpp"
#include "search/open_index.hpp"
#include "search/search_types.hpp"
#include "search/speaker_directory.hpp"
#include "search/time_budget.hpp"

namespace dragoman {

/// Passages counted at most, so that facet counts are exact for all but huge match sets.
inline constexpr Xapian::doccount facet_check_bound = 20000;

/// Counts the facets of the passages `q` matches (without `exclusion`'s transcripts) into
/// `resp.facets` and `resp.facet_documents`. When the pass saw every matching passage,
/// `resp.facets_exact` is set and, with `total_from_facets`, `resp.total` is the exact
/// number of results (distinct collapse keys). Runs only while `budget` lasts: a pass left
/// out or cut short leaves `facets_exact` false. Over local databases FacetSpy runs on a
/// weightless match; over remote shards, which run no C++ spy, one match lists the passages
/// with their facet values. Throws what Xapian throws.
/// Speakers are counted as the persons of `speakers` (search/speaker_directory), and
/// `resp.speaker_variants` lists the labels of each person counted who has several.
void count_facets(const OpenIndex& index, const Xapian::Query& q, const Exclusion& exclusion, bool total_from_facets,
                  const SpeakerDirectory& speakers, SearchResponse& resp, TimeBudget& budget);

}  // namespace dragoman
