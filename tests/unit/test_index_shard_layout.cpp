// Shard routing and the manifest of a sharded generation.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "index/index_error.hpp"
#include "index/shard_layout.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

TEST_CASE("shard_of is the documented FNV-1a 64 of the id modulo the shard count") {
    // Fixed values: incremental runs depend on them never changing.
    CHECK(shard_of("", 7) == 14695981039346656037ULL % 7);
    CHECK(shard_of("a", 1000) == 0xaf63dc4c8601ec8cULL % 1000);
    CHECK(shard_of("foobar", 97) == 0x85944171f73967e8ULL % 97);
    CHECK(shard_of("anything", 1) == 0);
    CHECK(shard_of("anything", 0) == 0);
}

TEST_CASE("shard_of spreads real-looking ids over every shard") {
    std::vector<std::size_t> counts(4);
    for (int i = 0; i < 4000; ++i) ++counts[shard_of("mfa:2020-05-" + std::to_string(i), 4)];
    for (auto c : counts) {
        CHECK(c > 800);
        CHECK(c < 1200);
    }
}

TEST_CASE("a generation without a manifest is one database; with one, its shards in order") {
    test::TempDir t("shard_layout");
    CHECK(generation_databases(t.path()) == std::vector<fs::path>{t.path()});
    write_manifest(t.path(), 3);
    CHECK(generation_databases(t.path()) ==
          std::vector<fs::path>{t.path() / "shard-0", t.path() / "shard-1", t.path() / "shard-2"});
    CHECK_FALSE(fs::exists(t.path() / "manifest.json.tmp"));
    std::ifstream in(t.path() / "manifest.json");
    std::string line;
    std::getline(in, line);
    CHECK(line == R"({"shards":["shard-0","shard-1","shard-2"]})");
}

TEST_CASE("a malformed manifest is an error, not an empty index") {
    test::TempDir t("shard_layout");
    for (const char* bad : {"{", "[]", R"({"shards": []})", R"({"shards": ["../elsewhere"]})",
                            R"({"shards": [1]})", R"({"shards": "shard-0"})"}) {
        CAPTURE(bad);
        t.write("manifest.json", bad);
        CHECK_THROWS_AS(generation_databases(t.path()), IndexError);
    }
}
