// Paragraph assembly shared by the readers: whitespace folding, joining, cutting titles.
#include "ingest/paragraph_builder.hpp"

namespace dragoman {

namespace {

/// Length of the white space sequence at `s[i]` (0 when none): ASCII blanks and the
/// two-byte UTF-8 NO-BREAK SPACE, which transcripts use between words at random.
std::size_t space_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
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

std::string cut_at_word(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    // Back off to a character boundary (not a UTF-8 continuation byte).
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    const auto space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > max_bytes / 2) cut = space;
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
