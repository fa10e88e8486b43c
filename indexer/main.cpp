// dragoman-index: option parsing and wiring; what is indexed is decided in libdragoman.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include "index/change_journal.hpp"
#include "index/index_builder.hpp"
#include "index/index_root.hpp"
#include "index/index_source.hpp"
#include "index/reject_log.hpp"
#include "index/run_plan.hpp"
#include "index/transcript_history.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"
#include "progress_bar.hpp"
#include "schema/word_terms.hpp"
#include "render/escape.hpp"
#include "util/exception_text.hpp"
#include "util/utc_time.hpp"

namespace {

namespace fs = std::filesystem;

// Exit codes (documented in the manual and README).
constexpr int exit_ok = 0;
constexpr int exit_rejected = 1;
constexpr int exit_fatal = 2;
constexpr int exit_locked = 75;  // EX_TEMPFAIL: another indexer holds the lock; cron may retry

struct Options {
    std::string db;
    std::vector<std::string> sources;
    bool incremental = false;
    std::string format = "auto";
    std::size_t shards = 0;  // 0: not given
    bool progress = false;
    bool quiet = false;
    bool verbose = false;
    std::string rejects;
    unsigned threads = 0;
    std::size_t keep = 2;
    std::string lexicon_held_out;
};

/// Input read so far, in bytes of the files' sizes: whole files done plus the current
/// file's share, estimated from the text accepted from it (capped at its size).
struct InputMeter {
    std::atomic<std::uint64_t> done_bytes{0};
    std::atomic<std::uint64_t> file_size{0};
    std::atomic<std::uint64_t> file_start_text{0};
    std::uint64_t total = 0;

    double fraction(std::uint64_t text_seen) const {
        if (total == 0) return 0;
        const std::uint64_t in_file = std::min<std::uint64_t>(text_seen - file_start_text, file_size);
        return static_cast<double>(done_bytes + in_file) / static_cast<double>(total);
    }
};

/// The generation a run writes and what its failure leaves, for the one report both a
/// caught failure and std::terminate give. Xapian 1.4 writes in some destructors (the
/// value-stream updater, flushed at a commit and when a value stream of a modified
/// database is read): a failed write there (ENOSPC, EFBIG) ends the process through
/// std::terminate, past every catch.
struct Unfinished {
    std::atomic<bool> armed{false};  ///< between choosing the target and publishing it
    fs::path target;
    fs::path live;
    bool incremental = false;

    /// Says what failed and what is left, removes a full build's unfinished generation;
    /// returns the exit status.
    int fail(const std::string& what, const dragoman::PartialCommit* partial = nullptr) {
        std::fprintf(stderr, "dragoman-index: fatal: %s\n", what.c_str());
        if (!armed.exchange(false)) return exit_fatal;
        const std::string unchanged = live.empty() ? "nothing is published yet" : "the live index is unchanged";
        if (partial) {
            std::fprintf(stderr,
                         "dragoman-index: %zu of the %zu shards hold this run's changes and the others none; "
                         "the next run completes the update\n",
                         partial->committed, partial->shards);
            return exit_fatal;
        }
        if (incremental) {
            std::fprintf(stderr, "dragoman-index: nothing was committed; %s\n", unchanged.c_str());
            return exit_fatal;
        }
        std::error_code ec;
        fs::remove_all(target, ec);
        if (ec)
            std::fprintf(stderr, "dragoman-index: %s: cannot remove the unfinished generation: %s\n",
                         target.c_str(), ec.message().c_str());
        else
            std::fprintf(stderr, "dragoman-index: the unfinished generation is removed; %s\n", unchanged.c_str());
        return exit_fatal;
    }
};

Unfinished unfinished;

/// What ended the run in std::terminate. Usually an exception escaping a destructor; but
/// Xapian 1.4's WritableDatabase::commit() can also reach a landing pad that calls
/// std::terminate with no exception in flight (std::current_exception() is null): seen in 3
/// of 125 runs of test_full_disk's sharded full build, always with errno ENOSPC on the
/// failing thread. The system call's error is then the only account of the failure.
std::string terminate_reason(const std::exception_ptr& current, int last_errno) {
    if (current) return dragoman::exception_text(current);
    if (last_errno == 0) return "the index library ended the run with no error to report";
    return std::string("the index library ended the run after a failed system call (") +
           std::strerror(last_errno) + ")";
}

[[noreturn]] void on_terminate() {
    const int last_errno = errno;  // before anything below can change it
    const std::string what = terminate_reason(std::current_exception(), last_errno);
    std::_Exit(unfinished.fail(unfinished.armed ? unfinished.target.string() + ": " + what : what));
}

/// Diagnostics to stderr (warnings only with --verbose) and errors into the rejects log.
class Reporter {
public:
    explicit Reporter(bool verbose) : m_verbose(verbose) {}

    /// `format` of each source file, for the rejects log.
    void add_source(const dragoman::SourceFile& f) { m_format_of[f.path] = f.format; }

    dragoman::DiagnosticSink sink() {
        return [this](const dragoman::Diagnostic& d) {
            if (d.severity == dragoman::Diagnostic::Severity::Error) {
                ++m_errors;
                const auto f = m_format_of.find(d.file);
                m_rejects.add(d, f != m_format_of.end() ? f->second : std::string());
            } else if (!m_verbose) {
                return;
            }
            // Input bytes reach the terminal only as valid UTF-8 without control characters.
            std::fprintf(stderr, "%s\n", dragoman::render::sanitize(d.format()).c_str());
        };
    }
    void note(const std::string& s) const {
        if (m_verbose && !s.empty()) std::fprintf(stderr, "dragoman-index: %s\n", s.c_str());
    }
    /// Records rejected (and files that failed) so far.
    [[nodiscard]] std::size_t errors() const { return m_errors; }
    [[nodiscard]] const dragoman::RejectLog& rejects() const { return m_rejects; }

private:
    const bool m_verbose;
    std::map<std::string, std::string> m_format_of;
    dragoman::RejectLog m_rejects;
    std::size_t m_errors = 0;
};

/// The progress bar's view of a build.
dragoman_indexer::ProgressSample progress_sample(const dragoman::IndexBuilder& builder, const InputMeter& meter) {
    using dragoman::BuildPhase;
    dragoman_indexer::ProgressSample s;
    s.records_read = builder.records_seen();
    s.records_done = builder.records_done();
    // Share of the input read, times the share of what was read that is done:
    // the reader runs ahead of the workers by the queued segments.
    const std::size_t seen = builder.bytes_seen();
    const std::size_t done = std::min(builder.bytes_done(), seen);
    s.input_fraction = meter.fraction(seen) * (seen ? static_cast<double>(done) / static_cast<double>(seen) : 0.0);
    s.text_mb = static_cast<double>(done) / 1e6;
    switch (builder.phase()) {
        case BuildPhase::Indexing: s.phase = "indexing"; break;
        case BuildPhase::Merging: s.phase = "merging"; break;
        case BuildPhase::Committing: s.phase = "committing"; break;
        case BuildPhase::Done: s.phase = "publishing"; break;
    }
    return s;
}

/// What a run tells the change journal: the live generation its changes are told against,
/// and the entry it wrote before they became visible (none when nothing changed).
struct RunJournal {
    dragoman::ChangeJournal& journal;
    dragoman::TranscriptHistoryStore& history;
    double history_seconds = 0;  ///< spent keeping records and committing the history (--verbose)
    std::filesystem::path live;
    std::optional<dragoman::JournalEntry> entry;
};

/// Reads every file into a builder over `target` and writes the rejects log, then commits;
/// the run's changes go to the journal as a pending entry first. Throws on a failure of
/// the index, the log or the journal.
dragoman::IndexStats build(const Options& o, const dragoman::RunPlan& plan, const std::filesystem::path& target,
                           const std::vector<dragoman::SourceFile>& files,
                           const std::vector<std::string>& unreadable, Reporter& reporter, RunJournal& journal) {
    using namespace dragoman;
    InputMeter meter;
    for (const auto& f : files) {
        std::error_code ec;
        const auto size = fs::file_size(f.path, ec);
        meter.total += ec ? 0 : size;
    }
    IndexOptions options;
    options.threads = o.threads;
    options.incremental = plan.incremental;
    options.shards = plan.shards;
    if (!plan.incremental) options.previous = std::make_shared<const TranscriptHashes>(transcript_hashes(journal.live));
    if (!o.lexicon_held_out.empty()) options.lexicon.held_out = read_held_out(o.lexicon_held_out);
    options.before_visible = [&](const RunChanges& changes, const std::vector<std::uint64_t>& revisions) {
        if (!changes.empty())
            journal.entry = journal.journal.prepare(changes, plan.incremental ? "incremental" : "full", target, revisions);
        // After the journal's pending entry, so that recover() decides on the history's rows too.
        const auto started = std::chrono::steady_clock::now();
        journal.history.finish_run(changes.withdrawn, journal.entry ? journal.entry->run : 0,
                                   journal.entry ? journal.entry->published : utc_now());
        journal.history_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    options.on_record = [&](const Transcript& t, const std::string& hash) {
        const auto started = std::chrono::steady_clock::now();
        ChangeMark mark = journal.history.offer(t, hash);
        journal.history_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return mark;
    };
    const DiagnosticSink report = reporter.sink();
    IndexBuilder builder(target, options, report);
    for (const auto& u : unreadable) builder.source_failed(u);
    dragoman_indexer::ProgressBar progress(o.progress && isatty(STDERR_FILENO) && !o.quiet,
                                           [&] { return progress_sample(builder, meter); });
    for (const auto& f : files) {
        std::error_code ec;
        const auto size = fs::file_size(f.path, ec);
        meter.file_start_text = builder.bytes_seen();
        meter.file_size = ec ? 0 : size;
        index_source(builder, f, report);
        meter.done_bytes += meter.file_size;
        meter.file_size = 0;
    }
    // The log before the commit or publish, so that a run that exits 2 has changed nothing:
    // a log that cannot be written (a full disk) stops the run like the index.
    if (!o.rejects.empty()) reporter.rejects().write(o.rejects);
    auto stats = builder.finish();
    progress.stop();
    return stats;
}

void print_summary(const Options& o, const dragoman::IndexStats& stats, std::size_t rejected, double secs,
                   const std::filesystem::path& live) {
    if (!o.quiet && (o.verbose || o.progress || rejected > 0)) {
        std::fprintf(stderr, "indexed %zu, updated %zu, removed %zu, rejected %zu in %.1f s\n", stats.indexed,
                     stats.updated, stats.removed, rejected, secs);
    }
    if (o.verbose) {
        std::fprintf(stderr,
                     "%zu passages, %.1f MB of text, %zu unchanged, %zu segments merged in %.1f s, "
                     "%zu transcripts in detected language versions (%.1f s); live: %s\n",
                     stats.passages, static_cast<double>(stats.text_bytes) / 1e6, stats.unchanged, stats.segments,
                     stats.merge_seconds, stats.versions_linked, stats.version_seconds, live.c_str());
        if (stats.segments > 0)  // a full build
            std::fprintf(stderr,
                         "lexicon: %zu translations from %zu version groups (%zu held out), %zu aligned paragraph "
                         "pairs, %zu terms (%zu translations of or into one), in %.1f s\n",
                         stats.lexicon.entries, stats.lexicon.groups, stats.lexicon.held_out_groups,
                         stats.lexicon.paragraph_pairs, stats.lexicon.terms, stats.lexicon.term_entries, stats.lexicon.seconds);
        if (stats.segments > 0 && !stats.lexicon.tensions.empty()) {
            std::string tensions;
            for (const auto& [direction, tension] : stats.lexicon.tensions) {
                char value[32];
                std::snprintf(value, sizeof value, " %.1f", tension);
                tensions += (tensions.empty() ? "" : ", ") + direction + value;
            }
            std::fprintf(stderr, "lexicon: the diagonal's tension by direction: %s\n", tensions.c_str());
        }
        const auto cache = dragoman::schema::word_terms_cache_stats();
        std::fprintf(stderr, "word analysis cache: %.1f%% of %llu lookups answered, %zu words held\n",
                     100.0 * cache.hit_rate(), static_cast<unsigned long long>(cache.hits + cache.misses), cache.entries);
    }
}

int run(const Options& o) {
    using namespace dragoman;
    const auto started = std::chrono::steady_clock::now();
    IndexRoot root(o.db);
    IndexLock lock(o.db);
    if (!lock.acquired()) {
        std::fprintf(stderr, "dragoman-index: %s is locked by another indexer (exit 75: try again later)\n",
                     o.db.c_str());
        return exit_locked;
    }
    if (!o.rejects.empty()) {
        // Fail now, not after an hour of indexing, when the log cannot be written.
        std::ofstream probe(o.rejects, std::ios::app);
        if (!probe) {
            std::fprintf(stderr, "dragoman-index: %s: cannot open for writing: %s\n", o.rejects.c_str(),
                         std::strerror(errno));
            return exit_fatal;
        }
    }

    Reporter reporter(o.verbose);
    std::vector<std::string> unreadable;
    const auto files = walk_sources(o.sources, o.format == "auto" ? std::string() : o.format, reporter.sink(), &unreadable);
    for (const auto& f : files) reporter.add_source(f);

    const fs::path live = root.current();
    ChangeJournal journal(o.db);
    auto history = TranscriptHistoryStore::open_for_writing(o.db);
    // The entry of a run killed before or after it published, and the history's versions
    // of a run that never published.
    journal.recover(live, [&history](std::uint64_t run) { history.discard_run(run); });
    history.begin_run();
    RunJournal run_journal{journal, history, 0.0, live, std::nullopt};
    const RunPlan plan = plan_run(o.incremental, o.shards, live_index(live));
    reporter.note(plan.note);
    // Before anything is written: the unfinished generation of a killed run (and old ones
    // beyond --keep) gives its space back, or on a nearly full disk every run after it fails.
    root.prune(o.keep);
    const fs::path target = plan.incremental ? live : root.create_generation();
    unfinished.target = target;
    unfinished.live = live;
    unfinished.incremental = plan.incremental;
    unfinished.armed = true;
    IndexStats stats;
    try {
        stats = build(o, plan, target, files, unreadable, reporter, run_journal);
        if (!plan.incremental) root.publish(target);
        unfinished.armed = false;
        if (run_journal.entry) journal.publish(*run_journal.entry);
    } catch (const PartialCommit& e) {
        return unfinished.fail(target.string() + ": " + e.what(), &e);
    } catch (const IndexError& e) {
        // Xapian's messages name no file: the index's failures get the generation's path.
        return unfinished.fail(target.string() + ": " + e.what());
    } catch (...) {
        return unfinished.fail(exception_text(std::current_exception()));
    }
    root.prune(o.keep);

    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_summary(o, stats, reporter.errors(), secs, root.current());
    if (o.verbose) std::fprintf(stderr, "transcript history: %.1f s\n", run_journal.history_seconds);
    return reporter.errors() > 0 ? exit_rejected : exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{"dragoman-index: index transcripts into a Dragoman index (DBROOT) and publish it atomically"};
    app.add_option("--db", o.db, "index root directory (DBROOT); created if missing")->required();
    app.add_option("sources", o.sources, "files or directories to index (walked recursively)")->required();
    app.add_flag("--incremental", o.incremental,
                 "update the live index in place: add new, replace changed, remove vanished transcripts");
    auto names = dragoman::reader_names();
    names.insert(names.begin(), "auto");
    app.add_option("--format", o.format, "input format (default: detected per file)")
        ->check(CLI::IsMember(names));
    app.add_option("--shards", o.shards,
                   "write N shard databases listed by DBROOT/current/manifest.json (default: one database)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
    auto* progress = app.add_flag("--progress", o.progress, "show a progress bar on a terminal, and the summary");
    auto* quiet = app.add_flag("--quiet,-q", o.quiet, "print nothing but errors");
    auto* verbose = app.add_flag("--verbose,-v", o.verbose, "print warnings, notes and the summary");
    quiet->excludes(progress)->excludes(verbose);
    app.add_option("--rejects", o.rejects,
                   "write each rejected record (JSON Lines: where, why and the record) to FILE");
    app.add_option("--threads", o.threads, "worker threads (default: one per core)")->check(CLI::Range(0U, 64U));
    app.add_option("--keep", o.keep, "old generations to keep besides the live one (default 2)");
    app.add_option("--lexicon-held-out", o.lexicon_held_out,
                   "leave the version groups of the transcripts listed in FILE (one id a line) out of the "
                   "translation lexicon a full build mines (for measuring cross-lingual search)");
    app.footer(
        "Exit status: 0 success, 1 some records rejected, 2 usage or fatal error, 75 another indexer holds the lock.");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : exit_fatal;
    }
    std::set_terminate(on_terminate);
    try {
        return run(o);
    } catch (...) {  // Xapian's errors are no std::exception: every kind ends here, in exit 2
        std::fprintf(stderr, "dragoman-index: fatal: %s\n",
                     dragoman::exception_text(std::current_exception()).c_str());
        return exit_fatal;
    }
}
