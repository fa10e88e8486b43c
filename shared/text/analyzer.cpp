// Segmentation, normalisation, elision and acronym handling, composed into tokens.
#include "text/analyzer.hpp"

#include <algorithm>
#include <array>

#include <unicode/uchar.h>

#include "text/normalizer.hpp"
#include "text/stemmer.hpp"
#include "text/transliterator.hpp"
#include "text/utf8.hpp"

namespace dragoman::text {

namespace {

bool romance(std::string_view language) {
    return language == "fr" || language == "it" || language == "ca" || language.empty();
}

/// French/Italian/Catalan elided articles and pronouns before an apostrophe.
std::size_t elision_length(std::string_view exact) {
    static constexpr std::array<std::string_view, 14> heads = {
        "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "dell'", "all'"};
    for (auto h : heads)
        if (exact.size() > h.size() + 1 && exact.substr(0, h.size()) == h) return h.size();
    return 0;
}

/// "u.n" → "un", "e.g" → "eg", "с.в" → "св": letters (of any script) separated by single dots.
bool strip_acronym_dots(std::string& s) {
    if (s.find('.') == std::string::npos) return false;
    std::string out;
    bool dot_next = false;
    for (std::size_t at = 0, n = 0; at < s.size(); at += n) {
        char32_t c = 0;
        if ((n = decode_utf8(s, at, c)) == 0) return false;
        if ((c == '.') != dot_next) return false;
        if (c != '.') out.append(s, at, n);
        dot_next = !dot_next;
    }
    if (!dot_next) return false;  // ends with a dot: not what the word breaks give
    s = std::move(out);
    return true;
}

/// Whether the first letter of `surface` is a lowercase letter (see Token::lowercase).
bool begins_lowercase(std::string_view surface) {
    for (std::size_t at = 0, n = 0; at < surface.size(); at += n) {
        char32_t c = 0;
        if ((n = decode_utf8(surface, at, c)) == 0) return false;
        if (u_isalpha(static_cast<UChar32>(c))) return u_islower(static_cast<UChar32>(c));
    }
    return false;
}

/// Where the surname begins in initials glued to it ("С.В.Лавров", "E.Macron", "И.Алиев": how
/// the Russian foreign ministry and many Russian, Ukrainian and Azerbaijani sources write
/// their speakers), or 0 when `surface` is not one letter and a dot, once or more, then a
/// word of at least two letters. The initials are then cut as the spaced form ("С.В. Лавров")
/// is cut by the word breaks, so both give the same tokens.
std::size_t glued_surname_offset(std::string_view surface) {
    std::size_t at = 0;
    std::size_t initials = 0;
    for (;;) {
        char32_t c = 0;
        const std::size_t n = decode_utf8(surface, at, c);
        if (n == 0 || !u_isalpha(static_cast<UChar32>(c))) return 0;
        if (at + n >= surface.size() || surface[at + n] != '.') break;
        at += n + 1;
        ++initials;
    }
    if (initials == 0) return 0;
    std::size_t letters = 0;
    for (std::size_t i = at, n = 0; i < surface.size(); i += n) {
        char32_t c = 0;
        if ((n = decode_utf8(surface, i, c)) == 0) return 0;
        if (c == '.') return 0;  // "u.s.a", "e.g.": an acronym, not a name
        if (u_isalpha(static_cast<UChar32>(c))) ++letters;
    }
    return letters >= 2 ? at : 0;
}

bool is_digitish(std::string_view s) {
    for (unsigned char c : s)
        if (!(c >= '0' && c <= '9') && c != '.' && c != ',') return false;
    return true;
}

}  // namespace

std::vector<Token> Analyzer::tokenize(std::string_view text, std::string_view language,
                                      uint32_t first_position) {
    std::vector<Token> tokens;
    auto segments = m_segmenter.split(text);
    // Initials glued to a surname are two words, as when a space parts them.
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& seg = segments[i];
        const auto cut = glued_surname_offset(text.substr(seg.begin, seg.end - seg.begin));
        if (cut == 0) continue;
        const Segment surname{seg.begin + static_cast<uint32_t>(cut), seg.end, seg.ideographic};
        segments[i].end = seg.begin + static_cast<uint32_t>(cut) - 1;  // the last initial's dot is no part of it
        segments.insert(segments.begin() + static_cast<std::ptrdiff_t>(i) + 1, surname);
        ++i;
    }
    tokens.reserve(segments.size());
    uint32_t position = first_position;
    for (const auto& seg : segments) {
        Token t;
        t.begin = seg.begin;
        t.end = seg.end;
        t.ideographic = seg.ideographic;
        t.exact = exact_form(text.substr(seg.begin, seg.end - seg.begin), language);
        if (t.exact.empty()) continue;  // only ignorable characters
        if (romance(language) && t.exact.find('\'') != std::string::npos) {
            const auto n = elision_length(t.exact);
            if (n > 0) {
                t.exact.erase(0, n);
                // Skip the head in the original too, whichever apostrophe it uses.
                const auto surface = text.substr(seg.begin, seg.end - seg.begin);
                const auto straight = surface.find('\'');
                const auto curly = surface.find("\u2019");
                const auto cut = std::min(straight, curly);
                if (cut != std::string_view::npos)
                    t.begin += static_cast<uint32_t>(cut + (cut == curly ? 3 : 1));
            }
        }
        strip_acronym_dots(t.exact);
        if (t.exact.size() > 120) continue;  // not a word: base64, hashes, junk
        t.folded = folded_form(t.exact);
        if (t.folded.empty()) continue;
        t.lowercase = begins_lowercase(text.substr(t.begin, t.end - t.begin));
        t.position = position++;
        tokens.push_back(std::move(t));
    }
    return tokens;
}

std::string_view analysis_class(std::string_view language) {
    if (romance(language)) return "fr";
    if (language == "tr" || language == "az") return "tr";
    return "en";
}

std::string stem_term(const Token& token, std::string_view language) {
    if (token.ideographic || !has_stemmer(language) || is_digitish(token.folded)) return {};
    // Turkish and Azerbaijani write a proper noun's suffixes after an apostrophe
    // ("Ayasofya'yı", "Bakı'da"): the stem is the noun.
    if (language == "tr" || language == "az") {
        const auto apostrophe = token.exact.find('\'');
        if (apostrophe != std::string::npos && apostrophe > 0)
            return folded_form(stem(std::string_view(token.exact).substr(0, apostrophe), language));
    }
    return folded_form(stem(token.exact, language));
}

std::string translit_term(const Token& token) {
    if (token.ideographic && token.exact.size() > 12) return {};  // long CJK compounds: no name
    std::string key = translit_key(token.exact);
    return key == token.folded ? std::string() : key;
}

}  // namespace dragoman::text
