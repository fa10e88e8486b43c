// The query's language for choosing among language versions: the lang: filter, CLD2 on
// the query's words, or the query's script.
#include "search/version_choice.hpp"

#include <algorithm>

#include "text/language_identifier.hpp"
#include "text/language_script.hpp"

namespace dragoman {

namespace {

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

/// The query without field filters (`source:unpc`), operators and syntax, for CLD2.
std::string free_words(std::string_view query) {
    std::string out;
    std::size_t i = 0;
    while (i < query.size()) {
        const auto end = std::min(query.find(' ', i), query.size());
        const auto word = query.substr(i, end - i);
        if (!word.empty() && word.find(':') == std::string_view::npos && word != "AND" && word != "OR" &&
            word != "NOT" && word != "NEAR") {
            out.append(word);
            out += ' ';
        }
        i = end + 1;
    }
    return out;
}

}  // namespace

std::string preferred_version_language(std::string_view query, std::string_view lang_filter,
                                       const std::vector<std::string>& available) {
    if (!lang_filter.empty()) return has(available, lang_filter) ? std::string(lang_filter) : std::string();
    const std::string words = free_words(query);
    const std::string detected = text::detect_language(words);
    if (!detected.empty() && has(available, detected)) return detected;
    const std::string script = text::dominant_script(words);
    if (script.empty()) return {};
    // Kana and Hangul mixed with Han: ICU names them apart; Japanese text still counts as Han here.
    const std::string wanted = (script == "Hira" || script == "Kana") ? "Hani" : script;
    std::string only;
    for (const auto& l : available) {
        if (text::script_of_language(l) != wanted) continue;
        if (!only.empty()) return {};  // two versions in this script: the words must decide
        only = l;
    }
    return only;
}

}  // namespace dragoman
