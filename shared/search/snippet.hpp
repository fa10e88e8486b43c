// Snippets: the window of a passage around its densest cluster of matches, with every
// matched surface form marked. The words and the terms each was indexed under come from the
// layout the indexer stored (schema/token_layout), so what matched is what is marked and a
// page's snippets analyse no text; a passage without a layout is analysed as it was indexed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "text/analyzer.hpp"

namespace dragoman {

/// A run of text, marked when it is a matched word.
struct Fragment {
    std::string text;
    bool hit = false;
};

/// A cut of a passage. `cut_before`/`cut_after` say whether text was left out.
struct SnippetText {
    std::vector<Fragment> fragments;
    bool cut_before = false;
    bool cut_after = false;
    std::size_t hits = 0;
};

/// The index terms a query can match (from Xapian::Query::get_unique_terms).
using TermSet = std::unordered_set<std::string>;

/// One word of a passage: its bytes in the text, its folded form as a number (words with one
/// folded form share it: a window is scored by distinct words), and whether it matched.
struct MarkedWord {
    uint32_t begin = 0;
    uint32_t end = 0;
    uint32_t form = 0;
    bool hit = false;
};
using MarkedWords = std::vector<MarkedWord>;

/// True when `token`, analysed in `language`, produces a term in `terms`.
bool token_matches(const text::Token& token, std::string_view language, const TermSet& terms);

/// The words of a passage document marked from what the indexer stored: its token layout
/// (slot_token_layout) and its termlist; a word is a hit when one of its terms is in
/// `terms`. Nothing when the document has no usable layout (an index of schema 5, or a layout
/// that does not fit the document's text or termlist); the caller then marks by analysis.
std::optional<MarkedWords> marks_from_index(const Xapian::Document& doc, std::string_view text, const TermSet& terms);

/// The words of `text` marked by analysing it in `language` (only its first 64 KB: see
/// highlight()): the reference that marks_from_index() reproduces, and the way for a
/// passage without a layout.
MarkedWords marks_by_analysis(text::Analyzer& analyzer, std::string_view text, std::string_view language,
                              const TermSet& terms);

/// A passage document's words marked: from its layout, else by analysis.
MarkedWords mark_passage(const Xapian::Document& doc, text::Analyzer& analyzer, std::string_view text,
                         std::string_view language, const TermSet& terms);

/// The whole of `text` split into fragments with the marked words as hits. Only the first
/// 64 KB (eight times max_passage_bytes) are read for matches; past them the text is one
/// unmarked fragment, so a passage of an index built before passages were bounded costs
/// no more than that to mark.
SnippetText highlight(std::string_view text, const MarkedWords& words);

/// A window of about `max_bytes` of `text` around the densest cluster of marked words,
/// cut at word boundaries and, where one is near, at a sentence boundary. Without
/// matches, the start of the passage. Only the first 64 KB are scanned, as in highlight().
SnippetText make_snippet(std::string_view text, const MarkedWords& words, std::size_t max_bytes = 320);

/// highlight() and make_snippet() of `text` marked by analysis.
SnippetText highlight(text::Analyzer& analyzer, std::string_view text, std::string_view language,
                      const TermSet& terms);
SnippetText make_snippet(text::Analyzer& analyzer, std::string_view text, std::string_view language,
                         const TermSet& terms, std::size_t max_bytes = 320);

}  // namespace dragoman
