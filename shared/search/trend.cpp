// Trend counting: a match spy tallies matching passages per period, speaker and country;
// the index's own term frequencies and speaker slot give the denominators.
#include "search/trend.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>

#include "schema/passage.hpp"
#include "schema/schema.hpp"

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

/// Width of a period's key in a YYYYMMDD date key.
std::size_t key_width(TrendPeriod p) { return p == TrendPeriod::Year ? 4 : 6; }

/// Counts matching passages (not transcripts: every passage is one statement) per
/// period key, per speaker and per country, and per (name, period) for the split.
class TrendSpy final : public Xapian::MatchSpy {
public:
    TrendSpy(TrendPeriod period, TrendSplit split) : m_width(key_width(period)), m_split(split) {}

    void operator()(const Xapian::Document& doc, double) override {
        ++m_counted;
        const std::string date = doc.get_value(schema::slot_date);
        std::string key = date.size() >= m_width ? date.substr(0, m_width) : std::string();
        if (key.empty()) ++m_undated;
        else ++m_periods[key];
        std::string speaker = doc.get_value(schema::slot_speaker);
        // "Question", "Вопрос", ... label a turn, not a person.
        if (!speaker.empty() && is_question_label(speaker)) speaker.clear();
        const std::string country = doc.get_value(schema::slot_country);
        if (!speaker.empty()) ++m_speakers[speaker];
        if (!country.empty()) ++m_countries[country];
        const std::string& name = m_split == TrendSplit::Speaker ? speaker : country;
        if (m_split != TrendSplit::None && !name.empty() && !key.empty()) ++m_split_periods[name][key];
    }

    std::size_t counted() const { return m_counted; }
    std::size_t undated() const { return m_undated; }
    const std::map<std::string, std::size_t>& periods() const { return m_periods; }
    const std::unordered_map<std::string, std::size_t>& speakers() const { return m_speakers; }
    const std::unordered_map<std::string, std::size_t>& countries() const { return m_countries; }
    const std::unordered_map<std::string, std::map<std::string, std::size_t>>& split_periods() const {
        return m_split_periods;
    }

private:
    std::size_t m_width;
    TrendSplit m_split;
    std::size_t m_counted = 0, m_undated = 0;
    std::map<std::string, std::size_t> m_periods;
    std::unordered_map<std::string, std::size_t> m_speakers, m_countries;
    std::unordered_map<std::string, std::map<std::string, std::size_t>> m_split_periods;
};

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

void PassagePopulation::refresh(const Xapian::Database& db) {
    // Any commit changes the document count, the last docid or the total length.
    const std::string key = std::to_string(db.get_doccount()) + ':' + std::to_string(db.get_lastdocid()) + ':' +
                            std::to_string(db.get_total_length());
    if (key == m_key) return;
    // One pass over every passage with the facet machinery (works on local, sharded and
    // remote databases alike); done once per index revision, not per request.
    Xapian::Enquire all(db);
    all.set_query(Xapian::Query::MatchAll);
    all.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(schema::slot_speaker);
    all.add_matchspy(&spy);
    all.get_mset(0, 0, db.get_doccount());
    m_speakers.clear();
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) m_speakers[*v] = v.get_termfreq();
    m_key = key;
}

std::size_t PassagePopulation::speaker(const Xapian::Database& db, const std::string& speaker) {
    refresh(db);
    const auto it = m_speakers.find(speaker);
    return it == m_speakers.end() ? 0 : it->second;
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

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting only: no ranking
    enquire.set_time_limit(trend_time_limit_seconds);
    TrendSpy spy(request.period, request.split);
    enquire.add_matchspy(&spy);
    const Xapian::MSet mset = enquire.get_mset(0, 0, check_bound);

    resp.counted = spy.counted();
    // Above the bound (or past the time limit) the spy saw only the first passages in
    // index order: counts are scaled to Xapian's estimate of the whole match set.
    const std::size_t estimated = std::max<std::size_t>(mset.get_matches_estimated(), resp.counted);
    resp.exact = resp.counted >= mset.get_matches_upper_bound();
    resp.matches = resp.exact ? resp.counted : estimated;
    const double scale = resp.exact || resp.counted == 0 ? 1.0 : static_cast<double>(estimated) / resp.counted;
    auto scaled = [&](std::size_t n) { return static_cast<std::size_t>(std::llround(static_cast<double>(n) * scale)); };
    resp.undated = scaled(spy.undated());

    const auto periods = index_periods(db, request.period);
    std::vector<std::pair<std::string, std::size_t>> kept;  // period key, passages
    for (const auto& [key, passages] : periods)
        if (within(key, request.search.date_from, request.search.date_to)) kept.emplace_back(key, passages);
    auto points_of = [&](const std::map<std::string, std::size_t>& counts) {
        std::vector<TrendPoint> points;
        for (const auto& [key, passages] : kept) {
            TrendPoint p;
            p.period = label(key);
            p.passages = passages;
            const auto it = counts.find(key);
            p.matches = it == counts.end() ? 0 : std::min(passages, scaled(it->second));
            p.per_million = per_million(p.matches, passages);
            points.push_back(std::move(p));
        }
        return points;
    };
    resp.points = points_of(spy.periods());

    if (request.split != TrendSplit::None) {
        std::vector<std::pair<std::string, std::size_t>> names;
        for (const auto& [name, counts] : spy.split_periods()) {
            std::size_t total = 0;
            for (const auto& [key, n] : counts) total += n;
            names.emplace_back(name, total);
        }
        std::sort(names.begin(), names.end(),
                  [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
        if (names.size() > request.series) names.resize(request.series);
        for (const auto& [name, total] : names) {
            TrendSeries s;
            s.name = name;
            s.matches = scaled(total);
            s.points = points_of(spy.split_periods().at(name));
            resp.series.push_back(std::move(s));
        }
    }

    resp.speakers = who_says_it_most(spy.speakers(), scale, request.min_passages, request.who,
                                     [&](const std::string& name) { return population.speaker(db, name); });
    resp.countries = who_says_it_most(spy.countries(), scale, request.min_passages, request.who,
                                      [&](const std::string& name) { return PassagePopulation::country(db, name); });
    resp.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return resp;
}

}  // namespace dragoman
