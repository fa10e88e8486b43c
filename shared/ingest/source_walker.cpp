// Recursive, sorted, loop-safe directory walking.
#include "ingest/source_walker.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace dragoman {

namespace fs = std::filesystem;

namespace {

void walk_dir(const fs::path& dir, const std::string& forced, std::set<fs::path>& visited,
              std::vector<SourceFile>& out, const DiagnosticSink& diagnostics) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) {
        diagnostics(Diagnostic{dir.string(), 0, 0, {}, "cannot resolve directory: " + ec.message()});
        return;
    }
    if (!visited.insert(canonical).second) {
        diagnostics(Diagnostic{dir.string(), 0, 0, {}, "directory visited already (symlink loop?); skipped",
                               Diagnostic::Severity::Warning});
        return;
    }
    std::vector<fs::path> entries;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        diagnostics(Diagnostic{dir.string(), 0, 0, {}, "cannot read directory: " + ec.message()});
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->path().filename().string().front() == '.') continue;
        entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
        std::error_code sec;
        if (fs::is_directory(p, sec)) {
            walk_dir(p, forced, visited, out, diagnostics);
        } else if (fs::is_regular_file(p, sec)) {
            const std::string format = forced.empty() ? detect_format(p.string()) : forced;
            if (!format.empty()) out.push_back({p.string(), format});
        } else if (sec || !fs::exists(p, sec)) {
            diagnostics(Diagnostic{p.string(), 0, 0, {}, "cannot read: broken link or no permission"});
        }
    }
}

}  // namespace

std::vector<SourceFile> walk_sources(const std::vector<std::string>& sources, const std::string& forced_format,
                                     const DiagnosticSink& diagnostics) {
    std::vector<SourceFile> out;
    std::set<fs::path> visited;
    for (const auto& s : sources) {
        std::error_code ec;
        const fs::path p(s);
        if (fs::is_directory(p, ec)) {
            walk_dir(p, forced_format, visited, out, diagnostics);
        } else if (fs::exists(p, ec)) {
            const std::string format = forced_format.empty() ? detect_format(s) : forced_format;
            if (format.empty())
                diagnostics(Diagnostic{s, 0, 0, {}, "unrecognised input format (use --format to name one)"});
            else
                out.push_back({s, format});
        } else {
            diagnostics(Diagnostic{s, 0, 0, {}, "no such file or directory"});
        }
    }
    return out;
}

}  // namespace dragoman
