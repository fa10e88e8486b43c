// plan_run: when a run of the indexer updates the live index in place, when it builds anew.
#include <doctest/doctest.h>

#include <string>

#include "index/run_plan.hpp"
#include "schema/schema.hpp"

using namespace dragoman;

namespace {

LiveIndex live(std::size_t shards, std::string version = std::string(schema::schema_version)) {
    return LiveIndex{std::move(version), shards};
}

}  // namespace

TEST_CASE("a run not asked to be incremental builds in full with the shards asked for, live index or not") {
    for (const auto& l : {std::optional<LiveIndex>{}, std::optional<LiveIndex>{live(4)}}) {
        const auto p = plan_run(false, 2, l);
        CHECK_FALSE(p.incremental);
        CHECK(p.shards == 2);
        CHECK(p.note.empty());
    }
}

TEST_CASE("an incremental run with nothing published builds in full and says so") {
    const auto p = plan_run(true, 0, std::nullopt);
    CHECK_FALSE(p.incremental);
    CHECK(p.shards == 0);
    CHECK(p.note == "nothing is published yet; building in full");
}

TEST_CASE("an incremental run over a live index of the same schema and shard count updates it") {
    CHECK(plan_run(true, 0, live(0)).incremental);
    CHECK(plan_run(true, 0, live(4)).incremental);
    const auto p = plan_run(true, 4, live(4));
    CHECK(p.incremental);
    CHECK(p.note.empty());
}

TEST_CASE("another schema version rebuilds in full and keeps the live shard count") {
    const auto p = plan_run(true, 0, live(3, "0"));
    CHECK_FALSE(p.incremental);
    CHECK(p.shards == 3);
    CHECK(p.note == "the live index has another schema version; rebuilding it in full");
}

TEST_CASE("another shard count asked for rebuilds in full with that count") {
    const auto p = plan_run(true, 2, live(4));
    CHECK_FALSE(p.incremental);
    CHECK(p.shards == 2);
    CHECK(p.note == "the live index has 4 shards, 2 asked for; rebuilding it in full");
    // One database has no manifest (0 shards): asking for one shard is another layout.
    CHECK_FALSE(plan_run(true, 1, live(0)).incremental);
}
