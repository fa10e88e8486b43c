// The translation lexicon mined from a generation's language versions: which analysed words
// of two languages translate each other, learned from how often they stand in aligned
// paragraphs of the versions of one text (index/version_pass links them). Written into the
// generation beside the databases (schema/lexicon_file.hpp), read by search/lexicon.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "schema/lexicon_file.hpp"

namespace dragoman {

/// Tunables of the miner (the defaults are the measured ones, docs/crosslingual.md).
struct LexiconOptions {
    /// Transcripts whose version groups are left out of the mining, whole (every version of
    /// a group with one of them listed): for measuring on texts the lexicon never saw.
    std::unordered_set<std::string> held_out;
    unsigned min_together = 2;   ///< least aligned paragraphs a candidate pair shares
    double min_score = 0.05;     ///< least Dice coefficient of a candidate
    double min_g2 = 10.83;       ///< least log-likelihood ratio G² (p < 0.001 for one degree of freedom)
    /// Translations kept per word and target language. More than the query adds (4, search/
    /// query_builder): Lexicon::agreed scores a translation by every path through another
    /// language, and the fourth and fifth of a word lead there too. Known-item MRR@10 over
    /// 4,130 queries: keeping 3, 0.653 (the query adding 3); keeping 5, 0.660 adding 3 and
    /// 0.663 adding 4; keeping 8, 0.658 and 0.661. Keeping 5 makes the lexicon a third
    /// larger (245,211 → 327,730 translations with 20% of the UN documents held out).
    std::size_t per_word = 5;
    /// Rounds of the translation model's expectation–maximisation. Measured with
    /// bench/crosslingual's known-item MRR@10 on documents 21–60 a pair (1,155 queries): 5
    /// rounds 0.581, 10 rounds 0.579; at least 3 shared paragraphs instead of 2, 0.575;
    /// Dice alone 0.563.
    unsigned iterations = 5;
    /// How strongly the translation model expects a word's translation where the word stands
    /// in its paragraph (the diagonal of the two paragraphs): a target word at place j (a
    /// fraction of its paragraph) comes from the source word at place i with a prior weight
    /// exp(−diagonal·|i − j|), as in fast_align's reparameterised IBM Model 2 (Dyer, Chahuneau
    /// and Smith 2013), whose default tension is 4; 0 is IBM Model 1. Two words that always
    /// stand together (`grain river`, `зерно река`) are told apart by where they stand.
    /// Known-item MRR@10 over 4,130 queries (docs/crosslingual.md): 0 0.666, 2 0.670, 4 0.670,
    /// 8 0.674, 16 0.673, 32 0.664; with 4, fr→zh 0.533 → 0.558, es→zh 0.563 → 0.566, pairs
    /// below 0.6 5 → 4 (8: 5). The hand-checked top translations with 4: words 479/500 into
    /// Russian and 466/500 into Chinese (479 and 467 with Model 1), terms 41/50 and 36/50 (35
    /// and 36). It costs mining time: 10.2 → 13.0 s of a 67 s build of the corpus (idle, 2
    /// cores), the model running over word occurrences and their places.
    double diagonal = 4.0;
    /// Whether each round of the model re-estimates the tension from where its links stood
    /// (fast_align learns it so), each direction of each language pair apart, starting from
    /// `diagonal` (0 stays IBM Model 1). Learned on the corpus (2026-12-08): 9.6 Arabic →
    /// English, 12.5 English → Spanish, 7.6 French → Russian, 3.3–4.7 from and into Chinese,
    /// whose paragraphs order their words furthest from the others'. Known-item MRR@10 over
    /// 4,130 queries 0.680 → 0.682, pairs below 0.6 3 → 2 (fr→ru 0.594 → 0.611, fr→zh
    /// 0.573 → 0.564); `--skip 20` 0.678. Its cost is not measurable beside the model's.
    bool learn_tension = true;
    double min_probability = 0.01;  ///< least model score kept (the file holds 4 decimals)
    /// Terms: runs of 2 and 3 adjacent minable words of a paragraph (a stopword, a number or
    /// a word without letters breaks a run) kept as collocations and paired as words are.
    /// A run is kept when it stands in at least `min_term_paragraphs` paragraphs of its
    /// language and its first word and the rest of it are associated (G² over the language's
    /// runs of that length of at least `min_term_g2`, more often together than apart would
    /// give); of those the `max_bigrams` and `max_trigrams` in most paragraphs, per language.
    /// The G² test turns away runs of frequent words that merely meet; the caps bound the
    /// mining on a larger corpus. Measured on the corpus (2026-12-07): 2,483 terms kept over
    /// all languages, far under the caps; mining 13.6 → 17.3 s, peak memory 1,099 → 1,235 MB.
    /// How many runs the G² test turned away was not counted.
    unsigned min_term_paragraphs = 10;
    double min_term_g2 = 10.83;
    std::size_t max_bigrams = 5000;
    std::size_t max_trigrams = 2000;
};

/// What a mining did.
struct LexiconStats {
    std::size_t groups = 0;           ///< version groups mined
    std::size_t held_out_groups = 0;  ///< groups left out (LexiconOptions::held_out)
    std::size_t paragraph_pairs = 0;  ///< aligned paragraph pairs counted, over every language pair
    std::size_t length_aligned = 0;   ///< version pairs whose paragraph counts differed (aligned by length)
    std::size_t entries = 0;          ///< translations kept, both directions
    std::size_t terms = 0;            ///< runs of words kept as terms, over every language
    std::size_t term_entries = 0;     ///< translations kept whose source or target is a term
    std::map<std::string, double> tensions;  ///< the diagonal's tension by direction (`en→ru`), as learned
    double seconds = 0;
};

/// Mines the lexicon of the generation whose databases are `databases`: the passages of
/// every version group (their `XG` terms), each version's paragraphs in passage order,
/// paired one to one across two versions whose paragraph counts agree, else each paragraph
/// with the one at the same place in the other's text by length. Words are paired by their
/// lexicon form (schema::lexicon_form), stopwords and words without letters or with digits
/// left out, and so are the terms of each language (LexiconOptions: runs of 2 and 3 words
/// that are collocations), a paragraph holding its words and its terms. A pair is a
/// candidate when it shares at least `min_together` paragraphs, its G² reaches `min_g2`
/// and its Dice coefficient `min_score`; candidates are scored by IBM Model 1 with a
/// diagonal prior (`diagonal`) trained each way over the aligned paragraphs (the geometric
/// mean of the two directions' probabilities), and the best `per_word` per word and target
/// language are kept, in both directions. Throws what Xapian throws.
std::vector<schema::LexiconEntry> mine_lexicon(const std::vector<std::filesystem::path>& databases,
                                               const LexiconOptions& options, LexiconStats& stats);

/// Writes `entries` as `generation`/lexicon.tsv, atomically. Throws IndexError.
void write_lexicon(const std::filesystem::path& generation, const std::vector<schema::LexiconEntry>& entries);

/// Reads a held-out list: one transcript id a line, '#' comments. Throws IndexError when
/// the file cannot be read.
std::unordered_set<std::string> read_held_out(const std::filesystem::path& file);

}  // namespace dragoman
