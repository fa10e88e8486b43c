// Writes transcripts into a generation: full builds write segments on every core and
// merge them with Xapian's compactor; incremental runs update the live shards in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "index/change_journal.hpp"
#include "index/index_error.hpp"
#include "index/lexicon_miner.hpp"
#include "index/passage_document.hpp"
#include "ingest/reader.hpp"
#include "schema/transcript.hpp"

namespace dragoman {

/// What a run did, for the summary line.
struct IndexStats {
    std::size_t indexed = 0;    ///< new transcripts
    std::size_t updated = 0;    ///< changed transcripts replaced (incremental)
    std::size_t unchanged = 0;  ///< skipped: same content hash (incremental)
    std::size_t removed = 0;    ///< gone from the sources (incremental)
    std::size_t rejected = 0;   ///< records rejected by the builder (duplicate ids)
    std::size_t passages = 0;   ///< passage documents written
    std::size_t text_bytes = 0; ///< bytes of passage text analysed
    std::size_t segments = 0;   ///< temporary segment databases merged (full builds)
    double merge_seconds = 0;   ///< time spent merging segments (full builds)
    std::size_t versions_linked = 0;  ///< transcripts in a detected language-version group
    double version_seconds = 0; ///< time spent linking versions (the version pass)
    LexiconStats lexicon;       ///< the translation lexicon mined (full builds)
};

struct IndexOptions {
    /// Worker threads; 0 = one per core. In a full build each worker analyses and writes
    /// its own segment; in an incremental run workers analyse and one thread writes.
    unsigned threads = 0;
    /// Update the generation in place (one transaction per shard) instead of filling a
    /// new, empty one.
    bool incremental = false;
    /// Target passage length for monologues, in words.
    std::size_t passage_words = 300;
    /// Full builds: 0 writes one merged database into the generation directory; N ≥ 1
    /// writes N shard databases (`shard-0` ...) and the manifest that lists them.
    /// Incremental runs keep the generation's own layout and ignore this.
    std::size_t shards = 0;
    /// Full builds: bytes of transcript text per segment database. Small segments keep
    /// Xapian's in-memory inverter small (it is a tree per term, and its cost grows with
    /// the number of documents buffered); the compactor merges them cheaply.
    std::size_t segment_bytes = 1U << 20;
    /// Full builds: merge the segments of each shard into one database. False keeps
    /// one database per writer thread per shard: only for measuring the alternative.
    bool merge_segments = true;
    /// Full builds: the live generation's transcripts (transcript_hashes()), against which
    /// the run's changes are told; null: every transcript is added.
    std::shared_ptr<const TranscriptHashes> previous;
    /// Called once with the run's changes when they are known and before they become
    /// visible: before an incremental run commits (with each shard's revision once
    /// committed), at the end of a full build's finish() (no revisions: the caller then
    /// publishes). What it throws fails the run, and nothing is committed.
    std::function<void(const RunChanges&, const std::vector<std::uint64_t>& revisions)> before_visible;
    /// Called from add() with each record accepted (not a duplicate) and its record_hash(),
    /// on the thread that adds, before it is analysed: the transcript history keeps it, and
    /// says how the record has changed since it was first seen (its passages' `changed:`
    /// terms and `changes`). What it throws leaves add().
    std::function<ChangeMark(const Transcript&, const std::string& hash)> on_record;
    /// Full builds: how the translation lexicon is mined from the generation's language
    /// versions once they are merged (index/lexicon_miner.hpp). Incremental runs keep the
    /// generation's lexicon as it is.
    LexiconOptions lexicon;
};

/// Where a build stands, for a progress display polled from another thread.
enum class BuildPhase { Indexing, Merging, Committing, Done };

/// Feeds records into a generation. After the records, a version pass over the whole
/// generation links language versions (index/version_pass.hpp), before anything is
/// published (full builds) or committed (incremental runs). `add` is called from one thread; the work runs on
/// background threads. Duplicate ids are rejected (the first wins). Full builds write
/// each transcript, with all its passages, to the shard `shard_of(id)` picks. In
/// incremental mode unchanged records are skipped, changed ones replaced in their shard,
/// and `finish` removes transcripts not seen in this run unless their source file
/// failed. Every failure leaves as IndexError (Xapian's errors translated).
class IndexBuilder {
public:
    /// Opens `generation`: an empty directory for a full build, the live generation (one
    /// database or the shards its manifest lists) for an incremental run.
    IndexBuilder(const std::filesystem::path& generation, IndexOptions options, DiagnosticSink diagnostics);
    ~IndexBuilder();
    IndexBuilder(const IndexBuilder&) = delete;
    IndexBuilder& operator=(const IndexBuilder&) = delete;

    /// Queues one record (blocks while the bounded queue is full, so memory stays bounded
    /// however large the input). Throws when a background thread has failed.
    void add(Transcript&& t, const RecordOrigin& origin);

    /// Marks a source file (or, with a trailing '/', a directory) as not fully read in
    /// this run: transcripts it held that were not seen are kept, not removed.
    void source_failed(const std::string& path);

    /// Waits for all work; full builds merge the segments and write the manifest;
    /// incremental runs remove vanished transcripts and commit every shard.
    IndexStats finish();

    /// Records accepted so far (reader side).
    std::size_t records_seen() const;
    /// Records analysed and written so far (any thread may ask).
    std::size_t records_done() const;
    /// Bytes of transcript text accepted so far (reader side; for progress estimates).
    std::size_t bytes_seen() const;
    /// Bytes of transcript text of the records done so far (any thread may ask).
    std::size_t bytes_done() const;
    /// What the builder is doing now (any thread may ask).
    BuildPhase phase() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The shard count of a generation's layout: 0 for one plain database, else the number
/// of shards its manifest lists.
std::size_t generation_shard_count(const std::filesystem::path& generation);

/// The schema version stored in a database (empty when none or unreadable), so a run
/// can tell that an incremental update would mix two schemas.
std::string stored_schema_version(const std::filesystem::path& generation);

}  // namespace dragoman
