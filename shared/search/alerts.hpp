// Alerts for saved searches: the passages that the index runs since a search was last
// alerted added or changed and that match it, and the transcripts it had been sent that
// were withdrawn since; what was sent is remembered per search, so that no passage is sent
// twice and none is missed when a delivery fails (the search's state then stays as it was).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "index/change_journal.hpp"
#include "search/error.hpp"
#include "search/searcher.hpp"

namespace dragoman {

/// A saved search: a name and a query in the query language (filters included:
/// `speaker:`, `country:`, `source:`, `lang:`, dates).
struct SavedSearch {
    std::string name;
    std::string query;
};

/// What one saved search has been alerted of.
struct SearchAlertState {
    std::string query;      ///< the query last alerted (for the record: a changed query keeps its state)
    std::uint64_t run = 0;  ///< the last index run (ChangeJournal) it has been alerted of
    /// Passage ids sent, by transcript: a passage is never sent twice, and a withdrawn
    /// transcript is reported to the searches it had been sent to.
    std::map<std::string, std::set<std::string>> sent;
};

/// Every saved search's state, by name: the state file's content.
using AlertState = std::map<std::string, SearchAlertState>;

/// The state file's JSON: `{"searches": {NAME: {"query", "run", "sent": {TRANSCRIPT: [PASSAGE...]}}}}`.
nlohmann::json alert_state_json(const AlertState& state);

/// Reads alert_state_json()'s form back; an error says what is wrong.
tl::expected<AlertState, std::string> alert_state_from(const nlohmann::json& j);

/// What one saved search is to be told.
struct AlertBatch {
    SavedSearch search;
    std::uint64_t from_run = 0;  ///< the first run told of (after the state's run)
    std::uint64_t to_run = 0;    ///< the last run told of: the search's state moves here once delivered
    std::vector<WalkedPassage> passages;  ///< new matching passages, oldest first, with snippets
    std::vector<std::string> withdrawn;   ///< transcripts sent before and withdrawn since
    bool cut = false;        ///< more passages matched than one batch holds (max_walk_passages)
    bool timed_out = false;  ///< the walk ran out of time: the batch is not delivered (see collect_alert)
    bool empty() const { return passages.empty() && withdrawn.empty(); }
};

/// The alert of `search` given `state` (its state; a search without one starts at the
/// journal's last run and is told nothing) and the runs published since: the passages of
/// the transcripts those runs added or changed (and that no later run withdrew) that match
/// the search and were not sent, and the withdrawn transcripts it had been sent. A state
/// past the journal's last run (a journal started again) is told of the whole journal. Errors
/// as Searcher::walk_passages; a walk cut by the time limit is an Unavailable error, so
/// that the search is told again in full next time rather than in part now.
Result<AlertBatch> collect_alert(Searcher& searcher, const ChangeJournal& journal, const SavedSearch& search,
                                 const SearchAlertState* state, std::chrono::milliseconds time_budget);

/// The state after `batch` was delivered.
SearchAlertState after_delivery(const SearchAlertState* state, const AlertBatch& batch);

}  // namespace dragoman
