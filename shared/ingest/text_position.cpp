// Line and column of a byte offset in source text, and where UTF-8 or a NUL byte makes it unusable.
#include "ingest/text_position.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace dragoman {

LineIndex::LineIndex(std::string_view text) : m_size(text.size()) {
    m_starts.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
        m_starts.push_back(i + 1);
}

TextPosition LineIndex::position(std::size_t offset) const {
    offset = std::min(offset, m_size);
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const auto line = static_cast<std::size_t>(it - m_starts.begin());  // >= 1: m_starts[0] == 0
    return TextPosition{line, offset - m_starts[line - 1] + 1};
}

std::optional<std::size_t> invalid_utf8_offset(std::string_view text) {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    // U8_NEXT takes int32_t lengths: walk in windows well below that limit.
    std::size_t base = 0;
    while (base < text.size()) {
        const auto window = static_cast<int32_t>(std::min<std::size_t>(text.size() - base, 1U << 30));
        int32_t i = 0;
        while (i < window) {
            const int32_t start = i;
            UChar32 c;
            U8_NEXT(p + base, i, window, c);
            if (c < 0) {
                // A sequence cut by the window edge is re-read from its start.
                if (base + static_cast<std::size_t>(window) < text.size() && window - start < 4) {
                    i = start;
                    break;
                }
                return base + static_cast<std::size_t>(start);
            }
        }
        if (i == 0) return base;  // cannot happen: a window holds at least 4 bytes
        base += static_cast<std::size_t>(i);
    }
    return std::nullopt;
}

std::optional<TextFault> text_fault(std::string_view text) {
    const auto nul = text.find('\0');
    // Only the text before a NUL can hold an earlier fault.
    if (const auto bad = invalid_utf8_offset(text.substr(0, nul))) return TextFault{*bad, "invalid UTF-8"};
    if (nul != std::string_view::npos) return TextFault{nul, "NUL byte"};
    return std::nullopt;
}

}  // namespace dragoman
