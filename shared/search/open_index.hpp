// The databases a Searcher searches, opened from an IndexLocation and kept current: a newly
// published generation or an incremental commit is picked up before each call.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "search/lexicon.hpp"
#include "search/searcher.hpp"

namespace dragoman {

/// Owned by one Searcher (one thread). refresh() may throw what Xapian and IndexRoot throw
/// (DatabaseOpeningError, NetworkError, IndexError for an unreadable shard manifest);
/// Searcher's guard turns those into errors and calls invalidate() to reopen from scratch.
class OpenIndex {
public:
    explicit OpenIndex(IndexLocation location) : m_location(std::move(location)) {}

    /// Opens the location's databases, or reopens them when the same ones are open (remote
    /// shards are reconnected after IndexLocation::remote_reconnect); false when nothing is
    /// published yet.
    bool refresh();
    /// Forgets what is open: the next refresh() opens every database anew.
    void invalidate() { m_open = false; }

    const Xapian::Database& db() const { return m_db; }
    /// How many databases db() combines (shards).
    std::size_t databases() const { return m_databases; }
    /// A remote shard is open: no match spy or decider runs there.
    bool has_remote() const { return m_has_remote; }
    /// The languages present in the index (its L terms), as of the last refresh().
    const std::vector<std::string>& languages() const { return m_languages; }
    /// The translation lexicon of the first local root's live generation (empty over remote
    /// shards, or for a generation without one), as of the last refresh().
    const Lexicon& lexicon() const { return *m_lexicon; }
    /// The resolved paths of what is open, one per line.
    const std::string& signature() const { return m_signature; }

private:
    IndexLocation m_location;
    Xapian::Database m_db;
    std::string m_signature;
    bool m_open = false;
    std::size_t m_databases = 0;
    bool m_has_remote = false;
    std::chrono::steady_clock::time_point m_opened_at;
    std::vector<std::string> m_languages;
    std::shared_ptr<const Lexicon> m_lexicon = std::make_shared<const Lexicon>();
};

}  // namespace dragoman
