// Whether a run of the indexer updates the live generation in place or builds a new one.
#include "index/run_plan.hpp"

#include <fmt/core.h>

#include "index/index_builder.hpp"
#include "schema/schema.hpp"

namespace dragoman {

RunPlan plan_run(bool incremental_asked, std::size_t shards_asked, const std::optional<LiveIndex>& live) {
    RunPlan plan{incremental_asked, shards_asked, {}};
    if (!incremental_asked) return plan;
    if (!live) {
        plan.incremental = false;
        plan.note = "nothing is published yet; building in full";
        return plan;
    }
    if (live->schema_version != schema::schema_version) {
        plan.note = "the live index has another schema version; rebuilding it in full";
    } else if (shards_asked != 0 && shards_asked != live->shards) {
        plan.note = fmt::format("the live index has {} shards, {} asked for; rebuilding it in full", live->shards,
                                shards_asked);
    } else {
        return plan;
    }
    plan.incremental = false;
    if (shards_asked == 0) plan.shards = live->shards;
    return plan;
}

std::optional<LiveIndex> live_index(const std::filesystem::path& live) {
    if (live.empty()) return std::nullopt;
    return LiveIndex{stored_schema_version(live), generation_shard_count(live)};
}

}  // namespace dragoman
