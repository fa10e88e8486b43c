// Fuzz target: highlighting and snippets. The input is a query, a NUL byte, a selector
// byte (language and window size) and the passage text; the query is parsed and built as
// the searcher does, and its terms are what the highlighter marks, by analysis and from the
// token layout the indexer would store for the text.
#include <xapian.h>

#include "fuzz_languages.hpp"
#include "fuzz_support.hpp"
#include "text/utf8.hpp"
#include "render/result_json.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "search/snippet.hpp"
#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "schema/token_layout.hpp"

namespace {

/// Checks that `s` is the contiguous piece of `text` it claims to be, hits counted right.
void check_fragments(const dragoman::SnippetText& s, std::string_view text, bool whole) {
    using dragoman::fuzz::require;
    std::string joined;
    std::size_t hits = 0;
    for (const auto& f : s.fragments) {
        joined += f.text;
        hits += f.hit ? 1 : 0;
        require(!f.text.empty(), "an empty fragment");
    }
    require(hits == s.hits, "the hit count disagrees with the marked fragments");
    if (whole) {
        require(joined == text, "highlight() lost or changed text");
        return;
    }
    const auto at = text.find(joined);
    require(at != std::string_view::npos, "a snippet that is not a piece of its passage");
    if (dragoman::text::is_valid_utf8(text)) require(dragoman::text::is_valid_utf8(joined), "a snippet cuts a character");
}

/// The text laid out as the indexer lays out a passage (its word terms in a document, their
/// layout made from the document's termlist) marks the same words as analysing it again.
void check_stored_marks(dragoman::text::Analyzer& analyzer, std::string_view text, const std::string& language,
                        const dragoman::TermSet& terms) {
    using namespace dragoman;
    if (text.size() > 8 * max_passage_bytes) return;  // past that, analysis marks only the start
    const auto tokens = analyzer.tokenize(text, language);
    std::vector<schema::WordTerms> word_terms;
    Xapian::Document doc;
    for (const auto& tok : tokens) {
        word_terms.push_back(schema::word_terms(tok, language));
        word_terms.back().for_each([&](const std::string& t) { doc.add_term(t); });
    }
    const auto layout = schema::make_token_layout(tokens, word_terms, schema::sorted_word_terms(doc));
    doc.add_value(schema::slot_token_layout, schema::encode_token_layout(layout));
    const auto stored = marks_from_index(doc, text, terms);
    fuzz::require(stored.has_value(), "a layout just made is not read back");
    const auto analysed = marks_by_analysis(analyzer, text, language, terms);
    fuzz::require(stored->size() == analysed.size(), "the layout and the analysis disagree on the words");
    for (std::size_t i = 0; i < analysed.size(); ++i)
        fuzz::require((*stored)[i].begin == analysed[i].begin && (*stored)[i].end == analysed[i].end &&
                          (*stored)[i].hit == analysed[i].hit,
                      "the layout and the analysis mark different words");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    const auto parts = fuzz::split_once(fuzz::as_text(data, size), std::string_view("\0", 1));
    if (!parts.found || parts.after.empty() || parts.before.size() > max_query_bytes) return 0;
    const auto selector = static_cast<uint8_t>(parts.after[0]);
    const std::string& language = fuzz::language_of(selector);
    const std::size_t max_bytes = 16 + (selector % 16) * 24;
    const auto text = parts.after.substr(1);

    thread_local text::Analyzer analyzer;
    TermSet terms;
    if (auto tree = parse_query(parts.before)) {
        std::vector<std::string> indexed(fuzz::languages().begin() + 1, fuzz::languages().end());
        if (auto built = build_query(**tree, analyzer, QueryContext{indexed, {}, nullptr})) {
            for (auto t = built->query.get_unique_terms_begin(); t != built->query.get_unique_terms_end(); ++t)
                terms.insert(*t);
        }
    }
    check_fragments(highlight(analyzer, text, language, terms), text, true);
    const auto snippet = make_snippet(analyzer, text, language, terms, max_bytes);
    check_fragments(snippet, text, false);
    check_stored_marks(analyzer, text, language, terms);
    // Stored bytes of any kind are read as a layout or refused, never past the text.
    if (auto layout = schema::decode_token_layout(text, 64))
        for (const auto& w : layout->words) fuzz::require(w.begin <= w.end && w.end <= 64, "a decoded word beyond the text");
    // Served as HTML: only the <mark> elements may be markup.
    std::string html = render::snippet_html(snippet);
    for (const std::string tag : {"<mark>", "</mark>"})
        for (auto at = html.find(tag); at != std::string::npos; at = html.find(tag)) html.erase(at, tag.size());
    fuzz::require(html.find_first_of("<>\"") == std::string::npos, "snippet HTML lets markup through");
    return 0;
}
