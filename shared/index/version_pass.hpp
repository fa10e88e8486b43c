// The version pass: links language versions across a whole generation after a run has
// written it, and writes each transcript's detected group into its passages.
#pragma once

#include <cstddef>
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

/// Reads every version signature of `shards` (all databases of one generation, open for
/// writing, inside a transaction or not: nothing is committed here), links them with
/// `link_versions`, and for each transcript whose detected group differs from what its
/// passages hold, rewrites the group value, the collapse key and the `XG` term of all
/// its passages. Transcripts with a group given in the input are never touched. Runs on
/// the whole generation, so a new or changed transcript links to what was already there
/// and a transcript whose versions vanished loses its group.
VersionPassStats apply_version_links(std::vector<Xapian::WritableDatabase>& shards, const LinkOptions& options = {});

}  // namespace dragoman
