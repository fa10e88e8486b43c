// A transcript's history read back for the daemon and the command line: its versions from
// DBROOT/history, and the difference between two of them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "index/transcript_history.hpp"
#include "search/error.hpp"
#include "search/transcript_diff.hpp"

namespace dragoman {

/// Two versions of a transcript and what changed from one to the other.
struct VersionDiff {
    std::string id;
    HistoryVersion from;
    HistoryVersion to;
    TranscriptDiff diff;
};

/// The DBROOT whose history answers for an index served from `roots` (DBROOTs or remote
/// shards): the first local one. Errors: Unavailable when every root is remote.
Result<std::filesystem::path> history_root(const std::vector<std::string>& roots);

/// A version number as a request gives it ("" is 0, the default). Errors: BadParameter.
Result<int> version_param(const std::string& name, const std::string& value);

/// The versions of transcript `id` in the history under `root` (a DBROOT), opened
/// read-only. Errors: NotFound (the history never saw it), Unavailable (no index run has
/// written a store yet, or it cannot be read: a killed writer's hot journal waits for the
/// next run, which rolls it back).
Result<TranscriptHistory> read_history(const std::filesystem::path& root, const std::string& id);

/// Version `from` → version `to` of `id`; 0 for `from` means the version before `to` (or
/// `to` itself when it is the first), 0 for `to` the last version. Errors: as
/// read_history(), and BadParameter for a version that is not there or `from` > `to`.
Result<VersionDiff> read_version_diff(const std::filesystem::path& root, const std::string& id, int from, int to);

}  // namespace dragoman
