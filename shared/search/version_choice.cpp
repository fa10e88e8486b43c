// The query's language for choosing among language versions: the lang: filter, CLD2 on
// the query's words, or the query's script.
#include "search/version_choice.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

#include "text/language_identifier.hpp"

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

std::string dominant_script(std::string_view text) {
    std::map<std::string, std::size_t> counts;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || !u_isalpha(c)) continue;
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode code = uscript_getScript(c, &status);
        if (U_FAILURE(status) || code == USCRIPT_COMMON || code == USCRIPT_INHERITED) continue;
        ++counts[uscript_getShortName(code)];
    }
    std::string best;
    std::size_t most = 0;
    for (const auto& [script, count] : counts)
        if (count > most) {
            best = script;
            most = count;
        }
    return best;
}

std::string script_of_language(std::string_view language) {
    static const std::map<std::string_view, std::string_view> scripts = {
        {"ru", "Cyrl"}, {"uk", "Cyrl"}, {"be", "Cyrl"}, {"bg", "Cyrl"}, {"mk", "Cyrl"}, {"sr", "Cyrl"},
        {"kk", "Cyrl"}, {"ky", "Cyrl"}, {"mn", "Cyrl"}, {"tg", "Cyrl"}, {"ar", "Arab"}, {"fa", "Arab"},
        {"ur", "Arab"}, {"ps", "Arab"}, {"zh", "Hani"}, {"ja", "Hani"}, {"ko", "Hang"}, {"el", "Grek"},
        {"he", "Hebr"}, {"yi", "Hebr"}, {"hi", "Deva"}, {"mr", "Deva"}, {"ne", "Deva"}, {"th", "Thai"},
        {"hy", "Armn"}, {"ka", "Geor"}, {"am", "Ethi"}, {"bn", "Beng"}, {"ta", "Taml"},
    };
    const auto it = scripts.find(language);
    return std::string(it == scripts.end() ? std::string_view("Latn") : it->second);
}

std::string preferred_version_language(std::string_view query, std::string_view lang_filter,
                                       const std::vector<std::string>& available) {
    if (!lang_filter.empty()) return has(available, lang_filter) ? std::string(lang_filter) : std::string();
    const std::string words = free_words(query);
    const std::string detected = text::detect_language(words);
    if (!detected.empty() && has(available, detected)) return detected;
    const std::string script = dominant_script(words);
    if (script.empty()) return {};
    // Kana and Hangul mixed with Han: ICU names them apart; Japanese text still counts as Han here.
    const std::string wanted = (script == "Hira" || script == "Kana") ? "Hani" : script;
    std::string only;
    for (const auto& l : available) {
        if (script_of_language(l) != wanted) continue;
        if (!only.empty()) return {};  // two versions in this script: the words must decide
        only = l;
    }
    return only;
}

}  // namespace dragoman
