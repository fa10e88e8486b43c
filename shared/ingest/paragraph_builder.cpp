// Paragraph assembly shared by the readers: whitespace folding, joining, cutting titles.
#include "ingest/paragraph_builder.hpp"

namespace dragoman {

namespace {

/// Length of the white space sequence at `s[i]` (0 when none): ASCII blanks and the
/// Unicode spaces transcripts put between words at random (NO-BREAK SPACE, the
/// typographic spaces U+2000–U+200A, NARROW NO-BREAK SPACE, line and paragraph
/// separators, MEDIUM MATHEMATICAL SPACE, IDEOGRAPHIC SPACE).
std::size_t space_at(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c < 0xC2 || i + 1 >= s.size()) return 0;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xC2) return c1 == 0xA0 ? 2 : 0;
    if (i + 2 >= s.size()) return 0;
    const auto c2 = static_cast<unsigned char>(s[i + 2]);
    if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
    if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;
    return 0;
}

}  // namespace

void append_collapsed(std::string& out, std::string_view text) {
    bool space = out.empty() || out.back() == ' ';
    std::size_t i = 0;
    while (i < text.size()) {
        if (const auto n = space_at(text, i)) {
            if (!space) out += ' ';
            space = true;
            i += n;
            continue;
        }
        // Copy the run of non-space bytes in one go.
        std::size_t j = i + 1;
        while (j < text.size() && space_at(text, j) == 0) ++j;
        out.append(text.substr(i, j - i));
        space = false;
        i = j;
    }
}

void trim_trailing_space(std::string& s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_collapsed(out, text);
    trim_trailing_space(out);
    return out;
}

std::string cut_at_word(std::string_view text, std::size_t max_chars) {
    // Byte offset of character number `max_chars` (UTF-8 lead bytes start characters).
    std::size_t cut = 0;
    std::size_t chars = 0;
    while (cut < text.size()) {
        if ((static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80) {
            if (chars == max_chars) break;
            ++chars;
        }
        ++cut;
    }
    if (cut >= text.size()) return std::string(text);
    const auto space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > cut / 2) cut = space;
    std::string out(text.substr(0, cut));
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':'))
        out.pop_back();
    out += "\xE2\x80\xA6";  // …
    return out;
}

void ParagraphBuilder::add(std::string_view paragraph) {
    end_paragraph();
    append(paragraph);
    end_paragraph();
}

void ParagraphBuilder::append(std::string_view piece) { append_collapsed(m_current, piece); }

void ParagraphBuilder::end_paragraph() {
    trim_trailing_space(m_current);
    if (!m_current.empty()) {
        if (!m_text.empty()) m_text += "\n\n";
        m_text += m_current;
        ++m_count;
    }
    m_current.clear();
}

std::string ParagraphBuilder::take() {
    end_paragraph();
    m_count = 0;
    std::string out = std::move(m_text);
    m_text.clear();
    return out;
}

}  // namespace dragoman
