// The parsed form of a query in Dragoman's query language, before analysis.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace dragoman {

/// A node of the query tree. Leaves hold the user's text as typed; the query builder
/// analyses it with the same analyzer as indexing.
struct QueryNode {
    enum class Kind {
        Word,      ///< free text word (may analyse into several tokens)
        Wildcard,  ///< word* prefix
        Phrase,    ///< "several words"
        And,
        Or,
        Not,       ///< children[0] AND NOT children[1..]; children[0] may be absent (pure exclusion)
        Near,      ///< children within `distance` words of each other
        Field,     ///< field:children[0]
        DateRange, ///< from..to as YYYY[-MM[-DD]] (either side may be empty)
    };
    Kind kind = Kind::Word;
    std::string text;      ///< Word, Wildcard, Phrase: the text; Field: the field name
    std::string from, to;  ///< DateRange bounds as typed
    unsigned distance = 10;///< Near
    bool bracketed = false;///< written in brackets: the user grouped it
    std::vector<std::unique_ptr<QueryNode>> children;

    /// A readable, stable description for golden tests: `AND(word(lavrov) speaker:(word(x)))`.
    std::string describe() const;
};

using QueryTree = std::unique_ptr<QueryNode>;

}  // namespace dragoman
