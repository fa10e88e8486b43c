// ICU-based normalisation with ASCII fast paths and a per-thread cache for the rest.
#include "text/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace dragoman::text {

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

namespace {

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return *n;
}

const icu::Normalizer2& nfd() {
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    return *n;
}

const icu::Normalizer2& nfc() {
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return *n;
}

bool is_apostrophe(UChar32 c) { return c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0xFF07; }

/// Letters that are base letters in Unicode but variants for matching purposes.
UChar32 fold_base(UChar32 c) {
    switch (c) {
        case 0x0131: return 'i';      // ı dotless i
        case 0x0259: return 'e';      // ə schwa
        case 0x00F8: return 'o';      // ø
        case 0x0142: return 'l';      // ł
        case 0x0111: return 'd';      // đ
        case 0x0127: return 'h';      // ħ
        case 0x0649: return 0x064A;   // alef maksura -> ya
        case 0x0671: return 0x0627;   // alef wasla -> alef
        default: return c;
    }
}

std::string fold_uncached(std::string_view exact) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString src = icu::UnicodeString::fromUTF8(icu::StringPiece(exact.data(), static_cast<int32_t>(exact.size())));
    icu::UnicodeString decomposed = nfd().normalize(src, status);
    icu::UnicodeString out;
    UChar32 previous_base = 0;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        const int8_t type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) {
            // й (и + breve) and Ukrainian ї stay letters of their own.
            if (c == 0x0306 && (previous_base == 0x0438 || previous_base == 0x0456)) out.append(c);
            continue;
        }
        if (c == 0x0640 || c == '\'' || is_apostrophe(c)) continue;  // tatweel, apostrophes
        previous_base = c;
        out.append(fold_base(c));
    }
    icu::UnicodeString composed = nfc().normalize(out, status);
    std::string result;
    composed.toUTF8String(result);
    return U_SUCCESS(status) ? result : std::string(exact);
}

std::string exact_uncached(std::string_view word, bool turkic) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    if (turkic) {
        s.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0130)), icu::UnicodeString(static_cast<UChar32>('i')));
        s.findAndReplace(icu::UnicodeString(static_cast<UChar32>('I')), icu::UnicodeString(static_cast<UChar32>(0x0131)));
    }
    for (int32_t i = 0; i < s.length(); ++i)
        if (is_apostrophe(s.charAt(i))) s.setCharAt(i, u'\'');
    icu::UnicodeString folded = nfkc_casefold().normalize(s, status);
    std::string result;
    folded.toUTF8String(result);
    return U_SUCCESS(status) ? result : std::string(word);
}

/// A bounded per-thread memo: word frequencies are Zipfian, so most lookups hit.
class Memo {
public:
    template <typename F>
    const std::string& get(std::string_view key, F&& compute) {
        auto it = m_map.find(std::string(key));
        if (it != m_map.end()) return it->second;
        if (m_map.size() > 400000) m_map.clear();
        return m_map.emplace(std::string(key), compute()).first->second;
    }

private:
    std::unordered_map<std::string, std::string> m_map;
};

/// The length of the number `folded` begins with when the rest is an ordinal's ending, else
/// 0: `7368th`, `7368e`, `1er`, `7368eme`, `7378a` (`7378ª`), `3ro`. Transcripts write the
/// same meeting `7368th`, `7368e`, `7368a` and `第7368次`, and the number alone is what they
/// share (the word breaks keep an ending on its number; Russian `7368-го` is cut at the
/// hyphen). The endings are every language's at once, as a query is read without knowing
/// its language for sure: `2a` is read as 2 too, and its exact form still ranks it first.
std::size_t ordinal_digits(std::string_view folded) {
    static constexpr std::array<std::string_view, 26> endings = {
        "st", "nd", "rd", "th",           // English
        "e",  "er", "re", "eme", "ieme",  // French
        "o",  "a",  "os", "as", "do", "da", "ro", "ra", "to", "ta", "vo", "va", "no", "na", "mo", "ma",  // Spanish, Italian, Portuguese
        "te"};                            // German, Dutch
    std::size_t digits = 0;
    while (digits < folded.size() && folded[digits] >= '0' && folded[digits] <= '9') ++digits;
    if (digits == 0 || digits == folded.size()) return 0;
    return std::find(endings.begin(), endings.end(), folded.substr(digits)) != endings.end() ? digits : 0;
}

}  // namespace

std::string exact_form(std::string_view word, std::string_view language) {
    const bool turkic = language == "tr" || language == "az";
    if (is_ascii(word) && !turkic) {
        std::string out(word);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    }
    thread_local Memo memo[2];
    return memo[turkic ? 1 : 0].get(word, [&] { return exact_uncached(word, turkic); });
}

std::string folded_form(std::string_view exact) {
    std::string out;
    if (!is_ascii(exact)) {
        thread_local Memo memo;
        out = memo.get(exact, [&] { return fold_uncached(exact); });
    } else if (exact.find('\'') == std::string_view::npos) {
        out = exact;
    } else {
        for (char c : exact)
            if (c != '\'') out += c;
    }
    if (const auto digits = ordinal_digits(out)) out.resize(digits);
    return out;
}

}  // namespace dragoman::text
