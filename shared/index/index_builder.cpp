// The indexing pipeline. Full builds: the reader thread cuts each shard's stream of
// records into segments; every worker analyses a whole segment and writes it into its own
// small Xapian database; `finish` merges each shard's segments, in input order, with
// Xapian's compactor. Incremental runs: workers analyse, one writer applies the changes in
// input order to the live shards inside one transaction per shard.
//
// Why segments: Xapian 1.4 buffers a writer's changes in a std::map per term whose size
// grows with the documents buffered, and a single WritableDatabase takes one thread. Many
// small, independent databases let both cores write and keep those maps small; merging
// them is a sequential pass that also leaves the index compact (about half the size).
#include "index/index_builder.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "index/passage_document.hpp"
#include "index/spelling_data.hpp"
#include "index/version_pass.hpp"
#include "index/shard_layout.hpp"
#include "schema/passage.hpp"
#include "schema/passage_data.hpp"
#include "schema/schema.hpp"
#include "text/analyzer.hpp"
#include "util/assert.hpp"
#include "util/exception_text.hpp"
#include "util/worker_pool.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

/// Where a full build keeps its segments until they are merged (inside the unpublished
/// generation, so a killed run's leftovers go with it when it is pruned).
constexpr const char* segments_dir = ".segments";

/// Bounds of the incremental pipeline's queues (records, results).
constexpr std::size_t queue_limit = 256;

struct Job {
    std::size_t seq = 0;
    std::size_t shard = 0;
    Transcript transcript;
    std::string origin;
    std::string hash;
    ChangeMark mark;  ///< the transcript history's changes of the record (its `changed:` terms)
    bool replace = false;
    std::size_t replace_shard = 0;
};

/// A run of one shard's records, written by one worker into one segment database.
struct Segment {
    std::size_t shard = 0;
    std::size_t ordinal = 0;  ///< position in the shard's stream: the merge order
    std::vector<Job> jobs;
    std::size_t bytes = 0;
};

struct Result {
    std::vector<Xapian::Document> documents;
    std::string id;
    std::size_t shard = 0;
    bool replace = false;
    std::size_t replace_shard = 0;
    std::size_t text_bytes = 0;
    std::size_t record_bytes = 0;  ///< text_size of the record, for progress
};

struct Existing {
    std::string hash;
    std::size_t shard = 0;
    Xapian::docid docid = 0;  ///< one of its passages: where its origin can be read
};

std::size_t text_size(const Transcript& t) {
    std::size_t n = t.text.size() + t.title.size();
    for (const auto& turn : t.turns) n += turn.text.size();
    return n;
}

/// Rethrows `e` as IndexError (Xapian::Error is not even a std::exception), so callers
/// handle one type.
[[noreturn]] void rethrow_translated(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const IndexError&) {
        throw;
    } catch (...) {
        throw IndexError(exception_text(e));
    }
}

/// The analyzer of the calling worker thread (an Analyzer is not shared between threads).
text::Analyzer& thread_analyzer() {
    thread_local text::Analyzer analyzer;
    return analyzer;
}

std::string segment_name(std::size_t shard, std::size_t ordinal) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "s%zu-%08zu", shard, ordinal);
    return buf;
}

}  // namespace

struct IndexBuilder::Impl {
    IndexOptions options;
    DiagnosticSink diagnostics;
    fs::path generation;
    std::size_t shard_count = 1;  ///< routing modulus (1 for one merged database)
    unsigned thread_count = 1;
    std::atomic<BuildPhase> phase{BuildPhase::Indexing};

    // Reader-thread state.
    std::unordered_map<std::string, std::string> seen;  // id → "file:line" of first occurrence
    RunChanges changes;  // the transcripts this run adds, changes and withdraws (reader side, then finish())
    std::set<std::string> failed_sources;
    std::size_t next_seq = 0;
    std::atomic<std::size_t> bytes_seen{0};    // read by the progress display's thread
    std::atomic<std::size_t> records_seen{0};  // likewise (seen.size() is not thread-safe)
    IndexStats stats;

    // Shared state.
    std::atomic<std::size_t> records_done{0};
    std::atomic<std::size_t> bytes_done{0};
    std::atomic<std::size_t> passages{0};
    std::atomic<std::size_t> text_bytes{0};
    FirstFailure failure;  ///< of the workers, the writer and the mergers: stops them all

    /// Keeps `e` if it is the first failure, and wakes the threads that wait on the writer.
    void fail(std::exception_ptr e) noexcept {
        failure.record(std::move(e));
        { std::lock_guard lock(result_mutex); }  // a waiter is either blocked or sees the failure
        result_space.notify_all();
        result_ready.notify_all();
    }

    void check_failure() {
        if (failure.failed()) rethrow_translated(failure.exception());
    }

    // ---------------------------------------------------------------- full builds
    std::vector<Segment> pending;              // per shard: the segment being filled
    std::vector<std::size_t> next_ordinal;     // per shard
    std::optional<WorkerPool> segment_writers;
    std::mutex written_mutex;
    std::vector<std::map<std::size_t, fs::path>> written;  // per shard: ordinal → segment path

    fs::path segment_root() const { return generation / segments_dir; }

    void submit(std::size_t shard) {
        Segment& s = pending[shard];
        if (s.jobs.empty()) return;
        Segment out;
        std::swap(out, s);
        out.shard = shard;
        out.ordinal = next_ordinal[shard]++;
        segment_writers->submit([this, seg = std::move(out)]() mutable { write_segment(thread_analyzer(), seg); });
    }

    void write_segment(text::Analyzer& analyzer, Segment& seg) {
        const fs::path path = segment_root() / segment_name(seg.shard, seg.ordinal);
        // Segments are scratch: no fsync (the merged output is synced), so a crash only
        // loses an unpublished generation.
        Xapian::WritableDatabase db(path.string(),
                                    Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
        db.set_metadata(std::string(schema::metadata_schema_version), std::string(schema::schema_version));
        for (auto& job : seg.jobs) {
            std::size_t bytes = 0, docs = 0;
            const std::string copy = copy_key(job.transcript);
            for (const auto& p : split_passages(job.transcript, options.passage_words)) {
                bytes += p.text.size();
                db.add_document(build_passage_document(analyzer, job.transcript, p, job.origin, job.hash, copy, job.mark));
                ++docs;
            }
            passages += docs;
            text_bytes += bytes;
            bytes_done += text_size(job.transcript);
            ++records_done;
            job.transcript = Transcript{};  // free the text early
        }
        db.commit();
        db.close();
        std::lock_guard lock(written_mutex);
        written[seg.shard].emplace(seg.ordinal, path);
    }

    void start_full_build() {
        shard_count = std::max<std::size_t>(1, options.shards);
        pending.resize(shard_count);
        next_ordinal.assign(shard_count, 0);
        written.resize(shard_count);
        fs::create_directories(segment_root());
        // Bounded: at most one waiting segment per worker beyond those being written.
        segment_writers.emplace(thread_count, thread_count, &failure);
    }

    void add_full(Transcript&& t, const RecordOrigin& origin, std::string hash, ChangeMark mark) {
        const std::size_t shard = shard_of(t.id, shard_count);
        Segment& s = pending[shard];
        const std::size_t size = text_size(t);
        s.bytes += size;
        Job job;
        job.transcript = std::move(t);
        job.origin = origin.file;
        job.hash = std::move(hash);
        job.mark = std::move(mark);
        s.jobs.push_back(std::move(job));
        if (s.bytes >= options.segment_bytes) submit(shard);
    }

    /// An empty database with the schema stamp, for a shard no transcript hashed to.
    static void create_empty(const fs::path& out) {
        Xapian::WritableDatabase db(out.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
        db.set_metadata(std::string(schema::metadata_schema_version), std::string(schema::schema_version));
        db.commit();
        db.close();
    }

    /// Merges `segments` (in order: document ids follow it) into the database `out`.
    static void merge(const std::vector<fs::path>& segments, const fs::path& out) {
        if (segments.empty()) {
            create_empty(out);
            return;
        }
        Xapian::Database in;
        for (const auto& s : segments) in.add_database(Xapian::Database(s.string()));
        // One pass over all segments: measured twice as fast as DBCOMPACT_MULTIPASS here
        // (80 segments of the real corpus: 3.0 s against 5.9 s of CPU), same output size.
        in.compact(out.string(), 0);
        // "Did you mean" data from the merged vocabulary: one pass, ~2 s for the real corpus.
        Xapian::WritableDatabase merged(out.string(), Xapian::DB_OPEN);
        add_spelling_data(merged);
        merged.commit();
        merged.close();
    }

    /// A full build's record against the live generation's: added, changed or neither.
    void tell_change(const std::string& id, const std::string& hash) {
        const auto old = options.previous ? options.previous->find(id) : TranscriptHashes::const_iterator{};
        if (!options.previous || old == options.previous->end()) changes.added.push_back(id);
        else if (old->second != hash) changes.changed.push_back(id);
    }

    /// A full build's changes, complete: the live generation's transcripts not seen again.
    void tell_withdrawn() {
        if (!options.previous) return;
        for (const auto& [id, hash] : *options.previous)
            if (!seen.count(id)) changes.withdrawn.push_back(id);
        std::sort(changes.withdrawn.begin(), changes.withdrawn.end());
    }

    void finish_full() {
        for (std::size_t s = 0; s < shard_count; ++s) submit(s);
        segment_writers->finish();

        phase = BuildPhase::Merging;
        std::vector<std::vector<fs::path>> inputs(shard_count);
        for (std::size_t s = 0; s < shard_count; ++s) {
            // Document ids follow the input only when every segment handed out was written:
            // the map then holds ordinals 0..n-1, in input order.
            DRAGOMAN_ASSERT_REL(written[s].size(), ==, next_ordinal[s]);
            for (auto& [ordinal, path] : written[s]) inputs[s].push_back(path);
            stats.segments += inputs[s].size();
        }
        // Versions can only be linked once every record is written: they may arrive in
        // any order and land in different shards.
        link_versions_in_segments(inputs);
        const auto merge_start = std::chrono::steady_clock::now();
        if (!options.merge_segments) {
            // Publish every segment as a shard of its own (measurement only).
            std::size_t n = 0;
            for (auto& list : inputs)
                for (auto& p : list) fs::rename(p, generation / shard_name(n++));
            if (n == 0) create_empty(generation / shard_name(n++));
            write_manifest(generation, n);
        } else if (options.shards == 0) {
            merge(inputs[0], generation);
        } else {
            // Shards merge independently: one thread each, at most one per core.
            std::atomic<std::size_t> next{0};
            std::vector<std::thread> mergers;
            for (unsigned i = 0; i < std::min<std::size_t>(thread_count, shard_count); ++i)
                mergers.emplace_back([&] {
                    for (std::size_t s; (s = next++) < shard_count;) {
                        try {
                            merge(inputs[s], generation / shard_name(s));
                        } catch (...) {
                            fail(std::current_exception());
                        }
                    }
                });
            for (auto& m : mergers) m.join();
            check_failure();
            write_manifest(generation, shard_count);
        }
        fs::remove_all(segment_root());
        stats.merge_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_start).count();
        write_lexicon(generation, mine_lexicon(generation_databases(generation), options.lexicon, stats.lexicon));
        tell_withdrawn();
        if (options.before_visible) options.before_visible(changes, {});
    }

    /// The version pass of a full build, on the segments before they are merged: every
    /// signature read (one segment open at a time, in merge order, so that the links are
    /// those of the merged database), linked, and the segments whose transcripts change
    /// group rewritten on every core. A passage rewritten in its segment of ~1,000 costs a
    /// fraction of one rewritten in the merged database, whose posting lists it touches
    /// (ten times the corpus: 76.6 s on one core in the merged database, docs/indexing.md).
    void link_versions_in_segments(const std::vector<std::vector<fs::path>>& inputs) {
        const auto started = std::chrono::steady_clock::now();
        std::vector<fs::path> segments;
        for (const auto& list : inputs) segments.insert(segments.end(), list.begin(), list.end());
        std::vector<HeldSignature> held;
        for (std::size_t i = 0; i < segments.size(); ++i) read_signatures(Xapian::Database(segments[i].string()), i, held);
        VersionPassStats v;
        std::vector<std::vector<GroupChange>> by_segment(segments.size());
        for (auto& change : version_changes(std::move(held), {}, v)) by_segment[change.database].push_back(std::move(change));
        WorkerPool rewriters(thread_count, thread_count, &failure);
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (by_segment[i].empty()) continue;
            rewriters.submit([path = segments[i], changes = std::move(by_segment[i])] {
                Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
                for (const auto& change : changes) apply_group_change(db, change);
                db.commit();
                db.close();
            });
        }
        rewriters.finish();
        v.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        record_versions(v);
    }

    void record_versions(const VersionPassStats& v) {
        stats.versions_linked = v.linked;
        stats.version_seconds = v.seconds;
    }

    // ---------------------------------------------------------------- incremental runs
    std::vector<Xapian::WritableDatabase> shards;
    std::unordered_map<std::string, Existing> existing;  // what the index holds
    std::optional<WorkerPool> analysers;
    std::mutex result_mutex;
    std::condition_variable result_ready, result_space;
    std::map<std::size_t, Result> results;
    bool analysis_done = false;  ///< no more results come: the analysers are joined
    std::size_t expected = 0;  ///< the next sequence number the writer takes
    std::thread writer;

    /// What shard `shard` holds: transcript id → content hash, from two value streams read
    /// in docid order (cheap: no document data is decoded).
    void load_existing(std::size_t shard) {
        visit_transcript_hashes(shards[shard], [&](const std::string& id, const std::string& hash, Xapian::docid docid) {
            existing.try_emplace(id, Existing{hash, shard, docid});
        });
    }

    /// The source file a transcript was read from (kept in its documents' data).
    std::string origin_of(const Existing& e) {
        // Unreadable data names no file: the transcript is then kept only if seen again.
        auto data = decode_passage_data(shards[e.shard].get_document(e.docid).get_data());
        return data ? std::move(data->origin) : std::string();
    }

    void start_incremental() {
        const auto databases = generation_databases(generation);
        shard_count = databases.size();
        for (const auto& path : databases)
            shards.emplace_back(path.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        for (std::size_t s = 0; s < shards.size(); ++s) load_existing(s);
        // One transaction per shard: readers see the old state until the commits in finish().
        for (auto& db : shards) {
            db.begin_transaction(true);
            db.set_metadata(std::string(schema::metadata_schema_version), std::string(schema::schema_version));
        }
        analysers.emplace(thread_count, queue_limit, &failure);
        writer = std::thread([this] { ordered_writer(); });
    }

    /// A worker's task: the documents of one record, handed to the writer in input order.
    void analyse(const Job& job) {
        Result r;
        r.id = job.transcript.id;
        r.shard = job.shard;
        r.replace = job.replace;
        r.replace_shard = job.replace_shard;
        r.record_bytes = text_size(job.transcript);
        try {
            const std::string copy = copy_key(job.transcript);
            for (const auto& p : split_passages(job.transcript, options.passage_words)) {
                r.text_bytes += p.text.size();
                r.documents.push_back(
                    build_passage_document(thread_analyzer(), job.transcript, p, job.origin, job.hash, copy, job.mark));
            }
        } catch (...) {
            fail(std::current_exception());  // workers waiting for room below stop waiting
            return;
        }
        {
            std::unique_lock lock(result_mutex);
            // Bounded, but the result the writer waits for always gets in.
            result_space.wait(lock, [&] {
                return results.size() < queue_limit * 2 || job.seq == expected || failure.failed();
            });
            results.emplace(job.seq, std::move(r));
        }
        result_ready.notify_all();
    }

    /// Ends the writer once no more results come (after the analysers are joined).
    void end_writer() noexcept {
        {
            std::lock_guard lock(result_mutex);
            analysis_done = true;
        }
        result_ready.notify_all();
        if (writer.joinable()) writer.join();
    }

    void ordered_writer() {
        for (;;) {
            Result r;
            {
                std::unique_lock lock(result_mutex);
                result_ready.wait(lock, [&] {
                    return (!results.empty() && results.begin()->first == expected) || analysis_done;
                });
                // Done, or a gap that stays: the pool dropped that record's task after a failure.
                if (results.empty() || results.begin()->first != expected) break;
                r = std::move(results.begin()->second);
                results.erase(results.begin());
                ++expected;
            }
            result_space.notify_all();
            if (failure.failed()) continue;
            try {
                if (r.replace) shards[r.replace_shard].delete_document(schema::transcript_term(r.id));
                for (auto& d : r.documents) shards[r.shard].add_document(d);
                passages += r.documents.size();
                text_bytes += r.text_bytes;
                bytes_done += r.record_bytes;
                ++records_done;
            } catch (...) {
                fail(std::current_exception());
            }
        }
    }

    void add_incremental(Transcript&& t, const RecordOrigin& origin, std::string hash, ChangeMark mark) {
        Job job;
        job.hash = std::move(hash);
        job.mark = std::move(mark);
        job.shard = shard_of(t.id, shard_count);
        auto old = existing.find(t.id);
        if (old != existing.end()) {
            if (old->second.hash == job.hash) {
                ++stats.unchanged;
                bytes_done += text_size(t);
                ++records_done;
                return;
            }
            job.replace = true;
            job.replace_shard = old->second.shard;
            ++stats.updated;
            changes.changed.push_back(t.id);
        } else {
            ++stats.indexed;
            changes.added.push_back(t.id);
        }
        job.seq = next_seq++;
        job.transcript = std::move(t);
        job.origin = origin.file;
        analysers->submit([this, job = std::move(job)] { analyse(job); });
    }

    bool source_failed_for(const std::string& origin) const {
        for (const auto& f : failed_sources) {
            if (f == origin) return true;
            // A failed directory (recorded with a trailing '/') covers everything below it.
            if (!f.empty() && f.back() == '/' && origin.compare(0, f.size(), f) == 0) return true;
        }
        return false;
    }

    void finish_incremental() {
        try {
            analysers->finish();
        } catch (...) {
            // Kept in `failure` (shared with the pool): rethrown once the writer is joined.
        }
        end_writer();
        check_failure();
        for (const auto& [id, e] : existing) {
            // The origin is read only when some source failed: most runs never decode data.
            if (seen.count(id) || (!failed_sources.empty() && source_failed_for(origin_of(e)))) continue;
            shards[e.shard].delete_document(schema::transcript_term(id));
            ++stats.removed;
            changes.withdrawn.push_back(id);
        }
        std::sort(changes.withdrawn.begin(), changes.withdrawn.end());  // `existing` has no order
        // Inside the transactions: the new links are committed with the records.
        record_versions(apply_version_links(shards));
        if (options.before_visible) {
            std::vector<std::uint64_t> revisions;
            for (auto& db : shards) revisions.push_back(db.get_revision() + 1);
            options.before_visible(changes, revisions);
        }
        phase = BuildPhase::Committing;
        // Each shard commits atomically; with several shards a crash or a full disk between
        // two commits leaves some shards updated and the others as they were, each one
        // consistent: PartialCommit says so.
        for (std::size_t i = 0; i < shards.size(); ++i) {
            try {
                shards[i].commit_transaction();
            } catch (...) {
                if (i == 0) throw;
                throw PartialCommit(exception_text(std::current_exception()), i, shards.size());
            }
        }
        for (auto& db : shards) db.close();
    }

    void stop_threads() noexcept {
        // A failure (unless one is already kept) makes every thread drop its remaining work.
        fail(std::make_exception_ptr(IndexError("the run was stopped")));
        if (segment_writers) segment_writers->stop();
        if (analysers) analysers->stop();
        end_writer();
        // A commit_transaction that failed (a full disk) leaves its shard outside the
        // transaction with the changes still buffered, and Xapian's destructor commits what
        // is buffered: cancel them, so that the destructor never commits.
        if (phase != BuildPhase::Done)
            for (auto& db : shards) {
                try {
                    db.begin_transaction(false);  // throws when still inside the transaction
                } catch (...) {
                }
                try {
                    db.cancel_transaction();
                } catch (...) {
                }
            }
    }
};

IndexBuilder::IndexBuilder(const fs::path& generation, IndexOptions options, DiagnosticSink diagnostics)
    : m_impl(std::make_unique<Impl>()) {
    auto& m = *m_impl;
    m.options = options;
    m.diagnostics = std::move(diagnostics);
    m.generation = generation;
    m.thread_count = options.threads ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    try {
        if (options.incremental)
            m.start_incremental();
        else
            m.start_full_build();
    } catch (...) {
        m.stop_threads();
        rethrow_translated(std::current_exception());
    }
}

IndexBuilder::~IndexBuilder() {
    // finish() was not called (an exception unwound the caller): stop without committing.
    if (m_impl) m_impl->stop_threads();
}

void IndexBuilder::add(Transcript&& t, const RecordOrigin& origin) {
    auto& m = *m_impl;
    m.check_failure();
    const std::string where = origin.file + ":" + std::to_string(origin.line);
    auto [it, fresh] = m.seen.emplace(t.id, where);
    if (!fresh) {
        m.diagnostics(Diagnostic{origin.file, origin.line, 0, t.id, "duplicate id, first seen at " + it->second});
        ++m.stats.rejected;
        return;
    }
    ++m.records_seen;
    m.bytes_seen += text_size(t);
    std::string hash = record_hash(t);
    try {
        ChangeMark mark = m.options.on_record ? m.options.on_record(t, hash) : ChangeMark{};
        if (m.options.incremental) {
            m.add_incremental(std::move(t), origin, std::move(hash), std::move(mark));
        } else {
            ++m.stats.indexed;
            m.tell_change(t.id, hash);
            m.add_full(std::move(t), origin, std::move(hash), std::move(mark));
        }
    } catch (...) {
        rethrow_translated(std::current_exception());
    }
}

void IndexBuilder::source_failed(const std::string& path) { m_impl->failed_sources.insert(path); }

std::size_t IndexBuilder::records_seen() const { return m_impl->records_seen; }
std::size_t IndexBuilder::records_done() const { return m_impl->records_done; }
std::size_t IndexBuilder::bytes_seen() const { return m_impl->bytes_seen; }
std::size_t IndexBuilder::bytes_done() const { return m_impl->bytes_done; }
BuildPhase IndexBuilder::phase() const { return m_impl->phase; }

IndexStats IndexBuilder::finish() {
    auto& m = *m_impl;
    try {
        if (m.options.incremental)
            m.finish_incremental();
        else
            m.finish_full();
    } catch (...) {
        m.stop_threads();
        rethrow_translated(std::current_exception());
    }
    m.phase = BuildPhase::Done;
    m.stats.passages = m.passages;
    m.stats.text_bytes = m.text_bytes;
    return m.stats;
}

std::size_t generation_shard_count(const fs::path& generation) {
    std::error_code ec;
    return fs::exists(generation / manifest_file, ec) ? generation_databases(generation).size() : 0;
}

std::string stored_schema_version(const fs::path& generation) {
    try {
        const auto dbs = generation_databases(generation);
        return Xapian::Database(dbs.front().string()).get_metadata(std::string(schema::metadata_schema_version));
    } catch (...) {
        return {};
    }
}

}  // namespace dragoman
