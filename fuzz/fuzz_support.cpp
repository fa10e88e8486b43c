// Scratch files and reader output checks for the fuzz targets.
#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ingest/record_checks.hpp"
#include "text/utf8.hpp"

namespace dragoman::fuzz {

namespace fs = std::filesystem;

namespace {

struct Scratch {
    std::string path;
    Scratch() {
        std::string tmpl = (fs::temp_directory_path() / "dragoman-fuzz-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) {
            std::perror("mkdtemp");
            std::abort();
        }
        path = tmpl;
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// Whether the file at `path` begins with gzip's magic bytes.
bool file_starts_as_gzip(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[2] = {};
    return in.read(magic, 2) && starts_as_gzip(std::string_view(magic, 2));
}

}  // namespace

bool starts_as_gzip(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

const std::string& scratch_dir() {
    static const Scratch scratch;
    return scratch.path;
}

std::string write_scratch(const std::string& relative, std::string_view bytes) {
    const fs::path p = fs::path(scratch_dir()) / relative;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    require(static_cast<bool>(out), "cannot write a scratch file");
    return p.string();
}

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
}

void read_and_check(const Reader& reader, const std::string& path) {
    auto on_record = [&](Transcript&& t, const RecordOrigin& origin) {
        require(origin.file == path, "a record's origin names another file");
        Transcript copy = t;
        const auto bad = check_record(copy);
        if (bad) std::fprintf(stderr, "record '%s' delivered although: %s\n", t.id.c_str(), bad->c_str());
        require(!bad, "a delivered record fails check_record");
        require(copy.id == t.id, "a delivered record's id is not normalised");
        require(text::is_valid_utf8(t.title) && text::is_valid_utf8(t.text), "a delivered record has invalid UTF-8");
        for (const auto& s : t.speakers) require(text::is_valid_utf8(s), "a delivered speaker has invalid UTF-8");
        for (const auto& turn : t.turns)
            require(text::is_valid_utf8(turn.speaker) && text::is_valid_utf8(turn.text), "a delivered turn has invalid UTF-8");
    };
    auto on_diagnostic = [&](const Diagnostic& d) {
        require(!d.message.empty(), "a diagnostic without a reason");
        require(!d.file.empty(), "a diagnostic without a file");
        (void)d.format();
    };
    try {
        reader.read(path, on_record, on_diagnostic);
    } catch (const std::runtime_error& e) {
        // A damaged gzip stream cannot be read past the damage: the reader stops there with
        // an error naming the file, after delivering the records before it (the indexer
        // reports it as that file's diagnostic). Nothing else may throw. zlib reads a file
        // as gzip by its content (the magic bytes 1f 8b), whatever its name: a `.txt` file
        // that begins with them and is no gzip stream is one it cannot unzip.
        const std::string what = e.what();
        const bool gzip = (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) || file_starts_as_gzip(path);
        if (gzip && what.rfind(path + ": read error", 0) == 0) return;
        std::fprintf(stderr, "reader '%s' threw: %s\n", reader.name().c_str(), e.what());
        require(false, "a reader threw on content (it may only throw when the file cannot be opened or unzipped)");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "reader '%s' threw: %s\n", reader.name().c_str(), e.what());
        require(false, "a reader threw on content (it may only throw when the file cannot be opened)");
    }
}

Split split_once(std::string_view input, std::string_view separator) {
    const auto at = input.find(separator);
    if (at == std::string_view::npos) return {input, {}, false};
    return {input.substr(0, at), input.substr(at + separator.size()), true};
}

}  // namespace dragoman::fuzz
