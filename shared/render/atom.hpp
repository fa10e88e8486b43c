// The Atom feed (RFC 4287) of a search: its newest matching passages, one entry each.
#pragma once

#include <string>
#include <vector>

#include "search/passage_walk.hpp"
#include "search/search_types.hpp"

namespace dragoman::render {

/// Entries of a feed: a reader polls it, so the newest passages are enough.
inline constexpr std::size_t feed_entries = 50;

/// Where a feed is served.
struct FeedContext {
    /// Base URL of the daemon ("http://host:8080"): permalinks, the feed's own URL and the
    /// search page are absolute under it. "" when unknown: ids are then `urn:dragoman:`
    /// names and links paths.
    std::string base_url;
    /// The query string that asks for this feed again (and the page for this search).
    std::string query_string;
    /// The feed's `updated` when it has no entry: RFC 3339 (utc_now()).
    std::string now;
};

/// RFC 3339 UTC time of a transcript date: its first day at midnight ("2021" →
/// "2021-01-01T00:00:00Z", "2021-09" → "2021-09-01T00:00:00Z"); the Unix epoch for a date
/// that is not one.
std::string atom_time(std::string_view date);

/// The feed of `search`'s passages, in the order given (the caller walks them newest
/// first). The feed's id is its own URL; its title names the query and filters; `updated`
/// is the newest entry's. Each entry's id is the passage's permalink (stable across
/// reindexing: passage ids are), with a rel=alternate link to it; its title gives speaker,
/// date and the transcript's title; `updated` and `published` the transcript's date; its
/// summary (type="html") the snippet with the query's words in <mark>; author the speaker.
/// Every string is sanitized (no character XML 1.0 forbids) and escaped: no transcript or
/// query text becomes markup.
std::string atom_feed(const SearchRequest& search, const std::vector<WalkedPassage>& passages,
                      const FeedContext& context);

}  // namespace dragoman::render
