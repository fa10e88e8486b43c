// Line and column of a byte offset in source text, and where UTF-8 or a NUL byte makes it unusable.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace dragoman {

/// A 1-based line and column (the column counts bytes, as compilers do).
struct TextPosition {
    std::size_t line = 0;
    std::size_t column = 0;
};

/// Maps byte offsets of one text to positions. Built once per file (one pass over
/// it); each lookup is a binary search, so positions of many records stay cheap.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    /// Position of byte `offset` (clamped to the end of the text).
    [[nodiscard]] TextPosition position(std::size_t offset) const;

private:
    std::vector<std::size_t> m_starts;  ///< offset of each line's first byte
    std::size_t m_size = 0;
};

/// The first byte a record's text may not hold, and what is wrong with it.
struct TextFault {
    std::size_t offset = 0;
    const char* message = "";  ///< "invalid UTF-8" or "NUL byte"
};

/// The first NUL byte or byte outside well-formed UTF-8 in `text`, or nullopt. Readers
/// report it at its line and column and reject the record it falls in, and only that one.
std::optional<TextFault> text_fault(std::string_view text);

}  // namespace dragoman
