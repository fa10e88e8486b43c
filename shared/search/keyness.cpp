#include "search/keyness.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "schema/token_layout.hpp"
#include "text/stopwords.hpp"
#include "util/assert.hpp"

namespace dragoman {
namespace {

/// Accepts every k-th document it is asked about: with BoolWeight the matcher asks in
/// docid order, so the accepted passages are spread evenly over the index.
class EveryKth : public Xapian::MatchDecider {
public:
    explicit EveryKth(Xapian::doccount k) : m_k(k) { DRAGOMAN_ASSERT(k >= 1); }
    bool operator()(const Xapian::Document&) const override { return m_seen++ % m_k == 0; }

private:
    Xapian::doccount m_k;
    mutable Xapian::doccount m_seen = 0;
};

bool is_prefixed(std::string_view term) { return !term.empty() && term.front() >= 'A' && term.front() <= 'Z'; }

bool listable(std::string_view word) {
    if (word.size() == 1) return false;  // a letter alone: an initial, the Q of "Q:", a possessive's s
    if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return !text::is_stopword(word, "");
}

double x_log(double x, double e) { return x > 0 ? x * std::log(x / e) : 0.0; }

/// The words `mine` uses more than `other`, best first, `limit` of them.
std::vector<KeyWord> over_used(const WordCounts& mine, const WordCounts& other, std::size_t limit,
                               std::size_t min_count) {
    std::vector<KeyWord> out;
    if (mine.total == 0) return out;
    const double tm = static_cast<double>(mine.total);
    const double to = other.total ? static_cast<double>(other.total) : 1.0;
    for (const auto& [word, count] : mine.counts) {
        if (count < min_count || !listable(word)) continue;
        const auto found = other.counts.find(word);
        const std::uint64_t other_count = found == other.counts.end() ? 0 : found->second;
        if (count / tm <= other_count / to) continue;
        KeyWord k;
        k.word = word;
        k.count = count;
        k.other_count = other_count;
        k.log_likelihood = log_likelihood(count, mine.total, other_count, other.total);
        if (k.log_likelihood < keyness_min_log_likelihood) continue;
        k.per_million = count * 1e6 / tm;
        k.other_per_million = other_count * 1e6 / to;
        k.log_ratio = std::log2((count / tm) / ((other_count ? other_count : 0.5) / to));
        out.push_back(std::move(k));
    }
    const auto by_strength = [](const KeyWord& x, const KeyWord& y) {
        return x.log_likelihood != y.log_likelihood ? x.log_likelihood > y.log_likelihood : x.word < y.word;
    };
    const std::size_t keep = std::min(limit, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(), by_strength);
    out.resize(keep);
    return out;
}

}  // namespace

double log_likelihood(std::uint64_t a, std::uint64_t total_a, std::uint64_t b, std::uint64_t total_b) {
    if (total_a == 0 || total_b == 0 || a + b == 0) return 0.0;
    DRAGOMAN_ASSERT(a <= total_a && b <= total_b);
    const double n = static_cast<double>(total_a) + static_cast<double>(total_b);
    const double e_a = static_cast<double>(total_a) * static_cast<double>(a + b) / n;
    const double e_b = static_cast<double>(total_b) * static_cast<double>(a + b) / n;
    return 2.0 * (x_log(static_cast<double>(a), e_a) + x_log(static_cast<double>(b), e_b));
}

WordCounts count_slice_words(const Xapian::Database& db, const Xapian::Query& query, bool use_decider,
                             Xapian::doccount bound, TimeBudget& budget) {
    WordCounts out;
    if (query.empty() || bound == 0) return out;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_time_limit(budget.seconds_left());
    // The exact size first: a weightless match only walks postings.
    out.passages = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
    if (out.passages == 0) return out;
    Xapian::MSet mset;
    if (out.passages > bound && use_decider) {
        out.sampled = true;
        const EveryKth every((out.passages + bound - 1) / bound);
        mset = enquire.get_mset(0, bound, nullptr, &every);
    } else {
        out.sampled = out.passages > bound;
        mset = enquire.get_mset(0, bound);
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (budget.expired()) break;
        const auto end = db.termlist_end(*it);
        for (auto t = db.termlist_begin(*it); t != end;) {
            const std::string term = *t;
            if (is_prefixed(term)) {
                t.skip_to("[");  // past every prefixed term: '[' sorts right after 'Z'
                continue;
            }
            const auto wdf = t.get_wdf();
            out.counts[term] += wdf;
            out.total += wdf;
            ++t;
        }
        ++out.counted;
    }
    return out;
}

void rank_key_words(const WordCounts& a, const WordCounts& b, std::size_t limit, std::size_t min_count,
                    KeynessResponse& out) {
    limit = std::min(limit, max_keyness_words);
    out.slice_words = over_used(a, b, limit, min_count);
    out.versus_words = over_used(b, a, limit, min_count);
    out.slice.passages = a.passages;
    out.slice.counted = a.counted;
    out.slice.words = a.total;
    out.versus.passages = b.passages;
    out.versus.counted = b.counted;
    out.versus.words = b.total;
    out.sampled = a.sampled || b.sampled;
}

}  // namespace dragoman
