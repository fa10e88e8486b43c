// Pieces of a source file's path that readers turn into record ids and metadata.
#include "ingest/path_parts.hpp"

#include <filesystem>
#include <system_error>

namespace dragoman {

namespace fs = std::filesystem;

std::string file_stem(const std::string& path) {
    fs::path p(path);
    if (p.extension() == ".gz") p = p.stem();
    return p.stem().string();
}

std::vector<std::string> parent_names(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(path), ec);
    if (ec) p = fs::path(path);
    p = p.lexically_normal().parent_path();
    std::vector<std::string> names;
    while (!p.empty() && p.has_filename()) {
        names.push_back(p.filename().string());
        p = p.parent_path();
    }
    return names;
}

}  // namespace dragoman
