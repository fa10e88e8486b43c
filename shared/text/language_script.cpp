// Scripts of texts (ICU's script property) and of languages (CLDR's likely subtags, through ICU).
#include "text/language_script.hpp"

#include <unicode/uchar.h>
#include <unicode/uloc.h>
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
    // CLDR's likely subtags rather than a table of our own: two hand-written tables here
    // disagreed on Macedonian, Kyrgyz, Mongolian, Tajik (Cyrillic) and Pashto (Arabic).
    const std::string tag(language);
    UErrorCode status = U_ZERO_ERROR;
    char locale[ULOC_FULLNAME_CAPACITY] = "";
    uloc_forLanguageTag(tag.c_str(), locale, sizeof locale, nullptr, &status);
    char likely[ULOC_FULLNAME_CAPACITY] = "";
    if (U_SUCCESS(status)) uloc_addLikelySubtags(locale, likely, sizeof likely, &status);
    char script[ULOC_SCRIPT_CAPACITY] = "";
    if (U_SUCCESS(status)) uloc_getScript(likely, script, sizeof script, &status);
    const std::string_view found = U_SUCCESS(status) ? std::string_view(script) : std::string_view();
    if (found.empty()) return "Latn";
    // CLDR names the writing systems of Chinese, Japanese and Korean (Hans, Hant, Jpan,
    // Kore); the letters' own script property, which dominant_script() counts, says Han
    // (kana aside) and Hangul.
    if (found == "Hans" || found == "Hant" || found == "Jpan") return "Hani";
    if (found == "Kore") return "Hang";
    return std::string(found);
}

bool script_has_case(std::string_view script) {
    return script == "Latn" || script == "Cyrl" || script == "Grek" || script == "Armn";
}

}  // namespace dragoman::text
