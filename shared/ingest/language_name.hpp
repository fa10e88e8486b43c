// Language names as corpora write them ("Deutsch", "Türkçe", "Norsk bokmål") to ISO 639-1 codes.
#pragma once

#include <string>
#include <string_view>

namespace dragoman {

/// The ISO 639-1 code (or ICU's two-letter code, `nb` for Norwegian Bokmål) of a
/// language name written in that language or in English, case-insensitively, from
/// ICU's locale data: "Deutsch" → "de", "srpski" → "sr", "Greek" → "el". A value
/// that already is a two-letter code is returned lower-cased. Empty when unknown.
std::string language_code_for_name(std::string_view name);

}  // namespace dragoman
