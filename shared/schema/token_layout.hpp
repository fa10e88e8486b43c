// A passage's words as the indexer analysed them: where each word is in the text and
// which of the passage's word terms (schema::word_terms) it was indexed under. The indexer
// stores it in slot_token_layout, so that the highlighter marks a word when one of its terms
// matched without analysing the text again: what matched is what is marked, by construction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>
#include <xapian.h>

#include "schema/word_terms.hpp"
#include "text/analyzer.hpp"

namespace dragoman::schema {

/// True for the terms word_terms() gives and no other term of a passage: unprefixed folded
/// words, `XE` exact forms, `Z` stems, `XT` transliteration keys. A passage's word terms in
/// sorted order (the order of its termlist) are what a layout's ordinals count.
bool is_word_term(std::string_view term);

/// The word terms of `doc` in termlist order, which is sorted: what a layout's ordinals count.
std::vector<std::string> sorted_word_terms(const Xapian::Document& doc);

/// One word of a passage: its bytes in the passage's text and its form (an index into
/// TokenLayout's forms; every occurrence of one word form (word_form_key) shares one).
struct LaidOutWord {
    uint32_t begin = 0;
    uint32_t end = 0;
    uint32_t form = 0;
};

/// The layout of one passage.
struct TokenLayout {
    /// How many word terms the passage has: a layout read beside a termlist holding
    /// another number of them belongs to another version of the document and is not used.
    uint32_t word_terms = 0;
    /// Form i's terms are ordinals form_terms[form_start[i] .. form_start[i + 1]) among the
    /// passage's sorted word terms, its folded term first; a form with none (a word too long
    /// to index) is never marked. form_start has one entry more than there are forms.
    std::vector<uint32_t> form_start{0};
    std::vector<uint32_t> form_terms;
    std::vector<LaidOutWord> words;  ///< in text order, not overlapping

    std::size_t forms() const { return form_start.size() - 1; }
};

/// The layout of a passage whose words are `tokens` with `terms[i]` = word_terms(tokens[i], ...),
/// given the passage's word terms in sorted order (every term of `terms` is among them).
TokenLayout make_token_layout(const std::vector<text::Token>& tokens, const std::vector<WordTerms>& terms,
                              const std::vector<std::string>& sorted_terms);

/// The stored form: a version byte, then unsigned LEB128 numbers (word-term count, forms
/// and their ordinals, words as gap from the previous word's end, length and form).
std::string encode_token_layout(const TokenLayout& layout);

/// Reads a stored layout of a passage of `text_bytes` bytes; an error says what is wrong
/// (truncated, an ordinal or a form out of range, a word outside the text or overlapping).
tl::expected<TokenLayout, std::string> decode_token_layout(std::string_view stored, std::size_t text_bytes);

}  // namespace dragoman::schema
