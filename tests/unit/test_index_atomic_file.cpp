// All-or-nothing replacement of small files, and what a failed write says.
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "index/atomic_file.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// While alive, files of this process may not grow past `limit` bytes: write(2) fails with
/// EFBIG (SIGXFSZ, which would kill the process, is ignored), as on a disk that is full.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t limit) {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit r = m_old;
        r.rlim_cur = limit;
        ::setrlimit(RLIMIT_FSIZE, &r);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_old{};
    void (*m_handler)(int) = nullptr;
};

}  // namespace

TEST_CASE("an atomic file replaces its target whole and leaves no temporary file") {
    test::TempDir t("atomic_file");
    const fs::path target = t.write("log.jsonl", "old\n");
    {
        AtomicFile f(target);
        f.write("new line 1\n");
        f.write(std::string(200000, 'x'));  // past the buffer: written through
        f.write("\n");
        CHECK(slurp(target) == "old\n");  // not yet: readers see the old file until commit
        f.commit();
    }
    CHECK(slurp(target) == "new line 1\n" + std::string(200000, 'x') + "\n");
    CHECK_FALSE(fs::exists(target.string() + ".tmp"));
}

TEST_CASE("an atomic file dropped before commit leaves its target as it was") {
    test::TempDir t("atomic_file");
    const fs::path target = t.write("manifest.json", "{\"shards\": [\"shard-0\"]}\n");
    {
        AtomicFile f(target);
        f.write("{\"shards\": [");
    }
    CHECK(slurp(target) == "{\"shards\": [\"shard-0\"]}\n");
    CHECK_FALSE(fs::exists(target.string() + ".tmp"));
    {
        AtomicFile f(t.path() / "absent.json");
        f.write("x");
    }
    CHECK_FALSE(fs::exists(t.path() / "absent.json"));
}

TEST_CASE("an atomic file that cannot be written keeps the old content and names the path and the reason") {
    test::TempDir t("atomic_file");
    const fs::path target = t.write("rejects.jsonl", "the previous run's log\n");
    std::string message;
    {
        AtomicFile f(target);
        FileSizeLimit limit(1000);
        try {
            f.write(std::string(5000, 'r'));
            f.commit();
        } catch (const std::runtime_error& e) {
            message = e.what();
        }
    }
    CHECK(message == target.string() + ".tmp: cannot write: File too large");
    CHECK(slurp(target) == "the previous run's log\n");
    CHECK_FALSE(fs::exists(target.string() + ".tmp"));
}

TEST_CASE("an atomic file writes a device in place instead of replacing it") {
    AtomicFile f("/dev/null");
    f.write("discarded\n");
    f.commit();
    CHECK(fs::is_character_file("/dev/null"));
    CHECK_FALSE(fs::exists("/dev/null.tmp"));
}

TEST_CASE("an atomic file behind a symlink replaces the file the link points to") {
    test::TempDir t("atomic_file");
    const fs::path real = t.write("real.jsonl", "old\n");
    fs::create_symlink(real, t.path() / "link.jsonl");
    {
        AtomicFile f(t.path() / "link.jsonl");
        f.write("new\n");
        f.commit();
    }
    CHECK(fs::is_symlink(t.path() / "link.jsonl"));
    CHECK(slurp(real) == "new\n");
}
