// Reader for the canonical JSON Lines format (corpus/FORMAT.md), plain or gzip-compressed.
#pragma once

#include <cstddef>
#include <string_view>

#include "ingest/reader.hpp"

namespace dragoman {

/// JSON Lines records nesting deeper than this are rejected before they are parsed.
inline constexpr std::size_t max_json_depth = 16;

/// Reads `.jsonl` and `.jsonl.gz`: one transcript per line.
class JsonlReader final : public Reader {
public:
    [[nodiscard]] std::string name() const override { return "jsonl"; }
    void read(const std::string& path, const RecordSink& records,
              const DiagnosticSink& diagnostics) const override;

    /// Parses one line; used by `read` and by tests. Returns false (and reports)
    /// when the line is rejected.
    static bool parse_line(std::string_view line, const RecordOrigin& origin, Transcript& out,
                           const DiagnosticSink& diagnostics);
};

}  // namespace dragoman
