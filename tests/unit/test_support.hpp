// Helpers for unit tests: where the shared real corpus is, loud skipping, collecting
// what a reader delivers, and private temporary directories.
#pragma once

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "ingest/diagnostic.hpp"
#include "ingest/reader.hpp"
#include "schema/transcript.hpp"

namespace dragoman::test {

/// The real corpus directory (../shared/corpus beside the checkout), or empty
/// when it is absent. DRAGOMAN_SHARED_CORPUS in the environment overrides it.
inline std::filesystem::path shared_corpus() {
    if (const char* env = std::getenv("DRAGOMAN_SHARED_CORPUS")) return env;
    std::filesystem::path p = DRAGOMAN_SHARED_CORPUS;
    return std::filesystem::exists(p / "sample-small.jsonl") ? p : std::filesystem::path{};
}

/// Says SKIPPED loudly (stderr and the doctest log) and returns true when the
/// shared corpus is missing, so a test can `if (skip_without_corpus()) return;`.
inline bool skip_without_corpus() {
    if (!shared_corpus().empty()) return false;
    std::fprintf(stderr, "SKIPPED: %s needs ../shared/corpus, which is not present\n",
                 doctest::getContextOptions()->currentTest->m_name);
    MESSAGE("SKIPPED: needs ../shared/corpus");
    return true;
}

/// Everything a reader delivered for one file: its records with their origins
/// (in step, origins[i] belongs to records[i]) and its complaints, in order.
struct Collected {
    std::vector<Transcript> records;
    std::vector<RecordOrigin> origins;
    std::vector<Diagnostic> diagnostics;
};

/// Runs `reader` over `path` and collects what it delivers. Exceptions of the
/// reader (a file it cannot open) pass through.
inline Collected read_all(const Reader& reader, const std::filesystem::path& path) {
    Collected c;
    reader.read(
        path.string(),
        [&](Transcript&& t, const RecordOrigin& o) {
            c.records.push_back(std::move(t));
            c.origins.push_back(o);
        },
        [&](const Diagnostic& d) { c.diagnostics.push_back(d); });
    return c;
}

/// A private, initially empty temporary directory, removed with everything in
/// it on destruction. Its name holds `tag`, the process id and a counter, so
/// test runs and directories alive at the same time do not meet.
class TempDir {
public:
    /// Creates <temp>/dragoman_<tag>_<pid>_<n>, emptied first should a dead
    /// process with the same id have left one behind.
    explicit TempDir(const std::string& tag) {
        static std::atomic<unsigned> counter{0};
        dir_ = std::filesystem::temp_directory_path() /
               ("dragoman_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
        std::filesystem::create_directories(dir_);
    }
    /// Removes the directory and its contents, quietly.
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// The directory.
    [[nodiscard]] const std::filesystem::path& path() const { return dir_; }

    /// Writes `content` byte for byte to `name` (relative, may hold
    /// subdirectories, which are created), replacing any file there; returns its path.
    std::filesystem::path write(const std::string& name, const std::string& content) const {
        const std::filesystem::path p = dir_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p;
    }

private:
    std::filesystem::path dir_;
};

}  // namespace dragoman::test
