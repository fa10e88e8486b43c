// Language names as corpora write them ("Deutsch", "Türkçe", "Norsk bokmål") to ISO 639-1 codes.
#include "ingest/language_name.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "ingest/paragraph_builder.hpp"

namespace dragoman {

namespace {

std::string folded(const icu::UnicodeString& s) {
    icu::UnicodeString copy(s);
    copy.foldCase();
    std::string out;
    copy.toUTF8String(out);
    return out;
}

/// Every language's own name (in each of its locales, so both "српски" and
/// "srpski"), its English name, then its name in every other language ("Espanyol",
/// Catalan for Spanish), folded, mapped to its code. Earlier entries win, so a
/// language's own and English names are never shadowed. Built once (a few tens of
/// thousands of ICU look-ups, well under a second).
const std::unordered_map<std::string, std::string>& names() {
    static std::unordered_map<std::string, std::string> table;
    static std::once_flag once;
    std::call_once(once, [] {
        int32_t count = 0;
        const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
        const icu::Locale english = icu::Locale::getEnglish();
        std::vector<icu::Locale> languages;
        icu::UnicodeString name;
        for (int32_t i = 0; i < count; ++i) {
            const icu::Locale& locale = locales[i];
            const std::string code = locale.getLanguage();
            if (code.size() != 2) continue;
            locale.getDisplayLanguage(locale, name);
            if (!name.isBogus() && name.length() > 0) table.emplace(folded(name), code);
            locale.getDisplayLanguage(english, name);
            if (!name.isBogus() && name.length() > 0) table.emplace(folded(name), code);
            if (locale.getCountry()[0] == '\0' && locale.getScript()[0] == '\0') languages.push_back(locale);
        }
        for (const auto& language : languages)
            for (const auto& in : languages) {
                language.getDisplayLanguage(in, name);
                if (!name.isBogus() && name.length() > 0) table.emplace(folded(name), language.getLanguage());
            }
    });
    return table;
}

}  // namespace

std::string language_code_for_name(std::string_view name) {
    const std::string clean = collapse_whitespace(name);
    if (clean.empty()) return {};
    if (clean.size() == 2 && std::isalpha(static_cast<unsigned char>(clean[0])) &&
        std::isalpha(static_cast<unsigned char>(clean[1]))) {
        std::string code = clean;
        for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return code;
    }
    const auto& table = names();
    const auto it = table.find(folded(icu::UnicodeString::fromUTF8(clean)));
    return it == table.end() ? std::string() : it->second;
}

}  // namespace dragoman
