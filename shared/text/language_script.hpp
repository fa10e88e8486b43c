// Scripts: the one a text is mostly written in, the one a language is usually written in.
#pragma once

#include <string>
#include <string_view>

namespace dragoman::text {

/// The ISO 15924 code ICU sees in most letters of `text` ("Latn", "Cyrl", "Arab",
/// "Hani", ...); "" when there are no letters.
std::string dominant_script(std::string_view text);

/// The ISO 15924 code of the script a language (ISO 639 code or BCP 47 tag) is usually
/// written in, by CLDR's likely subtags ("ru" → "Cyrl", "ps" → "Arab", "sr-Latn" →
/// "Latn"), named as dominant_script() names letters: Chinese and Japanese "Hani", Korean
/// "Hang". "Latn" for codes CLDR does not know.
std::string script_of_language(std::string_view language);

/// True when `script` has capital letters, so capitalised words mark names.
bool script_has_case(std::string_view script);

}  // namespace dragoman::text
