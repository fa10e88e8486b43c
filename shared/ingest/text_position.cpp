// Line and column of a byte offset in source text, and where UTF-8 or a NUL byte makes it unusable.
#include "ingest/text_position.hpp"

#include <algorithm>

#include "text/utf8.hpp"

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

std::optional<TextFault> text_fault(std::string_view text) {
    const auto nul = text.find('\0');
    // Only the text before a NUL can hold an earlier fault.
    if (const auto bad = text::invalid_utf8_offset(text.substr(0, nul))) return TextFault{*bad, "invalid UTF-8"};
    if (nul != std::string_view::npos) return TextFault{nul, "NUL byte"};
    return std::nullopt;
}

}  // namespace dragoman
