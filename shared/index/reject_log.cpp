// Writing the rejects log, with the rejected lines read back from their files.
#include "index/reject_log.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "index/atomic_file.hpp"
#include "ingest/line_source.hpp"

namespace dragoman {

void RejectLog::add(const Diagnostic& d, const std::string& format) {
    if (d.severity != Diagnostic::Severity::Error) return;
    const bool line_oriented = format == "jsonl";
    m_entries.push_back({d, line_oriented && d.line > 0 && !d.file.empty()});
}

void RejectLog::write(const std::filesystem::path& out) const {
    // The rejected lines, one pass per file, only over files that have any.
    std::map<std::string, std::set<std::size_t>> wanted;
    for (const auto& e : m_entries)
        if (e.line_oriented) wanted[e.diagnostic.file].insert(e.diagnostic.line);
    std::map<std::pair<std::string, std::size_t>, std::string> lines;
    for (const auto& [file, numbers] : wanted) {
        try {
            LineSource source(file);
            std::string line;
            const std::size_t last = *numbers.rbegin();
            while (source.line_number() < last && source.next(line))
                if (numbers.count(source.line_number())) lines[{file, source.line_number()}] = line;
        } catch (const std::exception&) {
            // The file went away or cannot be read again: the entry keeps its diagnostic.
        }
    }
    // All or nothing: a full disk keeps the previous log whole, never a torn one.
    AtomicFile f(out);
    for (const auto& e : m_entries) {
        const auto& d = e.diagnostic;
        nlohmann::json j = {{"file", d.file},         {"line", d.line},        {"column", d.column},
                            {"id", d.record_id},      {"reason", d.message}, {"diagnostic", d.format()}};
        if (e.line_oriented) {
            const auto it = lines.find({d.file, d.line});
            if (it != lines.end()) j["record"] = it->second;
        }
        f.write(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    }
    f.commit();
}

}  // namespace dragoman
