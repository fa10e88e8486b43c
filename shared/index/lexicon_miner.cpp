// Mining the translation lexicon from aligned paragraphs of language versions: co-occurrence
// counts per language pair, Dice ranking above a G² threshold.
#include "index/lexicon_miner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
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

/// The words of each language: lexicon form ↔ number, and how often each surface word
/// stood for a form (the one shown is the most frequent).
struct Vocabulary {
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::string> forms;
    std::vector<std::unordered_map<std::string, unsigned>> surfaces;

    std::uint32_t id(const std::string& form, const std::string& surface) {
        auto [it, fresh] = ids.try_emplace(form, static_cast<std::uint32_t>(forms.size()));
        if (fresh) {
            forms.push_back(form);
            surfaces.emplace_back();
        }
        ++surfaces[it->second][surface];
        return it->second;
    }

    std::string shown(std::uint32_t id) const {
        const auto& s = surfaces[id];
        return std::max_element(s.begin(), s.end(), [](const auto& a, const auto& b) {
                   return a.second != b.second ? a.second < b.second : a.first > b.first;
               })->first;
    }
};

/// A paragraph as the set of its words' form numbers, and its length in words.
struct Bag {
    std::vector<std::uint32_t> words;
    std::size_t length = 0;
};

bool minable(const text::Token& tok, const std::string& language) {
    if (text::dominant_script(tok.exact).empty()) return false;  // no letters
    if (std::any_of(tok.folded.begin(), tok.folded.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return !text::is_stopword(tok.folded, language);
}

/// A version's paragraphs, in order, as bags of form numbers.
std::vector<Bag> paragraphs(const Version& v, text::Analyzer& analyzer, Vocabulary& vocabulary) {
    std::vector<Bag> out;
    for (const auto& [number, passage] : v.passages) {
        std::size_t start = 0;
        while (start <= passage.size()) {
            auto end = passage.find("\n\n", start);
            if (end == std::string::npos) end = passage.size();
            Bag bag;
            for (const auto& tok : analyzer.tokenize(std::string_view(passage).substr(start, end - start), v.language)) {
                ++bag.length;
                if (minable(tok, v.language)) bag.words.push_back(vocabulary.id(schema::lexicon_form(tok, v.language), tok.folded));
            }
            std::sort(bag.words.begin(), bag.words.end());
            bag.words.erase(std::unique(bag.words.begin(), bag.words.end()), bag.words.end());
            if (bag.length > 0) out.push_back(std::move(bag));
            start = end + 2;
        }
    }
    return out;
}

/// For each paragraph of `a`, the paragraph of `b` it is aligned with: the same number when
/// the counts agree, else the one of `b` at the same place of the text by length (where
/// the middle of `a`'s paragraph falls in `b`, both measured in words from the start).
std::vector<std::size_t> align(const std::vector<Bag>& a, const std::vector<Bag>& b) {
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

/// Co-occurrence counts of one language pair (a < b): in how many aligned paragraph pairs
/// each word of either side, and each pair of words, occurs.
struct PairCounts {
    std::unordered_map<std::uint32_t, std::uint32_t> a, b;
    std::unordered_map<std::uint64_t, std::uint32_t> together;
    std::uint32_t segments = 0;

    void add(const Bag& x, const Bag& y) {
        ++segments;
        for (auto w : x.words) ++a[w];
        for (auto w : y.words) ++b[w];
        for (auto u : x.words)
            for (auto v : y.words) ++together[(std::uint64_t{u} << 32) | v];
    }
};

double xlogx_ratio(double k, double expected) { return k > 0 ? k * std::log(k / expected) : 0; }

/// Dunning's G² of a 2×2 table: `k` together, `ka` and `kb` each, `n` segments.
double g2(double k, double ka, double kb, double n) {
    const double cells[4] = {k, ka - k, kb - k, n - ka - kb + k};
    const double expected[4] = {ka * kb / n, ka * (n - kb) / n, (n - ka) * kb / n, (n - ka) * (n - kb) / n};
    double sum = 0;
    for (int i = 0; i < 4; ++i) sum += xlogx_ratio(cells[i], expected[i]);
    return 2 * sum;
}

struct Candidate {
    std::uint32_t target;
    double score;
    std::uint32_t together;
};

/// The translations kept for one direction of a language pair, appended to `out`.
void keep_best(const PairCounts& counts, bool forward, const std::string& from, const Vocabulary& from_words,
               const std::string& to, const Vocabulary& to_words, const LexiconOptions& o,
               std::vector<schema::LexiconEntry>& out) {
    std::unordered_map<std::uint32_t, std::vector<Candidate>> by_word;
    const auto& from_count = forward ? counts.a : counts.b;
    const auto& to_count = forward ? counts.b : counts.a;
    for (const auto& [key, k] : counts.together) {
        if (k < o.min_together) continue;
        const auto u = static_cast<std::uint32_t>(forward ? key >> 32 : key & 0xffffffffU);
        const auto v = static_cast<std::uint32_t>(forward ? key & 0xffffffffU : key >> 32);
        const double ku = from_count.at(u), kv = to_count.at(v);
        const double dice = 2.0 * k / (ku + kv);
        if (dice < o.min_score || g2(k, ku, kv, counts.segments) < o.min_g2) continue;
        by_word[u].push_back({v, dice, k});
    }
    for (auto& [u, candidates] : by_word) {
        std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
            return x.score != y.score ? x.score > y.score : to_words.forms[x.target] < to_words.forms[y.target];
        });
        if (candidates.size() > o.per_word) candidates.resize(o.per_word);
        for (const auto& c : candidates)
            out.push_back({from, from_words.forms[u], to, to_words.forms[c.target], to_words.shown(c.target),
                           std::min(1.0, c.score), c.together});
    }
}

bool held_out(const std::map<std::string, Version>& group, const LexiconOptions& o) {
    return std::any_of(group.begin(), group.end(), [&](const auto& v) { return o.held_out.count(v.first) > 0; });
}

}  // namespace

std::vector<schema::LexiconEntry> mine_lexicon(const std::vector<fs::path>& databases, const LexiconOptions& options,
                                               LexiconStats& stats) {
    const auto started = std::chrono::steady_clock::now();
    const Groups groups = read_groups(databases);
    text::Analyzer analyzer;
    std::map<std::string, Vocabulary> vocabularies;
    std::map<std::pair<std::string, std::string>, PairCounts> pairs;
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
        std::map<std::string, std::vector<Bag>> versions;
        for (const auto& [id, v] : group)
            if (!v.language.empty() && !versions.contains(v.language))
                versions.emplace(v.language, paragraphs(v, analyzer, vocabularies[v.language]));
        for (auto i = versions.begin(); i != versions.end(); ++i)
            for (auto j = std::next(i); j != versions.end(); ++j) {
                const auto& [la, a] = *i;
                const auto& [lb, b] = *j;
                DRAGOMAN_ASSERT(la < lb);
                if (a.size() != b.size()) ++stats.length_aligned;
                auto& counts = pairs[{la, lb}];
                const auto aligned = align(a, b);
                for (std::size_t k = 0; k < a.size() && !b.empty(); ++k) counts.add(a[k], b[aligned[k]]);
                stats.paragraph_pairs += b.empty() ? 0 : a.size();
            }
    }
    std::vector<schema::LexiconEntry> out;
    for (const auto& [languages, counts] : pairs) {
        const auto& [la, lb] = languages;
        keep_best(counts, true, la, vocabularies[la], lb, vocabularies[lb], options, out);
        keep_best(counts, false, lb, vocabularies[lb], la, vocabularies[la], options, out);
    }
    std::sort(out.begin(), out.end(), [](const schema::LexiconEntry& x, const schema::LexiconEntry& y) {
        return std::tie(x.source_language, x.source, x.target_language, y.score, x.target) <
               std::tie(y.source_language, y.source, y.target_language, x.score, y.target);
    });
    stats.entries = out.size();
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
