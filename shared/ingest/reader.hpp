// The contract every input-format reader fulfils, and format detection.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ingest/diagnostic.hpp"
#include "schema/transcript.hpp"

namespace dragoman {

/// Where a record came from: used in diagnostics and to find records whose
/// source file vanished in an incremental run.
struct RecordOrigin {
    std::string file;
    std::size_t line = 0;
};

/// Receives each good record. Records are passed by value so consumers may move them.
using RecordSink = std::function<void(Transcript&&, const RecordOrigin&)>;
/// Receives each problem found; the reader then goes on with the next record.
using DiagnosticSink = std::function<void(const Diagnostic&)>;

/// A reader for one input format. `read` never throws for bad content: every bad
/// record becomes a Diagnostic and the good ones around it are still delivered.
/// It throws std::runtime_error only when the file cannot be opened at all, or (a
/// damaged .gz) cannot be decompressed past some point; records before it are delivered.
class Reader {
public:
    virtual ~Reader() = default;
    /// The format's name as given to `--format`.
    [[nodiscard]] virtual std::string name() const = 0;
    /// Reads every record of `path`.
    virtual void read(const std::string& path, const RecordSink& records,
                      const DiagnosticSink& diagnostics) const = 0;
};

/// The reader registered under `name`, or nullptr.
std::unique_ptr<Reader> make_reader(const std::string& name);

/// Names of all formats, for `--format` and the manual.
std::vector<std::string> reader_names();

/// Picks the format of `path` from its name and first bytes; empty if unknown.
std::string detect_format(const std::string& path);

}  // namespace dragoman
