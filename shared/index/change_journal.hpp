// What each published run of the indexer changed: the transcripts it added, changed and
// withdrew, one entry per run in DBROOT/changes, kept across full rebuilds and the pruning
// of generations, so that a reader (dragoman-alerts) can ask "what is new since run N"
// without searching the whole index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace dragoman {

/// The transcripts one run changed, by id, each list in the order the run met them.
struct RunChanges {
    std::vector<std::string> added;      ///< not in the live index before the run
    std::vector<std::string> changed;    ///< there with another record hash (text or metadata)
    std::vector<std::string> withdrawn;  ///< there before, gone from the sources now
    bool empty() const { return added.empty() && changed.empty() && withdrawn.empty(); }
};

/// Transcript id → record hash (slot_content_hash) of every transcript of a generation.
using TranscriptHashes = std::unordered_map<std::string, std::string>;

/// Calls `visit(id, hash, docid)` for every passage of `db` in docid order: its
/// transcript's id and record hash, read from two value streams (slot_transcript,
/// slot_content_hash): no document is read. Throws what Xapian throws.
void visit_transcript_hashes(const Xapian::Database& db,
                             const std::function<void(const std::string&, const std::string&, Xapian::docid)>& visit);

/// The transcripts of `generation` (one database or the shards its manifest lists), by
/// visit_transcript_hashes(). Empty for an empty path. Throws IndexError.
TranscriptHashes transcript_hashes(const std::filesystem::path& generation);

/// One published run.
struct JournalEntry {
    std::uint64_t run = 0;      ///< 1, 2, ... in the order runs published
    std::string kind;           ///< "full" or "incremental"
    std::string generation;     ///< the generation's directory name
    std::string published;      ///< UTC, YYYY-MM-DDTHH:MM:SSZ
    RunChanges changes;
};

/// DBROOT/changes: `<run>.json` per published run; `<run>.pending` while a run is between
/// writing its entry and making its changes visible. An entry is written before the
/// changes become visible (the publish of a full build, the commit of an incremental run)
/// and marked published after; a run killed in between leaves a pending entry that the
/// next run decides on with recover(), from what the index shows. So after any kill the
/// journal holds exactly the runs whose changes became visible. Written only by the
/// indexer holding the DBROOT lock; read by anyone. Every failure throws IndexError.
class ChangeJournal {
public:
    explicit ChangeJournal(const std::filesystem::path& root);

    /// Writes `changes` as the pending entry of the next run, durably, and returns it
    /// (its `run` number is the next after every entry, pending or not). `revisions` are
    /// the revisions the run's databases have once its changes are visible (for an
    /// incremental run: the live shards' revisions plus one; empty for a full build,
    /// which is visible when `generation` is the live one).
    JournalEntry prepare(const RunChanges& changes, const std::string& kind, const std::filesystem::path& generation,
                         const std::vector<std::uint64_t>& revisions);

    /// The run's changes are visible: its pending entry becomes a published one.
    void publish(const JournalEntry& entry);

    /// Before a run, with the lock held: each pending entry left by a killed run is
    /// published when its changes are visible in `live` (the live generation: the same
    /// generation for a full build; for an incremental run, a shard at or past the
    /// revision recorded, as after a partial commit), else removed, after `before_discard`
    /// is called with its run number (what else the run wrote goes first: the history's
    /// versions), so that a kill during recovery leaves the entry to decide again.
    void recover(const std::filesystem::path& live,
                 const std::function<void(std::uint64_t run)>& before_discard = {});

    /// Published entries after run `after`, oldest first.
    std::vector<JournalEntry> since(std::uint64_t after) const;

    /// The last published run's number, 0 when none.
    std::uint64_t last() const;

private:
    std::filesystem::path m_dir;
};

}  // namespace dragoman
