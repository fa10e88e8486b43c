// The `--rejects FILE` log: every record a run rejected, with why, and the record itself
// where the input has one line per record, so it can be fixed and fed back.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/diagnostic.hpp"

namespace dragoman {

/// Collects rejections during a run and writes them as JSON Lines at its end:
/// `{"file": ..., "line": N, "column": N, "id": ..., "reason": ..., "diagnostic": ...,
///   "record": "<the rejected line>"}`. `record` is present for line-oriented inputs
/// (JSON Lines); bytes that are not UTF-8 are replaced by U+FFFD in it.
class RejectLog {
public:
    /// Records an error diagnostic (others are ignored). `format` names the reader of
    /// `d.file` (empty when the diagnostic is about no source file): in JSON Lines
    /// ("jsonl") line `d.line` is the whole rejected record, and is copied into the log;
    /// in the other formats a record spans lines or a whole file, and only the
    /// diagnostic is kept.
    void add(const Diagnostic& d, const std::string& format);

    /// Rejections recorded so far.
    std::size_t size() const { return m_entries.size(); }

    /// Writes the log to `out` (replacing it: the file describes the last run), reading
    /// the rejected lines back from their files. All or nothing (index/atomic_file.hpp): on
    /// failure `out` is as it was, and the IndexError thrown names the path and the reason
    /// (a rejected line that cannot be read back is only left out).
    void write(const std::filesystem::path& out) const;

private:
    struct Entry {
        Diagnostic diagnostic;
        bool line_oriented = false;
    };
    std::vector<Entry> m_entries;
};

}  // namespace dragoman
