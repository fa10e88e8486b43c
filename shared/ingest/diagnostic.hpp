// Input diagnostics: what went wrong with which record, where, in a compiler's format.
#pragma once

#include <cstddef>
#include <string>

namespace dragoman {

/// A rejected or suspicious input record. Printed as
/// `file:line:column: error: record 'id': reason` (line/column 0 = unknown).
struct Diagnostic {
    enum class Severity { Warning, Error };
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string record_id;
    std::string message;
    Severity severity = Severity::Error;

    /// The one-line human form, as written to stderr by the indexer.
    [[nodiscard]] std::string format() const;
};

}  // namespace dragoman
