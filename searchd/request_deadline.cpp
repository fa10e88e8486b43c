// A time limit and a size limit on receiving each request's head, enforced on the
// connections' sockets.
#include "request_deadline.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace dragoman {

namespace {

thread_local RequestDeadlines::Entry* current = nullptr;

/// True when the bytes waiting on `fd` hold a whole request head (up to a blank line).
bool head_buffered(int fd) {
    char buf[16384];
    const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT);
    if (n <= 0) return false;
    return std::string_view(buf, static_cast<std::size_t>(n)).find("\r\n\r\n") != std::string_view::npos ||
           std::string_view(buf, static_cast<std::size_t>(n)).find("\n\n") != std::string_view::npos;
}

/// Bytes the peer has sent on the TCP connection `fd` since it opened (0 if unknown).
std::uint64_t bytes_received(int fd) {
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0 ||
        len < offsetof(tcp_info, tcpi_bytes_received) + sizeof info.tcpi_bytes_received)
        return 0;
    return info.tcpi_bytes_received;
}

/// Bytes of the connection `fd` that the program has read: received minus still queued.
std::uint64_t bytes_consumed(int fd) {
    int queued = 0;
    if (::ioctl(fd, SIOCINQ, &queued) != 0) queued = 0;
    const std::uint64_t received = bytes_received(fd);
    return received - std::min<std::uint64_t>(received, static_cast<std::uint64_t>(queued));
}

}  // namespace

RequestDeadlines::RequestDeadlines(Clock::duration limit, Clock::duration grace, std::uint64_t max_head_bytes)
    : m_limit(limit), m_grace(grace), m_max_head_bytes(max_head_bytes), m_watcher([this] { watch(); }) {}

RequestDeadlines::~RequestDeadlines() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_watcher.join();
    for (auto& e : m_entries) ::close(e.fd);
}

RequestDeadlines::Entry* RequestDeadlines::accepted() {
    // httplib 0.11 does not hand the accepted socket to the application; it is the one
    // connected socket of this process not yet listed (the listening socket has no peer).
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir) return nullptr;
    std::lock_guard lock(m_mutex);
    int best = -1;
    std::uint64_t best_inode = 0;
    while (const dirent* d = ::readdir(dir)) {
        char* end = nullptr;
        const long fd = std::strtol(d->d_name, &end, 10);
        if (*end != '\0' || fd < 3 || fd == ::dirfd(dir)) continue;
        struct stat st {};
        if (::fstat(static_cast<int>(fd), &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
        const auto inode = static_cast<std::uint64_t>(st.st_ino);
        bool known = false;
        for (const auto& e : m_entries) known = known || e.inode == inode;
        if (known || inode < best_inode) continue;
        sockaddr_storage peer{};
        socklen_t len = sizeof peer;
        if (::getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &len) != 0) continue;
        // Other threads open and close descriptors meanwhile (a worker's file, a connection
        // to a remote shard); a number reused between the listing and these calls is told
        // apart by its local port, which only the server's accepted sockets have.
        sockaddr_storage local{};
        len = sizeof local;
        if (::getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &len) != 0) continue;
        const int local_port = local.ss_family == AF_INET6
                                   ? ntohs(reinterpret_cast<const sockaddr_in6*>(&local)->sin6_port)
                                   : ntohs(reinterpret_cast<const sockaddr_in*>(&local)->sin_port);
        if (m_port >= 0 && local_port != m_port) continue;
        // Should an earlier connection have gone unlisted (reset before it was looked
        // at), the newest socket (inodes grow) is still the one just accepted.
        best = static_cast<int>(fd);
        best_inode = inode;
    }
    Entry* found = nullptr;
    if (best >= 0) {
        const int dup = ::fcntl(best, F_DUPFD_CLOEXEC, 3);
        if (dup >= 0) {
            m_entries.push_back(Entry{dup, best_inode, Clock::now() + m_limit});
            found = &m_entries.back();
        }
    }
    ::closedir(dir);
    return found;
}

void RequestDeadlines::listening_on(int port) {
    std::lock_guard lock(m_mutex);
    m_port = port;
}

void RequestDeadlines::picked(Entry* e) {
    current = e;
    if (!e) return;
    std::lock_guard lock(m_mutex);
    e->picked = true;
    e->due = std::max(e->due, Clock::now() + m_grace);
}

void RequestDeadlines::head_received(bool body_follows) {
    if (!current) return;
    std::lock_guard lock(m_mutex);
    current->head = false;  // a body's size is httplib's payload limit
    current->reading = body_follows;
}

void RequestDeadlines::answered() {
    if (!current) return;
    std::lock_guard lock(m_mutex);
    current->reading = true;
    current->head = true;
    // Bytes of a pipelined next request already received but not read belong to its head.
    current->head_start = bytes_consumed(current->fd);
    current->due = Clock::now() + m_limit;
}

void RequestDeadlines::finished(Entry* e) {
    current = nullptr;
    if (!e) return;
    std::lock_guard lock(m_mutex);
    ::close(e->fd);
    m_entries.remove_if([e](const Entry& x) { return &x == e; });
}

std::uint64_t RequestDeadlines::closed() const {
    std::lock_guard lock(m_mutex);
    return m_closed;
}

void RequestDeadlines::watch() {
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, std::chrono::milliseconds(100));
        const auto now = Clock::now();
        for (auto& e : m_entries) {
            if (e.shut || !e.reading) continue;
            const bool too_large = e.head && bytes_received(e.fd) > e.head_start + m_max_head_bytes;
            if (!too_large && now < e.due) continue;
            if (!too_large && !e.picked && head_buffered(e.fd)) continue;  // quick, only queued
            // Wakes the worker blocked reading it (or fails its first read): httplib then
            // closes the connection; our duplicate keeps the descriptor from being reused.
            ::shutdown(e.fd, SHUT_RDWR);
            e.shut = true;
            ++m_closed;
        }
    }
}

}  // namespace dragoman
