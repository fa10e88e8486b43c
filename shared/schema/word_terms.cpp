// Terms of one analysed word: see word_terms.hpp.
#include "schema/word_terms.hpp"

#include "schema/schema.hpp"
#include "text/transliterator.hpp"

namespace dragoman::schema {

namespace {

std::string storable(std::string term) {
    if (term.size() > max_word_term_bytes) term.clear();
    return term;
}

}  // namespace

WordTerms word_terms(const text::Token& token, std::string_view language) {
    WordTerms w;
    w.folded = storable(token.folded);
    if (w.folded.empty()) return w;  // a word too long to index has no other terms either
    if (token.exact != token.folded) w.exact = storable(term(prefix_exact, token.exact));
    if (const auto s = text::stem_term(token, language); !s.empty()) w.stem = storable(stem_prefix(language) + s);
    if (const auto k = text::translit_term(token); !k.empty()) w.translit = storable(term(prefix_translit, k));
    return w;
}

std::vector<std::string> cross_script_terms(const text::Token& token) {
    std::vector<std::string> out;
    const auto key = text::translit_key(token.exact);
    if (key.empty()) return out;
    if (auto t = storable(term(prefix_translit, key)); !t.empty()) out.push_back(std::move(t));
    if (auto plain = storable(key); key != token.folded && !plain.empty()) out.push_back(std::move(plain));
    return out;
}

NameTerms name_terms(const text::Token& token, std::string_view prefix, std::string_view key_prefix) {
    NameTerms n{storable(term(prefix, token.folded)), {}};
    if (key_prefix.empty()) return n;
    const auto key = text::translit_term(token);
    n.key = storable(term(key_prefix, key.empty() ? token.folded : key));
    return n;
}

}  // namespace dragoman::schema
