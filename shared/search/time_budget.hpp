// The time one request may spend searching: every pass of a search checks it before it
// starts, and a request that runs out answers with what it has and says so.
#pragma once

#include <chrono>

namespace dragoman {

/// The time limit handed to Xapian for a match that is not cut to a request's budget
/// (facet passes, lookups): a backstop, never reached by a healthy index.
inline constexpr double match_time_limit_seconds = 5.0;

/// A deadline set when a request starts. Not thread-safe; owned by the request's thread.
class TimeBudget {
public:
    using clock = std::chrono::steady_clock;

    /// A budget of `limit` from now; a zero or negative limit is spent from the start.
    explicit TimeBudget(std::chrono::milliseconds limit) : m_start(clock::now()), m_deadline(m_start + limit) {}

    /// True once the deadline has passed. The first such answer is remembered: `spent()`
    /// then says that some pass was left out or cut short.
    bool expired() {
        if (!m_spent && clock::now() >= m_deadline) m_spent = true;
        return m_spent;
    }

    /// Whether a pass was refused or cut short by expired() (or mark_spent()).
    bool spent() const { return m_spent; }

    /// Records that a pass was cut short by its own limit (Xapian's time limit, a bound).
    void mark_spent() { m_spent = true; }

    /// Seconds left, at least a millisecond so that a limit handed to Xapian is never zero
    /// (which Xapian reads as "no limit").
    double seconds_left() const {
        const auto left = std::chrono::duration<double>(m_deadline - clock::now()).count();
        return left > 0.001 ? left : 0.001;
    }

    /// Milliseconds since the start.
    double elapsed_ms() const { return std::chrono::duration<double, std::milli>(clock::now() - m_start).count(); }

private:
    clock::time_point m_start;
    clock::time_point m_deadline;
    bool m_spent = false;
};

}  // namespace dragoman
