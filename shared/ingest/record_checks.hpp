// Checks every reader applies to a record before it is accepted.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "schema/transcript.hpp"

namespace dragoman {

/// Records larger than this are rejected rather than indexed.
inline constexpr std::size_t max_record_bytes = 64U << 20;

/// Longer keyword fields (source, language, country, group, a turn's language) are
/// rejected: each becomes one boolean term, and Xapian refuses terms over 245 bytes.
inline constexpr std::size_t max_keyword_bytes = 200;

/// Why `t` must be rejected (missing id, invalid UTF-8, impossible date, no text,
/// an overlong keyword),
/// or nullopt when it is acceptable. Normalises harmless things in place
/// (surrounding whitespace of id, language code case).
std::optional<std::string> check_record(Transcript& t);

}  // namespace dragoman
