// Whether a run of the indexer updates the live generation in place or builds a new one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace dragoman {

/// What a run needs to know of the live generation.
struct LiveIndex {
    std::string schema_version;  ///< as stamped in its databases
    std::size_t shards = 0;      ///< 0: one database without a manifest
};

/// What a run does.
struct RunPlan {
    bool incremental = false;  ///< update the live generation in place
    std::size_t shards = 0;    ///< for a full build: IndexOptions::shards
    std::string note;          ///< why an incremental run was not possible (empty if it was, or not asked)
};

/// Incremental when asked and possible; otherwise a full build into a new generation:
/// when nothing is live yet, when the live index has another schema version (its terms
/// and slots would not match), or when another shard count is asked for (transcripts
/// would have to move between shards). A full build that replaces a live index asked to
/// be updated keeps its shard count unless another is asked for. `shards_asked` 0: not
/// given.
RunPlan plan_run(bool incremental_asked, std::size_t shards_asked, const std::optional<LiveIndex>& live);

/// The live generation at `live` as plan_run sees it; nullopt when `live` is empty (no
/// generation is published).
std::optional<LiveIndex> live_index(const std::filesystem::path& live);

}  // namespace dragoman
