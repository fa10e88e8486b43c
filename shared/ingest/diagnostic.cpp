// Formats input diagnostics like a compiler does.
#include "ingest/diagnostic.hpp"

namespace dragoman {

std::string Diagnostic::format() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) out += ':' + std::to_string(column);
    }
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    if (!record_id.empty()) out += "record '" + record_id + "': ";
    out += message;
    return out;
}

}  // namespace dragoman
