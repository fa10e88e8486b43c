// "Did you mean" data: the index's own vocabulary, written to Xapian's spelling table.
#pragma once

#include <cstddef>

#include <xapian.h>

namespace dragoman {

/// Adds every plain (unprefixed, folded) word of `db` that occurs in at least
/// `min_documents` passages to the spelling table, weighted by that count, so that
/// suggestions come from words really used in the transcripts, in every language.
/// Words with digits, and words shorter than 3 or longer than 40 bytes, are left out.
/// Returns the number of words added. Does not commit.
std::size_t add_spelling_data(Xapian::WritableDatabase& db, Xapian::doccount min_documents = 3);

}  // namespace dragoman
