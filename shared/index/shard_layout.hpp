// The layout of one generation: a single Xapian database, or shard databases listed by a
// manifest; and the stable hash that decides which shard holds a transcript.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dragoman {

/// The manifest of a sharded generation: `{"shards": ["shard-0", "shard-1", ...]}`, each
/// name a subdirectory of the generation holding one Xapian database. A generation
/// without it is itself one Xapian database.
inline constexpr std::string_view manifest_file = "manifest.json";

/// The shard (0 ≤ result < `shards`) that holds every passage of `transcript_id`:
/// FNV-1a 64 of the id's bytes, modulo `shards`. Stable across runs, machines and
/// versions, because incremental runs route updates with it; changing it means a full
/// rebuild. `shards` 0 is treated as 1.
std::size_t shard_of(std::string_view transcript_id, std::size_t shards);

/// The subdirectory name of shard `index` ("shard-0", ...).
std::string shard_name(std::size_t index);

/// The databases of `generation`, in shard order: the shards its manifest lists, or the
/// generation itself when it has no manifest. Throws IndexError when the
/// manifest is unreadable, malformed, lists no shard, or names a path outside the
/// generation.
std::vector<std::filesystem::path> generation_databases(const std::filesystem::path& generation);

/// Writes the manifest naming shards 0..`shards`-1 into `generation` durably (a
/// temporary file, fsync, rename, fsync of the directory), so a generation is never
/// published with a torn manifest.
void write_manifest(const std::filesystem::path& generation, std::size_t shards);

}  // namespace dragoman
