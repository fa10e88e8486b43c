// All-or-nothing file replacement through a temporary file, fsync and rename.
#include "index/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "index/index_error.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

/// Buffered bytes before a write(2): one call per 64 KiB instead of one per line.
constexpr std::size_t buffer_limit = 64 * 1024;

[[noreturn]] void fail(const fs::path& p, const char* what, int err) {
    throw IndexError(p.string() + ": " + what + ": " + std::strerror(err));
}

}  // namespace

AtomicFile::AtomicFile(const fs::path& target) : m_target(target) {
    std::error_code ec;
    if (fs::is_symlink(m_target, ec)) {
        fs::path real = fs::canonical(m_target, ec);
        if (!ec) m_target = std::move(real);
    }
    const auto status = fs::status(m_target, ec);
    const bool in_place = fs::exists(status) && !fs::is_regular_file(status);
    m_written = in_place ? m_target : fs::path(m_target.string() + ".tmp");
    m_fd = ::open(m_written.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0) fail(m_written, "cannot create", errno);
    m_buffer.reserve(buffer_limit);
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_committed && m_written != m_target) ::unlink(m_written.c_str());
}

void AtomicFile::write(std::string_view bytes) {
    if (m_buffer.size() + bytes.size() > buffer_limit) flush_buffer();
    if (bytes.size() >= buffer_limit) {
        m_buffer.assign(bytes);
        flush_buffer();
    } else {
        m_buffer.append(bytes);
    }
}

void AtomicFile::flush_buffer() {
    std::string_view rest = m_buffer;
    while (!rest.empty()) {
        const ssize_t n = ::write(m_fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(m_written, "cannot write", n < 0 ? errno : EIO);
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    m_buffer.clear();
}

void AtomicFile::commit() {
    flush_buffer();
    if (m_written == m_target) {  // a device or FIFO: nothing to sync or rename
        m_committed = true;
        return;
    }
    if (::fsync(m_fd) != 0) fail(m_written, "cannot sync", errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail(m_written, "cannot write", errno);
    if (::rename(m_written.c_str(), m_target.c_str()) != 0) fail(m_target, "cannot replace", errno);
    m_committed = true;
    // The rename is durable once the directory is: a crash now keeps the new file.
    sync_directory(m_target.has_parent_path() ? m_target.parent_path() : fs::path("."));
}

void sync_directory(const fs::path& dir) {
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) fail(dir, "cannot open for fsync", errno);
    const int rc = ::fsync(dfd);
    const int err = errno;
    ::close(dfd);
    if (rc != 0) fail(dir, "cannot sync", err);
}

}  // namespace dragoman
