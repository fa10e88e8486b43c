// THE format of a generation's translation lexicon (`lexicon.tsv`): what index/lexicon_miner
// writes at the end of a full build and search/lexicon reads with the index.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "text/analyzer.hpp"

namespace dragoman::schema {

/// The file's name in a generation directory (beside the database or the shards).
inline constexpr std::string_view lexicon_file_name = "lexicon.tsv";

/// One translation: the form `source` of `source_language` translates as `target` of
/// `target_language`, with a score in (0, 1] (the translation model's, index/lexicon_miner:
/// the geometric mean of the two directions' probabilities over aligned paragraphs), the
/// two sharing `together` aligned paragraphs. `shown` is the
/// target's most frequent surface word (folded), for people: `санкции` for the stem `санкц`.
/// Either form may be a term of two or three words: their forms joined by one space
/// (`human right`, `прав человек`, `联合 国`), its `shown` the words of its most frequent
/// surface run, folded, joined by one space (`права человека`).
struct LexiconEntry {
    std::string source_language, source;
    std::string target_language, target, shown;
    double score = 0;
    unsigned together = 0;
};

/// The form a word is paired under in `language`'s lexicon: its stem where the language has
/// a stemmer (text::stem_term), else its folded form (a Chinese word). The index holds it
/// under stem_terms(token, language) or, for the folded form, as the plain word.
std::string lexicon_form(const text::Token& token, std::string_view language);

/// The terms under which passages of `language` hold the words of lexicon form `form`:
/// the stem term and the stem as a plain word (the words that are their own stem), or the
/// plain word alone where `language` has no stemmer. Empty terms are left out.
struct LexiconTerms {
    std::string stem;   ///< stem_prefix(language) + form, or ""
    std::string plain;  ///< form as a word
};
LexiconTerms lexicon_terms(std::string_view form, std::string_view language);

/// What joins the words of a term's form, and of its shown run.
inline constexpr char lexicon_term_separator = ' ';
/// The most words of a term (index/lexicon_miner mines runs of 2 and 3).
inline constexpr std::size_t lexicon_term_max_words = 3;

/// The form a run of words is paired under in `language`'s lexicon: each word's
/// lexicon_form, joined by lexicon_term_separator (a single word's form for one token).
std::string lexicon_form(const std::vector<text::Token>& tokens, std::string_view language);

/// Whether `form` is a term of several words (it holds lexicon_term_separator).
bool is_term_form(std::string_view form);

/// The terms a passage holds a term's shown words under at their positions, in order: each
/// word's folded term, the only terms the index gives positions (index/passage_document);
/// stems have none, so a term is found as a phrase of its most frequent surface run only.
/// Empty when a word is empty or too long to be a term.
std::vector<std::string> lexicon_phrase_terms(std::string_view shown);

/// The file's text: a header line naming the format and its version, then one entry a line,
/// tab-separated (source language, source form, target language, target form, shown word,
/// score with 4 decimals, together). Forms and shown words never hold tabs or newlines
/// (analysed words); a term's hold single spaces between its words.
std::string encode_lexicon(const std::vector<LexiconEntry>& entries);

/// Reads a file's text; an error says which line is wrong and why (a wrong header, a line
/// without its seven fields, a score outside (0, 1]).
tl::expected<std::vector<LexiconEntry>, std::string> decode_lexicon(std::string_view text);

}  // namespace dragoman::schema
