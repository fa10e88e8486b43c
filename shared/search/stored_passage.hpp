// What a passage document stores, as the search side reads it: one decoder
// (schema/passage_data) and the types a search answers with.
#pragma once

#include <xapian.h>

#include <stdexcept>

#include "schema/passage_data.hpp"
#include "search/search_types.hpp"

namespace dragoman {

/// Document data that does not decode: a broken invariant of the index (damaged, or written
/// by another program). Thrown where the data is read; Searcher's calls return it as an
/// Internal error.
struct DamagedDocument : std::logic_error {
    using std::logic_error::logic_error;
};

/// The decoded data of `doc`. Throws DamagedDocument.
PassageData stored_data(const Xapian::Document& doc);

/// A result's metadata from its passage's data (the data is moved from).
SearchHit hit_from_data(PassageData&& d);

/// A passage under a result or in a transcript, all but its text (a snippet or the whole).
PassageSnippet passage_of(const PassageData& d);

}  // namespace dragoman
