// The indexing pipeline: reader thread → analysis workers → one ordered Xapian writer.
#include "index/index_builder.hpp"

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "index/passage_document.hpp"
#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

namespace {

struct Job {
    std::size_t seq = 0;
    Transcript transcript;
    std::string origin;
    std::string hash;
    bool replace = false;
};

struct Result {
    std::vector<Xapian::Document> documents;
    std::string id;
    bool replace = false;
    std::size_t text_bytes = 0;
};

struct Existing {
    std::string hash;
    std::string origin;
};

constexpr std::size_t queue_limit = 256;

}  // namespace

struct IndexBuilder::Impl {
    IndexOptions options;
    DiagnosticSink diagnostics;
    Xapian::WritableDatabase db;

    // Reader-thread state.
    std::unordered_map<std::string, std::string> seen;  // id → "file:line" of first occurrence
    std::unordered_map<std::string, Existing> existing; // incremental: what the index holds
    std::set<std::string> failed_sources;
    std::size_t next_seq = 0;
    IndexStats stats;

    // Job queue.
    std::mutex job_mutex;
    std::condition_variable job_ready, job_space;
    std::deque<Job> jobs;
    bool no_more_jobs = false;

    // Results, written in sequence order.
    std::mutex result_mutex;
    std::condition_variable result_ready, result_space;
    std::map<std::size_t, Result> results;
    std::size_t workers_done = 0;
    std::size_t expected = 0;  ///< the next sequence number the writer takes

    std::vector<std::thread> workers;
    std::thread writer;
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::atomic<std::size_t> passages{0};
    std::atomic<std::size_t> text_bytes{0};

    void fail(std::exception_ptr e) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = e;
    }

    void load_existing() {
        const std::string prefix(schema::prefix_transcript);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            std::string id = (*t).substr(prefix.size());
            if (!id.empty() && id.front() == ':') id.erase(0, 1);
            auto p = db.postlist_begin(*t);
            if (p == db.postlist_end(*t)) continue;
            const Xapian::Document doc = db.get_document(*p);
            Existing e;
            e.hash = doc.get_value(schema::slot_content_hash);
            try {
                e.origin = nlohmann::json::parse(doc.get_data()).value("origin", "");
            } catch (const std::exception&) {
            }
            existing.emplace(std::move(id), std::move(e));
        }
    }

    void work() {
        text::Analyzer analyzer;
        for (;;) {
            Job job;
            {
                std::unique_lock lock(job_mutex);
                job_ready.wait(lock, [&] { return !jobs.empty() || no_more_jobs; });
                if (jobs.empty()) break;
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            job_space.notify_one();
            Result r;
            r.id = job.transcript.id;
            r.replace = job.replace;
            try {
                for (const auto& p : split_passages(job.transcript, options.passage_words)) {
                    r.text_bytes += p.text.size();
                    r.documents.push_back(build_passage_document(analyzer, job.transcript, p, job.origin, job.hash));
                }
            } catch (...) {
                fail(std::current_exception());
            }
            {
                std::unique_lock lock(result_mutex);
                // Bounded, but the result the writer waits for always gets in.
                result_space.wait(lock, [&] { return results.size() < queue_limit * 2 || job.seq == expected; });
                results.emplace(job.seq, std::move(r));
            }
            result_ready.notify_all();
        }
        {
            std::lock_guard lock(result_mutex);
            ++workers_done;
        }
        result_ready.notify_all();
    }

    void write() {
        for (;;) {
            Result r;
            {
                std::unique_lock lock(result_mutex);
                result_ready.wait(lock, [&] {
                    return (!results.empty() && results.begin()->first == expected) ||
                           (workers_done == workers.size() && results.empty());
                });
                if (results.empty()) break;
                r = std::move(results.begin()->second);
                results.erase(results.begin());
                ++expected;
            }
            result_space.notify_all();
            try {
                if (r.replace) db.delete_document(schema::term(schema::prefix_transcript, r.id));
                for (auto& d : r.documents) db.add_document(d);
                passages += r.documents.size();
                text_bytes += r.text_bytes;
            } catch (...) {
                fail(std::current_exception());
            }
        }
    }
};

IndexBuilder::IndexBuilder(const std::filesystem::path& database, IndexOptions options, DiagnosticSink diagnostics)
    : m_impl(std::make_unique<Impl>()) {
    auto& m = *m_impl;
    m.options = options;
    m.diagnostics = std::move(diagnostics);
    m.db = Xapian::WritableDatabase(database.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    if (options.incremental) {
        m.load_existing();
        // One transaction: readers see the old state until the single commit in finish().
        m.db.begin_transaction(true);
    }
    m.db.set_metadata(std::string(schema::metadata_schema_version), std::string(schema::schema_version));
    unsigned n = options.analysis_threads ? options.analysis_threads : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < n; ++i) m.workers.emplace_back([&m] { m.work(); });
    m.writer = std::thread([&m] { m.write(); });
}

IndexBuilder::~IndexBuilder() {
    if (m_impl && m_impl->writer.joinable()) {
        try {
            finish();
        } catch (...) {
        }
    }
}

void IndexBuilder::add(Transcript&& t, const RecordOrigin& origin) {
    auto& m = *m_impl;
    const std::string where = origin.file + ":" + std::to_string(origin.line);
    auto [it, fresh] = m.seen.emplace(t.id, where);
    if (!fresh) {
        m.diagnostics(Diagnostic{origin.file, origin.line, 0, t.id, "duplicate id, first seen at " + it->second});
        ++m.stats.rejected;
        return;
    }
    Job job;
    job.hash = record_hash(t);
    if (m.options.incremental) {
        auto old = m.existing.find(t.id);
        if (old != m.existing.end()) {
            if (old->second.hash == job.hash) {
                ++m.stats.unchanged;
                return;
            }
            job.replace = true;
            ++m.stats.updated;
        } else {
            ++m.stats.indexed;
        }
    } else {
        ++m.stats.indexed;
    }
    job.seq = m.next_seq++;
    job.transcript = std::move(t);
    job.origin = origin.file;
    {
        std::unique_lock lock(m.job_mutex);
        m.job_space.wait(lock, [&] { return m.jobs.size() < queue_limit; });
        m.jobs.push_back(std::move(job));
    }
    m.job_ready.notify_one();
}

void IndexBuilder::source_failed(const std::string& file) { m_impl->failed_sources.insert(file); }

std::size_t IndexBuilder::records_seen() const { return m_impl->seen.size(); }

IndexStats IndexBuilder::finish() {
    auto& m = *m_impl;
    {
        std::lock_guard lock(m.job_mutex);
        m.no_more_jobs = true;
    }
    m.job_ready.notify_all();
    for (auto& w : m.workers) w.join();
    m.writer.join();
    if (m.failure) std::rethrow_exception(m.failure);
    if (m.options.incremental) {
        for (const auto& [id, e] : m.existing) {
            if (m.seen.count(id) || m.failed_sources.count(e.origin)) continue;
            m.db.delete_document(schema::term(schema::prefix_transcript, id));
            ++m.stats.removed;
        }
        m.db.commit_transaction();
    } else {
        m.db.commit();
    }
    m.stats.passages = m.passages;
    m.stats.text_bytes = m.text_bytes;
    return m.stats;
}

}  // namespace dragoman
