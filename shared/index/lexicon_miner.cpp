// Mining the translation lexicon from aligned paragraphs of language versions: co-occurrence
// counts per language pair choose the candidates (Dice and G² thresholds), a translation model
// run both ways scores them (IBM Model 1 with a prior for the paragraphs' diagonal).
#include "index/lexicon_miner.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <span>
#include <unordered_map>

#include <xapian.h>

#include "index/atomic_file.hpp"
#include "index/index_error.hpp"
#include "schema/passage_data.hpp"
#include "schema/schema.hpp"
#include "text/analyzer.hpp"
#include "text/language_script.hpp"
#include "text/stopwords.hpp"
#include "util/assert.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

/// The passages of one version: passage number → text, in the version's language.
struct Version {
    std::string language;
    std::map<std::size_t, std::string> passages;
};

/// Every version group's versions, by transcript id: read from each database's `XG` terms.
using Groups = std::map<std::string, std::map<std::string, Version>>;

Groups read_groups(const std::vector<fs::path>& databases) {
    Groups groups;
    const std::string prefix(schema::prefix_group);
    for (const auto& path : databases) {
        const Xapian::Database db(path.string());
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            auto& group = groups[(*t).substr(prefix.size())];
            for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
                auto data = decode_passage_data(db.get_document(*p).get_data());
                if (!data) throw IndexError(path.string() + ": document " + std::to_string(*p) + ": " + data.error());
                auto& v = group[data->transcript_id];
                v.language = data->language.empty() ? data->passage_language : data->language;
                v.passages[data->number] = std::move(data->text);
            }
        }
    }
    return groups;
}

double xlogx_ratio(double k, double expected) { return k > 0 ? k * std::log(k / expected) : 0; }

/// Dunning's G² of a 2×2 table: `k` together, `ka` and `kb` each, `n` segments.
double g2(double k, double ka, double kb, double n) {
    const double cells[4] = {k, ka - k, kb - k, n - ka - kb + k};
    const double expected[4] = {ka * kb / n, ka * (n - kb) / n, (n - ka) * kb / n, (n - ka) * (n - kb) / n};
    double sum = 0;
    for (int i = 0; i < 4; ++i) sum += xlogx_ratio(cells[i], expected[i]);
    return 2 * sum;
}

/// The words and terms of each language: lexicon form ↔ number, and how often each
/// surface (a folded word, or a term's folded words joined by a space) stood for a form
/// (the one shown is the most frequent). Surfaces are numbered too, so that a paragraph
/// kept between the passes holds numbers only.
struct Vocabulary {
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::string> forms;
    std::vector<std::unordered_map<std::uint32_t, unsigned>> surfaces;
    std::unordered_map<std::string, std::uint32_t> surface_ids;
    std::vector<std::string> surface_text;

    std::uint32_t surface(const std::string& text) {
        auto [it, fresh] = surface_ids.try_emplace(text, static_cast<std::uint32_t>(surface_text.size()));
        if (fresh) surface_text.push_back(text);
        return it->second;
    }

    /// The number of `form`, given one if it has none.
    std::uint32_t form_id(const std::string& form) {
        auto [it, fresh] = ids.try_emplace(form, static_cast<std::uint32_t>(forms.size()));
        if (fresh) {
            forms.push_back(form);
            surfaces.emplace_back();
        }
        return it->second;
    }

    /// Counts `surface` once more for form `id`.
    void count(std::uint32_t id, std::uint32_t surface) { ++surfaces[id][surface]; }

    std::uint32_t id(const std::string& form, std::uint32_t surface) {
        const auto i = form_id(form);
        count(i, surface);
        return i;
    }

    std::string shown(std::uint32_t id) const {
        const auto& s = surfaces[id];
        return surface_text[std::max_element(s.begin(), s.end(), [&](const auto& a, const auto& b) {
                                return a.second != b.second ? a.second < b.second
                                                            : surface_text[a.first] > surface_text[b.first];
                            })->first];
    }
};

/// A word of a paragraph as the first pass keeps it: its form's and its surface's numbers;
/// `no_word` as the form for a word that is not minable (it breaks a run of words).
struct Word {
    std::uint32_t form, surface;
    std::uint32_t at = 0;  ///< the word's place among the paragraph's tokens
};
constexpr std::uint32_t no_word = 0xffffffffU;

/// A paragraph's words in order, and its length in words.
struct Paragraph {
    std::vector<Word> words;
    std::size_t length = 0;
};

/// A word or term of a paragraph where it stands: its form number and its place, the
/// middle of its tokens as a fraction of the paragraph's length (0 to 1).
struct Placed {
    std::uint32_t form;
    float at;
};

/// A paragraph as the set of its words' and terms' form numbers, and its length in words;
/// and each of their occurrences where it stands, by form number (for the translation model).
struct Bag {
    std::vector<std::uint32_t> words;
    std::size_t length = 0;
    std::vector<Placed> placed;
};

bool minable(const text::Token& tok, const std::string& language) {
    if (text::dominant_script(tok.exact).empty()) return false;  // no letters
    if (std::any_of(tok.folded.begin(), tok.folded.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return !text::is_stopword(tok.folded, language);
}

/// A version's paragraphs, in order, as words numbered in `vocabulary`.
std::vector<Paragraph> paragraphs(const Version& v, text::Analyzer& analyzer, Vocabulary& vocabulary) {
    std::vector<Paragraph> out;
    for (const auto& [number, passage] : v.passages) {
        std::size_t start = 0;
        while (start <= passage.size()) {
            auto end = passage.find("\n\n", start);
            if (end == std::string::npos) end = passage.size();
            Paragraph p;
            for (const auto& tok : analyzer.tokenize(std::string_view(passage).substr(start, end - start), v.language)) {
                ++p.length;
                if (minable(tok, v.language)) {
                    const auto surface = vocabulary.surface(tok.folded);
                    p.words.push_back({vocabulary.id(schema::lexicon_form(tok, v.language), surface), surface,
                                       static_cast<std::uint32_t>(p.length - 1)});
                } else if (!p.words.empty() && p.words.back().form != no_word) {
                    p.words.push_back({no_word, no_word});
                }
            }
            if (p.length > 0) out.push_back(std::move(p));
            start = end + 2;
        }
    }
    return out;
}

/// A run of 2 or 3 words by their form numbers (the third `no_word` for two).
using Run = std::array<std::uint32_t, 3>;

struct RunHash {
    std::size_t operator()(const Run& r) const {
        return std::hash<std::uint64_t>()((std::uint64_t{r[0]} << 32 | r[1]) * 0x9e3779b97f4a7c15ULL ^ r[2]);
    }
};

/// The runs of a paragraph's words of `length` (2 or 3) words, each passed to `f` with its
/// place; a run never spans a word that is not minable.
template <typename F>
void for_each_run(const Paragraph& p, std::size_t length, F&& f) {
    for (std::size_t i = 0; i + length <= p.words.size(); ++i) {
        Run r{p.words[i].form, p.words[i + 1].form, length == 3 ? p.words[i + 2].form : no_word};
        if (r[0] == no_word || r[1] == no_word || (length == 3 && r[2] == no_word)) continue;
        f(r, i);
    }
}

/// The first pass's counts of one language's runs, to choose its terms: how often each run
/// occurs and in how many paragraphs, and the margins of its first word against the rest.
class RunCounts {
public:
    void add(const Paragraph& p) {
        ++m_paragraphs;
        for (const std::size_t length : {std::size_t{2}, std::size_t{3}}) {
            const std::size_t l = length - 2;
            for_each_run(p, length, [&](const Run& r, std::size_t) {
                auto& c = m_runs[r];
                ++c.occurrences;
                if (c.last_paragraph != m_paragraphs) {
                    c.last_paragraph = m_paragraphs;
                    ++c.paragraphs;
                }
                ++head(r[0])[l];
                ++(length == 2 ? head(r[1])[2] : m_runs[{r[1], r[2], no_word}].tail_of_three);
                ++m_total[l];
            });
        }
    }

    /// The runs kept as terms (LexiconOptions), in no particular order.
    std::vector<Run> terms(const LexiconOptions& o) const {
        std::vector<std::pair<std::uint32_t, Run>> kept[2];
        for (const auto& [r, c] : m_runs) {
            if (c.paragraphs < o.min_term_paragraphs) continue;
            const std::size_t l = r[2] == no_word ? 0 : 1;
            const double ka = margin(r[0], l);
            const double kb = l == 0 ? margin(r[1], 2) : m_runs.at({r[1], r[2], no_word}).tail_of_three;
            const double n = static_cast<double>(m_total[l]), k = c.occurrences;
            if (k * n <= ka * kb || g2(k, ka, kb, n) < o.min_term_g2) continue;  // not more often together
            kept[l].emplace_back(c.paragraphs, r);
        }
        std::vector<Run> out;
        for (const std::size_t l : {std::size_t{0}, std::size_t{1}}) {
            auto& k = kept[l];
            const std::size_t limit = std::min(k.size(), l == 0 ? o.max_bigrams : o.max_trigrams);
            std::partial_sort(k.begin(), k.begin() + static_cast<std::ptrdiff_t>(limit), k.end(),
                              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
            for (std::size_t i = 0; i < limit; ++i) out.push_back(k[i].second);
        }
        return out;
    }

private:
    struct Count {
        std::uint32_t occurrences = 0, paragraphs = 0, tail_of_three = 0;
        std::size_t last_paragraph = 0;
    };
    /// A word's margins: as the first of a run of 2, of 3, and as the second of a run of 2.
    std::array<std::uint32_t, 3>& head(std::uint32_t form) {
        if (form >= m_margins.size()) m_margins.resize(form + 1);
        return m_margins[form];
    }
    double margin(std::uint32_t form, std::size_t which) const { return form < m_margins.size() ? m_margins[form][which] : 0; }

    std::unordered_map<Run, Count, RunHash> m_runs;
    std::vector<std::array<std::uint32_t, 3>> m_margins;
    std::size_t m_paragraphs = 0;
    std::uint64_t m_total[2] = {0, 0};
};

/// One language's vocabulary, the counts that choose its terms, and the terms chosen: each
/// kept run's form number (its words' forms joined by a space), and each run of surfaces
/// seen for a term numbered once (so that a term's occurrence costs no string).
struct Language {
    Vocabulary vocabulary;
    RunCounts runs;
    std::unordered_map<Run, std::uint32_t, RunHash> terms, surface_runs;
    std::vector<Bag> bags;  ///< every mined paragraph's bag, numbered for PairCounts

    void choose_terms(const LexiconOptions& o) {
        for (const auto& r : runs.terms(o)) terms.emplace(r, vocabulary.form_id(joined(r, vocabulary.forms)));
        runs = RunCounts();  // its counts are no longer needed
    }

    /// A paragraph's bag: its words' forms and the forms of the terms it holds.
    Bag bag(const Paragraph& p) {
        Bag b{{}, p.length, {}};
        const auto place = [&](double first, double last) {
            return static_cast<float>((first + last + 1) / 2 / static_cast<double>(std::max<std::size_t>(p.length, 1)));
        };
        for (const auto& w : p.words)
            if (w.form != no_word) {
                b.words.push_back(w.form);
                b.placed.push_back({w.form, place(w.at, w.at)});
            }
        for (const std::size_t length : {std::size_t{2}, std::size_t{3}})
            for_each_run(p, length, [&](const Run& r, std::size_t at) {
                const auto t = terms.find(r);
                if (t == terms.end()) return;
                const Run surfaces{p.words[at].surface, p.words[at + 1].surface, length == 3 ? p.words[at + 2].surface : no_word};
                auto [s, fresh] = surface_runs.try_emplace(surfaces, 0);
                if (fresh) s->second = vocabulary.surface(joined(surfaces, vocabulary.surface_text));
                vocabulary.count(t->second, s->second);
                b.words.push_back(t->second);
                b.placed.push_back({t->second, place(p.words[at].at, p.words[at + length - 1].at)});
            });
        std::sort(b.placed.begin(), b.placed.end(), [](const Placed& x, const Placed& y) { return x.form < y.form; });
        std::sort(b.words.begin(), b.words.end());
        b.words.erase(std::unique(b.words.begin(), b.words.end()), b.words.end());
        return b;
    }

private:
    /// A run's words as `names` spell them, joined by a space.
    static std::string joined(const Run& r, const std::vector<std::string>& names) {
        std::string out;
        for (const auto w : r)
            if (w != no_word) out.append(out.empty() ? "" : std::string(1, schema::lexicon_term_separator)).append(names[w]);
        return out;
    }
};

/// For each paragraph of `a`, the paragraph of `b` it is aligned with: the same number when
/// the counts agree, else the one of `b` at the same place of the text by length (where
/// the middle of `a`'s paragraph falls in `b`, both measured in words from the start).
std::vector<std::size_t> align(std::span<const Bag> a, std::span<const Bag> b) {
    std::vector<std::size_t> out(a.size());
    if (a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i) out[i] = i;
        return out;
    }
    std::size_t total_a = 0, total_b = 0;
    for (const auto& p : a) total_a += p.length;
    for (const auto& p : b) total_b += p.length;
    double before = 0;
    std::size_t j = 0;
    double b_end = static_cast<double>(b.empty() ? 0 : b[0].length) / static_cast<double>(std::max<std::size_t>(total_b, 1));
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double middle = (before + static_cast<double>(a[i].length) / 2) / static_cast<double>(std::max<std::size_t>(total_a, 1));
        before += static_cast<double>(a[i].length);
        while (j + 1 < b.size() && b_end < middle) {
            ++j;
            b_end += static_cast<double>(b[j].length) / static_cast<double>(std::max<std::size_t>(total_b, 1));
        }
        out[i] = j;
    }
    return out;
}

/// A pair of words of a language pair (a < b) as one key: a's word, b's word.
std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) { return (std::uint64_t{a} << 32) | b; }

/// Co-occurrence counts of one language pair (a < b): in how many aligned paragraph pairs
/// each word of either side, and each pair of words, occurs; and the pairs themselves, as
/// numbers of the two languages' bags (Language::bags), for the translation model.
struct PairCounts {
    std::unordered_map<std::uint32_t, std::uint32_t> a, b;
    std::unordered_map<std::uint64_t, std::uint32_t> together;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> segments;

    void add(const Bag& x, std::uint32_t x_number, const Bag& y, std::uint32_t y_number) {
        segments.emplace_back(x_number, y_number);
        for (auto w : x.words) ++a[w];
        for (auto w : y.words) ++b[w];
        for (auto u : x.words)
            for (auto v : y.words) ++together[pair_key(u, v)];
    }
};

struct Candidate {
    std::uint32_t target;
    std::uint32_t together;
    double score = 0;     ///< the translation model's probability, then the kept score
    double expected = 0;  ///< the model's expected count in the round under way
};

/// Each word's candidate translations into the other language of a pair, by word number.
using Candidates = std::unordered_map<std::uint32_t, std::vector<Candidate>>;

/// The candidates of a language pair (a < b), each direction's: pairs sharing at least
/// `min_together` paragraphs, associated (more often together than apart, G² ≥ `min_g2`),
/// with a Dice coefficient of at least `min_score`. Both directions hold the same pairs
/// (score_pair reads each pair's probability both ways).
std::pair<Candidates, Candidates> candidates(const PairCounts& counts, const LexiconOptions& o) {
    std::pair<Candidates, Candidates> out;
    auto& [forward, backward] = out;
    const double n = static_cast<double>(counts.segments.size());
    for (const auto& [key, k] : counts.together) {
        if (k < o.min_together) continue;
        const auto u = static_cast<std::uint32_t>(key >> 32), v = static_cast<std::uint32_t>(key & 0xffffffffU);
        const double ku = counts.a.at(u), kv = counts.b.at(v);
        const double dice = 2.0 * k / (ku + kv);
        if (dice < o.min_score || k * n <= ku * kv || g2(k, ku, kv, n) < o.min_g2) continue;
        forward[u].push_back({v, k});
        backward[v].push_back({u, k});
    }
    return out;
}

/// What learns the diagonal prior's tension (LexiconOptions::learn_tension) from a round of
/// the translation model: the distance |i − j| its links span, by their expected counts, and
/// where the target occurrences stand, by the share of each that some source word explains.
/// The tension is the one under which the prior alone expects links to span as far as they
/// did (the likelihood's maximum for it, as fast_align's gradient steps seek), source words
/// taken to stand evenly over the paragraph.
class Distances {
public:
    void link(float from, float to, double expected) {
        m_span += expected * std::abs(static_cast<double>(from - to));
        m_links += expected;
    }
    void target(float at, double explained) {
        m_at[std::min<std::size_t>(static_cast<std::size_t>(at * bins), bins - 1)] += explained;
    }
    /// The tension whose prior expects the spans seen; `now` when nothing was linked.
    double tension(double now) const {
        if (m_links <= 0) return now;
        const double seen = m_span / m_links;
        double low = 0.1, high = 50;  // the expected span falls as the tension grows
        if (expected_span(low) <= seen) return low;
        if (expected_span(high) >= seen) return high;
        for (int step = 0; step < 40; ++step) {
            const double mid = std::sqrt(low * high);
            (expected_span(mid) > seen ? low : high) = mid;
        }
        return std::sqrt(low * high);
    }

private:
    static constexpr std::size_t bins = 64;
    /// The prior's mean |a − b| over the targets seen, a uniform over [0, 1] weighted by
    /// exp(−tension·|a − b|): over each side of b, of length L, ∫t·e^(−λt) / ∫e^(−λt).
    double expected_span(double tension) const {
        double sum = 0, weight = 0;
        for (std::size_t k = 0; k < bins; ++k) {
            if (m_at[k] <= 0) continue;
            const double b = (static_cast<double>(k) + 0.5) / bins;
            double mass = 0, moment = 0;
            for (const double side : {b, 1 - b}) {
                const double e = std::exp(-tension * side);
                mass += (1 - e) / tension;
                moment += (1 - e * (1 + tension * side)) / (tension * tension);
            }
            sum += m_at[k] * moment / mass;
            weight += m_at[k];
        }
        return sum / weight;
    }
    std::array<double, bins> m_at{};
    double m_span = 0, m_links = 0;
};

/// The translation model's t(v | u) over the aligned paragraph pairs, written into each
/// candidate's score: each occurrence of a word of the target paragraph generated from an
/// occurrence of a word of its source paragraph, weighted by how near the two stand
/// (LexiconOptions::diagonal; 0 is IBM Model 1), or from none (a word that nothing there
/// explains), estimated by expectation–maximisation from uniform. Only candidates are
/// modelled: a word's probabilities sum to 1 over its candidates. Where a collocate stands
/// beside a translation as consistently as the translation itself (`human` beside
/// `прав человек`), Dice cannot tell them apart; the model gives each target word to the
/// source words that explain it best across all the pairs, so the collocate's mass goes to
/// its own word, and where two words always stand together, to the one standing where it does.
/// Returns the diagonal's tension it ended with (LexiconOptions::learn_tension).
double translation_model(const PairCounts& counts, bool forward, const std::vector<Bag>& from_bags,
                         const std::vector<Bag>& to_bags, std::size_t to_vocabulary, const LexiconOptions& o,
                         Candidates& by_word) {
    double tension = o.diagonal;
    const bool learn = o.learn_tension && o.diagonal > 0;
    Distances distances;
    for (auto& [u, cs] : by_word)
        for (auto& c : cs) c.score = 1.0 / static_cast<double>(cs.size());
    // The empty word: t(v | none), over the whole target vocabulary.
    std::vector<double> none(to_vocabulary, 1.0 / static_cast<double>(std::max<std::size_t>(to_vocabulary, 1)));
    std::vector<double> none_expected(to_vocabulary, 0.0);
    std::vector<std::uint64_t> in_target(to_vocabulary, 0);  // the last segment visited holding v (from 1)
    std::vector<std::uint32_t> first(to_vocabulary, 0);      // v's first occurrence in that segment's placed
    std::vector<double> total, norm;                          // per target occurrence
    struct Source {
        std::vector<Candidate>* candidates;
        float at;
    };
    std::vector<Source> sources;
    const auto closeness = [&](float a, float b) { return std::exp(-tension * std::abs(static_cast<double>(a - b))); };
    std::uint64_t segment = 0;
    for (unsigned iteration = 0; iteration < o.iterations; ++iteration) {
        for (const auto& [a, b] : counts.segments) {
            const auto& x = from_bags[forward ? a : b].placed;
            const auto& y = to_bags[forward ? b : a].placed;
            ++segment;
            const double m = static_cast<double>(x.size());
            total.assign(y.size(), 0.0);
            norm.assign(y.size(), 0.0);
            for (std::size_t j = 0; j < y.size(); ++j) {
                const auto v = y[j].form;
                if (in_target[v] != segment) {
                    in_target[v] = segment;
                    first[v] = static_cast<std::uint32_t>(j);
                }
                for (const auto& w : x) norm[j] += closeness(w.at, y[j].at);
                total[j] = none[v] / (m + 1);
            }
            sources.clear();
            for (const auto& w : x)
                if (const auto cs = by_word.find(w.form); cs != by_word.end()) sources.push_back({&cs->second, w.at});
            // Each (source occurrence, candidate, target occurrence) with the probability the
            // model gives the target occurrence's coming from that source occurrence.
            const auto each = [&](auto&& f) {
                for (const auto& src : sources)
                    for (auto& c : *src.candidates) {
                        if (in_target[c.target] != segment) continue;
                        for (std::size_t j = first[c.target]; j < y.size() && y[j].form == c.target; ++j)
                            f(c, j, src.at, m / (m + 1) * closeness(src.at, y[j].at) / norm[j] * c.score);
                    }
            };
            each([&](Candidate&, std::size_t j, float, double p) { total[j] += p; });
            for (std::size_t j = 0; j < y.size(); ++j) {
                DRAGOMAN_ASSERT(total[j] > 0);
                const double nobody = none[y[j].form] / (m + 1) / total[j];
                none_expected[y[j].form] += nobody;
                if (learn) distances.target(y[j].at, 1.0 - nobody);
            }
            each([&](Candidate& c, std::size_t j, float at, double p) {
                c.expected += p / total[j];
                if (learn) distances.link(at, y[j].at, p / total[j]);
            });
        }
        if (learn) tension = distances.tension(tension);
        distances = Distances();
        for (auto& [u, cs] : by_word) {
            double sum = 0;
            for (const auto& c : cs) sum += c.expected;
            for (auto& c : cs) {
                c.score = sum > 0 ? c.expected / sum : 0.0;
                c.expected = 0;
            }
        }
        const double sum = std::accumulate(none_expected.begin(), none_expected.end(), 0.0);
        for (std::size_t v = 0; v < to_vocabulary; ++v) none[v] = sum > 0 ? none_expected[v] / sum : 0.0;
        std::fill(none_expected.begin(), none_expected.end(), 0.0);
    }
    return tension;
}

/// Scores both directions of a language pair by the translation model run each way: a
/// candidate u → v scores the geometric mean of t(v | u) and t(u | v). One direction alone
/// lets a rare word collect a frequent one that nothing else claims (`those` → `этой`);
/// the other direction gives the frequent word to its own translation. Measured on the
/// corpus (2026-12-07, the held-out build of docs/crosslingual.md): the top translation of
/// the 500 most frequent English words right for 463 → 479 into Russian and 446 → 467 into
/// Chinese against Dice; t(v | u) alone made `эт` (этой) the top translation of 8 words, 7 of
/// which it does not translate (`those`, `provide`, `take`).
/// Returns the diagonal's tension each direction ended with.
std::pair<double, double> score_pair(const PairCounts& counts, const Language& a, const Language& b, const LexiconOptions& o,
                                     Candidates& forward, Candidates& backward) {
    const double ab = translation_model(counts, true, a.bags, b.bags, b.vocabulary.forms.size(), o, forward);
    const double ba = translation_model(counts, false, b.bags, a.bags, a.vocabulary.forms.size(), o, backward);
    std::unordered_map<std::uint64_t, double> score;  // by pair_key: t(v | u), then the mean
    for (const auto& [u, cs] : forward)
        for (const auto& c : cs) score.emplace(pair_key(u, c.target), c.score);
    for (auto& [v, cs] : backward)
        for (auto& c : cs) {
            double& mean = score.at(pair_key(c.target, v));  // candidates(): the same pairs both ways
            mean = c.score = std::sqrt(mean * c.score);
        }
    for (auto& [u, cs] : forward)
        for (auto& c : cs) c.score = score.at(pair_key(u, c.target));
    return {ab, ba};
}

/// The translations kept for one direction of a language pair, appended to `out`: each
/// word's best `per_word` candidates scoring at least `min_probability`.
void keep_best(Candidates& by_word, const std::string& from, const Language& from_language, const std::string& to,
               const Language& to_language, const LexiconOptions& o, std::vector<schema::LexiconEntry>& out) {
    const auto& to_words = to_language.vocabulary;
    for (auto& [u, cs] : by_word) {
        std::sort(cs.begin(), cs.end(), [&](const Candidate& x, const Candidate& y) {
            return x.score != y.score ? x.score > y.score : to_words.forms[x.target] < to_words.forms[y.target];
        });
        if (cs.size() > o.per_word) cs.resize(o.per_word);
        for (const auto& c : cs) {
            DRAGOMAN_ASSERT(c.score >= 0 && c.score <= 1 + 1e-9);
            if (c.score >= o.min_probability)
                out.push_back({from, from_language.vocabulary.forms[u], to, to_words.forms[c.target], to_words.shown(c.target),
                               std::min(1.0, c.score), c.together});
        }
    }
}

bool held_out(const std::map<std::string, Version>& group, const LexiconOptions& o) {
    return std::any_of(group.begin(), group.end(), [&](const auto& v) { return o.held_out.count(v.first) > 0; });
}

/// A mined group's text: each language's version (one a language), as paragraphs of words.
using GroupText = std::map<std::string, std::vector<Paragraph>>;

/// The first pass: every group's versions read into words, one per language, and each
/// language's runs counted; held-out and single-version groups are left out (counted).
std::vector<GroupText> read_texts(const Groups& groups, const LexiconOptions& options, std::map<std::string, Language>& languages,
                                  LexiconStats& stats) {
    text::Analyzer analyzer;
    std::vector<GroupText> out;
    for (const auto& [name, group] : groups) {
        if (group.size() < 2) continue;
        if (held_out(group, options)) {
            ++stats.held_out_groups;
            continue;
        }
        ++stats.groups;
        // One version per language, the smallest id: a detected group holds one transcript
        // per language (version_linker), but a group given in the input may hold several
        // (copies of one text under new ids), which would count one text's pairs again and
        // again, and pair a language with itself.
        auto& text = out.emplace_back();
        for (const auto& [id, v] : group) {
            if (v.language.empty() || text.contains(v.language)) continue;
            auto& language = languages[v.language];
            const auto& paragraphs_of_version = text[v.language] = paragraphs(v, analyzer, language.vocabulary);
            for (const auto& p : paragraphs_of_version) language.runs.add(p);
        }
    }
    return out;
}

/// The second pass: a group's versions as bags of words and terms, each pair of languages'
/// aligned paragraphs counted in `pairs`.
void count_pairs(const GroupText& text, std::map<std::string, Language>& languages,
                 std::map<std::pair<std::string, std::string>, PairCounts>& pairs, LexiconStats& stats) {
    std::map<std::string, std::uint32_t> first;  // each version's first bag number
    for (const auto& [language, paragraphs_of_version] : text) {
        auto& bags = languages[language].bags;
        first[language] = static_cast<std::uint32_t>(bags.size());
        for (const auto& p : paragraphs_of_version) bags.push_back(languages[language].bag(p));
    }
    for (auto i = first.begin(); i != first.end(); ++i)
        for (auto j = std::next(i); j != first.end(); ++j) {
            const auto& [la, fa] = *i;
            const auto& [lb, fb] = *j;
            DRAGOMAN_ASSERT(la < lb);
            const auto& bags_a = languages[la].bags;
            const auto& bags_b = languages[lb].bags;
            const std::span<const Bag> a(bags_a.data() + fa, text.at(la).size()), b(bags_b.data() + fb, text.at(lb).size());
            if (a.size() != b.size()) ++stats.length_aligned;
            auto& counts = pairs[{la, lb}];
            const auto aligned = align(a, b);
            for (std::size_t k = 0; k < a.size() && !b.empty(); ++k)
                counts.add(a[k], fa + static_cast<std::uint32_t>(k), b[aligned[k]], fb + static_cast<std::uint32_t>(aligned[k]));
            stats.paragraph_pairs += b.empty() ? 0 : a.size();
        }
}

}  // namespace

std::vector<schema::LexiconEntry> mine_lexicon(const std::vector<fs::path>& databases, const LexiconOptions& options,
                                               LexiconStats& stats) {
    const auto started = std::chrono::steady_clock::now();
    std::map<std::string, Language> languages;
    const auto texts = read_texts(read_groups(databases), options, languages, stats);
    for (auto& [name, language] : languages) {
        language.choose_terms(options);
        stats.terms += language.terms.size();
    }
    std::map<std::pair<std::string, std::string>, PairCounts> pairs;
    for (const auto& text : texts) count_pairs(text, languages, pairs, stats);
    std::vector<schema::LexiconEntry> out;
    for (const auto& [names, counts] : pairs) {
        const auto& [la, lb] = names;
        auto [forward, backward] = candidates(counts, options);
        const auto [ab, ba] = score_pair(counts, languages[la], languages[lb], options, forward, backward);
        stats.tensions[la + "→" + lb] = ab;
        stats.tensions[lb + "→" + la] = ba;
        keep_best(forward, la, languages[la], lb, languages[lb], options, out);
        keep_best(backward, lb, languages[lb], la, languages[la], options, out);
    }
    std::sort(out.begin(), out.end(), [](const schema::LexiconEntry& x, const schema::LexiconEntry& y) {
        return std::tie(x.source_language, x.source, x.target_language, y.score, x.target) <
               std::tie(y.source_language, y.source, y.target_language, x.score, y.target);
    });
    stats.entries = out.size();
    stats.term_entries = static_cast<std::size_t>(std::count_if(out.begin(), out.end(), [](const schema::LexiconEntry& e) {
        return schema::is_term_form(e.source) || schema::is_term_form(e.target);
    }));
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

void write_lexicon(const fs::path& generation, const std::vector<schema::LexiconEntry>& entries) {
    AtomicFile file(generation / schema::lexicon_file_name);
    file.write(schema::encode_lexicon(entries));
    file.commit();
}

std::unordered_set<std::string> read_held_out(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw IndexError(file.string() + ": cannot read the held-out list");
    std::unordered_set<std::string> out;
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty() && line.front() != '#') out.insert(line);
    }
    return out;
}

}  // namespace dragoman
