// Word breaking with ICU's rule- and dictionary-based break iterator, for every script.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace dragoman::text {

/// A word as found in the text: a byte range of the UTF-8 input.
struct Segment {
    uint32_t begin;   ///< byte offset of the first byte
    uint32_t end;     ///< byte offset one past the last byte
    bool ideographic; ///< Han/kana word (no spaces between words in its script)
};

/// Splits UTF-8 text into words (ICU word rules: Latin, Cyrillic, Arabic, ...;
/// dictionary breaking for Chinese, Japanese, Thai, Khmer, Lao, Burmese).
/// Punctuation and spaces are skipped. Not thread-safe: use one per thread.
class Segmenter {
public:
    Segmenter();
    ~Segmenter();
    Segmenter(const Segmenter&) = delete;
    Segmenter& operator=(const Segmenter&) = delete;

    /// The words of `text` in order. `text` must be valid UTF-8.
    std::vector<Segment> split(std::string_view text);

    /// The byte offsets where the sentences of `text` end (ICU sentence rules of the root
    /// locale), in order; the last is text.size(). Empty for empty text. `text` must be
    /// valid UTF-8.
    std::vector<uint32_t> sentence_ends(std::string_view text);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dragoman::text
