// The one worker pool: a fixed set of threads taking tasks from one bounded queue, and
// the first failure among them kept for the thread that waits on the work.
#include "util/worker_pool.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace dragoman {

void FirstFailure::record(std::exception_ptr e) noexcept {
    std::lock_guard lock(m_mutex);
    if (m_exception) return;
    m_exception = std::move(e);
    m_failed = true;
}

std::exception_ptr FirstFailure::exception() const {
    std::lock_guard lock(m_mutex);
    return m_exception;
}

void FirstFailure::rethrow() const {
    if (!failed()) return;
    std::rethrow_exception(exception());
}

WorkerPool::WorkerPool(unsigned threads, std::size_t max_queued, FirstFailure* failure)
    : m_max_queued(std::max<std::size_t>(1, max_queued)), m_failure(failure ? failure : &m_own_failure) {
    threads = std::max(1U, threads);
    m_threads.reserve(threads);
    try {
        for (unsigned i = 0; i < threads; ++i) m_threads.emplace_back([this] { work(); });
    } catch (...) {
        stop();
        throw;
    }
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::submit(Task task) {
    {
        std::unique_lock lock(m_mutex);
        // A failure recorded outside the pool (a shared FirstFailure) does not notify
        // m_room: look again now and then rather than wait for room forever.
        while (!m_room.wait_for(lock, std::chrono::milliseconds(100), [&] {
            return m_tasks.size() < m_max_queued || m_closed || m_failure->failed();
        })) {
        }
        if (m_closed) throw std::logic_error("WorkerPool::submit after finish or stop");
        if (!m_failure->failed()) m_tasks.push_back(std::move(task));
    }
    m_failure->rethrow();
    m_ready.notify_one();
}

std::size_t WorkerPool::waiting() const {
    std::lock_guard lock(m_mutex);
    return m_tasks.size();
}

void WorkerPool::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_ready.notify_all();
    join();
    m_failure->rethrow();
}

void WorkerPool::stop() noexcept {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_tasks.clear();
    }
    m_ready.notify_all();
    m_room.notify_all();
    join();
}

void WorkerPool::join() noexcept {
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
}

void WorkerPool::work() {
    for (;;) {
        Task task;
        {
            std::unique_lock lock(m_mutex);
            m_ready.wait(lock, [&] { return !m_tasks.empty() || m_closed; });
            if (m_tasks.empty()) return;  // closed and drained
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        m_room.notify_one();
        if (m_failure->failed()) continue;  // drop: the job has already failed
        try {
            task();
        } catch (...) {
            m_failure->record(std::current_exception());
            { std::lock_guard lock(m_mutex); }  // the submitter is blocked or sees the failure
            m_room.notify_all();  // a submitter waiting for room learns of it now
        }
    }
}

}  // namespace dragoman
