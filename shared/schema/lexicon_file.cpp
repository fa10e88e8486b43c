// The lexicon file's text: one encoder, one decoder.
#include "schema/lexicon_file.hpp"

#include <charconv>
#include <cstdio>

#include "schema/schema.hpp"
#include "schema/word_terms.hpp"
#include "text/stemmer.hpp"
#include "util/split_tabs.hpp"

namespace dragoman::schema {

namespace {

constexpr std::string_view header = "# dragoman lexicon 1";

}  // namespace

std::string lexicon_form(const text::Token& token, std::string_view language) {
    if (auto s = text::stem_term(token, language); !s.empty()) return s;
    return token.folded;
}

LexiconTerms lexicon_terms(std::string_view form, std::string_view language) {
    if (form.empty() || form.size() > max_word_term_bytes) return {};
    if (!text::has_stemmer(language)) return {{}, std::string(form)};
    return {stem_prefix(language) + std::string(form), std::string(form)};
}

std::string lexicon_form(const std::vector<text::Token>& tokens, std::string_view language) {
    std::string out;
    for (const auto& tok : tokens) {
        if (!out.empty()) out += lexicon_term_separator;
        out += lexicon_form(tok, language);
    }
    return out;
}

bool is_term_form(std::string_view form) { return form.find(lexicon_term_separator) != std::string_view::npos; }

std::vector<std::string> lexicon_phrase_terms(std::string_view shown) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= shown.size()) {
        auto end = shown.find(lexicon_term_separator, start);
        if (end == std::string_view::npos) end = shown.size();
        const auto word = shown.substr(start, end - start);
        if (word.empty() || word.size() > max_word_term_bytes) return {};
        out.emplace_back(word);
        start = end + 1;
    }
    return out;
}

std::string encode_lexicon(const std::vector<LexiconEntry>& entries) {
    std::string out(header);
    out += '\n';
    char score[32];
    for (const auto& e : entries) {
        std::snprintf(score, sizeof score, "%.4f", e.score);
        for (const std::string_view field : {std::string_view(e.source_language), std::string_view(e.source),
                                             std::string_view(e.target_language), std::string_view(e.target),
                                             std::string_view(e.shown), std::string_view(score)}) {
            out += field;
            out += '\t';
        }
        out += std::to_string(e.together);
        out += '\n';
    }
    return out;
}

tl::expected<std::vector<LexiconEntry>, std::string> decode_lexicon(std::string_view text) {
    std::vector<LexiconEntry> out;
    std::size_t number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const auto line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        const auto where = "line " + std::to_string(number) + ": ";
        if (number == 1) {
            if (line != header) return tl::unexpected(where + "not a Dragoman lexicon (expected '" + std::string(header) + "')");
            continue;
        }
        if (line.empty()) continue;
        const auto f = split_tabs(line);
        if (f.size() != 7) return tl::unexpected(where + "expected 7 tab-separated fields, found " + std::to_string(f.size()));
        LexiconEntry e{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]), std::string(f[4]), 0, 0};
        const std::string score(f[5]);
        char* score_end = nullptr;
        e.score = std::strtod(score.c_str(), &score_end);
        if (score.empty() || *score_end != '\0' || !(e.score > 0 && e.score <= 1))
            return tl::unexpected(where + "score '" + score + "' is not in (0, 1]");
        if (std::from_chars(f[6].data(), f[6].data() + f[6].size(), e.together).ec != std::errc())
            return tl::unexpected(where + "count '" + std::string(f[6]) + "' is not a number");
        if (e.source.empty() || e.target.empty() || e.source_language.empty() || e.target_language.empty())
            return tl::unexpected(where + "an empty language or form");
        out.push_back(std::move(e));
    }
    if (number == 0) return tl::unexpected(std::string("line 1: not a Dragoman lexicon (the file is empty)"));
    return out;
}

}  // namespace dragoman::schema
