// A mutex is enough: one short critical section per request.
#include "metrics.hpp"

#include <cstdio>

namespace dragoman {

void Metrics::observe(const std::string& route, int status, double seconds) {
    std::lock_guard lock(m_mutex);
    ++m_requests[{route, status}];
    std::size_t b = 0;
    while (b < bounds.size() && seconds > bounds[b]) ++b;
    ++m_buckets[b];
    m_sum += seconds;
    ++m_count;
}

std::string Metrics::render(const std::string& extra) const {
    std::lock_guard lock(m_mutex);
    std::string out = "# HELP dragoman_requests_total HTTP requests by route and status.\n# TYPE dragoman_requests_total counter\n";
    for (const auto& [key, n] : m_requests)
        out += "dragoman_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
               std::to_string(n) + "\n";
    out += "# HELP dragoman_request_seconds Request latency.\n# TYPE dragoman_request_seconds histogram\n";
    unsigned long cumulative = 0;
    char buf[64];
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += m_buckets[i];
        std::snprintf(buf, sizeof buf, "%g", bounds[i]);
        out += std::string("dragoman_request_seconds_bucket{le=\"") + buf + "\"} " + std::to_string(cumulative) + "\n";
    }
    cumulative += m_buckets[bounds.size()];
    out += "dragoman_request_seconds_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", m_sum);
    out += std::string("dragoman_request_seconds_sum ") + buf + "\n";
    out += "dragoman_request_seconds_count " + std::to_string(m_count) + "\n";
    return out + extra;
}

}  // namespace dragoman
