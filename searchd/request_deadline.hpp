// A time limit and a size limit on receiving each request's head, enforced on the
// connections' sockets.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <mutex>
#include <thread>

namespace dragoman {

/// Closes connections whose client does not send a request's head (request line and
/// headers) within `limit`: from the accept for the first request, from the end of the
/// previous answer for the next one on a keep-alive connection.
///
/// Why: httplib's read timeout applies to each read, so a client that sends one byte
/// every second ("slowloris") holds a worker forever, and a few such clients hold them
/// all. A connection still waiting in the queue is closed only if its head is not
/// complete in the socket's buffer (looked at with MSG_PEEK), so that a client that was
/// quick but had to wait for a worker is still served. A connection a worker reads
/// gets at least `grace` to be read.
///
/// Also closes a connection whose head grows past `max_head_bytes` (counted from the
/// kernel's tally of bytes received): httplib keeps every header line of a head in memory
/// and bounds only each line's length, so a client that sends header lines as fast as the
/// link allows fills memory for the whole time limit. The watcher looks every 100 ms, so
/// a head may pass the bound by what arrives in that time before it is cut.
class RequestDeadlines {
public:
    using Clock = std::chrono::steady_clock;

    RequestDeadlines(Clock::duration limit, Clock::duration grace, std::uint64_t max_head_bytes);
    ~RequestDeadlines();
    RequestDeadlines(const RequestDeadlines&) = delete;
    RequestDeadlines& operator=(const RequestDeadlines&) = delete;

    struct Entry;
    /// Called on the accepting thread right after accept(): finds the accepted socket
    /// (the one connected socket not yet known) and starts its clock. Null if none.
    Entry* accepted();
    /// The port the server listens on: an accepted socket's local port is this one, which
    /// tells it from the process's other sockets (connections to remote shards).
    void listening_on(int port);
    /// A worker starts on the connection of `e` (made current for this thread).
    void picked(Entry* e);
    /// The current connection's head is read: no limit while the request is handled,
    /// unless a body follows (httplib reads it before answering even a 405), whose bytes
    /// are then due within the same limit.
    void head_received(bool body_follows);
    /// The current connection's answer is written: the next head is due within the limit.
    void answered();
    /// The worker is done with the connection (httplib has closed its socket).
    void finished(Entry* e);
    /// Connections closed for being too slow or their head too large since start.
    [[nodiscard]] std::uint64_t closed() const;

    struct Entry {
        int fd = -1;             ///< our duplicate of the socket: never reused while listed
        std::uint64_t inode = 0; ///< tells the accepted socket from one seen before
        Clock::time_point due;
        bool picked = false;
        bool reading = true;     ///< waiting for a request head (or a body)
        bool head = true;        ///< waiting for a head, whose size is bounded
        std::uint64_t head_start = 0;  ///< the stream's byte where the awaited head starts
        bool shut = false;
    };

private:
    void watch();

    const Clock::duration m_limit, m_grace;
    const std::uint64_t m_max_head_bytes;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::list<Entry> m_entries;
    std::uint64_t m_closed = 0;
    int m_port = -1;
    bool m_stop = false;
    std::thread m_watcher;
};

}  // namespace dragoman
