// The one analyzer used by indexing, querying and highlighting: text in, tokens out.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/segmenter.hpp"

namespace dragoman::text {

/// One word of analysed text.
struct Token {
    std::string exact;    ///< NFKC, case-folded surface form (phrases, exact boosting)
    std::string folded;   ///< diacritics removed: the positional matching term
    uint32_t begin = 0;   ///< byte range in the analysed text (for highlighting)
    uint32_t end = 0;
    uint32_t position = 0;///< word position, 1-based, consecutive within one call
    bool ideographic = false;
    /// The surface form begins with a lowercase letter of a script with case (Latin,
    /// Cyrillic, Greek, ...): a common word, not a name. False for capitalised words and
    /// for scripts without case (Arabic, Chinese, ...), where any word may be a name.
    bool lowercase = false;
};

/// Turns text into tokens. One instance per thread (it owns an ICU iterator).
class Analyzer {
public:
    Analyzer() = default;

    /// The tokens of `text` in `language` (ISO 639-1 or empty). Elision
    /// (l'Union → union) is removed for Romance languages; acronyms lose their dots
    /// (U.N. → un); initials glued to a surname are cut from it as a space would cut them
    /// (С.В.Лавров → св, лавров). Positions start at `first_position`.
    std::vector<Token> tokenize(std::string_view text, std::string_view language,
                                uint32_t first_position = 1);

    /// Where the sentences of `text` end, as byte offsets (Segmenter::sentence_ends).
    std::vector<uint32_t> sentence_ends(std::string_view text) { return m_segmenter.sentence_ends(text); }

private:
    Segmenter m_segmenter;
};

/// The language that stands for `language`'s class of analysis: "fr" for the languages whose
/// elided articles are cut (French, Italian, Catalan, and text of no identified language),
/// "tr" for those with a dotted and a dotless i (Turkish, Azerbaijani), "en" for all others.
/// Text tokenised in any language of a class gives the same tokens, so a query word is
/// analysed once per class of the languages it is searched in.
std::string_view analysis_class(std::string_view language);

/// The stem of an exact-form token in `language`, or empty when the language has no
/// stemmer or the word is not stemmable (numbers, ideographs). Folded, so that the
/// stem of `sanctions` and `sanctióned` meet.
std::string stem_term(const Token& token, std::string_view language);

/// The transliteration key of a token; empty when it equals the folded form (the
/// key then matches the unprefixed term) or has no letters.
std::string translit_term(const Token& token);

}  // namespace dragoman::text
