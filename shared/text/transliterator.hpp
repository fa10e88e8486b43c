// Cross-script name keys: any script to a normalised Latin key, so Руденко meets Rudenko.
#pragma once

#include <string>
#include <string_view>

namespace dragoman::text {

/// The transliteration key of an exact-form word: ICU Any-Latin and Latin-ASCII, then a
/// small normalisation of romanisation variants (kh→h, sh→s, zh→z, ch→c, ts→c,
/// y/j→i, w→v, q→k, doubled letters collapsed). `Zakharova`, `Захарова` → "zaharova";
/// `Shoigu`, `Shoygu`, `Шойгу` → "soigu"; `Əliyev`, `Aliyev`, `Алиев` → "aliev".
/// Empty for words without letters (numbers). Memoised per thread.
std::string translit_key(std::string_view exact_word);

/// Applies only the romanisation-variant rules to an ASCII lower-case word.
std::string normalise_romanisation(std::string_view ascii_word);

}  // namespace dragoman::text
