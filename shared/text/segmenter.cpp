// ICU BreakIterator over a UTF-8 UText, so boundaries come back as byte offsets.
#include "text/segmenter.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <stdexcept>

namespace dragoman::text {

struct Segmenter::Impl {
    std::unique_ptr<icu::BreakIterator> words;
    std::unique_ptr<icu::BreakIterator> sentences;
};

Segmenter::Segmenter() : m_impl(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    // The root locale's word rules plus ICU's CJK/Thai dictionaries.
    m_impl->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !m_impl->words) throw std::runtime_error("ICU word break iterator unavailable");
    m_impl->sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !m_impl->sentences) throw std::runtime_error("ICU sentence break iterator unavailable");
}

Segmenter::~Segmenter() = default;

namespace {

/// Runs `visit(start, end)` over the boundaries `it` finds in UTF-8 `text` (byte offsets), the
/// iterator detached from the text before the text is closed.
template <class Visit>
void over_boundaries(icu::BreakIterator& it, std::string_view text, Visit visit) {
    if (text.empty()) return;
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return;
    it.setText(ut, status);
    int32_t start = it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) visit(start, end);
    it.setText(icu::UnicodeString());
    utext_close(ut);
}

}  // namespace

std::vector<Segment> Segmenter::split(std::string_view text) {
    std::vector<Segment> out;
    auto& it = *m_impl->words;
    over_boundaries(it, text, [&](int32_t start, int32_t end) {
        const int32_t rule = it.getRuleStatus();
        if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) return;  // spaces, punctuation
        const bool ideo = (rule >= UBRK_WORD_KANA && rule < UBRK_WORD_KANA_LIMIT) ||
                          (rule >= UBRK_WORD_IDEO && rule < UBRK_WORD_IDEO_LIMIT);
        out.push_back(Segment{static_cast<uint32_t>(start), static_cast<uint32_t>(end), ideo});
    });
    return out;
}

std::vector<uint32_t> Segmenter::sentence_ends(std::string_view text) {
    std::vector<uint32_t> out;
    over_boundaries(*m_impl->sentences, text, [&](int32_t, int32_t end) { out.push_back(static_cast<uint32_t>(end)); });
    return out;
}

}  // namespace dragoman::text
