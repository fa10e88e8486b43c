// Helpers for unit tests: where the shared real corpus is, and loud skipping.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>

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

}  // namespace dragoman::test
