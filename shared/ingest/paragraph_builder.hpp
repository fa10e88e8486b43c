// Paragraph assembly shared by the readers: whitespace folding, joining, cutting titles.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dragoman {

/// Appends `text` to `out` with every run of white space (ASCII space, tab, CR, LF,
/// form feed, NO-BREAK SPACE and the other Unicode spaces: U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000) folded into one ASCII space. Leading white
/// space is dropped when `out` is empty or already ends in a space; trailing white
/// space leaves at most one space, which `trim_trailing_space` removes.
void append_collapsed(std::string& out, std::string_view text);

/// `text` with white space folded as by `append_collapsed` and trimmed at both ends.
std::string collapse_whitespace(std::string_view text);

/// Removes trailing ASCII spaces from `s`.
void trim_trailing_space(std::string& s);

/// `text` cut to at most `max_chars` characters (code points): at the last word
/// break before the limit, with "…" appended when anything was cut.
std::string cut_at_word(std::string_view text, std::size_t max_chars);

/// Builds a transcript's `text`: paragraphs separated by exactly one blank line
/// ("\n\n"), each paragraph with its white space folded. Empty paragraphs vanish.
/// Appending is amortised linear, so large documents cost no quadratic copying.
class ParagraphBuilder {
public:
    /// Adds one whole paragraph.
    void add(std::string_view paragraph);
    /// Appends to the paragraph being built (white space folded); `end_paragraph`
    /// closes it. Use this to assemble a paragraph from pieces (HTML text nodes).
    void append(std::string_view piece);
    /// Closes the paragraph being built, if it has any text.
    void end_paragraph();
    /// True when the paragraph being built has no text yet.
    [[nodiscard]] bool paragraph_empty() const { return m_current.empty(); }
    /// The paragraph being built, as folded so far (may end in one space).
    [[nodiscard]] const std::string& current() const { return m_current; }
    /// Replaces the paragraph being built (for a rewritten turn label).
    void set_current(std::string paragraph) { m_current = std::move(paragraph); }
    /// Number of paragraphs closed so far.
    [[nodiscard]] std::size_t size() const { return m_count; }
    /// The text so far (closing any open paragraph); leaves the builder empty.
    std::string take();

private:
    std::string m_text;
    std::string m_current;
    std::size_t m_count = 0;
};

}  // namespace dragoman
