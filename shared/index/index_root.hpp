// DBROOT on disk: generations of the index, the `current` link that publishes one, and
// the lock that keeps to one indexer at a time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dragoman {

/// The layout of DBROOT:
///   DBROOT/current            symlink to generations/<name> (the live index)
///   DBROOT/generations/<name> one Xapian database per generation
///   DBROOT/lock               held (flock) by the running indexer
class IndexRoot {
public:
    explicit IndexRoot(std::filesystem::path root);

    const std::filesystem::path& root() const { return m_root; }

    /// The live generation's directory, or empty when nothing is published yet.
    std::filesystem::path current() const;

    /// A new, empty, unpublished generation directory (unique name, sortable by time).
    std::filesystem::path create_generation() const;

    /// Makes `generation` live with one atomic rename of the `current` link.
    /// Readers that opened the old generation keep reading it.
    void publish(const std::filesystem::path& generation) const;

    /// Removes generations other than the live one, keeping the `keep` newest.
    /// Unfinished generations (from a killed run) are removed too.
    void prune(std::size_t keep) const;

    /// Generation directories, oldest first.
    std::vector<std::filesystem::path> generations() const;

private:
    std::filesystem::path m_root;
};

/// An exclusive advisory lock on DBROOT/lock, released on destruction (or when the
/// process dies, so a killed indexer never leaves a stale lock).
class IndexLock {
public:
    explicit IndexLock(const std::filesystem::path& root);
    ~IndexLock();
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

    /// True when this process holds the lock; false when another indexer does.
    bool acquired() const { return m_fd >= 0 && m_held; }

private:
    int m_fd = -1;
    bool m_held = false;
};

}  // namespace dragoman
