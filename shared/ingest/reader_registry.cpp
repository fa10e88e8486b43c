// The table of input formats: names, factories and detection from path and content.
#include <algorithm>
#include <fstream>

#include "ingest/jsonl_reader.hpp"
#include "ingest/reader.hpp"

namespace dragoman {

namespace {

struct Format {
    const char* name;
    std::unique_ptr<Reader> (*make)();
};

template <typename R>
std::unique_ptr<Reader> make() {
    return std::make_unique<R>();
}

// One row per format; detection order is in detect_format below.
const Format formats[] = {
    {"jsonl", &make<JsonlReader>},
};

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::unique_ptr<Reader> make_reader(const std::string& name) {
    for (const auto& f : formats)
        if (name == f.name) return f.make();
    return nullptr;
}

std::vector<std::string> reader_names() {
    std::vector<std::string> names;
    for (const auto& f : formats) names.emplace_back(f.name);
    return names;
}

std::string detect_format(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ends_with(lower, ".jsonl") || ends_with(lower, ".jsonl.gz") || ends_with(lower, ".ndjson"))
        return "jsonl";
    return {};
}

}  // namespace dragoman
