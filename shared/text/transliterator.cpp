// ICU transliteration (Any-Latin; Latin-ASCII) plus romanisation-variant folding.
#include "text/transliterator.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "text/normalizer.hpp"
#include "util/bounded_cache.hpp"

namespace dragoman::text {

namespace {

std::unique_ptr<icu::Transliterator> make_transliterator(const char* rules) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createFromRules("dragoman-key", rules, UTRANS_FORWARD, parse_error, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
}

bool has_cyrillic(const icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length(); ++i)
        if (s.charAt(i) >= 0x0400 && s.charAt(i) <= 0x052F) return true;
    return false;
}

std::string to_ascii_latin(std::string_view word) {
    // Cyrillic by BGN/PCGN, the romanisation English-language sources write names in
    // (Юрий Yuriy, Яковлев Yakovlev, Хрущёв Khrushchev, Ахмадинежад Akhmadinezhad), where
    // Any-Latin's ISO 9 gives Ûrij, Âkovlev, Hruŝëv; the letters Russian's table lacks
    // (Ukrainian і ї є) then go through Any-Latin. A step of its own: inside one compound
    // rule set, ICU 72's Latin-ASCII then leaves ğ (Erdoğan) as it is.
    thread_local std::unique_ptr<icu::Transliterator> cyrillic = make_transliterator(":: [:Cyrillic:] Russian-Latin/BGN;");
    // Schwa first: Azerbaijani ə is romanised 'a' (Əliyev = Aliyev); Latin-ASCII keeps it.
    thread_local std::unique_ptr<icu::Transliterator> latin =
        make_transliterator("ə > a; Ə > a; :: Any-Latin; :: Latin-ASCII; :: Lower;");
    if (!latin) return {};
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    if (cyrillic && has_cyrillic(s)) cyrillic->transliterate(s);
    latin->transliterate(s);
    std::string out;
    s.toUTF8String(out);
    return out;
}

}  // namespace

std::string normalise_romanisation(std::string_view w) {
    std::string s;
    s.reserve(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        const char c = w[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) continue;
        const char n = i + 1 < w.size() ? w[i + 1] : '\0';
        char out = c;
        if ((c == 'k' || c == 's' || c == 'z' || c == 'c') && n == 'h') {  // kh sh zh ch
            out = c == 'k' ? 'h' : c;
            ++i;
        } else if (c == 't' && n == 's') {
            out = 'c';
            ++i;
        } else if (c == 'y' || c == 'j') {
            out = 'i';
        } else if (c == 'w') {
            out = 'v';
        } else if (c == 'q') {
            out = 'k';
        }
        if (!s.empty() && s.back() == out) continue;  // doubled letters
        s += out;
    }
    // A word-initial ye/je is e (Yevgeny Evgeny Евгений, Yerevan Erevan Ереван).
    if (s.size() > 2 && s[0] == 'i' && s[1] == 'e') s.erase(0, 1);
    return s;
}

std::vector<std::string> translit_keys(std::string_view exact_word) {
    std::vector<std::string> keys;
    auto key = translit_key(exact_word);
    if (key.empty()) return keys;
    keys.push_back(std::move(key));
    // A Latin j is й or ж (Ahmadinejad Ахмадинежад, Jirinovski Жириновский) and dж
    // (Jung Юнг is y): the key reads it as i, the second reading as zh.
    if (is_ascii(exact_word) && exact_word.find('j') != std::string_view::npos) {
        std::string zh;
        for (const char c : exact_word) {
            if (c == 'j') zh += "zh";
            else zh += c;
        }
        if (auto other = normalise_romanisation(zh); other != keys.front()) keys.push_back(std::move(other));
    }
    return keys;
}

std::string translit_key(std::string_view exact_word) {
    bool has_letter = false;
    for (unsigned char c : exact_word)
        if (c >= 0x80 || (c >= 'a' && c <= 'z')) { has_letter = true; break; }
    if (!has_letter) return {};
    if (is_ascii(exact_word)) return normalise_romanisation(exact_word);
    // ICU's Any-Latin costs about 160,000 instructions a word (callgrind, the corpus'
    // Chinese and Cyrillic names): each word is transliterated once per process. 400,000
    // entries (about 50 MB at most) hold every distinct key word of the corpus.
    static BoundedCache<std::string> memo(400000);
    return memo.get(exact_word, [&] { return normalise_romanisation(to_ascii_latin(exact_word)); });
}

}  // namespace dragoman::text
