// Recursive, sorted, loop-safe directory walking; unreadable and binary inputs reported.
#include "ingest/source_walker.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

#include "ingest/binary_content.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

struct Walk {
    const std::string& forced;
    const DiagnosticSink& diagnostics;
    std::vector<std::string>* unreadable;
    std::set<fs::path> visited;
    std::vector<SourceFile> out;

    void fail(const std::string& path, const std::string& message) {
        diagnostics(Diagnostic{path, 0, 0, {}, message});
        if (unreadable) unreadable->push_back(path);
    }

    /// Adds a regular file in `format` after checking it can be opened and holds text.
    /// Its first block is judged as the reader will see it, decompressed when it is
    /// gzip (whatever its name: zlib reads either): a binary file is skipped whole with
    /// one diagnostic, while a stray NUL in text is left to the reader, which rejects
    /// just the record holding it. (A NUL anywhere in the first KiB used to skip the
    /// file, so one corrupt record of a nightly export cost the whole day.)
    void add_file(const fs::path& p, const std::string& format) {
        const std::string path = p.string();
        // O_NONBLOCK: a FIFO that slipped past the type check must not hang the walk.
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            fail(path, std::string("cannot open: ") + std::strerror(errno));
            return;
        }
        const gzFile file = gzdopen(fd, "rb");
        if (file == nullptr) {
            ::close(fd);
            fail(path, "cannot read: out of memory");
            return;
        }
        std::string head(binary_probe_bytes, '\0');
        errno = 0;
        const int got = gzread(file, head.data(), static_cast<unsigned>(head.size()));
        std::string problem;
        if (got < 0) {
            int zerr = 0;
            const char* message = gzerror(file, &zerr);
            problem = zerr == Z_ERRNO ? std::strerror(errno) : (message ? message : "unknown error");
        }
        gzclose(file);
        if (got < 0) {
            fail(path, "cannot read: " + problem);
            return;
        }
        head.resize(static_cast<std::size_t>(got));
        if (const auto kind = binary_content(head)) {
            fail(path, "binary file (" + *kind + "), not " + format + "; skipped");
            return;
        }
        out.push_back({path, format});
    }

    void dir(const fs::path& d) {
        std::error_code ec;
        const fs::path canonical = fs::canonical(d, ec);
        if (ec) {
            fail(d.string() + "/", "cannot resolve directory: " + ec.message());
            return;
        }
        if (!visited.insert(canonical).second) {
            diagnostics(Diagnostic{d.string(), 0, 0, {}, "directory visited already (symlink loop?); skipped",
                                   Diagnostic::Severity::Warning});
            return;
        }
        std::vector<fs::path> entries;
        fs::directory_iterator it(d, ec);
        if (ec) {
            fail(d.string() + "/", "cannot read directory: " + ec.message());
            return;
        }
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) break;
            if (it->path().filename().string().front() == '.') continue;
            entries.push_back(it->path());
        }
        if (ec) fail(d.string() + "/", "cannot read directory: " + ec.message());
        std::sort(entries.begin(), entries.end());
        for (const auto& p : entries) {
            std::error_code sec;
            const auto st = fs::status(p, sec);
            if (fs::is_directory(st)) {
                dir(p);
            } else if (fs::is_regular_file(st)) {
                const std::string format = forced.empty() ? detect_format(p.string()) : forced;
                if (!format.empty()) add_file(p, format);
            } else if (sec || !fs::exists(st)) {
                fail(p.string(), "cannot read: broken link or no permission");
            } else {
                fail(p.string(), "not a regular file (FIFO, socket or device); skipped");
            }
        }
    }
};

}  // namespace

std::vector<SourceFile> walk_sources(const std::vector<std::string>& sources, const std::string& forced_format,
                                     const DiagnosticSink& diagnostics, std::vector<std::string>* unreadable) {
    Walk w{forced_format, diagnostics, unreadable, {}, {}};
    for (const auto& s : sources) {
        std::error_code ec;
        const fs::path p(s);
        const auto st = fs::status(p, ec);
        if (fs::is_directory(st)) {
            w.dir(p);
        } else if (fs::is_regular_file(st)) {
            // Named directly: detect only regular files (detection reads the first bytes).
            const std::string format = forced_format.empty() ? detect_format(s) : forced_format;
            if (format.empty())
                w.fail(s, "unrecognised input format (use --format to name one)");
            else
                w.add_file(p, format);
        } else if (fs::exists(st)) {
            w.fail(s, "not a regular file (FIFO, socket or device); skipped");
        } else if (ec && ec != std::errc::no_such_file_or_directory) {
            w.fail(s, "cannot read: " + ec.message());
        } else {
            // A SOURCE argument that is missing altogether (an unmounted share, a typo) is
            // an error, not a deletion: what it held is kept.
            w.fail(s, "no such file or directory");
            if (unreadable) unreadable->push_back((s.empty() || s.back() == '/') ? s : s + "/");
        }
    }
    return std::move(w.out);
}

}  // namespace dragoman
