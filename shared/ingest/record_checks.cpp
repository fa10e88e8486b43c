// Record validation shared by all readers: the rules of corpus/FORMAT.md.
#include "ingest/record_checks.hpp"

#include <algorithm>
#include <utility>

#include "schema/date.hpp"
#include "text/utf8.hpp"

namespace dragoman {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

using text::is_valid_utf8;

}  // namespace

std::optional<std::string> check_record(Transcript& t) {
    t.id = trim(t.id);
    if (t.id.empty()) return std::string("'id': missing or empty");
    for (const std::string* field : {&t.id, &t.source, &t.language, &t.date, &t.title, &t.country,
                                     &t.url, &t.text, &t.group}) {
        if (!is_valid_utf8(*field)) return std::string("invalid UTF-8");
        if (field->find('\0') != std::string::npos) return std::string("NUL byte in a field");
    }
    // Speakers and turns are indexed and shown like the fields above, so the same rules hold.
    for (const auto& s : t.speakers) {
        if (!is_valid_utf8(s)) return std::string("'speakers': invalid UTF-8");
        if (s.find('\0') != std::string::npos) return std::string("'speakers': NUL byte");
    }
    for (const auto& turn : t.turns)
        for (const std::string* field : {&turn.text, &turn.speaker, &turn.language}) {
            if (!is_valid_utf8(*field)) return std::string("'turns': invalid UTF-8");
            if (field->find('\0') != std::string::npos) return std::string("'turns': NUL byte");
        }
    // Any id fits a term (schema::id_term); the bound is on what each passage repeats.
    if (t.id.size() > max_id_bytes)
        return "'id': longer than " + std::to_string(max_id_bytes) + " bytes (" + std::to_string(t.id.size()) + ")";
    // Regression: one record with a 400-byte source made Xapian refuse its term and the
    // whole run fail, losing every good record with it.
    for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"source", &t.source},
                                      {"language", &t.language}, {"country", &t.country}, {"group", &t.group}})
        if (value->size() > max_keyword_bytes)
            return "'" + std::string(name) + "': longer than " + std::to_string(max_keyword_bytes) + " bytes";
    for (const auto& turn : t.turns)
        if (turn.language.size() > max_keyword_bytes)
            return "'turns': 'language' longer than " + std::to_string(max_keyword_bytes) + " bytes";
    if (!t.date.empty())
        if (auto problem = date_problem(t.date))
            return "'date': " + *problem + ": '" + t.date + "'";
    std::transform(t.language.begin(), t.language.end(), t.language.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool has_turn_text = std::any_of(t.turns.begin(), t.turns.end(),
                                           [](const Turn& turn) { return !blank(turn.text); });
    if (blank(t.text) && !has_turn_text) return std::string("'text': empty");
    return std::nullopt;
}

}  // namespace dragoman
