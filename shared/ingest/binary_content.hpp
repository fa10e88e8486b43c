// What marks a file as binary rather than text: known magic numbers and a density of
// control bytes in its first block.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dragoman {

/// How many leading bytes (after decompression) `binary_content` is shown.
inline constexpr std::size_t binary_probe_bytes = 4096;

/// What kind of binary file begins with `head` ("PNG image", "ZIP archive", "N control
/// bytes in the first M"), or nullopt for text. A stray NUL or escape byte in a text
/// file is not binary: the reader rejects the one record that holds it, with its line
/// and column. Only a file that no reader could use is, so the walker skips it whole.
std::optional<std::string> binary_content(std::string_view head);

}  // namespace dragoman
