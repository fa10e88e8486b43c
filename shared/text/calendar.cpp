// Month names from ICU's DateFormatSymbols, folded as the analyzer folds words.
#include "text/calendar.hpp"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <array>
#include <map>
#include <mutex>

#include "text/normalizer.hpp"

namespace dragoman::text {

namespace {

struct Months {
    struct Named {
        int month = 0;
        bool capitalised = false;  // as ICU writes it
    };
    std::map<std::string, Named, std::less<>> named;  // folded wide name → month
    std::array<std::string, 12> as_number;          // where the abbreviated name holds a digit
};

std::string utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

Months read_months(const std::string& language) {
    Months out;
    UErrorCode status = U_ZERO_ERROR;
    const icu::DateFormatSymbols symbols(icu::Locale(language.c_str()), status);
    if (U_FAILURE(status)) return out;
    // A language ICU has no data for is answered with the default locale's names (the
    // system's: on a Chinese system Bhojpuri would write January `1月`) or the root's: it has
    // none here. An alias is its own (Tagalog `fil`, Norwegian Bokmål `no`).
    const std::string actual = symbols.getLocale(ULOC_ACTUAL_LOCALE, status).getLanguage();
    if (U_FAILURE(status) || actual.empty() || (actual != language && actual == icu::Locale::getDefault().getLanguage()))
        return out;
    for (const auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
        int32_t count = 0;
        const icu::UnicodeString* names = symbols.getMonths(count, context, icu::DateFormatSymbols::WIDE);
        for (int32_t m = 0; m < count && m < 12; ++m) {
            const auto folded = folded_form(exact_form(utf8(names[m]), language));
            if (!folded.empty()) out.named.emplace(folded, Months::Named{m + 1, u_isupper(names[m].char32At(0)) != 0});
        }
    }
    int32_t count = 0;
    const icu::UnicodeString* short_names =
        symbols.getMonths(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::ABBREVIATED);
    for (int32_t m = 0; m < count && m < 12; ++m) {
        const auto name = utf8(short_names[m]);
        if (name.find_first_of("0123456789") != std::string::npos) out.as_number[static_cast<std::size_t>(m)] = name;
    }
    return out;
}

const Months& months(std::string_view language) {
    static std::mutex mutex;
    static std::map<std::string, Months, std::less<>> by_language;
    std::lock_guard lock(mutex);
    auto it = by_language.find(language);
    if (it == by_language.end()) it = by_language.emplace(std::string(language), read_months(std::string(language))).first;
    return it->second;  // never erased: the reference outlives the lock
}

}  // namespace

int month_named(std::string_view folded, std::string_view language, bool lowercase) {
    if (folded.empty() || language.empty()) return 0;
    const auto& named = months(language).named;
    const auto it = named.find(folded);
    return it == named.end() || (lowercase && it->second.capitalised) ? 0 : it->second.month;
}

std::string month_as_number(int month, std::string_view language) {
    if (month < 1 || month > 12 || language.empty()) return {};
    return months(language).as_number[static_cast<std::size_t>(month - 1)];
}

}  // namespace dragoman::text
