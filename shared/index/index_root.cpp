// Generations and their atomic publication through a symlink rename.
#include "index/index_root.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <system_error>

#include "index/index_error.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

constexpr const char* generations_dir = "generations";
constexpr const char* current_link = "current";

void fsync_dir(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

IndexRoot::IndexRoot(fs::path root) : m_root(std::move(root)) {}

fs::path IndexRoot::current() const {
    std::error_code ec;
    const fs::path link = m_root / current_link;
    if (!fs::is_symlink(link, ec) && !fs::is_directory(link, ec)) return {};
    fs::path target = fs::canonical(link, ec);
    return ec ? fs::path{} : target;
}

fs::path IndexRoot::create_generation() const {
    fs::create_directories(m_root / generations_dir);
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    for (int n = 0;; ++n) {
        const fs::path dir = m_root / generations_dir /
                             (std::string(stamp) + "-" + std::to_string(::getpid()) + "-" + std::to_string(n));
        std::error_code ec;
        if (fs::create_directory(dir, ec)) return dir;
        if (ec) throw IndexError(dir.string() + ": cannot create: " + ec.message());
    }
}

void IndexRoot::publish(const fs::path& generation) const {
    const fs::path relative = fs::path(generations_dir) / generation.filename();
    const fs::path tmp = m_root / (std::string(current_link) + ".tmp." + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove(tmp, ec);
    if (::symlink(relative.c_str(), tmp.c_str()) != 0)
        throw std::runtime_error(tmp.string() + ": cannot create the link to " + relative.string() + ": " +
                                 std::strerror(errno));
    fsync_dir(m_root);
    // rename(2) over the old link is atomic: a reader sees the old or the new generation.
    if (std::rename(tmp.c_str(), (m_root / current_link).c_str()) != 0) {
        const std::error_code err(errno, std::generic_category());
        fs::remove(tmp, ec);
        throw IndexError((m_root / current_link).string() + ": cannot publish: " + err.message());
    }
    fsync_dir(m_root);
}

std::vector<fs::path> IndexRoot::generations() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_root / generations_dir, ec))
        if (entry.is_directory()) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

void IndexRoot::prune(std::size_t keep) const {
    const fs::path live = current();
    auto all = generations();
    std::size_t kept = 0;
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        std::error_code ec;
        if (fs::equivalent(*it, live, ec)) continue;
        // Newer than the live one: left by a run that was killed before publishing.
        const bool unfinished = !live.empty() && it->filename() > live.filename();
        if (!unfinished && kept < keep) {
            ++kept;
            continue;
        }
        fs::remove_all(*it, ec);
    }
}

IndexLock::IndexLock(const fs::path& root) {
    fs::create_directories(root);
    m_fd = ::open((root / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) throw IndexError((root / "lock").string() + ": cannot open the lock file: " + std::strerror(errno));
    m_held = ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
}

IndexLock::~IndexLock() {
    if (m_fd >= 0) ::close(m_fd);
}

}  // namespace dragoman
