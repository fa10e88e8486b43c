// Language identification of passages (CLD2), with the record's language as the prior.
#pragma once

#include <string>
#include <string_view>

namespace dragoman::text {

/// The language of a passage as ISO 639-1. `declared` (the record's language, may
/// be empty) wins unless the passage is long enough and CLD2 is reliably sure of
/// another language: a Russian transcript quoting an English paragraph gets "en"
/// for that paragraph. Short passages keep `declared`. Returns "" when unknown.
std::string identify_language(std::string_view passage, std::string_view declared);

/// CLD2's best guess for `text` alone, "" when unreliable or unknown.
std::string detect_language(std::string_view text);

}  // namespace dragoman::text
