// Shingle hashes, winnowing and sentence hashes over a passage's folded words.
#include "schema/quote_fingerprint.hpp"

#include <algorithm>
#include <cstdio>

#include "schema/schema.hpp"
#include "util/assert.hpp"
#include "util/fnv1a.hpp"

namespace dragoman::schema {

namespace {

std::uint64_t words_hash(const std::vector<std::string_view>& words, std::size_t from, std::size_t count) {
    std::uint64_t h = fnv1a64_offset_basis;
    for (std::size_t i = from; i < from + count; ++i) h = fnv1a64("\xff", fnv1a64(words[i], h));
    return h;
}

std::string hex(std::uint64_t h, int digits) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%0*llx", digits, static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

std::vector<std::uint64_t> shingle_hashes(const std::vector<std::string_view>& words) {
    std::vector<std::uint64_t> out;
    if (words.size() < shingle_words) return out;
    out.reserve(words.size() - shingle_words + 1);
    for (std::size_t i = 0; i + shingle_words <= words.size(); ++i) out.push_back(words_hash(words, i, shingle_words));
    return out;
}

std::vector<std::uint64_t> winnow(const std::vector<std::uint64_t>& hashes) {
    if (hashes.size() <= winnow_window) return hashes;
    std::vector<std::uint64_t> out;
    std::size_t last = hashes.size();  // the position last kept (none yet)
    for (std::size_t start = 0; start + winnow_window <= hashes.size(); ++start) {
        std::size_t least = start;
        for (std::size_t i = start + 1; i < start + winnow_window; ++i)
            if (hashes[i] <= hashes[least]) least = i;
        if (least != last) {
            out.push_back(hashes[least]);
            last = least;
        }
    }
    return out;
}

std::string fingerprint_term(std::uint64_t shingle_hash) {
    return term(prefix_fingerprint, hex(shingle_hash & 0xffffffffffULL, 10));
}

std::vector<std::string_view> folded_words(const std::vector<text::Token>& tokens) {
    std::vector<std::string_view> out;
    out.reserve(tokens.size());
    for (const auto& tok : tokens)
        if (!tok.folded.empty()) out.push_back(tok.folded);
    return out;
}

std::vector<std::string> passage_fingerprint_terms(const std::vector<text::Token>& tokens) {
    std::vector<std::string> out;
    for (const std::uint64_t h : winnow(shingle_hashes(folded_words(tokens)))) out.push_back(fingerprint_term(h));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string sentence_term(const std::vector<std::string_view>& words) {
    return term(prefix_sentence, hex(words_hash(words, 0, words.size()), 16));
}

std::vector<Sentence> passage_sentences(std::string_view text, const std::vector<text::Token>& tokens,
                                        const std::vector<std::uint32_t>& sentence_ends) {
    std::vector<Sentence> out;
    std::size_t t = 0;
    std::uint32_t begin = 0;
    for (const std::uint32_t end : sentence_ends) {
        DRAGOMAN_ASSERT(end <= text.size());
        std::vector<std::string_view> words;
        for (; t < tokens.size() && tokens[t].begin < end; ++t)
            if (!tokens[t].folded.empty()) words.push_back(tokens[t].folded);
        if (words.size() >= min_sentence_words) out.push_back(Sentence{begin, end, sentence_term(words)});
        begin = end;
    }
    return out;
}

}  // namespace dragoman::schema
