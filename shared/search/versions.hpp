// The language versions of a result (transcripts of one group), read from the index: which
// versions exist, and which one a result shows.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "search/search_types.hpp"

namespace dragoman {

/// The transcripts other than `shown_id` whose text is the one that `copy` (slot_copy)
/// hashes and that match `matching` too: a result's identical copies, the `limit` smallest
/// ids in id order (one match over the copies' passages, a document per copy listed).
/// Throws DamagedDocument and what Xapian throws.
std::vector<VersionRef> identical_copies(const Xapian::Database& db, const std::string& copy, const std::string& shown_id,
                                         const Xapian::Query& matching, std::size_t limit);

/// Every version of `group`, by language then id (one lookup per passage of the group).
/// Throws DamagedDocument and what Xapian throws.
std::vector<VersionRef> group_versions(const Xapian::Database& db, const std::string& group);

/// Shows `hit` (the best-scoring version of its group) as the version in the language
/// `r` asks for (search/version_choice) when that version matches `q` too, and lists the
/// other versions in `hit.versions`. Throws as group_versions().
void show_preferred_version(const Xapian::Database& db, SearchHit& hit, const SearchRequest& r, const Xapian::Query& q);

}  // namespace dragoman
