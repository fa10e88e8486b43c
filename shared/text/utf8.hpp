// UTF-8 well-formedness: the one decoder and check that readers, the analyzer's callers,
// the searcher and the escaping all use.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace dragoman::text {

/// Decodes the sequence that starts at byte `at` of `text` into `code_point` and returns
/// its length (1 to 4), or returns 0 when the bytes there are not well-formed UTF-8
/// (Unicode's table 3-7, as ICU's U8_NEXT: no overlong forms, no surrogates, nothing past
/// U+10FFFF, no sequence cut by the end). `at` must be below `text.size()`. Indices are
/// size_t throughout, so texts past 2^31 bytes are read like any other (U8_NEXT takes
/// int32_t lengths).
std::size_t decode_utf8(std::string_view text, std::size_t at, char32_t& code_point);

/// Offset of the first byte that is not part of well-formed UTF-8, or nullopt when the
/// whole text is well-formed. Readers turn the offset into a line and column.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

/// True when `text` is well-formed UTF-8 (what ICU, CLD2 and Xapian may be given).
bool is_valid_utf8(std::string_view text);

}  // namespace dragoman::text
