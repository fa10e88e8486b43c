// Stopwords per language, used as Xapian's QueryParser uses them: dropped from a query's
// free words when other words remain, never from phrases, never from the index.
#pragma once

#include <string_view>

namespace dragoman::text {

/// True when the folded word is a stopword of `language`, or, with an empty language,
/// of any language with a list (en, ru, uk, fr, es, de, it, pt, tr, az, ar).
bool is_stopword(std::string_view folded_word, std::string_view language);

}  // namespace dragoman::text
