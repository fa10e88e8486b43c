// Cross-script name keys: any script to a normalised Latin key, so Руденко meets Rudenko.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dragoman::text {

/// The transliteration key of an exact-form word: ICU's BGN/PCGN table for Cyrillic, Any-Latin
/// for other scripts, Latin-ASCII, then a small normalisation of romanisation variants
/// (kh→h, sh→s, zh→z, ch→c, ts→c, y/j→i, w→v, q→k, doubled letters collapsed, a leading ye
/// → e). `Zakharova`, `Захарова` → "zaharova"; `Shoigu`, `Shoygu`, `Шойгу` → "soigu";
/// `Əliyev`, `Aliyev`, `Алиев` → "aliev"; `Yuri`, `Юрий` → "iuri". Empty for words without
/// letters (numbers). Memoised in one cache per process.
std::string translit_key(std::string_view exact_word);

/// The keys a query word may be written for: translit_key() first, then, for a Latin word
/// with a j, its key with the j read as zh (Ahmadinejad → Ахмадинежад). The index holds
/// the first key only; the query side looks each up.
std::vector<std::string> translit_keys(std::string_view exact_word);

/// Applies only the romanisation-variant rules to an ASCII lower-case word.
std::string normalise_romanisation(std::string_view ascii_word);

}  // namespace dragoman::text
