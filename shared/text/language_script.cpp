// Scripts of texts (ICU's script property) and of languages (a small table).
#include "text/language_script.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <map>

namespace dragoman::text {

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

bool script_has_case(std::string_view script) {
    return script == "Latn" || script == "Cyrl" || script == "Grek" || script == "Armn";
}

}  // namespace dragoman::text
