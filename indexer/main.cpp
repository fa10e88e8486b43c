// dragoman-index: option parsing and wiring; what is indexed is decided in libdragoman.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "index/index_builder.hpp"
#include "index/index_root.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"

namespace {

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
    bool progress = false;
    bool quiet = false;
    bool verbose = false;
    std::string rejects;
    unsigned threads = 0;
    std::size_t keep = 2;
};

class Progress {
public:
    explicit Progress(bool on) : m_on(on), m_start(std::chrono::steady_clock::now()) {}
    void update(std::size_t records, std::size_t file_index, std::size_t files) {
        if (!m_on) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(200)) return;
        m_last = now;
        const double secs = std::chrono::duration<double>(now - m_start).count();
        const double rate = secs > 0 ? records / secs : 0;
        std::string eta;
        if (file_index > 0 && files > file_index) {
            const double left = secs / static_cast<double>(file_index) * static_cast<double>(files - file_index);
            eta = fmt::format(", ETA {:.0f} s", left);
        }
        std::fprintf(stderr, "\r\x1b[K[%zu/%zu files] %zu records, %.0f records/s%s", file_index, files, records, rate,
                     eta.c_str());
    }
    void done() {
        if (m_on) std::fprintf(stderr, "\r\x1b[K");
    }

private:
    bool m_on;
    std::chrono::steady_clock::time_point m_start, m_last{};
};

int run(const Options& o) {
    using namespace dragoman;
    const auto started = std::chrono::steady_clock::now();
    IndexRoot root(o.db);
    IndexLock lock(o.db);
    if (!lock.acquired()) {
        std::fprintf(stderr, "dragoman-index: %s is locked by another indexer; exiting\n", o.db.c_str());
        return exit_locked;
    }

    std::ofstream rejects;
    if (!o.rejects.empty()) {
        rejects.open(o.rejects, std::ios::app);
        if (!rejects) {
            std::fprintf(stderr, "dragoman-index: %s: cannot open for writing\n", o.rejects.c_str());
            return exit_fatal;
        }
    }
    std::size_t problems = 0;
    DiagnosticSink report = [&](const Diagnostic& d) {
        if (d.severity == Diagnostic::Severity::Error) ++problems;
        else if (!o.verbose) return;
        std::fprintf(stderr, "%s\n", d.format().c_str());
        if (rejects && d.severity == Diagnostic::Severity::Error) rejects << d.format() << '\n';
    };

    const std::string forced = o.format == "auto" ? std::string() : o.format;
    const auto files = walk_sources(o.sources, forced, report);

    const bool incremental = o.incremental && !root.current().empty();
    const std::filesystem::path target = incremental ? root.current() : root.create_generation();
    IndexStats stats;
    try {
        IndexOptions options;
        options.analysis_threads = o.threads;
        options.incremental = incremental;
        IndexBuilder builder(target, options, report);
        Progress progress(o.progress && isatty(STDERR_FILENO));
        std::size_t index = 0;
        for (const auto& f : files) {
            ++index;
            auto reader = make_reader(f.format);
            if (!reader) {
                report(Diagnostic{f.path, 0, 0, {}, "unknown format '" + f.format + "'"});
                builder.source_failed(f.path);
                continue;
            }
            try {
                reader->read(
                    f.path,
                    [&](Transcript&& t, const RecordOrigin& origin) {
                        builder.add(std::move(t), origin);
                        progress.update(builder.records_seen(), index, files.size());
                    },
                    report);
            } catch (const std::exception& e) {
                report(Diagnostic{f.path, 0, 0, {}, e.what()});
                builder.source_failed(f.path);
            }
        }
        stats = builder.finish();
        progress.done();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dragoman-index: fatal: %s\n", e.what());
        if (!incremental) std::filesystem::remove_all(target);
        return exit_fatal;
    }
    if (!incremental) {
        root.publish(target);
    }
    root.prune(o.keep);

    const std::size_t rejected = problems;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (o.verbose || o.progress || (rejected > 0 && !o.quiet)) {
        std::fprintf(stderr, "indexed %zu, updated %zu, removed %zu, rejected %zu in %.1f s\n", stats.indexed,
                     stats.updated, stats.removed, rejected, secs);
    }
    if (o.verbose) {
        std::fprintf(stderr, "%zu passages, %.1f MB of text, %zu unchanged; live: %s\n", stats.passages,
                     static_cast<double>(stats.text_bytes) / 1e6, stats.unchanged, root.current().c_str());
    }
    return rejected > 0 ? exit_rejected : exit_ok;
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
    app.add_flag("--progress", o.progress, "show a progress line on a terminal and the summary");
    app.add_flag("--quiet,-q", o.quiet, "print nothing but errors");
    app.add_flag("--verbose,-v", o.verbose, "print warnings and the summary");
    app.add_option("--rejects", o.rejects, "append each rejected record's diagnostic to FILE");
    app.add_option("--threads", o.threads, "analysis threads (default: one per core)")->check(CLI::Range(0U, 64U));
    app.add_option("--keep", o.keep, "old generations to keep besides the live one (default 2)");
    app.footer("Exit status: 0 success, 1 some records rejected, 2 usage or fatal error, 75 another indexer holds the lock.");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : exit_fatal;
    }
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dragoman-index: fatal: %s\n", e.what());
        return exit_fatal;
    }
}
