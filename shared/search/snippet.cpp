// Windows chosen by the number of distinct matched words, then by total matches.
#include "search/snippet.hpp"

#include <algorithm>

#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "schema/word_terms.hpp"

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

SnippetText fragments_between(std::string_view text, const std::vector<text::Token>& tokens,
                              const std::vector<bool>& hits, std::size_t from, std::size_t to) {
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
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!hits[i] || tokens[i].begin < from || tokens[i].end > to) continue;
        plain(tokens[i].begin);
        out.fragments.push_back({std::string(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin)), true});
        ++out.hits;
        cursor = tokens[i].end;
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

SnippetText highlight(text::Analyzer& analyzer, std::string_view whole, std::string_view language, const TermSet& terms) {
    const std::string_view text = scanned_part(whole);
    const auto tokens = analyzer.tokenize(text, language);
    std::vector<bool> hits(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) hits[i] = token_matches(tokens[i], language, terms);
    SnippetText out = fragments_between(text, tokens, hits, 0, text.size());
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

/// make_snippet on a text that is scanned whole.
SnippetText snippet_within(text::Analyzer& analyzer, std::string_view text, std::string_view language,
                           const TermSet& terms, std::size_t max_bytes) {
    const auto tokens = analyzer.tokenize(text, language);
    std::vector<bool> hits(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) hits[i] = token_matches(tokens[i], language, terms);
    if (text.size() <= max_bytes) return fragments_between(text, tokens, hits, 0, text.size());

    // Best window: starting a little before a match, most distinct matched words.
    std::size_t best_from = 0;
    int best_score = -1;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!hits[i]) continue;
        const std::size_t lead = i >= 6 ? i - 6 : 0;
        const std::size_t from = tokens[lead].begin;
        std::unordered_set<std::string> distinct;
        int total = 0;
        for (std::size_t j = i; j < tokens.size() && tokens[j].end <= from + max_bytes; ++j) {
            if (!hits[j]) continue;
            distinct.insert(tokens[j].folded);
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
    for (const auto& t : tokens)
        if (t.begin >= from && t.end <= from + max_bytes) to = t.end;
    for (std::size_t k = to; k < text.size() && k < to + 3; ++k)
        if (sentence_end(text, k)) { to = k + sentence_end_length(text, k); break; }
    if (to <= from) {
        // No whole word fits (a word longer than the window, or no words at all): cut by
        // bytes, but not inside a character.
        to = std::min(text.size(), from + max_bytes);
        while (to > from && to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
    }
    return fragments_between(text, tokens, hits, from, to);
}

}  // namespace

SnippetText make_snippet(text::Analyzer& analyzer, std::string_view whole, std::string_view language,
                         const TermSet& terms, std::size_t max_bytes) {
    const std::string_view text = scanned_part(whole);
    SnippetText out = snippet_within(analyzer, text, language, terms, max_bytes);
    out.cut_after = out.cut_after || text.size() < whole.size();
    return out;
}

}  // namespace dragoman
