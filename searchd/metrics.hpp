// Request counters and a latency histogram, exported in Prometheus text format.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace dragoman {

/// Thread-safe request metrics for GET /metrics.
class Metrics {
public:
    /// Records one finished request.
    void observe(const std::string& route, int status, double seconds);

    /// Prometheus exposition text; `extra` is appended (index gauges).
    std::string render(const std::string& extra) const;

private:
    static constexpr std::array<double, 10> bounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, unsigned long> m_requests;
    std::array<unsigned long, bounds.size() + 1> m_buckets{};
    double m_sum = 0;
    unsigned long m_count = 0;
};

}  // namespace dragoman
