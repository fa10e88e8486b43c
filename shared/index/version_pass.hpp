// The version pass: links language versions across a whole generation after a run has
// written it, and writes each transcript's detected group into its passages.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/version_linker.hpp"

namespace dragoman {

/// What a version pass did.
struct VersionPassStats {
    std::size_t signatures = 0;  ///< transcripts considered (those without a given group)
    std::size_t linked = 0;      ///< transcripts now in a detected group
    std::size_t rewritten = 0;   ///< transcripts whose passages were rewritten (group changed)
    double seconds = 0;
};

/// A transcript's version signature, the database of a generation that holds it (an index
/// into the caller's list) and the group its passages hold now.
struct HeldSignature {
    VersionSignature signature;
    std::size_t database = 0;
    std::string group;
};

/// Appends the signatures `db` holds (database number `database`), in document order.
void read_signatures(const Xapian::Database& db, std::size_t database, std::vector<HeldSignature>& out);

/// A transcript whose detected group is to change: where it is, what it holds, what it gets.
struct GroupChange {
    std::size_t database = 0;
    std::string id;
    std::string from;
    std::string to;
};

/// Links `held` (every signature of a generation, in document order of its databases) with
/// `link_versions` and answers the transcripts whose group changes; counts into `stats`.
std::vector<GroupChange> version_changes(std::vector<HeldSignature> held, const LinkOptions& options,
                                         VersionPassStats& stats);

/// Rewrites the group value, the collapse key and the `XG` term of every passage of the
/// transcript `change` names in `db` (nothing is committed here).
void apply_group_change(Xapian::WritableDatabase& db, const GroupChange& change);

/// Reads every version signature of `shards` (all databases of one generation, open for
/// writing, inside a transaction or not: nothing is committed here), links them with
/// `link_versions`, and for each transcript whose detected group differs from what its
/// passages hold, rewrites the group value, the collapse key and the `XG` term of all
/// its passages. Transcripts with a group given in the input are never touched. Runs on
/// the whole generation, so a new or changed transcript links to what was already there
/// and a transcript whose versions vanished loses its group.
VersionPassStats apply_version_links(std::vector<Xapian::WritableDatabase>& shards, const LinkOptions& options = {});

}  // namespace dragoman
