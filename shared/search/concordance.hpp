// A concordance (keyword in context): every occurrence of a query's words in the passages a
// search matches, with the words before and after it, from the words the walk marks
// (search/passage_walk with marks: the token layout the indexer stored and the passage's
// termlist, search/snippet's mark_passage), never from a scan of the text for the words.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/error.hpp"
#include "search/passage_walk.hpp"
#include "search/search_types.hpp"
#include "search/speaker_directory.hpp"

namespace dragoman {

/// The most lines one concordance lists, whatever the caller asks: a common word's
/// occurrences are cut here (in the walk's order, before sorting) and the answer says `cut`.
inline constexpr std::size_t max_concordance_lines = 2000;

/// Words of context on each side: by default, and at most.
inline constexpr std::size_t default_concordance_context = 8;
inline constexpr std::size_t max_concordance_context = 30;

/// The order of the lines: the walk's (relevance or date, as the search's `sort`), or by
/// the folded words before the keyword (nearest first: L1, then L2, ...), after it (R1,
/// R2, ...), or by the folded keyword. Ties keep the walk's order.
enum class ConcordanceSort { Walk, Left, Right, Keyword };

/// Lines grouped by the year of their transcript's date, or by their speaker (the person of
/// search/speaker_directory: one person's labels in any script are one group).
enum class ConcordanceGroup { None, Year, Speaker };

/// The names the `sort` and `group` parameters take: left, right, keyword (Walk has none:
/// the search's own order names it); year, speaker, none.
std::string_view concordance_sort_name(ConcordanceSort sort);
std::string_view concordance_group_name(ConcordanceGroup group);

/// One concordance. `search` carries the query, the filters, the walk's order and the time
/// budget as /api/search reads them; its limit, offset, facets and snippets are ignored.
struct ConcordanceRequest {
    SearchRequest search;
    std::size_t context = default_concordance_context;  ///< words each side (at most max_concordance_context)
    std::size_t limit = max_concordance_lines;          ///< lines (at most max_concordance_lines)
    ConcordanceSort sort = ConcordanceSort::Walk;
    ConcordanceGroup group = ConcordanceGroup::None;
};

/// One occurrence. `left`, `keyword` and `right` are the passage's bytes as stored (render/
/// sanitizes them and puts them on one line): `left` runs from the start of the context's
/// first word (or of the passage) to the keyword, `right` from the keyword to the end of
/// the context's last word (or of the passage). Left and right are the text's logical
/// order: before and after, whatever the script's direction.
struct ConcordanceLine {
    std::string passage_id;     ///< the passage's stable id (permalink)
    std::string transcript_id;
    std::string date, speaker, language;  ///< the transcript's date, the passage's speaker label and language
    std::string group;          ///< the year, or the speaker's person; "" ungrouped, undated or unknown
    std::string left, keyword, right;
    bool more_left = false;     ///< the passage goes on before `left`
    bool more_right = false;    ///< the passage goes on after `right`
    /// Sort keys: the context's words and the keyword folded as the index folds them
    /// (text::folded_form of text::exact_form in the passage's language), nearest first.
    std::vector<std::string> left_keys, right_keys;
    std::string keyword_key;
};

/// A group's key and how many of the lines it holds.
struct ConcordanceGroupCount {
    std::string key;
    std::size_t lines = 0;
};

struct ConcordanceResponse {
    std::string query;
    std::size_t context = default_concordance_context;
    ConcordanceSort sort = ConcordanceSort::Walk;
    SortOrder order = SortOrder::Relevance;  ///< the walk's order (the lines' under ConcordanceSort::Walk)
    ConcordanceGroup group = ConcordanceGroup::None;
    /// Grouped: by group (years ascending, undated last; speakers by most lines, then name),
    /// then by `sort`. Ungrouped: by `sort`.
    std::vector<ConcordanceLine> lines;
    std::vector<ConcordanceGroupCount> groups;  ///< in the lines' order; empty when ungrouped
    std::size_t matches = 0;   ///< passages matching (Xapian's estimate when the walk was cut)
    std::size_t passages = 0;  ///< passages read
    bool cut = false;          ///< occurrences were left out: the line limit or the walk's passage bound
    bool timed_out = false;    ///< the time budget ended the walk: later passages were not read
    double took_ms = 0;
};

/// Builds a concordance from a passage walk: what Searcher::concordance runs, apart so that
/// the lines of a passage can be tested on their own.
class ConcordanceBuilder {
public:
    /// Reads `request`, its context and limit bounded. A phrase in its query makes a run of
    /// adjacent marked words one keyword; otherwise each marked word is one.
    explicit ConcordanceBuilder(const ConcordanceRequest& request);

    /// The walk to run: the request's search, every passage up to max_walk_passages, marked.
    PassageWalkRequest walk_request() const;

    /// The visitor of that walk: lines from each passage, and the walk stopped once a line
    /// beyond the limit is found.
    PassageVisitor visitor();

    /// The lines of `passage`'s marked words, appended (what the visitor does with each).
    /// False once the limit is reached with occurrences left over.
    bool add_passage(const WalkedPassage& passage);

    /// The response once the walk ended with `end`: lines grouped (speakers by
    /// `persons`, which may be null: then by label) and sorted.
    ConcordanceResponse finish(const PassageWalkEnd& end, const SpeakerDirectory* persons);

private:
    ConcordanceRequest m_request;
    bool m_join_runs = false;
    bool m_full = false;
    std::chrono::steady_clock::time_point m_start;
    ConcordanceResponse m_response;
};

}  // namespace dragoman
