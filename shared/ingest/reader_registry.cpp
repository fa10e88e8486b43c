// The table of input formats: names, factories and detection from path and content.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ingest/dated_text_reader.hpp"
#include "ingest/html_reader.hpp"
#include "ingest/jsonl_reader.hpp"
#include "ingest/markdown_reader.hpp"
#include "ingest/parlamint_reader.hpp"
#include "ingest/parlamint_txt_reader.hpp"
#include "ingest/path_parts.hpp"
#include "ingest/reader.hpp"
#include "ingest/ungdc_reader.hpp"

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
    {"dated-text", &make<DatedTextReader>},
    {"ungdc", &make<UngdcReader>},
    {"markdown", &make<MarkdownReader>},
    {"html", &make<HtmlReader>},
    {"parlamint-tei", &make<ParlamintReader>},
    {"parlamint-txt", &make<ParlamintTxtReader>},
};

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The first `n` bytes of `path` (fewer for a short file; empty if unreadable).
std::string head_of(const std::string& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return head;
}

/// Skips a UTF-8 byte order mark.
std::string_view without_bom(std::string_view s) {
    return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

/// Front matter opens with a line of exactly `---`.
bool starts_with_front_matter(std::string_view head) {
    head = without_bom(head);
    if (head.substr(0, 3) != "---") return false;
    const auto nl = head.find('\n');
    const auto rest = head.substr(3, nl == std::string_view::npos ? std::string_view::npos : nl - 3);
    return rest.find_first_not_of(" \t\r") == std::string_view::npos;
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
    // A NUL byte in the head does not hide a file named as one of ours: the walker then
    // judges whether it is binary, and the reader rejects only the record holding a stray
    // NUL. Binary files of other kinds (spreadsheets, images, archives) match no name or
    // header below.
    const std::string head = head_of(path, 1024);
    if (ends_with(lower, ".md") || ends_with(lower, ".markdown"))
        return starts_with_front_matter(head) ? "markdown" : std::string();
    if (ends_with(lower, ".html") || ends_with(lower, ".htm") || ends_with(lower, ".xhtml")) return "html";
    if (ends_with(lower, ".xml")) {
        // A ParlaMint session is a <TEI> document; the corpus root (<teiCorpus>)
        // and the person and organisation lists hold nothing to index.
        return head.find("<TEI") != std::string::npos ? "parlamint-tei" : std::string();
    }
    const std::filesystem::path p(path);
    if (ends_with(lower, ".txt") || ends_with(lower, ".txt.gz")) {
        const std::string stem = file_stem(path);
        const auto parents = parent_names(path);
        if (!parents.empty() && UngdcReader::is_session_directory(parents.front()) && UngdcReader::parse_name(stem))
            return "ungdc";
        std::error_code ec;
        if (stem.rfind("ParlaMint-", 0) == 0 &&
            std::filesystem::is_regular_file(p.parent_path() / (stem + "-meta.tsv"), ec))
            return "parlamint-txt";
    }
    if (DatedTextReader::parse_header(head)) return "dated-text";
    return {};
}

}  // namespace dragoman
