// Word normalisation: the exact (NFKC, case-folded) form and the folded matching form.
#pragma once

#include <string>
#include <string_view>

namespace dragoman::text {

/// NFKC + full case folding, default-ignorable characters (zero-width, bidi
/// controls) removed, typographic apostrophes unified. For Turkish and
/// Azerbaijani (`language` "tr"/"az") I→ı and İ→i, as those languages write them.
std::string exact_form(std::string_view word, std::string_view language);

/// The matching form of an exact form: diacritics removed (ё→е, ü→u, ş→s, ğ→g,
/// ı→i, ə→e), Arabic harakat and tatweel removed, alef variants unified, apostrophes
/// dropped. Cyrillic й stays й (it is a letter of its own, not и with a mark). A number
/// with an ordinal's ending is the number (`7368th`, `7368e`, `7378ª` → `7368`, `7378`).
std::string folded_form(std::string_view exact);

/// True when every byte is ASCII.
bool is_ascii(std::string_view s);

}  // namespace dragoman::text
