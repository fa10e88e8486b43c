// Reads a text file line by line, transparently gunzipping `.gz` files.
#pragma once

#include <zlib.h>

#include <string>

namespace dragoman {

/// Line reader over a plain or gzip file. Lines are returned without the '\n'.
/// Throws std::runtime_error if the file cannot be opened.
class LineSource {
public:
    explicit LineSource(const std::string& path);
    ~LineSource();
    LineSource(const LineSource&) = delete;
    LineSource& operator=(const LineSource&) = delete;

    /// Next line into `line`; false at end of file. Throws on a read error.
    bool next(std::string& line);
    /// 1-based number of the line last returned.
    [[nodiscard]] std::size_t line_number() const { return m_line; }

private:
    gzFile m_file = nullptr;
    std::string m_path;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_line = 0;
    bool m_eof = false;
};

/// The whole content of a (possibly gzipped) file. Throws std::runtime_error on failure.
std::string read_file(const std::string& path);

}  // namespace dragoman
