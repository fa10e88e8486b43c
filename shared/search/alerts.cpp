#include "search/alerts.hpp"

#include "index/index_error.hpp"

namespace dragoman {

using nlohmann::json;

json alert_state_json(const AlertState& state) {
    json searches = json::object();
    for (const auto& [name, s] : state) {
        json sent = json::object();
        for (const auto& [transcript, passages] : s.sent) sent[transcript] = passages;
        searches[name] = {{"query", s.query}, {"run", s.run}, {"sent", std::move(sent)}};
    }
    return {{"searches", std::move(searches)}};
}

tl::expected<AlertState, std::string> alert_state_from(const json& j) {
    try {
        AlertState out;
        for (const auto& [name, s] : j.at("searches").items()) {
            SearchAlertState state;
            state.query = s.at("query").get<std::string>();
            state.run = s.at("run").get<std::uint64_t>();
            for (const auto& [transcript, passages] : s.at("sent").items())
                state.sent[transcript] = passages.get<std::set<std::string>>();
            out.emplace(name, std::move(state));
        }
        return out;
    } catch (const json::exception& e) {
        return tl::unexpected(std::string("not an alert state: ") + e.what());
    }
}

namespace {

/// The transcripts `entries` leave added or changed, and those they leave withdrawn: a
/// later run's word on a transcript replaces an earlier one's.
void net_changes(const std::vector<JournalEntry>& entries, std::set<std::string>& touched, std::set<std::string>& gone) {
    for (const auto& e : entries) {
        for (const auto* list : {&e.changes.added, &e.changes.changed})
            for (const auto& id : *list) {
                touched.insert(id);
                gone.erase(id);
            }
        for (const auto& id : e.changes.withdrawn) {
            gone.insert(id);
            touched.erase(id);
        }
    }
}

}  // namespace

Result<AlertBatch> collect_alert(Searcher& searcher, const ChangeJournal& journal, const SavedSearch& search,
                                 const SearchAlertState* state, std::chrono::milliseconds time_budget) {
    AlertBatch batch;
    batch.search = search;
    std::vector<JournalEntry> entries;
    try {
        const std::uint64_t last = journal.last();
        // A journal that ends before the state's run was started again (a new DBROOT): the
        // search is told of all of it; the passages it was sent are not sent again.
        const std::uint64_t after = !state ? last : state->run > last ? 0 : state->run;
        batch.from_run = after + 1;
        batch.to_run = after;
        if (!state) return batch;  // a new search is told of what comes after it
        entries = journal.since(after);
    } catch (const IndexError& e) {
        return fail(ErrorCode::Unavailable, e.what());
    }
    if (entries.empty()) return batch;
    batch.to_run = entries.back().run;
    std::set<std::string> touched, gone;
    net_changes(entries, touched, gone);
    for (const auto& id : gone)
        if (state->sent.count(id)) batch.withdrawn.push_back(id);
    if (touched.empty()) return batch;

    PassageWalkRequest walk;
    walk.search.query = search.query;
    walk.search.sort = SortOrder::DateAscending;
    walk.search.time_budget = time_budget;
    walk.snippets = true;
    walk.transcripts.assign(touched.begin(), touched.end());
    PassageVisitor visitor{[](const PassageWalkStart&) { return true; },
                           [&](const WalkedPassage& p) {
                               const auto sent = state->sent.find(p.passage.transcript_id);
                               if (sent == state->sent.end() || !sent->second.count(p.passage.passage_id))
                                   batch.passages.push_back(p);
                               return true;
                           }};
    auto end = searcher.walk_passages(walk, visitor);
    if (!end) return tl::unexpected(end.error());
    if (end->timed_out) return fail(ErrorCode::Unavailable, "the search '" + search.name + "' ran out of time; it is told next time");
    batch.cut = end->cut;
    return batch;
}

SearchAlertState after_delivery(const SearchAlertState* state, const AlertBatch& batch) {
    SearchAlertState next = state ? *state : SearchAlertState{};
    next.query = batch.search.query;
    next.run = batch.to_run;
    for (const auto& id : batch.withdrawn) next.sent.erase(id);
    for (const auto& p : batch.passages) next.sent[p.passage.transcript_id].insert(p.passage.passage_id);
    return next;
}

}  // namespace dragoman
