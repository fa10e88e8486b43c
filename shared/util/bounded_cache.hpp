// The one memo of a pure function of a string: shared by threads, bounded in memory.
//
// Words follow Zipf's law, so the analysis of a word (its terms, its transliteration key)
// is asked for again and again: the indexer's threads and the daemon's connections share
// one cache per function instead of each thread keeping its own.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/assert.hpp"

namespace dragoman {

/// What a cache has answered since it was made.
struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::size_t entries = 0;

    double hit_rate() const { return hits + misses == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(hits + misses); }
};

/// Values of a pure function of a string key, at most `capacity` of them. Thread-safe: the
/// keys are spread over 16 shards, each behind its own mutex, so two threads rarely wait
/// for each other. A full shard is emptied before it takes a new entry (the words that
/// matter come back at once; no bookkeeping per hit). The function runs outside the lock,
/// so two threads missing the same key at once both compute it, and both get the same value.
template <typename Value>
class BoundedCache {
public:
    explicit BoundedCache(std::size_t capacity) : m_shard_capacity(std::max<std::size_t>(1, capacity / shard_count)) {}
    BoundedCache(const BoundedCache&) = delete;
    BoundedCache& operator=(const BoundedCache&) = delete;

    /// The value for `key`: the cached one, or `compute()`'s, which is then cached.
    template <typename Compute>
    Value get(std::string_view key, Compute&& compute) {
        Shard& shard = m_shards[std::hash<std::string_view>{}(key) % shard_count];
        {
            std::lock_guard lock(shard.mutex);
            if (const auto it = shard.map.find(key); it != shard.map.end()) {
                ++shard.hits;
                return it->second;
            }
        }
        Value value = compute();
        std::lock_guard lock(shard.mutex);
        ++shard.misses;
        if (shard.map.size() >= m_shard_capacity) shard.map.clear();
        shard.map.try_emplace(std::string(key), value);
        DRAGOMAN_ASSERT(shard.map.size() <= m_shard_capacity);
        return value;
    }

    CacheStats stats() const {
        CacheStats s;
        for (const auto& shard : m_shards) {
            std::lock_guard lock(shard.mutex);
            s.hits += shard.hits;
            s.misses += shard.misses;
            s.entries += shard.map.size();
        }
        return s;
    }

    std::size_t capacity() const { return m_shard_capacity * shard_count; }

private:
    static constexpr std::size_t shard_count = 16;

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    struct Shard {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Value, Hash, std::equal_to<>> map;
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
    };

    const std::size_t m_shard_capacity;
    std::array<Shard, shard_count> m_shards;
};

}  // namespace dragoman
