// The one derivation of the terms an analysed word is indexed under. The indexer writes
// them, the query builder looks them up and the highlighter marks a word when one of them
// matched, so what matched is what is marked by construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"

namespace dragoman::schema {

/// The longest word term indexed: under Xapian's max_term_bytes with room to spare, and
/// longer "words" are junk anyway (base64, hashes).
inline constexpr std::size_t max_word_term_bytes = 240;

/// The free-text terms of one word of a passage in `language`. Each is empty when it is
/// not indexed: the folded form is always there (the positional term) unless too long.
struct WordTerms {
    std::string folded;    ///< unprefixed folded form, indexed with the word's position
    std::string exact;     ///< prefix_exact + exact form, only where it differs from folded
    std::string stem;      ///< stem_prefix(language) + stem, where `language` has a stemmer
    std::string translit;  ///< prefix_translit + key, only where the key differs from folded

    /// Calls `f(term)` for each non-empty term, folded first.
    template <typename F>
    void for_each(F&& f) const {
        for (const auto* t : {&folded, &exact, &stem, &translit})
            if (!t->empty()) f(*t);
    }
};

/// The terms `token` (analysed in `language`) is indexed under in a passage of `language`.
WordTerms word_terms(const text::Token& token, std::string_view language);

/// The terms under which passages in other scripts and spellings hold the word `token`
/// names: its transliteration key as an XT term, and the key as a plain word (a Latin word
/// whose folded form is the key itself has no XT term). Empty for words without letters.
std::vector<std::string> cross_script_terms(const text::Token& token);

/// The prefixed terms of a word of a title or a speaker label: its folded form (`prefix`)
/// and, when `key_prefix` is given, its transliteration key (the folded form where the key
/// is the same), so that a name is found in any script.
struct NameTerms {
    std::string word;
    std::string key;
};
NameTerms name_terms(const text::Token& token, std::string_view prefix, std::string_view key_prefix);

}  // namespace dragoman::schema
