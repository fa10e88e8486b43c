// Snippets: the window of a passage around its densest cluster of matches, with every
// matched surface form marked, using the indexing analyzer so what matched is what is marked.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

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

/// True when `token`, analysed in `language`, produces a term in `terms`.
bool token_matches(const text::Token& token, std::string_view language, const TermSet& terms);

/// The whole of `text` split into fragments with the matches marked. Only the first
/// 64 KB (eight times max_passage_bytes) are read for matches; past them the text is one
/// unmarked fragment, so a passage of an index built before passages were bounded costs
/// no more than that to mark.
SnippetText highlight(text::Analyzer& analyzer, std::string_view text, std::string_view language,
                      const TermSet& terms);

/// A window of about `max_bytes` of `text` around the densest cluster of matches,
/// cut at word boundaries and, where one is near, at a sentence boundary. Without
/// matches, the start of the passage. Only the first 64 KB are scanned, as in highlight().
SnippetText make_snippet(text::Analyzer& analyzer, std::string_view text, std::string_view language,
                         const TermSet& terms, std::size_t max_bytes = 320);

}  // namespace dragoman
