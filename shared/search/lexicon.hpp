// A generation's translation lexicon as queries read it (index/lexicon_miner writes it):
// loaded once per generation and process, shared by every thread's Searcher.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/lexicon_file.hpp"
#include "search/error.hpp"

namespace dragoman {

/// A translation `across` added to a query: the typed word it translates, the language and
/// lexicon form it is searched under there, the word shown for it, and the score the
/// languages agree on (Lexicon::agreed).
struct AddedTranslation {
    std::string word;      ///< the query's word, as typed
    std::string language;  ///< the translation's language
    std::string form;      ///< its lexicon form (a stem, or a Chinese word): what `drop` names
    std::string shown;     ///< its most frequent word in the versions it was mined from
    double score = 0;
};

/// The translations of lexicon forms. Immutable once built: any number of threads read it.
class Lexicon {
public:
    struct Translation {
        std::string language, form, shown;
        double score = 0;
    };

    Lexicon() = default;
    explicit Lexicon(std::vector<schema::LexiconEntry> entries);

    /// The lexicon of the generation directory `generation` (its lexicon.tsv), loaded once
    /// per process while the file is unchanged and shared; an empty lexicon when there is
    /// none (a generation written before lexicons were mined). Errors: Unavailable when the
    /// file cannot be read or does not decode (it says which line is wrong).
    static Result<std::shared_ptr<const Lexicon>> of_generation(const std::filesystem::path& generation);

    /// The translations of form `form` of `language`, best first; empty when it has none.
    const std::vector<Translation>& translations(std::string_view language, std::string_view form) const;

    /// The translations of form `form` of `language` as the languages agree on them, by
    /// language and best first: each scored by the mean, over the direct path and the path
    /// through each other language the form has translations into, of that path's score for
    /// it (through language P: the sum over the form's translations v into P of v's score
    /// times the score of v's translation into it). A translation that one language pair's
    /// paragraphs gave alone (French `beaucoup` → 而言, from 2 paragraphs) loses most of its
    /// score; one the other languages also lead to keeps it (`président` → 总统 by way of
    /// `president` and `presidente`). Computed on each call, from the lists above.
    std::vector<Translation> agreed(std::string_view language, std::string_view form) const;

    /// The source languages the lexicon holds words of, sorted.
    const std::vector<std::string>& languages() const { return m_languages; }

    /// Translations held (both directions of every language pair).
    std::size_t size() const { return m_size; }

private:
    std::unordered_map<std::string, std::vector<Translation>> m_by_form;  // language + '\t' + form
    std::vector<std::string> m_languages;
    std::size_t m_size = 0;
};

}  // namespace dragoman
