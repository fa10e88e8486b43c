// Drawing the progress line; the estimate is by bytes, which tracks work done far better
// than a count of records of very different sizes.
#include "progress_bar.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/core.h>

namespace dragoman_indexer {

namespace {

std::string clock_time(double seconds) {
    const auto s = static_cast<long>(std::lround(std::max(0.0, seconds)));
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::size_t terminal_width() {
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

}  // namespace

ProgressBar::ProgressBar(bool enabled, std::function<ProgressSample()> sample)
    : m_enabled(enabled), m_sample(std::move(sample)), m_start(std::chrono::steady_clock::now()) {
    if (m_enabled) m_thread = std::thread([this] { run(); });
}

ProgressBar::~ProgressBar() { stop(); }

void ProgressBar::stop() {
    if (!m_thread.joinable()) return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
}

void ProgressBar::run() {
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, std::chrono::milliseconds(250), [&] { return m_stop; })) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        const std::string line = render(m_sample(), elapsed, terminal_width());
        std::fprintf(stderr, "\r\x1b[K%s", line.c_str());
        std::fflush(stderr);
    }
}

std::string ProgressBar::render(const ProgressSample& s, double elapsed, std::size_t width) {
    const double f = std::clamp(s.input_fraction, 0.0, 1.0);
    const double rate = elapsed > 0 ? static_cast<double>(s.records_done) / elapsed : 0;
    const double mbs = elapsed > 0 ? s.text_mb / elapsed : 0;
    std::string tail;
    if (s.phase == "indexing") {
        tail = fmt::format(" {:3.0f}%  {} records  {:.0f} rec/s  {:.1f} MB/s", f * 100, s.records_done, rate, mbs);
        // Extrapolated from the share done; shown once it means something.
        if (f > 0.01 && elapsed > 1) tail += "  ETA " + clock_time(elapsed * (1 - f) / f);
    } else {
        tail = fmt::format("  {} records  {}", s.records_done, clock_time(elapsed));
    }
    const std::string head = s.phase.empty() ? std::string("indexing") : s.phase;
    // The bar's width depends on the terminal only, so it does not jitter as numbers grow:
    // what the longest tail leaves (about 64 columns), 10 to 40 columns.
    std::string line = head;
    if (width >= 64 + 12) {
        const std::size_t bar = std::min<std::size_t>(40, width - 64);
        const auto full = static_cast<std::size_t>(f * static_cast<double>(bar));
        line += " [" + std::string(full, '#') + std::string(bar - full, '.') + "]";
    }
    line += tail;
    if (line.size() >= width) line.resize(width > 1 ? width - 1 : 0);
    return line;
}

}  // namespace dragoman_indexer
