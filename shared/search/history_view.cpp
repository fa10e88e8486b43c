#include "search/history_view.hpp"

#include <algorithm>
#include <charconv>

#include "index/index_error.hpp"
#include "search/remote_shard.hpp"

namespace dragoman {

namespace {

/// The store of `root`, read-only; Unavailable before the indexer has written one.
Result<TranscriptHistoryStore> open_store(const std::filesystem::path& root) {
    std::error_code ec;
    if (!std::filesystem::exists(TranscriptHistoryStore::path(root), ec))
        return fail(ErrorCode::Unavailable, "no transcript history yet: no index run has written one under " + root.string());
    return TranscriptHistoryStore::open_read_only(root);
}

Result<TranscriptHistory> history_of(const TranscriptHistoryStore& store, const std::string& id) {
    auto h = store.history(id);
    if (!h) return fail(ErrorCode::NotFound, "no history of transcript '" + id + "'");
    return std::move(*h);
}

}  // namespace

Result<std::filesystem::path> history_root(const std::vector<std::string>& roots) {
    for (const auto& r : roots)
        if (!is_remote_location(r)) return std::filesystem::path(r);
    return fail(ErrorCode::Unavailable, "no history: every index root is a remote shard");
}

Result<int> version_param(const std::string& name, const std::string& value) {
    if (value.empty()) return 0;
    int v = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || v < 1)
        return fail(ErrorCode::BadParameter, "'" + name + "' is not a version number: " + value.substr(0, 40));
    return v;
}

Result<TranscriptHistory> read_history(const std::filesystem::path& root, const std::string& id) {
    try {
        const auto store = open_store(root);
        if (!store) return tl::unexpected(store.error());
        return history_of(*store, id);
    } catch (const IndexError& e) {
        return fail(ErrorCode::Unavailable, e.what());
    }
}

Result<VersionDiff> read_version_diff(const std::filesystem::path& root, const std::string& id, int from, int to) {
    try {
        const auto opened = open_store(root);
        if (!opened) return tl::unexpected(opened.error());
        const auto& store = *opened;
        auto h = history_of(store, id);
        if (!h) return tl::unexpected(h.error());
        const int last = static_cast<int>(h->versions.size());
        if (to == 0) to = last;
        if (from == 0) from = std::max(1, to - 1);  // one version: itself, no change
        if (to < 1 || to > last || from < 1 || from > last)
            return fail(ErrorCode::BadParameter, "transcript '" + id + "' has versions 1 to " + std::to_string(last));
        if (from > to) return fail(ErrorCode::BadParameter, "'from' must not be a later version than 'to'");
        const auto a = store.record(id, from);
        const auto b = store.record(id, to);
        if (!a || !b) return fail(ErrorCode::NotFound, "a version of '" + id + "' is gone from the history");
        const auto& versions = h->versions;
        return VersionDiff{id, versions[static_cast<std::size_t>(from - 1)], versions[static_cast<std::size_t>(to - 1)],
                           diff_transcripts(*a, *b)};
    } catch (const IndexError& e) {
        return fail(ErrorCode::Unavailable, e.what());
    }
}

}  // namespace dragoman
