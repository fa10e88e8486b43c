// Fuzz target: the analyzer in every language (tokens, stems, transliteration keys,
// language identification), checking the token invariants highlighting relies on.
#include "fuzz_languages.hpp"
#include "fuzz_support.hpp"
#include "text/utf8.hpp"
#include "text/analyzer.hpp"
#include "text/language_identifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    if (size == 0) return 0;
    const std::string& language = fuzz::language_of(data[0]);
    const auto text = fuzz::as_text(data + 1, size - 1);
    // Indexed text always passed check_record; queries may not have, so both are fed.
    const bool valid = text::is_valid_utf8(text);

    thread_local text::Analyzer analyzer;
    const uint32_t first = 7;
    const auto tokens = analyzer.tokenize(text, language, first);
    uint32_t previous_end = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        fuzz::require(t.begin < t.end && t.end <= text.size(), "a token's byte range is outside the text");
        fuzz::require(t.begin >= previous_end, "tokens overlap or go backwards");
        fuzz::require(t.position == first + i, "token positions are not consecutive");
        fuzz::require(!t.folded.empty(), "a token with an empty folded form");
        if (valid) {
            fuzz::require(text::is_valid_utf8(t.exact) && text::is_valid_utf8(t.folded), "a token form is invalid UTF-8");
            fuzz::require(text::is_valid_utf8(text.substr(t.begin, t.end - t.begin)), "a token's range cuts a character");
        }
        previous_end = t.end;
        const auto stem = text::stem_term(t, language);
        const auto key = text::translit_term(t);
        if (valid) fuzz::require(text::is_valid_utf8(stem) && text::is_valid_utf8(key), "a stem or key is invalid UTF-8");
    }
    if (valid) {
        const auto identified = text::identify_language(text, language);
        fuzz::require(identified.size() <= 3, "an identified language is not a short code");
    }
    return 0;
}
