// Turns a parsed query into a Xapian query with the indexing analyzer: folded forms,
// stems in every indexed language of the word's script, exact-form and title boosts,
// transliteration keys for cross-script names, and weightless filters.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/error.hpp"
#include "search/query_ast.hpp"
#include "search/synonyms.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// What the builder needs to know about the index.
struct QueryContext {
    std::vector<std::string> languages;  ///< languages present in the index (L terms)
    std::string language;                ///< lang: restriction for stemming ("" = all)
    const Synonyms* synonyms = nullptr;  ///< nullptr = the shipped synonym file
    /// Words match passage text only, without the title and speaker-name matches that
    /// ranking adds: for counting which passages say something (trends).
    bool text_only = false;
    /// When set, `word*` is expanded here into explicit terms (the most frequent, as
    /// OP_WILDCARD would), so that every shard weighs the same terms; Xapian expands
    /// OP_WILDCARD per shard, against each shard's own vocabulary, and scores then
    /// depend on how the index is split.
    const Xapian::Database* vocabulary = nullptr;
};

/// The Xapian query and what the highlighter must mark.
struct BuiltQuery {
    Xapian::Query query;
    bool has_positive = false;  ///< false for a filter-only query (weights are all zero)
    bool relaxable = false;     ///< an implicit AND of several words that OR could relax
    /// For a top-level implicit AND of two or more words: each word's query (a word, phrase,
    /// synonym run, ...) and each filter's, so that transcripts holding every word in
    /// different passages can be found (search/transcript_coverage). Empty otherwise.
    std::vector<Xapian::Query> word_parts;
    std::vector<Xapian::Query> filter_parts;
    /// What the top level excludes (`-word`, `NOT word`): results are transcripts, so a
    /// transcript with any passage matching this is left out (the searcher applies it).
    Xapian::Query excluded;
};

/// Builds `tree`. With `relaxed`, the top-level implicit AND of words becomes OR
/// (used when the strict query finds nothing).
Result<BuiltQuery> build_query(const QueryNode& tree, text::Analyzer& analyzer, const QueryContext& context,
                               bool relaxed = false);

/// The languages (of `indexed`) whose stemmer applies to `word`'s script; `only` restricts.
std::vector<std::string> stem_languages_for(std::string_view word, const std::vector<std::string>& indexed,
                                            std::string_view only);

/// The `lang:` value a tree restricts to, if exactly one (so stems use that language).
std::string restricted_language(const QueryNode& tree);

}  // namespace dragoman
