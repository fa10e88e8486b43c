// Windows chosen by the number of distinct matched words, then by total matches.
#include "search/snippet.hpp"

#include <algorithm>
#include <span>
#include <unordered_map>

#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "schema/token_layout.hpp"
#include "schema/word_terms.hpp"
#include "util/assert.hpp"

namespace dragoman {

namespace {

bool sentence_end(std::string_view text, std::size_t i) {
    const char c = text[i];
    if ((c == '.' || c == '!' || c == '?' || c == ';') && (i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n'))
        return true;
    // 。！？ (3 bytes each in UTF-8)
    if (i + 3 <= text.size()) {
        const auto s = text.substr(i, 3);
        return s == "\xE3\x80\x82" || s == "\xEF\xBC\x81" || s == "\xEF\xBC\x9F";
    }
    return false;
}

std::size_t sentence_end_length(std::string_view text, std::size_t i) {
    return static_cast<unsigned char>(text[i]) >= 0x80 ? 3 : 1;
}

SnippetText fragments_between(std::string_view text, const MarkedWords& words, std::size_t from, std::size_t to) {
    SnippetText out;
    std::size_t cursor = from;
    auto plain = [&](std::size_t end) {
        if (end > cursor) {
            if (!out.fragments.empty() && !out.fragments.back().hit)
                out.fragments.back().text.append(text.substr(cursor, end - cursor));
            else
                out.fragments.push_back({std::string(text.substr(cursor, end - cursor)), false});
        }
    };
    for (const auto& w : words) {
        if (!w.hit || w.begin < from || w.end > to) continue;
        DRAGOMAN_ASSERT(w.begin >= cursor);  // words are in text order and do not overlap
        plain(w.begin);
        out.fragments.push_back({std::string(text.substr(w.begin, w.end - w.begin)), true});
        ++out.hits;
        cursor = w.end;
    }
    plain(to);
    out.cut_before = from > 0;
    out.cut_after = to < text.size();
    return out;
}

/// The most of a passage that is tokenised to mark it. Passages hold at most
/// max_passage_bytes, but an index built before that bound may hold a passage of any size
/// (one of 48 MB took 3.3 s to highlight on every query that matched it).
constexpr std::size_t max_scanned_bytes = 8 * max_passage_bytes;

/// The start of `text` that is scanned, cut between two UTF-8 characters.
std::string_view scanned_part(std::string_view text) {
    if (text.size() <= max_scanned_bytes) return text;
    std::size_t n = max_scanned_bytes;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return text.substr(0, n);
}

}  // namespace

bool token_matches(const text::Token& tok, std::string_view language, const TermSet& terms) {
    if (terms.empty()) return false;
    bool matched = false;
    schema::word_terms(tok, language).for_each([&](const std::string& t) { matched = matched || terms.count(t) > 0; });
    return matched;
}

std::optional<MarkedWords> marks_from_index(const Xapian::Document& doc, std::string_view text, const TermSet& terms) {
    const std::string stored = doc.get_value(schema::slot_token_layout);
    if (stored.empty()) return std::nullopt;
    const auto layout = schema::decode_token_layout(stored, text.size());
    if (!layout) return std::nullopt;
    // Which of the passage's word terms, in termlist order, the query matched.
    std::vector<char> matched;  // not reserved: a damaged layout may claim any count
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (schema::is_word_term(term)) matched.push_back(terms.count(term) > 0);
    }
    if (matched.size() != layout->word_terms) return std::nullopt;  // the layout of another version of the passage
    std::vector<char> form_hit(layout->forms());
    std::vector<uint32_t> form_key(layout->forms());
    for (std::size_t f = 0; f < layout->forms(); ++f) {
        const uint32_t first = layout->form_start[f], last = layout->form_start[f + 1];
        for (uint32_t k = first; k < last; ++k) form_hit[f] = form_hit[f] || matched[layout->form_terms[k]];
        // The folded term comes first: forms that share it are one word to the window.
        form_key[f] = first < last ? layout->form_terms[first] : layout->word_terms + static_cast<uint32_t>(f);
    }
    MarkedWords out;
    out.reserve(layout->words.size());
    for (const auto& w : layout->words) out.push_back({w.begin, w.end, form_key[w.form], form_hit[w.form] != 0});
    return out;
}

MarkedWords marks_by_analysis(text::Analyzer& analyzer, std::string_view whole, std::string_view language,
                              const TermSet& terms) {
    const auto tokens = analyzer.tokenize(scanned_part(whole), language);
    std::unordered_map<std::string_view, uint32_t> form_of;
    MarkedWords out;
    out.reserve(tokens.size());
    for (const auto& tok : tokens) {
        const uint32_t form = form_of.try_emplace(tok.folded, static_cast<uint32_t>(form_of.size())).first->second;
        out.push_back({tok.begin, tok.end, form, token_matches(tok, language, terms)});
    }
    return out;
}

MarkedWords mark_passage(const Xapian::Document& doc, text::Analyzer& analyzer, std::string_view text,
                         std::string_view language, const TermSet& terms) {
    if (auto marks = marks_from_index(doc, text, terms)) return std::move(*marks);
    return marks_by_analysis(analyzer, text, language, terms);
}

SnippetText highlight(std::string_view whole, const MarkedWords& words) {
    const std::string_view text = scanned_part(whole);
    SnippetText out = fragments_between(text, words, 0, text.size());
    if (text.size() < whole.size()) {  // the rest is shown, unmarked
        const std::string_view rest = whole.substr(text.size());
        if (!out.fragments.empty() && !out.fragments.back().hit)
            out.fragments.back().text.append(rest);
        else
            out.fragments.push_back({std::string(rest), false});
    }
    return out;
}

namespace {

/// make_snippet on a text that is scanned whole: `words` past its end are not looked at.
SnippetText snippet_within(std::string_view text, const MarkedWords& all_words, std::size_t max_bytes) {
    std::size_t count = 0;
    while (count < all_words.size() && all_words[count].end <= text.size()) ++count;
    const std::span<const MarkedWord> words(all_words.data(), count);
    if (text.size() <= max_bytes) return fragments_between(text, all_words, 0, text.size());

    // Best window: starting a little before a match, most distinct matched words.
    std::size_t best_from = 0;
    int best_score = -1;
    std::vector<uint32_t> distinct;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!words[i].hit) continue;
        const std::size_t lead = i >= 6 ? i - 6 : 0;
        const std::size_t from = words[lead].begin;
        distinct.clear();
        int total = 0;
        for (std::size_t j = i; j < words.size() && words[j].end <= from + max_bytes; ++j) {
            if (!words[j].hit) continue;
            if (std::find(distinct.begin(), distinct.end(), words[j].form) == distinct.end()) distinct.push_back(words[j].form);
            ++total;
        }
        const int score = static_cast<int>(distinct.size()) * 100 + total;
        if (score > best_score) {
            best_score = score;
            best_from = from;
        }
    }
    std::size_t from = best_from;
    // Start at a sentence if one starts shortly before.
    if (from > 0) {
        const std::size_t look = from > 80 ? from - 80 : 0;
        for (std::size_t k = from; k-- > look;) {
            if (sentence_end(text, k)) {
                std::size_t s = k + sentence_end_length(text, k);
                while (s < text.size() && (text[s] == ' ' || text[s] == '\n')) ++s;
                if (s <= from) from = s;
                break;
            }
            if (text[k] == '\n') { from = k + 1; break; }
        }
    }
    // End at the last whole word that fits, or a sentence end near the limit.
    std::size_t to = from;
    for (const auto& w : words)
        if (w.begin >= from && w.end <= from + max_bytes) to = w.end;
    for (std::size_t k = to; k < text.size() && k < to + 3; ++k)
        if (sentence_end(text, k)) { to = k + sentence_end_length(text, k); break; }
    if (to <= from) {
        // No whole word fits (a word longer than the window, or no words at all): cut by
        // bytes, but not inside a character.
        to = std::min(text.size(), from + max_bytes);
        while (to > from && to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
    }
    return fragments_between(text, all_words, from, to);
}

}  // namespace

SnippetText make_snippet(std::string_view whole, const MarkedWords& words, std::size_t max_bytes) {
    const std::string_view text = scanned_part(whole);
    SnippetText out = snippet_within(text, words, max_bytes);
    out.cut_after = out.cut_after || text.size() < whole.size();
    return out;
}

SnippetText highlight(text::Analyzer& analyzer, std::string_view text, std::string_view language, const TermSet& terms) {
    return highlight(text, marks_by_analysis(analyzer, text, language, terms));
}

SnippetText make_snippet(text::Analyzer& analyzer, std::string_view text, std::string_view language,
                         const TermSet& terms, std::size_t max_bytes) {
    return make_snippet(text, marks_by_analysis(analyzer, text, language, terms), max_bytes);
}

}  // namespace dragoman
