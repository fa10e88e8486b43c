// Writes transcripts into a Xapian database: analysis on worker threads, one writer.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "ingest/reader.hpp"
#include "schema/transcript.hpp"

namespace dragoman {

/// What a run did, for the summary line.
struct IndexStats {
    std::size_t indexed = 0;    ///< new transcripts
    std::size_t updated = 0;    ///< changed transcripts replaced (incremental)
    std::size_t unchanged = 0;  ///< skipped: same content hash (incremental)
    std::size_t removed = 0;    ///< gone from the sources (incremental)
    std::size_t rejected = 0;   ///< bad records reported
    std::size_t passages = 0;   ///< passage documents written
    std::size_t text_bytes = 0; ///< bytes of transcript text analysed
};

struct IndexOptions {
    unsigned analysis_threads = 0;  ///< 0 = one per core
    bool incremental = false;       ///< update the database in place instead of filling a new one
    std::size_t passage_words = 300;///< target passage length for monologues
};

/// Feeds records into a database. `add` may be called from one thread; analysis runs
/// in the background and documents are written in input order. Duplicate ids are
/// rejected (the first wins). In incremental mode unchanged records are skipped, changed
/// ones replaced, and `finish` removes transcripts not seen in this run unless their
/// source file could not be read.
class IndexBuilder {
public:
    IndexBuilder(const std::filesystem::path& database, IndexOptions options, DiagnosticSink diagnostics);
    ~IndexBuilder();
    IndexBuilder(const IndexBuilder&) = delete;
    IndexBuilder& operator=(const IndexBuilder&) = delete;

    /// Queues one record (blocks when the analysis queue is full).
    void add(Transcript&& t, const RecordOrigin& origin);

    /// Marks a source file as unreadable in this run: its transcripts are kept.
    void source_failed(const std::string& file);

    /// Waits for all work, removes vanished transcripts (incremental), commits once.
    IndexStats finish();

    /// Records accepted so far (for progress display).
    std::size_t records_seen() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dragoman
