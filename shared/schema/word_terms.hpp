// The one derivation of the terms an analysed word is indexed under. The indexer writes
// them, the query builder looks them up and the highlighter marks a word when one of them
// matched, so what matched is what is marked by construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"
#include "util/bounded_cache.hpp"

namespace dragoman::schema {

/// The longest word term indexed: under Xapian's max_term_bytes with room to spare, and
/// longer "words" are junk anyway (base64, hashes).
inline constexpr std::size_t max_word_term_bytes = 240;

/// The free-text terms of one word of a passage in `language`. Each is empty when it is
/// not indexed: the folded form is always there (the positional term) unless too long.
/// Each term is written only where it says something the others do not (docs/schema.md
/// gives what each costs in postings and what it buys):
struct WordTerms {
    std::string folded;    ///< unprefixed folded form, indexed with the word's position
    std::string exact;     ///< prefix_exact + exact form, only where it differs from folded
    /// stem_prefix(language) + stem, where `language` has a stemmer and the stem differs
    /// from the folded form: a word that is its own stem (`war`, `talk`) is found by its
    /// folded term, which stem_terms() gives the query side beside the stem term.
    std::string stem;
    /// prefix_translit + key, where the key differs from the folded form and the word may be
    /// a name: not for a lowercase word of a script with case (`with`, `война`), only for a
    /// capitalised one or one of a script without case (Arabic, Chinese, ...).
    std::string translit;
    /// prefix_translit + the key of the stem, where the word may be a name of a script other
    /// than Latin, its language has a stemmer and the stem's key differs from the word's:
    /// `Ахмадинежада`, `Путина` (genitive) under `ahmadinezad`, `putin`, so that the name typed
    /// in Latin finds its inflected forms.
    std::string stem_key;

    /// Calls `f(term)` for each non-empty term, folded first.
    template <typename F>
    void for_each(F&& f) const {
        for (const auto* t : {&folded, &exact, &stem, &translit, &stem_key})
            if (!t->empty()) f(*t);
    }
};

/// The terms `token` (analysed in `language`) is indexed under in a passage of `language`.
/// Derived once per (language, word) in a process: a cache shared by every thread (the
/// indexer's workers, the daemon's connections) answers again.
WordTerms word_terms(const text::Token& token, std::string_view language);

/// What word_terms() reads of `token` besides the language: its flags and its exact form
/// (the folded form is a function of it). Tokens with the same key have the same terms in a
/// language; `Санкции` and `санкции` share an exact form but not a key, as only the
/// capitalised one may be a name and has a transliteration term.
std::string word_form_key(const text::Token& token);

/// Hits, misses and entries of word_terms()'s cache since the process started.
CacheStats word_terms_cache_stats();

/// Where passages in `language` hold the words that share `token`'s stem, for the query
/// side: under `term` (stem_prefix(language) + stem) the words that differ from their stem,
/// and under `plain` (the stem as a folded word) in a passage of `language` the word that
/// is its own stem. Both empty where `language` has no stemmer for the word.
struct StemTerms {
    std::string term;
    std::string plain;
};
StemTerms stem_terms(const text::Token& token, std::string_view language);

/// The terms under which passages in other scripts and spellings hold the word `token`
/// names: each of its transliteration keys (text::translit_keys) as an XT term, and as a
/// plain word (a Latin word whose folded form is the key itself has no XT term). Empty for
/// words without letters.
std::vector<std::string> cross_script_terms(const text::Token& token);

/// The cross-script terms of the stem `token` has in `language`, for the query side: the key of
/// the stem (as an XT term and as a plain word), where the word is of a script other than
/// Latin and the key differs from the word's own (`Путина` → `putin`). Empty otherwise.
std::vector<std::string> cross_script_stem_terms(const text::Token& token, std::string_view language);

/// The prefixed terms of a word of a title or a speaker label: its folded form (`prefix`)
/// and, when `key_prefix` is given, its transliteration key (the folded form where the key
/// is the same) and the key of a Latin j read as ж (text::translit_keys), so that a name is
/// found in any script (`speaker:Ахмадинежад` finds `Mahmoud Ahmadinejad`). The indexer
/// writes them all and the query side looks each up.
struct NameTerms {
    std::string word;
    std::vector<std::string> keys;
};
NameTerms name_terms(const text::Token& token, std::string_view prefix, std::string_view key_prefix);

}  // namespace dragoman::schema
