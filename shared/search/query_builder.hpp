// Turns a parsed query into a Xapian query with the indexing analyzer: folded forms,
// stems in every indexed language of the word's script, exact-form and title boosts,
// transliteration keys for cross-script names, and weightless filters.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/error.hpp"
#include "search/lexicon.hpp"
#include "search/speaker_directory.hpp"
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
    /// When set, `speaker:NAME` also matches every label of the persons NAME may mean
    /// (`speaker:"Maria Zakharova"` finds `М.В.Захарова`), not only labels holding its words.
    const SpeakerDirectory* speakers = nullptr;
    /// Each word is also searched as its translations from `lexicon` (the query's
    /// `across:yes` sets it too): in every other language the lexicon holds, the best few
    /// with their stems' terms, weighted below the word itself; under a `lang:` restriction
    /// only the translations into that language. A quoted phrase of 2 or 3 words, and a run of
    /// such typed words, is also searched as the translations of the term the lexicon holds it
    /// as, a term's translation as a phrase of its shown words.
    bool across = false;
    const Lexicon* lexicon = nullptr;
    /// The language the query's words are written in (build_query sets it when translating,
    /// by typed_language): a word is then translated as a word of that language only, not
    /// of every language of its script (French `pays` is not English `pay`). "" when unsure.
    std::string typed_language = {};
    std::vector<std::string> dropped = {};  ///< translations not to add, as `LANG:FORM`
};

/// The language `typed` (a translated query's words) is written in: the language of
/// `lexicon` that holds most of its words, as its stopwords or as words it has translations
/// of, each word read as that language reads it; CLD2's guess where it ties for most (or
/// where no word is held, or CLD2 names a language the lexicon lacks and holds as many of
/// the words by its stopwords); else "" (unsure: two tie). CLD2 alone reads a dozen words
/// badly: of the first 60 known-item queries of each language (docs/crosslingual.md), it
/// was unsure of 8 Spanish ones, took 4 for Galician and 3 French ones for English, and a
/// Galician reading finds no Spanish word of the lexicon. Stopwords alone mend that but not
/// where another language's list holds as many of the words: `Le preocupa asimismo que, a
/// pesar de esa estrategia` is French by `le`, `que`, `a`, `de`, `la`; the Spanish lexicon
/// holds `preocupa`, `asimismo`, `pesar`, `estrategia`.
std::string typed_language(const std::string& typed, text::Analyzer& analyzer, const Lexicon& lexicon);

/// A query's plan: the query of each tier of results, what they exclude, and what the
/// highlighter must mark. The tiers, in the order the searcher runs them:
///  1. `query`: passages holding every word (with every filter, without what is excluded);
///  2. `word_parts` with `filter_parts`: transcripts whose passages hold the words between
///     them (search/transcript_coverage), for two or more words;
///  3. `relaxed`: passages holding any of the words, when no transcript holds them all.
/// `-word` and NOT combine with every tier: `query` and `relaxed` leave out passages that
/// match `excluded`, and the searcher leaves out every transcript with such a passage.
struct BuiltQuery {
    Xapian::Query query;
    Xapian::Query marked;       ///< `query` without the exclusion: the terms a result's words match
    Xapian::Query relaxed;      ///< any of the words, every filter; empty when that is `query` again
    bool has_positive = false;  ///< false for a filter-only query (weights are all zero)
    /// For a top-level implicit AND of two or more words: each word's query (a word, phrase,
    /// synonym run, ...) and each filter's, so that transcripts holding every word in
    /// different passages can be found (search/transcript_coverage). Empty otherwise.
    std::vector<Xapian::Query> word_parts;
    std::vector<Xapian::Query> filter_parts;
    /// What the top level excludes (`-word`, `NOT word`): results are transcripts, so a
    /// transcript with any passage matching this is left out (the searcher applies it).
    Xapian::Query excluded;
    bool across = false;                  ///< translations were asked for (context or `across:yes`)
    std::vector<AddedTranslation> added;  ///< what `across` added, in query order, each once
};

/// Plans `tree`: analyses each typed text once per class of the searched languages (see
/// text::analysis_class) and derives each word's terms as the index does
/// (schema::word_terms). Errors: BadQuery (an unknown field, a date range that ends before
/// it starts).
Result<BuiltQuery> build_query(const QueryNode& tree, text::Analyzer& analyzer, const QueryContext& context);

/// The languages (of `indexed`) whose stemmer applies to `word`'s script; `only` restricts.
std::vector<std::string> stem_languages_for(std::string_view word, const std::vector<std::string>& indexed,
                                            std::string_view only);

/// The `across:` value of a tree's top level: true for yes (1, true, on), false for any
/// other value, nullopt when the query has no `across:`.
std::optional<bool> across_asked(const QueryNode& tree);

/// The `lang:` value a tree restricts to, if exactly one (so stems use that language).
std::string restricted_language(const QueryNode& tree);

}  // namespace dragoman
