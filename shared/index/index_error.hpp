// The one way the index layer fails: an exception that stops the run.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace dragoman {

/// A failure of the index itself (Xapian, the disk, a worker, the manifest, the lock or
/// rejects file): the run cannot go on. Bad input records are never reported this way;
/// they are diagnostics.
struct IndexError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// An incremental run over several shards whose commit failed after `committed` of its
/// `shards` shards had committed (Xapian commits one database at a time): each shard is
/// consistent, the committed ones hold the run's changes and the others none of them; the
/// next incremental run, which compares content hashes, completes the update.
struct PartialCommit : IndexError {
    PartialCommit(const std::string& what, std::size_t committed_shards, std::size_t shard_count)
        : IndexError(what), committed(committed_shards), shards(shard_count) {}
    std::size_t committed;
    std::size_t shards;
};

}  // namespace dragoman
