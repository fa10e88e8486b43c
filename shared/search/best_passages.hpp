// A result's best passages: the passages of one transcript that match best, each with a
// snippet of its matches.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

#include "search/search_types.hpp"
#include "search/snippet.hpp"
#include "text/analyzer.hpp"

namespace dragoman {

/// What best_passages() finds.
struct BestPassages {
    std::vector<PassageSnippet> passages;  ///< at most the count asked for, in passage order
    std::size_t matching = 0;              ///< the transcript's passages matching (exact up to 10,000)
    std::string best;                      ///< the best passage's id ("" when none matched)
};

/// The `count` passages of transcript `id` that match `q` best, each with a snippet that
/// marks the words matching `terms`. Throws DamagedDocument and what Xapian throws.
BestPassages best_passages(const Xapian::Database& db, text::Analyzer& analyzer, const std::string& id,
                           const Xapian::Query& q, const TermSet& terms, std::size_t count);

}  // namespace dragoman
