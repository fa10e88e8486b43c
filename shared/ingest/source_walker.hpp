// Expands the indexer's SOURCE arguments into files, in a stable order.
#pragma once

#include <string>
#include <vector>

#include "ingest/reader.hpp"

namespace dragoman {

/// A file to read and the format to read it with.
struct SourceFile {
    std::string path;
    std::string format;
};

/// Files under `sources` (files or directories, walked recursively in byte order of
/// their paths, hidden entries skipped, symlink loops and unreadable directories
/// reported, never followed twice). `forced_format` non-empty overrides detection.
/// A file named directly whose format is unknown is reported; inside a directory such
/// files (READMEs, spreadsheets) are skipped silently. Paths that exist but cannot be
/// read — unreadable directories, special files (FIFOs, sockets, devices), files that
/// cannot be opened or decompressed, binary content where text is expected (see
/// `binary_content`) — are reported as errors and, when `unreadable` is given, appended
/// to it (directories with a trailing '/'), so an incremental run keeps what they held
/// instead of removing it.
std::vector<SourceFile> walk_sources(const std::vector<std::string>& sources, const std::string& forced_format,
                                     const DiagnosticSink& diagnostics,
                                     std::vector<std::string>* unreadable = nullptr);

}  // namespace dragoman
