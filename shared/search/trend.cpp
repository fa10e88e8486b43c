// Trend counting: Xapian's value-count match spies tally matching passages per date,
// speaker and country; the index's own term frequencies and speaker slot give the denominators.
#include "search/trend.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "search/match_all.hpp"

namespace dragoman {

namespace {

constexpr double trend_time_limit_seconds = 5.0;

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Width of a period's key in a date key (YYYY, YYYYMM or YYYYMMDD).
std::size_t key_width(TrendPeriod p) { return p == TrendPeriod::Year ? 4 : 6; }

/// Values of one slot among the passages a match examined, counted by Xapian's own
/// ValueCountMatchSpy: the one spy that also runs on remote shards (xapian-tcpsrv knows
/// only Xapian's spies).
using ValueCounts = std::unordered_map<std::string, std::size_t>;

ValueCounts counts_of(const Xapian::ValueCountMatchSpy& spy) {
    ValueCounts out;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) out[*v] = v.get_termfreq();
    return out;
}

/// Matching passages per period key of `dates` (slot 0's keys); the rest are in no period:
/// undated, or per month dated only to the year (a year is not spread over its months,
/// and January is not its month).
std::map<std::string, std::size_t> per_period(const ValueCounts& dates, TrendPeriod period) {
    std::map<std::string, std::size_t> out;
    const std::size_t w = key_width(period);
    for (const auto& [date, n] : dates)
        if (date.size() >= w) out[date.substr(0, w)] += n;
    return out;
}

/// One match of `query` counting dates (and speakers and countries when asked): the
/// passages examined, Xapian's estimate of all matching ones, and the counts.
struct MatchCounts {
    std::size_t counted = 0;
    std::size_t estimated = 0;
    bool exact = true;
    ValueCounts dates, speakers, countries;
};

MatchCounts count_matches(const Xapian::Database& db, const Xapian::Query& query, bool who,
                          Xapian::doccount check_bound, double seconds) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting only: no ranking
    enquire.set_time_limit(std::max(seconds, 0.001));  // 0 would mean no limit
    Xapian::ValueCountMatchSpy dates(schema::slot_date), speakers(schema::slot_speaker), countries(schema::slot_country);
    enquire.add_matchspy(&dates);
    if (who) {
        enquire.add_matchspy(&speakers);
        enquire.add_matchspy(&countries);
    }
    const Xapian::MSet mset = enquire.get_mset(0, 0, check_bound);
    MatchCounts out;
    out.counted = dates.get_total();
    // Above the bound (or past the time limit) the spies saw only the first passages in
    // index order: counts are scaled to Xapian's estimate of the whole match set.
    out.exact = out.counted >= mset.get_matches_upper_bound();
    out.estimated = out.exact ? out.counted : std::max<std::size_t>(mset.get_matches_estimated(), out.counted);
    out.dates = counts_of(dates);
    if (who) {
        out.speakers = counts_of(speakers);
        out.countries = counts_of(countries);
        // "Question", "Вопрос", ... label a turn, not a person.
        std::erase_if(out.speakers, [](const auto& kv) { return is_question_label(kv.first); });
    }
    return out;
}

double scale_of(const MatchCounts& m) {
    return m.exact || m.counted == 0 ? 1.0 : static_cast<double>(m.estimated) / static_cast<double>(m.counted);
}

/// Passages per period key in the whole index: the term frequency of each year or month
/// term, so no document is read.
std::map<std::string, std::size_t> index_periods(const Xapian::Database& db, TrendPeriod period) {
    const std::string prefix(period == TrendPeriod::Year ? schema::prefix_year : schema::prefix_month);
    std::map<std::string, std::size_t> out;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string key = (*t).substr(prefix.size());
        if (key.size() == key_width(period) && all_digits(key)) out[key] = t.get_termfreq();
    }
    return out;
}

/// True when period key `key` overlaps [from, to] (YYYY, YYYY-MM or YYYY-MM-DD, "" = open).
bool within(const std::string& key, const std::string& from, const std::string& to) {
    auto digits = [](const std::string& d) {
        std::string s;
        for (char c : d)
            if (c != '-') s += c;
        return s;
    };
    const std::string f = digits(from).substr(0, key.size()), t = digits(to).substr(0, key.size());
    return (f.empty() || key.substr(0, f.size()) >= f) && (t.empty() || key.substr(0, t.size()) <= t);
}

std::string label(const std::string& key) {
    return key.size() == 6 ? key.substr(0, 4) + "-" + key.substr(4, 2) : key;
}

double per_million(std::size_t matches, std::size_t passages) {
    return passages == 0 ? 0.0 : static_cast<double>(matches) * 1e6 / static_cast<double>(passages);
}

/// Ranks `matched` names by the share of their own passages that match; names with
/// fewer than `min_passages` passages in all are left out.
template <typename Denominator>
std::vector<WhoRow> who_says_it_most(const std::unordered_map<std::string, std::size_t>& matched, double scale,
                                     std::size_t min_passages, std::size_t keep, Denominator&& passages_of) {
    std::vector<WhoRow> rows;
    for (const auto& [name, count] : matched) {
        WhoRow r;
        r.name = name;
        r.passages = passages_of(name);
        if (r.passages < min_passages || r.passages == 0) continue;
        r.matches = std::min(r.passages, static_cast<std::size_t>(std::llround(static_cast<double>(count) * scale)));
        r.share = static_cast<double>(r.matches) / static_cast<double>(r.passages);
        rows.push_back(std::move(r));
    }
    std::sort(rows.begin(), rows.end(), [](const WhoRow& a, const WhoRow& b) {
        if (a.share != b.share) return a.share > b.share;
        if (a.matches != b.matches) return a.matches > b.matches;
        return a.name < b.name;
    });
    if (rows.size() > keep) rows.resize(keep);
    return rows;
}

}  // namespace

const char* trend_period_name(TrendPeriod period) { return period == TrendPeriod::Year ? "year" : "month"; }

const char* trend_split_name(TrendSplit split) {
    switch (split) {
        case TrendSplit::Speaker: return "speaker";
        case TrendSplit::Country: return "country";
        case TrendSplit::None: break;
    }
    return "";
}

std::string trend_period_of(const std::string& date_key, TrendPeriod period) {
    const std::size_t w = key_width(period);
    return date_key.size() >= w ? label(date_key.substr(0, w)) : std::string();
}

namespace {

/// The speaker directories of the index revisions searched last, shared by every
/// PassagePopulation of the process (the daemon's threads).
class SharedDirectories {
public:
    std::shared_ptr<const SpeakerDirectory> find(const std::string& key) {
        std::lock_guard lock(m_mutex);
        for (const auto& [k, d] : m_entries)
            if (k == key) return d;
        return nullptr;
    }
    void add(const std::string& key, std::shared_ptr<const SpeakerDirectory> directory) {
        std::lock_guard lock(m_mutex);
        if (m_entries.size() >= 4) m_entries.erase(m_entries.begin());  // revisions since replaced
        m_entries.emplace_back(key, std::move(directory));
    }

private:
    std::mutex m_mutex;
    std::vector<std::pair<std::string, std::shared_ptr<const SpeakerDirectory>>> m_entries;
};

SharedDirectories& shared_directories() {
    static SharedDirectories directories;
    return directories;
}

}  // namespace

void PassagePopulation::refresh(const Xapian::Database& db) {
    // One local database has a revision that every commit raises; shards and remote
    // databases have none, and there a commit changes the passage count, the last docid or
    // the total length (only a passage replaced by another of exactly the same length
    // would go unnoticed until the next change).
    std::string key = std::to_string(db.get_doccount()) + ':' + std::to_string(db.get_lastdocid()) + ':' +
                      std::to_string(db.get_total_length());
    try {
        key += ':' + std::to_string(db.get_revision());
    } catch (const Xapian::InvalidOperationError&) {  // several databases
    } catch (const Xapian::UnimplementedError&) {     // a remote one
    }
    // The daemon's searchers (one per thread) share one directory per index revision: its
    // pass over every passage and its grouping cost 117 ms on the real corpus (82,000
    // passages, 7,000 labels) once ICU has transliterated the labels' words (705 ms the
    // first time in a process).
    key += '@' + m_location;
    if (key == m_key) return;
    const bool shareable = !m_location.empty();  // else another index could have this key
    if (auto shared = shareable ? shared_directories().find(key) : nullptr) {
        m_directory = std::move(shared);
        m_key = std::move(key);
        return;
    }
    // One pass over every passage with the facet machinery (works on local, sharded and
    // remote databases alike); done once per index revision, not per request. The facet
    // slot gives each label's source, the evidence a surname alone is placed by.
    Xapian::Enquire all(db);
    all.set_query(match_all());
    all.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(schema::slot_facets);
    all.add_matchspy(&spy);
    all.get_mset(0, 0, db.get_doccount());
    std::vector<SpeakerLabel> labels;  // per label, source and year (and language, country: one row each)
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        const std::string facet_key = *v;  // the values below are views into it
        const auto values = schema::split_facet_values_key(facet_key);
        if (values.size() < 5 || values[2].empty() || is_question_label(values[2])) continue;
        labels.push_back({std::string(values[2]), std::string(values[4]), std::string(values[0]), v.get_termfreq()});
    }
    m_directory = std::make_shared<const SpeakerDirectory>(labels, SpeakerMerges::shipped());
    if (shareable) shared_directories().add(key, m_directory);
    m_key = std::move(key);
}

std::size_t PassagePopulation::speaker(const Xapian::Database& db, const std::string& speaker) {
    const Person* p = speakers(db).person_of(speaker);
    return p ? p->passages : 0;
}

const SpeakerDirectory& PassagePopulation::speakers(const Xapian::Database& db) {
    refresh(db);
    return *m_directory;
}

std::unordered_map<std::string, std::size_t> counts_by_person(const std::unordered_map<std::string, std::size_t>& counts,
                                                               const SpeakerDirectory& directory) {
    std::unordered_map<std::string, std::size_t> out;
    for (const auto& [label, n] : counts) out[directory.name_of(label)] += n;
    return out;
}

Xapian::Query speaker_labels_query(const SpeakerDirectory& directory, const std::string& name) {
    const Person* p = directory.person_of(name);
    if (!p) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_speaker, name, name);
    std::vector<Xapian::Query> labels;
    for (const auto& v : p->variants) labels.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot_speaker, v, v);
    return Xapian::Query(Xapian::Query::OP_OR, labels.begin(), labels.end());
}

std::size_t PassagePopulation::country(const Xapian::Database& db, const std::string& country) {
    return db.get_termfreq(schema::term(schema::prefix_country, lower_ascii(country)));
}

Result<TrendResponse> compute_trend(const Xapian::Database& db, const Xapian::Query& query, const TrendRequest& request,
                                    PassagePopulation& population, Xapian::doccount check_bound) {
    const auto started = std::chrono::steady_clock::now();
    TrendResponse resp;
    resp.query = request.search.query;
    resp.period = request.period;
    resp.split = request.split;
    resp.min_passages = request.min_passages;

    // One time limit for the whole request, however many series it asks for.
    auto seconds_left = [&] {
        return trend_time_limit_seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    MatchCounts all = count_matches(db, query, true, check_bound, seconds_left());
    const SpeakerDirectory& directory = population.speakers(db);
    all.speakers = counts_by_person(all.speakers, directory);
    resp.counted = all.counted;
    resp.exact = all.exact;
    resp.matches = all.estimated;
    const double scale = scale_of(all);
    auto scaled = [](std::size_t n, double by) { return static_cast<std::size_t>(std::llround(static_cast<double>(n) * by)); };

    const auto periods = index_periods(db, request.period);
    std::vector<std::pair<std::string, std::size_t>> kept;  // period key, passages
    for (const auto& [key, passages] : periods)
        if (within(key, request.search.date_from, request.search.date_to)) kept.emplace_back(key, passages);
    auto points_of = [&](const std::map<std::string, std::size_t>& counts, double by) {
        std::vector<TrendPoint> points;
        for (const auto& [key, passages] : kept) {
            TrendPoint p;
            p.period = label(key);
            p.passages = passages;
            const auto it = counts.find(key);
            p.matches = it == counts.end() ? 0 : std::min(passages, scaled(it->second, by));
            p.per_million = per_million(p.matches, passages);
            points.push_back(std::move(p));
        }
        return points;
    };
    const auto dated = per_period(all.dates, request.period);
    std::size_t dated_count = 0;
    for (const auto& [key, n] : dated) dated_count += n;
    resp.undated = scaled(all.counted - dated_count, scale);
    resp.points = points_of(dated, scale);

    if (request.split != TrendSplit::None) {
        // The most matching names, then one more match per name restricted to it: the
        // per-period counts of a name cannot come from one spy per slot.
        const ValueCounts& names = request.split == TrendSplit::Speaker ? all.speakers : all.countries;
        std::vector<std::pair<std::string, std::size_t>> top(names.begin(), names.end());
        std::sort(top.begin(), top.end(),
                  [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
        // A name whose matches are all undated or outside the periods shown has no line to
        // draw: the next name takes its place, within twice the passes asked for.
        if (top.size() > 2 * request.series) top.resize(2 * request.series);
        for (const auto& [name, count] : top) {
            if (resp.series.size() >= request.series) break;
            const Xapian::Query only =
                request.split == TrendSplit::Speaker
                    ? speaker_labels_query(directory, name)
                    : Xapian::Query(schema::term(schema::prefix_country, lower_ascii(name)));
            const MatchCounts one =
                count_matches(db, Xapian::Query(Xapian::Query::OP_FILTER, query, only), false, check_bound, seconds_left());
            resp.exact = resp.exact && one.exact;
            TrendSeries s;
            s.name = name;
            s.matches = one.estimated;
            s.points = points_of(per_period(one.dates, request.period), scale_of(one));
            if (std::none_of(s.points.begin(), s.points.end(), [](const TrendPoint& p) { return p.matches > 0; })) continue;
            resp.series.push_back(std::move(s));
        }
    }

    resp.speakers = who_says_it_most(all.speakers, scale, request.min_passages, request.who,
                                     [&](const std::string& name) { return population.speaker(db, name); });
    resp.countries = who_says_it_most(all.countries, scale, request.min_passages, request.who,
                                      [&](const std::string& name) { return PassagePopulation::country(db, name); });
    resp.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return resp;
}

}  // namespace dragoman
