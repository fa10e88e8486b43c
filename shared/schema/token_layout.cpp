// Passage token layouts: see token_layout.hpp.
#include "schema/token_layout.hpp"

#include <algorithm>
#include <unordered_map>

#include "schema/schema.hpp"
#include "util/assert.hpp"

namespace dragoman::schema {

namespace {

constexpr char layout_version = 1;

void put(std::string& out, uint32_t n) {
    while (n >= 0x80) {
        out.push_back(static_cast<char>((n & 0x7F) | 0x80));
        n >>= 7;
    }
    out.push_back(static_cast<char>(n));
}

/// Reads LEB128 numbers off a stored layout; `ok` turns false on the first malformed one.
struct Reader {
    std::string_view in;
    bool ok = true;

    uint32_t get() {
        uint64_t n = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (in.empty()) break;
            const auto byte = static_cast<unsigned char>(in.front());
            in.remove_prefix(1);
            n |= static_cast<uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) {
                if (n > UINT32_MAX) break;
                return static_cast<uint32_t>(n);
            }
        }
        ok = false;
        return 0;
    }
};

}  // namespace

bool is_word_term(std::string_view t) {
    if (t.empty()) return false;
    if (t.front() < 'A' || t.front() > 'Z') return true;  // unprefixed: a folded word
    return t.starts_with(prefix_stem) || t.starts_with(prefix_exact) || t.starts_with(prefix_translit);
}

std::vector<std::string> sorted_word_terms(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (std::string term = *it; is_word_term(term)) out.push_back(std::move(term));
    return out;
}

TokenLayout make_token_layout(const std::vector<text::Token>& tokens, const std::vector<WordTerms>& terms,
                              const std::vector<std::string>& sorted_terms) {
    DRAGOMAN_ASSERT(tokens.size() == terms.size());
    DRAGOMAN_ASSERT(std::is_sorted(sorted_terms.begin(), sorted_terms.end()));
    TokenLayout layout;
    layout.word_terms = static_cast<uint32_t>(sorted_terms.size());
    std::unordered_map<std::string, uint32_t> form_of;  // by word_form_key: one form, one set of terms
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto [it, added] = form_of.try_emplace(word_form_key(tokens[i]), static_cast<uint32_t>(layout.forms()));
        if (added) {
            terms[i].for_each([&](const std::string& t) {
                const auto at = std::lower_bound(sorted_terms.begin(), sorted_terms.end(), t);
                DRAGOMAN_ASSERT(at != sorted_terms.end() && *at == t);  // the passage holds every term of its words
                layout.form_terms.push_back(static_cast<uint32_t>(at - sorted_terms.begin()));
            });
            layout.form_start.push_back(static_cast<uint32_t>(layout.form_terms.size()));
        }
        DRAGOMAN_ASSERT(layout.words.empty() || layout.words.back().end <= tokens[i].begin);
        layout.words.push_back({tokens[i].begin, tokens[i].end, it->second});
    }
    return layout;
}

std::string encode_token_layout(const TokenLayout& layout) {
    std::string out(1, layout_version);
    put(out, layout.word_terms);
    put(out, static_cast<uint32_t>(layout.forms()));
    for (std::size_t f = 0; f < layout.forms(); ++f) {
        put(out, layout.form_start[f + 1] - layout.form_start[f]);
        for (uint32_t k = layout.form_start[f]; k < layout.form_start[f + 1]; ++k) put(out, layout.form_terms[k]);
    }
    put(out, static_cast<uint32_t>(layout.words.size()));
    uint32_t previous_end = 0;
    for (const auto& w : layout.words) {
        put(out, w.begin - previous_end);
        put(out, w.end - w.begin);
        put(out, w.form);
        previous_end = w.end;
    }
    return out;
}

tl::expected<TokenLayout, std::string> decode_token_layout(std::string_view stored, std::size_t text_bytes) {
    using tl::unexpected;
    if (stored.empty() || stored.front() != layout_version) return unexpected(std::string("not a token layout of version 1"));
    Reader r{stored.substr(1)};
    TokenLayout layout;
    layout.word_terms = r.get();
    const uint32_t forms = r.get();
    // Every form takes at least one byte, so a count beyond the bytes left is malformed.
    if (!r.ok || forms > r.in.size()) return unexpected(std::string("a truncated token layout"));
    layout.form_start.reserve(forms + 1);
    for (uint32_t f = 0; f < forms && r.ok; ++f) {
        const uint32_t n = r.get();
        if (n > r.in.size()) return unexpected(std::string("a truncated token layout"));
        for (uint32_t k = 0; k < n && r.ok; ++k) {
            const uint32_t ordinal = r.get();
            if (ordinal >= layout.word_terms) return unexpected(std::string("a token layout's term ordinal out of range"));
            layout.form_terms.push_back(ordinal);
        }
        layout.form_start.push_back(static_cast<uint32_t>(layout.form_terms.size()));
    }
    const uint32_t words = r.get();
    if (!r.ok || words > r.in.size()) return unexpected(std::string("a truncated token layout"));
    layout.words.reserve(words);
    uint64_t previous_end = 0;
    for (uint32_t i = 0; i < words && r.ok; ++i) {
        const uint64_t begin = previous_end + r.get();
        const uint64_t end = begin + r.get();
        const uint32_t form = r.get();
        if (!r.ok) break;
        if (end > text_bytes) return unexpected(std::string("a token layout's word beyond the passage's text"));
        if (form >= forms) return unexpected(std::string("a token layout's form out of range"));
        layout.words.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end), form});
        previous_end = end;
    }
    if (!r.ok) return unexpected(std::string("a truncated token layout"));
    if (!r.in.empty()) return unexpected(std::string("bytes after a token layout's end"));
    return layout;
}

}  // namespace dragoman::schema
