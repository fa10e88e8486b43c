// Lookup in the table that cmake/embed_generate.cmake writes.
#include "web_assets.hpp"

#include <cstddef>

namespace dragoman::web {

struct EmbeddedFile {
    std::string_view name;
    std::string_view data;
};
extern const EmbeddedFile embedded_files[];
extern const std::size_t embedded_file_count;

std::optional<std::string_view> asset(std::string_view name) {
    for (std::size_t i = 0; i < embedded_file_count; ++i)
        if (embedded_files[i].name == name) return embedded_files[i].data;
    return std::nullopt;
}

std::string_view content_type(std::string_view name) {
    auto ends = [&](std::string_view s) { return name.size() >= s.size() && name.substr(name.size() - s.size()) == s; };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".json")) return "application/json; charset=utf-8";
    return "application/octet-stream";
}

}  // namespace dragoman::web
