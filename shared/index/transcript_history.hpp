// Every version of every transcript the indexer has seen, in DBROOT/history: kept across
// full rebuilds, the pruning of generations and kill -9, tied to the change journal's runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/change_journal.hpp"
#include "index/passage_document.hpp"
#include "schema/transcript.hpp"

namespace dragoman {

/// One version of a transcript: a record hash the indexer saw, from one run to another.
struct HistoryVersion {
    int version = 0;               ///< 1, 2, ... in the order they were seen
    std::string hash;              ///< record_hash(): text and metadata
    std::uint64_t first_run = 0;   ///< the history's run that first saw it
    std::string first_seen;        ///< UTC time of that run
    std::string last_seen;         ///< UTC time of the last run that still saw it
    std::string withdrawn;         ///< UTC time of the run that found it gone; empty if not
    bool restored = false;         ///< the same record as the version before, back after a withdrawal
    /// When the transcript is one language version of a group (its `group`) and this version
    /// changed while no other language version of the group changed in the same run: its
    /// language ("changed in ru only"); empty otherwise.
    std::string changed_alone;
};

/// The versions of one transcript, oldest first.
struct TranscriptHistory {
    std::string id;
    std::vector<HistoryVersion> versions;
    /// Versions that changed the record (a restoration of the same record is not a change).
    int changes() const;
};

/// A record as the history stores it (JSON: the fields of corpus/FORMAT.md), and back.
std::string transcript_record_json(const Transcript& t);
std::optional<Transcript> transcript_from_record_json(const std::string& json);

/// DBROOT/history/history.sqlite (SQLite, rollback journal, synchronous=FULL): a run's
/// versions, withdrawals and its own row go in one transaction, committed by finish_run()
/// after the change journal's pending entry is written and before the run's changes become
/// visible; ChangeJournal::recover() calls discard_run() for a pending entry it removes,
/// before removing it. So after any kill the store holds exactly the versions of the runs
/// that published. Written only by the indexer holding the DBROOT lock; the daemon and the
/// command line open it read-only. Every failure throws IndexError.
class TranscriptHistoryStore {
public:
    /// Opens the store under `root` for writing (creating it), or read-only. A read-only
    /// store that does not exist yet answers no history at all.
    static TranscriptHistoryStore open_for_writing(const std::filesystem::path& root);
    static TranscriptHistoryStore open_read_only(const std::filesystem::path& root);
    /// Where the store of DBROOT `root` is.
    static std::filesystem::path path(const std::filesystem::path& root);
    ~TranscriptHistoryStore();
    TranscriptHistoryStore(TranscriptHistoryStore&&) noexcept;
    TranscriptHistoryStore& operator=(TranscriptHistoryStore&&) noexcept;

    /// Writer, before a run reads its sources: loads each transcript's current hash.
    void begin_run();
    /// Writer, for each record the run accepts (one thread): keeps it, compressed, when its
    /// hash is not the current version's (a new transcript, a change, a restoration), and
    /// tells what its index terms should say.
    ChangeMark offer(const Transcript& t, const std::string& hash);
    /// Writer, before the run's changes become visible: writes the kept records as new
    /// versions and marks `withdrawn`, as run `journal_run` of the change journal (0: the
    /// run wrote no journal entry), seen at `at`, in one transaction. Returns the history's
    /// number of the run.
    std::uint64_t finish_run(const std::vector<std::string>& withdrawn, std::uint64_t journal_run,
                             const std::string& at);
    /// Writer: removes what journal run `journal_run` wrote (it never became visible).
    void discard_run(std::uint64_t journal_run);

    /// The versions of `id`; nullopt when the history never saw it.
    std::optional<TranscriptHistory> history(const std::string& id) const;
    /// The record of version `version` of `id`; nullopt when there is none.
    std::optional<Transcript> record(const std::string& id, int version) const;

private:
    struct Impl;
    explicit TranscriptHistoryStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dragoman
