// Requests and responses of a search, independent of how they are rendered.
#pragma once

#include <cstddef>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/lexicon.hpp"
#include "search/snippet.hpp"

namespace dragoman {

enum class SortOrder { Relevance, Date, DateAscending };

/// The name of a sort order as the `sort` parameter takes it: relevance, date, date-asc.
constexpr std::string_view sort_order_name(SortOrder s) {
    return s == SortOrder::Relevance ? "relevance" : s == SortOrder::Date ? "date" : "date-asc";
}

/// Limits that apply to every request, whatever the caller asks.
inline constexpr std::size_t max_query_bytes = 2048;
inline constexpr std::size_t max_limit = 100;
inline constexpr std::size_t max_offset = 10000;

/// One search. Filters are ANDed with the query (`lang`, `speaker`, ... as typed in the
/// query language's fields); an empty `query` with filters lists the filtered transcripts.
struct SearchRequest {
    std::string query;
    std::size_t limit = 10;
    std::size_t offset = 0;
    SortOrder sort = SortOrder::Relevance;
    std::string lang, speaker, country, source, date_from, date_to;
    bool facets = true;
    bool snippets = true;
    std::size_t snippets_per_result = 3;
    /// The time the search may take. The first tier's match always runs; every later pass
    /// (other tiers, versions, snippets, facets over remote shards, the suggestion) runs
    /// only while time is left, and a response missing one says `timed_out`. 5 s as the
    /// daemon's other limits: under it, the slowest query of the evaluation sets takes
    /// 0.8 s on the corpus ten times over.
    std::chrono::milliseconds time_budget{5000};
    /// Each word is also searched as its best translations into the other indexed
    /// languages (the generation's lexicon, search/lexicon), below the word itself; the
    /// query's `across:yes` asks the same.
    bool across = false;
    /// Translations `across` is not to add, each `LANG:FORM` (`ru:санкц`), as the response's
    /// `across` names them.
    std::vector<std::string> drop;
};

/// The filter parameters a request sets, by parameter name (lang, speaker, country, source,
/// from, to, in that order), values as given.
std::vector<std::pair<std::string_view, std::string>> request_filters(const SearchRequest& r);

/// A passage shown under a result.
struct PassageSnippet {
    std::size_t passage = 0;
    std::string passage_id;  ///< the stable id (permalink), see schema/passage_id.hpp
    std::string speaker;
    std::string language;
    SnippetText text;
    std::string question;  ///< the question an answer replies to, if any
    bool is_question = false;  ///< this passage is itself a question (Q:, Вопрос:, 问：...)
};

/// Another language version of a transcript.
struct VersionRef {
    std::string id, language, title;
};

/// One transcript in the results.
struct SearchHit {
    std::string id, title, date, language, country, source, url;
    std::vector<std::string> speakers;
    std::string group;                ///< language-version group ("" = none)
    std::vector<VersionRef> versions; ///< the group's other versions, by language
    /// Other transcripts of the very same text (slot_copy), which this result stands for, by id
    std::vector<VersionRef> duplicates;
    double score = 0;
    std::size_t matching_passages = 0;
    std::vector<PassageSnippet> snippets;
    std::string best_passage;  ///< id of the best-ranked passage (the one `--cite` quotes)
    /// Times the transcript changed since the history first saw it (`changed:yes` finds it;
    /// /api/history/{id} lists the versions).
    std::size_t changes = 0;
};

/// Facet name → (value, number of matching results with that value), most frequent first.
/// Results are counted as `total` counts them (a transcript with its language versions
/// once), so a facet's count is the total its filter gives: a Russian and an English
/// version of one briefing give language {ru: 1, en: 1} and year {2016: 1}, total 1.
using Facets = std::map<std::string, std::vector<std::pair<std::string, std::size_t>>>;

struct SearchResponse {
    std::string query;
    std::size_t total = 0;          ///< matching results: a transcript and its language versions count once (estimate when not exact)
    bool total_exact = false;
    double took_ms = 0;
    std::optional<std::string> suggestion;
    bool relaxed = false;           ///< no transcript had every word: any-word results
    bool timed_out = false;         ///< the time budget ran out: some results lack snippets, versions or facets, or a tier was left out
    std::vector<SearchHit> results;
    Facets facets;
    bool facets_exact = true;       ///< false when more passages matched than were counted
    std::size_t facet_documents = 0;///< passages counted for the facets
    /// The labels of each speaker in `facets` who is written several ways (the facet shows
    /// the person once, under the name of search/speaker_directory), most passages first.
    std::map<std::string, std::vector<std::string>> speaker_variants;
    bool across = false;                  ///< the words were also searched as their translations
    std::vector<AddedTranslation> added;  ///< the translations `across` added, per word and language
};

/// A whole transcript for display, passages in order, matches marked.
struct TranscriptView {
    SearchHit meta;
    std::vector<PassageSnippet> passages;
    std::size_t hits = 0;
};

}  // namespace dragoman
