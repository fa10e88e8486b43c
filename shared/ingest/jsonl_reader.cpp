// The canonical JSON Lines reader: validates each record and reports bad ones precisely.
#include "ingest/jsonl_reader.hpp"

#include <nlohmann/json.hpp>

#include "ingest/line_source.hpp"
#include "ingest/record_checks.hpp"

namespace dragoman {

namespace {

using nlohmann::json;

/// Copies a string field; reports (and returns false) when it has the wrong type.
bool take_string(const json& obj, const char* key, std::string& out, std::string& problem) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return true;
    if (!it->is_string()) {
        problem = std::string("'") + key + "': expected a string, got " + it->type_name();
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool take_strings(const json& obj, const char* key, std::vector<std::string>& out,
                  std::string& problem) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return true;
    if (it->is_string()) {  // tolerate a single name given as a string
        out.push_back(it->get<std::string>());
        return true;
    }
    if (!it->is_array()) {
        problem = std::string("'") + key + "': expected an array of strings, got " + it->type_name();
        return false;
    }
    for (const auto& v : *it) {
        if (!v.is_string()) {
            problem = std::string("'") + key + "': expected an array of strings, found " + v.type_name();
            return false;
        }
        out.push_back(v.get<std::string>());
    }
    return true;
}

bool take_turns(const json& obj, std::vector<Turn>& out, std::string& problem) {
    const auto it = obj.find("turns");
    if (it == obj.end() || it->is_null()) return true;
    if (!it->is_array()) {
        problem = std::string("'turns': expected an array, got ") + it->type_name();
        return false;
    }
    std::size_t n = 0;
    for (const auto& t : *it) {
        ++n;
        if (!t.is_object()) {
            problem = "'turns'[" + std::to_string(n - 1) + "]: expected an object";
            return false;
        }
        Turn turn;
        if (!take_string(t, "speaker", turn.speaker, problem) ||
            !take_string(t, "text", turn.text, problem) ||
            !take_string(t, "language", turn.language, problem)) {
            problem = "'turns'[" + std::to_string(n - 1) + "]: " + problem;
            return false;
        }
        out.push_back(std::move(turn));
    }
    return true;
}

/// The column (1-based) of the first bracket nested deeper than `max_json_depth`, or 0.
/// A record nests three levels (object, `turns`, turn object); a line of millions of
/// brackets would otherwise make the parser build millions of nested values (gigabytes
/// of memory for a line within the size limit), so depth is checked before parsing.
std::size_t too_deep_at(std::string_view line) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_json_depth) return i + 1;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return 0;
}

}  // namespace

bool JsonlReader::parse_line(std::string_view line, const RecordOrigin& origin, Transcript& out,
                             const DiagnosticSink& diagnostics) {
    auto reject = [&](std::size_t column, const std::string& id, const std::string& message) {
        diagnostics(Diagnostic{origin.file, origin.line, column, id, message});
        return false;
    };
    if (line.size() > max_record_bytes)
        return reject(0, {}, "record of " + std::to_string(line.size()) +
                                 " bytes exceeds the limit of " + std::to_string(max_record_bytes));
    if (const auto column = too_deep_at(line))
        return reject(column, {}, "JSON nested deeper than " + std::to_string(max_json_depth) + " levels");
    json obj;
    try {
        obj = json::parse(line);
    } catch (const json::parse_error& e) {
        // nlohmann's byte position is 1-based and points just past the problem.
        std::string what = e.what();
        const auto colon = what.find("error: ");
        if (colon != std::string::npos) what = what.substr(colon + 7);
        return reject(e.byte, {}, "broken JSON: " + what);
    }
    if (!obj.is_object()) return reject(1, {}, std::string("expected a JSON object, got ") + obj.type_name());

    Transcript t;
    std::string problem;
    if (!take_string(obj, "id", t.id, problem)) return reject(0, {}, problem);
    if (!take_string(obj, "source", t.source, problem) ||
        !take_string(obj, "language", t.language, problem) ||
        !take_string(obj, "date", t.date, problem) || !take_string(obj, "title", t.title, problem) ||
        !take_strings(obj, "speakers", t.speakers, problem) ||
        !take_string(obj, "country", t.country, problem) || !take_string(obj, "url", t.url, problem) ||
        !take_string(obj, "text", t.text, problem) || !take_string(obj, "group", t.group, problem) ||
        !take_turns(obj, t.turns, problem))
        return reject(0, t.id, problem);
    if (auto bad = check_record(t)) return reject(0, t.id, *bad);
    out = std::move(t);
    return true;
}

void JsonlReader::read(const std::string& path, const RecordSink& records,
                       const DiagnosticSink& diagnostics) const {
    LineSource source(path);
    std::string line;
    while (source.next(line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        RecordOrigin origin{path, source.line_number()};
        Transcript t;
        if (parse_line(line, origin, t, diagnostics)) records(std::move(t), origin);
    }
}

}  // namespace dragoman
