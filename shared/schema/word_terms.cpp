// Terms of one analysed word: see word_terms.hpp.
#include "schema/word_terms.hpp"

#include <algorithm>

#include "schema/schema.hpp"
#include "text/normalizer.hpp"
#include "text/transliterator.hpp"
#include "util/assert.hpp"

namespace dragoman::schema {

namespace {

std::string storable(std::string term) {
    if (term.size() > max_word_term_bytes) term.clear();
    return term;
}

/// The transliteration key of `token`'s stem in `language` where it says more than the word's
/// own key: a word of a script other than Latin (Latin names are found by their stems and
/// folded forms already) whose stem has another key.
std::string stem_key(const text::Token& token, std::string_view language) {
    if (text::is_ascii(token.folded)) return {};
    const auto s = text::stem_term(token, language);
    if (s.empty() || s == token.folded) return {};
    auto key = text::translit_key(s);
    return key == text::translit_key(token.exact) ? std::string() : key;
}

/// The terms of one word, derived (see word_terms.hpp).
WordTerms derive_word_terms(const text::Token& token, std::string_view language) {
    WordTerms w;
    w.folded = storable(token.folded);
    if (w.folded.empty()) return w;  // a word too long to index has no other terms either
    if (token.exact != token.folded) w.exact = storable(term(prefix_exact, token.exact));
    if (const auto s = text::stem_term(token, language); !s.empty() && s != w.folded)
        w.stem = storable(stem_prefix(language) + s);
    if (!token.lowercase) {
        if (const auto k = text::translit_term(token); !k.empty()) w.translit = storable(term(prefix_translit, k));
        if (const auto k = stem_key(token, language); !k.empty()) w.stem_key = storable(term(prefix_translit, k));
    }
    return w;
}

/// Appends what word_terms() reads of `token` besides the language (word_form_key()).
void append_form_key(std::string& key, const text::Token& token) {
    key += static_cast<char>('0' + (token.ideographic ? 1 : 0) + (token.lowercase ? 2 : 0));
    key += token.exact;
}

/// Every input word_terms depends on: the language and the word's form key.
std::string cache_key(const text::Token& token, std::string_view language) {
    std::string key;
    key.reserve(language.size() + token.exact.size() + 2);
    key += language;
    key += '\0';
    append_form_key(key, token);
    return key;
}

/// Measured over the real corpus' full build (docs/indexing.md): 200,000 words (about 50 MB
/// at most) answer 96.5% of its 12.9 million lookups; a miss costs about 4,000 instructions
/// (a stem and, for a name, ICU's transliteration), a hit a hash and a copy.
BoundedCache<WordTerms>& word_terms_cache() {
    static BoundedCache<WordTerms> cache(200000);
    return cache;
}

}  // namespace

std::string word_form_key(const text::Token& token) {
    std::string key;
    key.reserve(token.exact.size() + 1);
    append_form_key(key, token);
    return key;
}

WordTerms word_terms(const text::Token& token, std::string_view language) {
    DRAGOMAN_ASSERT(token.folded == text::folded_form(token.exact));
    return word_terms_cache().get(cache_key(token, language), [&] { return derive_word_terms(token, language); });
}

CacheStats word_terms_cache_stats() { return word_terms_cache().stats(); }

StemTerms stem_terms(const text::Token& token, std::string_view language) {
    const auto s = text::stem_term(token, language);
    if (s.empty()) return {};
    return {storable(stem_prefix(language) + s), storable(s)};
}

std::vector<std::string> cross_script_terms(const text::Token& token) {
    std::vector<std::string> out;
    for (const auto& key : text::translit_keys(token.exact)) {
        if (auto t = storable(term(prefix_translit, key)); !t.empty()) out.push_back(std::move(t));
        if (auto plain = storable(key); key != token.folded && !plain.empty()) out.push_back(std::move(plain));
    }
    return out;
}

std::vector<std::string> cross_script_stem_terms(const text::Token& token, std::string_view language) {
    std::vector<std::string> out;
    const auto key = stem_key(token, language);
    if (key.empty()) return out;
    if (auto t = storable(term(prefix_translit, key)); !t.empty()) out.push_back(std::move(t));
    if (auto plain = storable(key); !plain.empty()) out.push_back(std::move(plain));
    return out;
}

NameTerms name_terms(const text::Token& token, std::string_view prefix, std::string_view key_prefix) {
    NameTerms n{storable(term(prefix, token.folded)), {}};
    if (key_prefix.empty()) return n;
    auto add = [&](const std::string& key) {
        if (auto t = storable(term(key_prefix, key)); !t.empty() && std::find(n.keys.begin(), n.keys.end(), t) == n.keys.end())
            n.keys.push_back(std::move(t));
    };
    const auto key = text::translit_term(token);
    add(key.empty() ? token.folded : key);
    const auto readings = text::translit_keys(token.exact);  // a Latin j read as ж too
    for (std::size_t i = 1; i < readings.size(); ++i) add(readings[i]);
    return n;
}

}  // namespace dragoman::schema
