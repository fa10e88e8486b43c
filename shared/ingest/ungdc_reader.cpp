// The UN General Debate corpus: one speech per file, the metadata in the path.
#include "ingest/ungdc_reader.hpp"

#include "ingest/line_source.hpp"
#include "ingest/paragraph_builder.hpp"
#include "ingest/path_parts.hpp"
#include "ingest/record_checks.hpp"
#include "ingest/text_position.hpp"

namespace dragoman {

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 75th.
std::string ordinal(int n) {
    const int tens = n % 100;
    const char* suffix = "th";
    if (tens < 11 || tens > 13) {
        switch (n % 10) {
            case 1: suffix = "st"; break;
            case 2: suffix = "nd"; break;
            case 3: suffix = "rd"; break;
            default: break;
        }
    }
    return std::to_string(n) + suffix;
}

}  // namespace

std::optional<UngdcReader::Name> UngdcReader::parse_name(const std::string& stem) {
    const auto first = stem.find('_');
    if (first == std::string::npos) return std::nullopt;
    const auto second = stem.find('_', first + 1);
    if (second == std::string::npos) return std::nullopt;
    const std::string_view s(stem);
    const auto code = s.substr(0, first);
    const auto session = s.substr(first + 1, second - first - 1);
    const auto year = s.substr(second + 1);
    if (code.size() < 2 || code.size() > 3) return std::nullopt;
    for (char c : code)
        if (c < 'A' || c > 'Z') return std::nullopt;
    if (!all_digits(session) || session.size() > 3 || !all_digits(year) || year.size() != 4)
        return std::nullopt;
    return Name{std::string(code), to_int(session), to_int(year)};
}

bool UngdcReader::is_session_directory(const std::string& dir) {
    // "Session 75 - 2020"
    const std::string_view d(dir);
    if (d.substr(0, 8) != "Session ") return false;
    const auto dash = d.find(" - ", 8);
    if (dash == std::string_view::npos) return false;
    return all_digits(d.substr(8, dash - 8)) && d.size() == dash + 7 && all_digits(d.substr(dash + 3));
}

void UngdcReader::read(const std::string& path, const RecordSink& records,
                       const DiagnosticSink& diagnostics) const {
    LineSource source(path);
    const std::string stem = file_stem(path);
    Transcript t;
    t.id = "ungdc:" + stem;
    const auto name = parse_name(stem);
    if (!name) {
        diagnostics(Diagnostic{path, 0, 0, t.id,
                               "file name is not 'ISO3_SESSION_YEAR.txt' (like 'USA_75_2020.txt'); "
                               "cannot tell country, session and year"});
        return;
    }
    t.source = "ungdc";
    t.language = "en";
    t.date = stem.substr(stem.size() - 4);  // the corpus gives only the year
    if (name->code.size() == 3) t.country = name->code;
    t.title = "UN General Debate, " + ordinal(name->session) + " session (" + std::to_string(name->year) +
              "): " + name->code;

    ParagraphBuilder text;
    std::string line;
    std::size_t bytes = 0;
    while (source.next(line)) {
        bytes += line.size() + 1;
        if (bytes > max_record_bytes) {
            diagnostics(Diagnostic{path, source.line_number(), 0, t.id,
                                   "speech exceeds the record limit of " + std::to_string(max_record_bytes) +
                                       " bytes"});
            return;
        }
        if (source.line_number() == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
        if (const auto bad = text_fault(line)) {
            diagnostics(Diagnostic{path, source.line_number(), bad->offset + 1, t.id, bad->message});
            return;
        }
        text.add(line);
    }
    t.text = text.take();
    if (auto bad = check_record(t)) {
        diagnostics(Diagnostic{path, 0, 0, t.id, *bad});
        return;
    }
    records(std::move(t), RecordOrigin{path, 1});
}

}  // namespace dragoman
