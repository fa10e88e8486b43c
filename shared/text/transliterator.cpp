// ICU transliteration (Any-Latin; Latin-ASCII) plus romanisation-variant folding.
#include "text/transliterator.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "text/normalizer.hpp"
#include "util/bounded_cache.hpp"

namespace dragoman::text {

namespace {

std::unique_ptr<icu::Transliterator> make_rule_transliterator() {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    // Schwa first: Azerbaijani ə is romanised 'a' (Əliyev = Aliyev); Latin-ASCII keeps it.
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
        "dragoman-key", "ə > a; Ə > a; :: Any-Latin; :: Latin-ASCII; :: Lower;", UTRANS_FORWARD,
        parse_error, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
}

std::string to_ascii_latin(std::string_view word) {
    thread_local std::unique_ptr<icu::Transliterator> t = make_rule_transliterator();
    if (!t) return {};
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    t->transliterate(s);
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
    return s;
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
