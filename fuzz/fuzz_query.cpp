// Fuzz target: the query parser, then the query builder on every tree it accepts
// (strict and relaxed, against an index holding every language the analyzer knows).
#include <xapian.h>

#include "fuzz_languages.hpp"
#include "fuzz_support.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "search/search_types.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    // The daemon and the CLI refuse longer queries before parsing.
    if (size > max_query_bytes) return 0;
    const auto query = fuzz::as_text(data, size);
    auto tree = parse_query(query);
    if (!tree) {
        fuzz::require(!tree.error().message.empty(), "a BadQuery without a message");
        return 0;
    }
    fuzz::require(*tree != nullptr, "an accepted query without a tree");
    (void)(*tree)->describe();
    (void)restricted_language(**tree);

    thread_local text::Analyzer analyzer;
    std::vector<std::string> indexed(fuzz::languages().begin() + 1, fuzz::languages().end());
    const QueryContext context{indexed, restricted_language(**tree), nullptr};
    auto built = build_query(**tree, analyzer, context);
    if (!built) {
        fuzz::require(!built.error().message.empty(), "a build error without a message");
        return 0;
    }
    for (const auto* q : {&built->query, &built->relaxed, &built->marked}) {
        (void)q->get_description();
        for (auto t = q->get_unique_terms_begin(); t != q->get_unique_terms_end(); ++t)
            fuzz::require((*t).size() <= 245, "a query term longer than Xapian allows");
    }
    return 0;
}
