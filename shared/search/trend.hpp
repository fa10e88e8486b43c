// Trends over time: matching passages per year or month, normalised by the passages of
// that period, optionally split by speaker or country, and who says it most.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/error.hpp"
#include "search/speaker_directory.hpp"
#include "search/search_types.hpp"

namespace dragoman {

/// The width of a trend's periods.
enum class TrendPeriod { Year, Month };

/// What a trend's series are split by.
enum class TrendSplit { None, Speaker, Country };

/// Limits on a trend request, whatever the caller asks.
inline constexpr std::size_t max_trend_series = 20;
inline constexpr std::size_t max_trend_who = 50;
inline constexpr std::size_t default_who_min_passages = 20;

/// One trend. `search` carries the query and filters exactly as /api/search reads them
/// (its limit, offset, sort, facets and snippets are ignored).
struct TrendRequest {
    SearchRequest search;
    TrendPeriod period = TrendPeriod::Year;
    TrendSplit split = TrendSplit::None;
    std::size_t series = 5;     ///< series kept when split (most matching passages first)
    std::size_t who = 10;       ///< rows of each "who says it most" table
    std::size_t min_passages = default_who_min_passages;  ///< below this many passages in all, not ranked
};

/// One period of a series: matching passages and their rate among the period's passages.
struct TrendPoint {
    std::string period;          ///< "YYYY" or "YYYY-MM"
    std::size_t matches = 0;     ///< matching passages dated in the period
    std::size_t passages = 0;    ///< all passages of the index dated in the period
    double per_million = 0;      ///< matches per million passages of the period
};

/// The trend of one speaker's or country's matching passages.
struct TrendSeries {
    std::string name;
    std::size_t matches = 0;  ///< over every period
    std::vector<TrendPoint> points;
};

/// One row of "who says it most".
struct WhoRow {
    std::string name;
    std::size_t matches = 0;   ///< matching passages of this speaker or country
    std::size_t passages = 0;  ///< all their passages in the index
    double share = 0;          ///< matches / passages
};

struct TrendResponse {
    std::string query;
    TrendPeriod period = TrendPeriod::Year;
    TrendSplit split = TrendSplit::None;
    std::size_t matches = 0;         ///< matching passages (estimate when !exact)
    std::size_t undated = 0;         ///< matching passages in no period: without a date, or per month dated only to the year
    std::size_t counted = 0;         ///< matching passages actually examined
    bool exact = true;               ///< false: counts (of the total or a series) were scaled up from a sample
    double took_ms = 0;
    std::vector<TrendPoint> points;  ///< every period the index has passages in, oldest first
    std::vector<TrendSeries> series; ///< empty unless split
    std::size_t min_passages = 0;
    std::vector<WhoRow> speakers;    ///< ranked by share, then matches
    std::vector<WhoRow> countries;
};

/// The index's speakers, as persons (search/speaker_directory: every label of a person, per
/// source and year, read once from the facet slot, and shared by the process's
/// PassagePopulations of one index revision), and passages per country (term frequencies);
/// kept between requests while the index is unchanged. Not thread-safe: one per Searcher.
class PassagePopulation {
public:
    /// Passages spoken by the person `speaker` is a label of (by any of their labels).
    std::size_t speaker(const Xapian::Database& db, const std::string& speaker);
    /// Passages of transcripts from `country`.
    static std::size_t country(const Xapian::Database& db, const std::string& country);
    /// The persons behind the index's speaker labels, with the shipped merges file's decisions.
    const SpeakerDirectory& speakers(const Xapian::Database& db);
    /// Names the databases (search/open_index's signature): what a directory shared with
    /// another PassagePopulation must have been read from.
    void set_location(const std::string& location) { m_location = location; }

private:
    void refresh(const Xapian::Database& db);
    std::string m_key;
    std::string m_location;
    std::shared_ptr<const SpeakerDirectory> m_directory = std::make_shared<const SpeakerDirectory>();
};

/// The persons behind `counts` (passages per speaker label): each person's labels' counts
/// added up under the person's name (one label, one passage: the sum counts each once).
/// Labels the directory does not know count under their own.
std::unordered_map<std::string, std::size_t> counts_by_person(const std::unordered_map<std::string, std::size_t>& counts,
                                                               const SpeakerDirectory& directory);

/// Passages labelled with any of the labels of the person called `name` (or `name` itself).
Xapian::Query speaker_labels_query(const SpeakerDirectory& directory, const std::string& name);

/// Passages examined at least before counts are scaled from a sample (Xapian's
/// check_at_least): every match set below this is counted exactly.
inline constexpr Xapian::doccount trend_check_bound = 200000;

/// The trend of the passages matching `query` in `db`. `request` supplies the period,
/// split and limits; `population` the speakers' denominators. A match set above
/// `check_bound` passages, or one cut by the time limit, gives scaled counts (exact = false).
Result<TrendResponse> compute_trend(const Xapian::Database& db, const Xapian::Query& query, const TrendRequest& request,
                                    PassagePopulation& population, Xapian::doccount check_bound = trend_check_bound);

/// The period label of a date key (YYYY, YYYYMM or YYYYMMDD): "" when undated, or per
/// month when the key has no month.
std::string trend_period_of(const std::string& date_key, TrendPeriod period);

/// "year" / "month", "speaker" / "country" / "" for rendering.
const char* trend_period_name(TrendPeriod period);
const char* trend_split_name(TrendSplit split);

}  // namespace dragoman
