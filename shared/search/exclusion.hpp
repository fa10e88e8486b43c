// The transcript-level exclusion of a query plan: `-word` and NOT leave out whole
// transcripts, since a result is a transcript, in every tier and every pass.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_set>

#include "search/time_budget.hpp"

namespace dragoman {

/// Rejects the passages of excluded transcripts: one hash lookup per candidate, where an
/// AND_NOT with an OR of thousands of id terms cost far more (`world -peace` on the real
/// corpus: 316 ms → 83 ms).
struct TranscriptExcluder final : Xapian::MatchDecider {
    std::unordered_set<std::string> ids;
    bool operator()(const Xapian::Document& doc) const override;
};

/// Which transcripts a plan excludes, and how a match leaves them out: on local databases a
/// match decider rejects their passages; remote shards cannot run one and get an AND_NOT of
/// their id terms. Owned by one request; not copyable (the decider is handed to Xapian by
/// address).
class Exclusion {
public:
    Exclusion() = default;
    Exclusion(const Exclusion&) = delete;
    Exclusion& operator=(const Exclusion&) = delete;

    /// Lists the transcripts with a passage matching `excluded` (a value-count spy over
    /// every match, ranking nothing), unless `excluded` is empty or the budget is spent:
    /// then the passage-level exclusion that every tier's query carries is what applies.
    void list(const Xapian::Database& db, const Xapian::Query& excluded, bool remote, TimeBudget& budget);

    /// The decider for a local match; nullptr when nothing is excluded or shards are remote.
    const Xapian::MatchDecider* local() const { return m_ids.empty() || m_remote ? nullptr : &m_decider; }
    /// `q` as a match runs it: over remote shards, without the excluded transcripts' id
    /// terms; otherwise `q` itself (local() applies).
    Xapian::Query applied_to(const Xapian::Query& q) const;
    /// A weightless filter of every passage but the excluded transcripts' (empty when none
    /// is excluded), for passes that take no decider (transcript_coverage).
    Xapian::Query as_filter() const;

private:
    TranscriptExcluder m_decider;
    Xapian::Query m_ids;  // OR of the excluded transcripts' id terms (empty: none)
    bool m_remote = false;
};

}  // namespace dragoman
