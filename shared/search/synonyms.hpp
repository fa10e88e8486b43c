// Synonym groups for the field's abbreviations (UN = United Nations = ООН = ONU), loaded
// from a file and applied when queries are analysed.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/error.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// The alternatives of a word or word sequence, as sequences of folded words.
class Synonyms {
public:
    /// Parses `content` (one group per line, alternatives separated by " = ", '#' comments).
    static Synonyms parse(std::string_view content, text::Analyzer& analyzer);

    /// Loads a file; BadParameter when it cannot be read.
    static Result<Synonyms> load(const std::string& path, text::Analyzer& analyzer);

    /// The synonym file shipped with Dragoman, or an empty set when it is not installed.
    static const Synonyms& shipped();

    /// Alternatives for the folded words `words` (the query's own words excluded).
    /// `capitals` says whether the user typed them in capitals: abbreviations written in
    /// capitals in the file (WHO, US) match only then.
    std::vector<std::vector<std::string>> alternatives(const std::vector<std::string>& words, bool capitals) const;

    /// True when `s` has Latin capitals and no lower-case or non-ASCII letters ("UN", "WHO").
    static bool typed_in_capitals(std::string_view s);

    /// The longest number of words of any alternative (how far to look ahead in a query).
    std::size_t longest() const { return m_longest; }

    bool empty() const { return m_groups.empty(); }

private:
    struct Alternative {
        std::vector<std::string> words;
        bool capitals_only = false;
    };
    std::vector<std::vector<Alternative>> m_groups;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_key;  // words joined by ' ' → groups
    std::size_t m_longest = 0;
};

}  // namespace dragoman
