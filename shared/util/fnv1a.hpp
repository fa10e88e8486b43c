// The one FNV-1a 64 hash: passage ids, the shard a transcript goes to, a record's content
// hash. Fixed forever for the first two (permalinks and shard routing must not move);
// https://datatracker.ietf.org/doc/html/draft-eastlake-fnv gives the constants.
#pragma once

#include <cstdint>
#include <string_view>

namespace dragoman {

inline constexpr std::uint64_t fnv1a64_offset_basis = 14695981039346656037ULL;
inline constexpr std::uint64_t fnv1a64_prime = 1099511628211ULL;

/// `h` advanced over the bytes of `bytes` (start from fnv1a64_offset_basis).
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = fnv1a64_offset_basis) {
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= fnv1a64_prime;
    }
    return h;
}

static_assert(fnv1a64("") == fnv1a64_offset_basis);
static_assert(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);  // the published test vector

}  // namespace dragoman
