// The one worker pool: a fixed set of threads taking tasks from one bounded queue, and
// the first failure among them kept for the thread that waits on the work.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dragoman {

/// The first exception thrown by any of several threads working on one job; later ones
/// are dropped (they are most often consequences of the first: a full disk fails every
/// writer). Thread-safe.
class FirstFailure {
public:
    /// Keeps `e` unless a failure is already kept.
    void record(std::exception_ptr e) noexcept;
    /// True once a failure is kept: work that is still queued should not start.
    [[nodiscard]] bool failed() const noexcept { return m_failed.load(); }
    /// The kept failure (null if none).
    [[nodiscard]] std::exception_ptr exception() const;
    /// Rethrows the kept failure; does nothing if none.
    void rethrow() const;

private:
    mutable std::mutex m_mutex;
    std::exception_ptr m_exception;
    std::atomic<bool> m_failed{false};
};

/// A fixed set of threads that run tasks in the order they were queued, from one queue
/// of at most `max_queued` tasks waiting for a thread.
///
/// Threads: the pool owns its threads, started by the constructor and joined by
/// `finish`, `stop` or the destructor. Tasks run on them and nowhere else; state a task
/// needs per thread (an analyzer, a Searcher) is `thread_local` and ends with the pool.
/// `submit`, `finish` and `stop` are called from the thread that owns the pool (one
/// submitter); `waiting` and `failed` from any thread.
///
/// Backpressure: `submit` blocks while the queue is full, so a fast producer waits for
/// the workers instead of filling memory (a flood of connections backs up into the
/// kernel's listen queue; a reader of records waits for the analysers).
///
/// Exceptions: the first task to throw wins (FirstFailure). From then on tasks still
/// queued or submitted later are dropped unrun, and `submit` and `finish` rethrow that
/// exception on the owner's thread. Pass a FirstFailure shared with other threads of the
/// same job (a writer, say) and a failure there also stops the tasks here. A task that
/// must never stop the pool (a server's connection) catches its own exceptions.
///
/// Shutdown: `finish` runs every queued task, then joins; `stop` drops the queued tasks,
/// lets running ones end, and joins (for error paths: noexcept). Destroying a pool that
/// was neither finished nor stopped stops it.
class WorkerPool {
public:
    using Task = std::function<void()>;

    /// Starts `threads` threads (at least one). `max_queued` (at least one) bounds the
    /// tasks waiting for a thread, not those running. `failure`, if given, must outlive
    /// the pool; otherwise the pool keeps its own.
    WorkerPool(unsigned threads, std::size_t max_queued, FirstFailure* failure = nullptr);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// Queues `task`, first waiting while `max_queued` tasks wait. Rethrows the first
    /// failure instead of queueing once there is one. Throws std::logic_error after
    /// `finish` or `stop` (a broken invariant).
    void submit(Task task);
    /// Tasks queued and not yet taken by a thread.
    [[nodiscard]] std::size_t waiting() const;
    /// True once a task (or, with a shared FirstFailure, other work) has failed.
    [[nodiscard]] bool failed() const noexcept { return m_failure->failed(); }
    /// Runs the queued tasks to the end and joins the threads; then rethrows the first
    /// failure, if any. Later calls only rethrow.
    void finish();
    /// Drops the queued tasks, waits for the running ones, joins the threads.
    void stop() noexcept;

private:
    void work();
    void join() noexcept;

    const std::size_t m_max_queued;
    FirstFailure m_own_failure;
    FirstFailure* const m_failure;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready, m_room;
    std::deque<Task> m_tasks;
    bool m_closed = false;   ///< no more tasks: threads end when the queue is empty
    std::vector<std::thread> m_threads;
};

}  // namespace dragoman
