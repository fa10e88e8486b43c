// Country codes: ISO 3166-1 alpha-2 (as parliaments and locales write them) to alpha-3.
#include "ingest/country_code.hpp"

#include <unicode/locid.h>

namespace dragoman {

std::string iso3_country(std::string_view alpha2) {
    alpha2 = alpha2.substr(0, alpha2.find('-'));
    if (alpha2.size() != 2) return {};
    std::string code;
    for (char c : alpha2) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') return {};
        code += c;
    }
    // ICU answers for any two letters; only a real region has a three-letter code.
    const icu::Locale locale("", code.c_str());
    const char* iso3 = locale.getISO3Country();
    return iso3 != nullptr && std::char_traits<char>::length(iso3) == 3 ? std::string(iso3) : std::string();
}

}  // namespace dragoman
