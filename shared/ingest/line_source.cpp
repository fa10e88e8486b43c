// Buffered line reading over zlib's gz* API, which also reads uncompressed files.
#include "ingest/line_source.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace dragoman {

namespace {
constexpr unsigned chunk_size = 1U << 20;
}

LineSource::LineSource(const std::string& path) : m_path(path) {
    m_file = gzopen(path.c_str(), "rb");
    if (m_file == nullptr) {
        throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
    }
    gzbuffer(m_file, chunk_size);
}

LineSource::~LineSource() {
    if (m_file != nullptr) gzclose(m_file);
}

bool LineSource::next(std::string& line) {
    for (;;) {
        const auto nl = m_buffer.find('\n', m_pos);
        if (nl != std::string::npos) {
            line.assign(m_buffer, m_pos, nl - m_pos);
            m_pos = nl + 1;
            ++m_line;
            return true;
        }
        if (m_eof) {
            if (m_pos >= m_buffer.size()) return false;
            line.assign(m_buffer, m_pos, std::string::npos);
            m_pos = m_buffer.size();
            ++m_line;
            return true;
        }
        m_buffer.erase(0, m_pos);
        m_pos = 0;
        const auto old = m_buffer.size();
        m_buffer.resize(old + chunk_size);
        const int got = gzread(m_file, m_buffer.data() + old, chunk_size);
        if (got < 0) {
            int err = 0;
            const char* msg = gzerror(m_file, &err);
            throw std::runtime_error(m_path + ": read error: " + (msg ? msg : "unknown"));
        }
        m_buffer.resize(old + static_cast<std::size_t>(got));
        if (got == 0) m_eof = true;
    }
}

std::string read_file(const std::string& path) {
    LineSource source(path);
    std::string all;
    std::string line;
    bool first = true;
    while (source.next(line)) {
        if (!first) all += '\n';
        all += line;
        first = false;
    }
    return all;
}

}  // namespace dragoman
