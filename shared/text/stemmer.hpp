// Snowball stemming per language: Xapian's stemmers plus libstemmer's extra languages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dragoman::text {

/// True when a Snowball stemmer exists for ISO 639-1 `language`.
bool has_stemmer(std::string_view language);

/// The ISO 639-1 codes that have a stemmer, sorted.
const std::vector<std::string>& stemmed_languages();

/// Stems an exact-form word with `language`'s stemmer; returns the word unchanged
/// when the language has none. Arabic loses a glued conjunction or article first
/// (light10's prefixes: والتعاون, بالتعاون → تعاون). Memoised per thread.
std::string stem(std::string_view word, std::string_view language);

}  // namespace dragoman::text
