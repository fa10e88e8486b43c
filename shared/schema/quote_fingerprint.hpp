// THE derivation of the terms that find a quote: winnowed hashes of a passage's k-word
// shingles (near-duplicates: a quote with words inserted, dropped or reordered a little) and
// the hashes of its sentences (talking points: one sentence said again word for word).
// Both are computed from the analysed words (text::Analyzer's folded form: case,
// punctuation and diacritics do not count; Chinese by its segmented words), by the indexer
// for each passage and by search/provenance for a quote, so that what is written is what is
// looked up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"

namespace dragoman::schema {

/// Words in a shingle. 4, chosen, not yet compared with 3 or 5 in bench/provenance: at 3 a
/// shingle is as common as a phrase like "of the united", whose postings a lookup reads; at
/// 5 one changed word breaks five of a quote's shingles. With 4 and winnow_window 8 the
/// real corpus recalls 0.97 of repeats and perturbed copies (docs/evaluation.md) and its
/// index grows by 24.8% (with the sentence terms).
inline constexpr std::size_t shingle_words = 4;

/// Winnowing window, in shingles: of every `winnow_window` consecutive shingles of a
/// passage the one of least hash is kept, so that any run of winnow_window + shingle_words
/// - 1 = 11 words a passage shares with a quote shares a kept fingerprint with it, and
/// about 2 / (winnow_window + 1) of a passage's shingles are written (Schleimer, Wilkerson
/// and Aiken, "Winnowing", SIGMOD 2003).
inline constexpr std::size_t winnow_window = 8;

/// Fewest words of a sentence hashed as a talking point: shorter ones ("Thank you very
/// much.", "I give the floor to ...") are formulas, not statements.
inline constexpr std::size_t min_sentence_words = 8;

/// The hash of each run of shingle_words consecutive words of `words` (folded forms), in
/// order: FNV-1a 64 over the words, each followed by a 0xff byte. Empty when there are
/// fewer words than a shingle.
std::vector<std::uint64_t> shingle_hashes(const std::vector<std::string_view>& words);

/// The hashes robust winnowing keeps from `hashes` (each window's least, the rightmost on a
/// tie, each position once), in order of position. All of them when there are fewer than a
/// window; none when there are none.
std::vector<std::uint64_t> winnow(const std::vector<std::uint64_t>& hashes);

/// The term of a shingle hash: prefix_fingerprint + its low 40 bits in 10 hex digits (two
/// shingles of one term are told apart when their passage is verified).
std::string fingerprint_term(std::uint64_t shingle_hash);

/// The folded words of `tokens`, in order (views into the tokens).
std::vector<std::string_view> folded_words(const std::vector<text::Token>& tokens);

/// The fingerprint terms a passage whose words are `tokens` is indexed under: the terms of
/// its winnowed shingle hashes, sorted, without repeats.
std::vector<std::string> passage_fingerprint_terms(const std::vector<text::Token>& tokens);

/// The term of one sentence of `words` folded words: prefix_sentence + FNV-1a 64 of the
/// words in 16 hex digits.
std::string sentence_term(const std::vector<std::string_view>& words);

/// One sentence of a passage: its byte range and its term (sentence_term of its words).
struct Sentence {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::string term;
};

/// The sentences of at least min_sentence_words words of a passage whose text is `text`
/// and whose words are `tokens` (text::Analyzer::tokenize of it), with `sentence_ends`
/// from text::Analyzer::sentence_ends: in text order, a repeated one each time.
std::vector<Sentence> passage_sentences(std::string_view text, const std::vector<text::Token>& tokens,
                                        const std::vector<std::uint32_t>& sentence_ends);

}  // namespace dragoman::schema
