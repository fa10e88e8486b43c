// Shard routing by a stable id hash, and the manifest of a sharded generation.
#include "index/shard_layout.hpp"

#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>

#include "index/atomic_file.hpp"
#include "index/index_error.hpp"
#include "util/fnv1a.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

/// A shard name must stay inside the generation: one plain path component.
bool plain_name(const std::string& s) {
    return !s.empty() && s != "." && s != ".." && s.find('/') == std::string::npos && s.find('\0') == std::string::npos;
}

}  // namespace

std::size_t shard_of(std::string_view transcript_id, std::size_t shards) {
    if (shards <= 1) return 0;
    return static_cast<std::size_t>(fnv1a64(transcript_id) % shards);
}

std::string shard_name(std::size_t index) { return "shard-" + std::to_string(index); }

std::vector<fs::path> generation_databases(const fs::path& generation) {
    const fs::path manifest = generation / manifest_file;
    std::error_code ec;
    if (!fs::exists(manifest, ec)) return {generation};
    std::ifstream in(manifest);
    if (!in) throw IndexError(manifest.string() + ": cannot read");
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object() || !j.contains("shards") || !j["shards"].is_array())
        throw IndexError(manifest.string() + ": not a manifest (expected {\"shards\": [...]})");
    std::vector<fs::path> out;
    for (const auto& s : j["shards"]) {
        if (!s.is_string() || !plain_name(s.get<std::string>()))
            throw IndexError(manifest.string() + ": bad shard name " + s.dump());
        out.push_back(generation / s.get<std::string>());
    }
    if (out.empty()) throw IndexError(manifest.string() + ": no shards listed");
    return out;
}

void write_manifest(const fs::path& generation, std::size_t shards) {
    nlohmann::json names = nlohmann::json::array();
    for (std::size_t i = 0; i < shards; ++i) names.push_back(shard_name(i));
    const nlohmann::json manifest = {{"shards", names}};
    AtomicFile out(generation / manifest_file);
    out.write(manifest.dump() + "\n");
    out.commit();
}

}  // namespace dragoman
