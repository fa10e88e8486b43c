// The indexer's progress line on a terminal: a bar, records/s, MB/s and an ETA.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace dragoman_indexer {

/// What the bar shows, sampled from the indexing threads.
struct ProgressSample {
    std::size_t records_read = 0;   ///< accepted by the reader
    std::size_t records_done = 0;   ///< analysed and written
    double input_fraction = 0;      ///< 0..1 of the work done, estimated from bytes
    double text_mb = 0;             ///< MB of text indexed
    std::string phase;              ///< "indexing", "merging", "committing"
};

/// Redraws one line of stderr four times a second from its own thread, so the display
/// moves while the reader waits on a full queue or the merge runs. Does nothing when
/// disabled (not a terminal, or not asked for).
class ProgressBar {
public:
    ProgressBar(bool enabled, std::function<ProgressSample()> sample);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    /// Stops the thread and erases the line (before the summary is printed).
    void stop();

    /// The line for `s` after `elapsed` seconds, fitted to `width` columns (pure; tested).
    static std::string render(const ProgressSample& s, double elapsed, std::size_t width);

private:
    void run();

    bool m_enabled;
    std::function<ProgressSample()> m_sample;
    std::chrono::steady_clock::time_point m_start;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace dragoman_indexer
