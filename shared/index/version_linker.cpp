// Language-version detection: signatures of transcripts, pair scores within blocks of one
// source and date, and greedy grouping (strongest pairs first, one version per language).
#include "index/version_linker.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "text/language_identifier.hpp"
#include "text/language_script.hpp"
#include "text/transliterator.hpp"

namespace dragoman {

namespace {

constexpr std::size_t max_profile = 400;
/// Blocks up to this size compare every cross-language pair; larger ones only pairs
/// that share a feature held by few transcripts of the block.
constexpr std::size_t small_block = 64;

std::uint32_t fnv32(std::string_view s, std::uint32_t kind) {
    std::uint32_t h = 2166136261U ^ kind;
    for (unsigned char c : s) {
        h ^= c;
        h *= 16777619U;
    }
    return h;
}

/// The ASCII value of a decimal digit in any script ICU knows (Arabic-Indic, fullwidth,
/// Devanagari ...), or -1.
int digit_of(UChar32 c) { return u_isdigit(c) ? u_charDigitValue(c) : -1; }

std::vector<std::string_view> paragraphs_of(const std::string& text) {
    std::vector<std::string_view> out;
    std::string_view rest(text);
    while (!rest.empty()) {
        const auto cut = rest.find("\n\n");
        auto p = rest.substr(0, cut);
        while (!p.empty() && (p.front() == '\n' || p.front() == ' ')) p.remove_prefix(1);
        if (!p.empty()) out.push_back(p);
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 2);
    }
    return out;
}

/// Numbers, symbols and capitalised words of `text` into the signature's feature lists.
void scan_features(std::string_view text, std::vector<std::uint32_t>& numbers, std::vector<std::uint32_t>& names) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    int32_t i = 0;
    std::string digits, word, symbol;
    bool symbol_has_slash = false, symbol_has_digit = false;
    auto flush_symbol = [&] {
        // A UN-style document symbol: letters, digits and slashes, e.g. A/69/767, S/2015/12.
        while (!symbol.empty() && (symbol.back() == '/' || symbol.back() == '.' || symbol.back() == '-')) symbol.pop_back();
        if (symbol_has_slash && symbol_has_digit && symbol.size() >= 4) numbers.push_back(fnv32(symbol, 2));
        symbol.clear();
        symbol_has_slash = symbol_has_digit = false;
    };
    auto flush_digits = [&] {
        std::size_t z = 0;
        while (z + 1 < digits.size() && digits[z] == '0') ++z;
        if (!digits.empty()) numbers.push_back(fnv32(std::string_view(digits).substr(z), 1));
        digits.clear();
    };
    bool word_capitalised = false;
    auto flush_word = [&] {
        if (word_capitalised && word.size() >= 2) {
            const auto key = text::translit_key(word);
            if (key.size() >= 3) names.push_back(fnv32(key, 3));
        }
        word.clear();
        word_capitalised = false;
    };
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) {
            flush_digits();
            flush_word();
            flush_symbol();
            continue;
        }
        const int d = digit_of(c);
        if (d >= 0) {
            digits += static_cast<char>('0' + d);
        } else {
            flush_digits();
        }
        if (u_isalpha(c) && d < 0) {
            if (word.empty()) word_capitalised = u_isupper(c) || u_istitle(c);
            word.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        } else if (c != '-' && c != '\'' && c != 0x2019) {
            flush_word();
        }
        if (c < 0x80 && (std::isalnum(c) || c == '/' || c == '.' || c == '-')) {
            symbol += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            if (c == '/') symbol_has_slash = true;
            if (d >= 0) symbol_has_digit = true;
        } else {
            flush_symbol();
        }
    }
    flush_digits();
    flush_word();
    flush_symbol();
}

void sort_unique(std::vector<std::uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// Scripts with capital letters give names; others (Chinese, Arabic, ...) give none, and
/// a pair only compares names when both sides have some.
constexpr std::size_t min_names = 3;

/// Feature weights within one block: rare features weigh most (smoothed so that a block
/// of two still gives weight to what both share).
class Weights {
public:
    Weights(const std::vector<const VersionSignature*>& block) : m_size(static_cast<double>(block.size())) {
        for (const auto* s : block) {
            for (auto f : s->numbers) ++m_df[f];
            for (auto f : s->names) ++m_df[f ^ 0x5bd1e995U];
        }
    }
    double number(std::uint32_t f) const { return weight(f); }
    double name(std::uint32_t f) const { return weight(f ^ 0x5bd1e995U); }
    std::size_t df_number(std::uint32_t f) const { return df(f); }
    std::size_t df_name(std::uint32_t f) const { return df(f ^ 0x5bd1e995U); }

private:
    std::size_t df(std::uint32_t key) const {
        auto it = m_df.find(key);
        return it == m_df.end() ? 0 : it->second;
    }
    double weight(std::uint32_t key) const {
        const auto d = df(key);
        return std::log(1.0 + m_size / static_cast<double>(d ? d : 1));
    }
    double m_size;
    std::unordered_map<std::uint32_t, std::size_t> m_df;
};

/// Weighted overlap of two sorted feature lists: (shared weight, weight of a, weight of b).
template <typename W>
void overlap(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b, W weight, double& shared,
             double& wa, double& wb) {
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i] < b[j])) {
            wa += weight(a[i++]);
        } else if (i == a.size() || b[j] < a[i]) {
            wb += weight(b[j++]);
        } else {
            const double w = weight(a[i]);
            shared += w;
            wa += w;
            wb += w;
            ++i;
            ++j;
        }
    }
}

/// How alike the turn and paragraph structure is (0..1): counts, and where the counts
/// agree, each paragraph's share of the text (translations keep long paragraphs long).
double structure_score(const VersionSignature& a, const VersionSignature& b) {
    if (a.paragraph_count == 0 || b.paragraph_count == 0) return 0;
    const double pc = static_cast<double>(std::min(a.paragraph_count, b.paragraph_count)) /
                      static_cast<double>(std::max(a.paragraph_count, b.paragraph_count));
    double turns = 1;
    if (a.turn_count || b.turn_count)
        turns = static_cast<double>(std::min(a.turn_count, b.turn_count) + 1) /
                static_cast<double>(std::max(a.turn_count, b.turn_count) + 1);
    double profile = 0.5;
    if (a.paragraph_count == b.paragraph_count && a.paragraphs.size() == b.paragraphs.size() && a.paragraph_count > 1) {
        double l1 = 0;
        for (std::size_t k = 0; k < a.paragraphs.size(); ++k)
            l1 += std::abs(static_cast<double>(a.paragraphs[k]) - static_cast<double>(b.paragraphs[k]));
        profile = std::max(0.0, 1.0 - l1 / 20000.0);
    }
    return pc * pc * turns * profile;
}

bool comparable(const VersionSignature& a, const VersionSignature& b) {
    return !a.language.empty() && !b.language.empty() && a.language != b.language && a.source == b.source &&
           a.date == b.date;
}

double score_pair(const VersionSignature& a, const VersionSignature& b, const Weights& w) {
    if (!comparable(a, b)) return 0;
    double shared = 0, wa = 0, wb = 0;
    overlap(a.numbers, b.numbers, [&](std::uint32_t f) { return w.number(f); }, shared, wa, wb);
    if (a.names.size() >= min_names && b.names.size() >= min_names)
        overlap(a.names, b.names, [&](std::uint32_t f) { return w.name(f); }, shared, wa, wb);
    const double evidence = wa + wb > 0 ? 2 * shared / (wa + wb) : 0;
    return 0.6 * evidence + 0.4 * structure_score(a, b);
}

struct Pair {
    double score;
    std::uint32_t a, b;
};

/// Candidate pairs of one block, scored.
void block_pairs(const std::vector<const VersionSignature*>& block, const std::vector<std::uint32_t>& index,
                 const LinkOptions& options, std::vector<Pair>& out) {
    const Weights w(block);
    auto consider = [&](std::size_t i, std::size_t j) {
        const double s = score_pair(*block[i], *block[j], w);
        if (s >= options.threshold) out.push_back(Pair{s, index[i], index[j]});
    };
    if (block.size() <= small_block) {
        for (std::size_t i = 0; i < block.size(); ++i)
            for (std::size_t j = i + 1; j < block.size(); ++j) consider(i, j);
        return;
    }
    // Large blocks: pairs sharing at least one rare feature (a symbol, a date, a name).
    const std::size_t rare = std::max<std::size_t>(8, block.size() / 100);
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;
    for (std::size_t i = 0; i < block.size(); ++i) {
        for (auto f : block[i]->numbers)
            if (w.df_number(f) <= rare) postings[f].push_back(static_cast<std::uint32_t>(i));
        for (auto f : block[i]->names)
            if (w.df_name(f) <= rare) postings[(std::uint64_t{1} << 32) | f].push_back(static_cast<std::uint32_t>(i));
    }
    std::vector<std::uint64_t> candidates;
    for (const auto& [f, list] : postings)
        for (std::size_t x = 0; x < list.size(); ++x)
            for (std::size_t y = x + 1; y < list.size(); ++y)
                if (block[list[x]]->language != block[list[y]]->language)
                    candidates.push_back((std::uint64_t{list[x]} << 32) | list[y]);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (auto c : candidates) consider(c >> 32, c & 0xffffffffU);
}

}  // namespace

VersionSignature make_version_signature(const Transcript& t) {
    VersionSignature s;
    s.id = t.id;
    s.source = t.source;
    s.date = t.date;
    s.language = t.language;
    std::string joined;
    std::vector<std::string> turn_texts;
    std::vector<std::string_view> paragraphs;
    if (!t.turns.empty()) {
        for (const auto& turn : t.turns) turn_texts.push_back(turn.text);
        for (const auto& text : turn_texts)
            for (auto p : paragraphs_of(text)) paragraphs.push_back(p);
        s.turn_count = static_cast<std::uint32_t>(t.turns.size());
    } else {
        paragraphs = paragraphs_of(t.text);
        for (auto p : paragraphs)
            if (find_turn_label(p).label_length) ++s.turn_count;
    }
    if (s.language.empty()) {
        for (auto p : paragraphs) {
            joined.append(p);
            joined += '\n';
            if (joined.size() > 4096) break;
        }
        s.language = text::detect_language(joined);
    }
    scan_features(t.title, s.numbers, s.names);
    std::size_t total = 0;
    for (auto p : paragraphs) {
        scan_features(p, s.numbers, s.names);
        total += p.size();
    }
    // In scripts without case (Arabic, Chinese, ...) the only capitalised words are Latin
    // ones quoted in the text or title: too few and too unlike the other versions' names.
    if (!text::script_has_case(text::script_of_language(s.language))) s.names.clear();
    sort_unique(s.numbers);
    sort_unique(s.names);
    s.paragraph_count = static_cast<std::uint32_t>(paragraphs.size());
    if (total > 0)
        for (std::size_t k = 0; k < paragraphs.size() && k < max_profile; ++k)
            s.paragraphs.push_back(static_cast<std::uint16_t>(paragraphs[k].size() * 10000 / total));
    return s;
}

std::string encode_signature(const VersionSignature& s) {
    const nlohmann::json j = {{"i", s.id},       {"s", s.source},        {"d", s.date},
                              {"l", s.language}, {"n", s.numbers},       {"m", s.names},
                              {"p", s.paragraphs}, {"pc", s.paragraph_count}, {"tc", s.turn_count}};
    const auto bytes = nlohmann::json::to_cbor(j);
    return std::string(bytes.begin(), bytes.end());
}

bool decode_signature(const std::string& bytes, VersionSignature& out) {
    try {
        const auto j = nlohmann::json::from_cbor(bytes);
        out.id = j.at("i").get<std::string>();
        out.source = j.at("s").get<std::string>();
        out.date = j.at("d").get<std::string>();
        out.language = j.at("l").get<std::string>();
        out.numbers = j.at("n").get<std::vector<std::uint32_t>>();
        out.names = j.at("m").get<std::vector<std::uint32_t>>();
        out.paragraphs = j.at("p").get<std::vector<std::uint16_t>>();
        out.paragraph_count = j.at("pc").get<std::uint32_t>();
        out.turn_count = j.at("tc").get<std::uint32_t>();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

double version_score(const VersionSignature& a, const VersionSignature& b) {
    const std::vector<const VersionSignature*> block{&a, &b};
    return score_pair(a, b, Weights(block));
}

std::vector<std::string> link_versions(const std::vector<VersionSignature>& signatures, const LinkOptions& options) {
    // Blocks: one source and date (versions are published together).
    std::map<std::pair<std::string_view, std::string_view>, std::vector<std::uint32_t>> blocks;
    for (std::uint32_t i = 0; i < signatures.size(); ++i)
        if (!signatures[i].language.empty()) blocks[{signatures[i].source, signatures[i].date}].push_back(i);
    std::vector<Pair> pairs;
    for (const auto& [key, members] : blocks) {
        if (members.size() < 2) continue;
        std::vector<const VersionSignature*> block;
        for (auto i : members) block.push_back(&signatures[i]);
        block_pairs(block, members, options, pairs);
    }
    std::sort(pairs.begin(), pairs.end(), [&](const Pair& x, const Pair& y) {
        if (x.score != y.score) return x.score > y.score;
        return std::tie(signatures[x.a].id, signatures[x.b].id) < std::tie(signatures[y.a].id, signatures[y.b].id);
    });
    // Union-find whose sets may never hold two transcripts of one language.
    std::vector<std::uint32_t> parent(signatures.size());
    std::iota(parent.begin(), parent.end(), 0U);
    std::vector<std::vector<std::string_view>> languages(signatures.size());
    for (std::size_t i = 0; i < signatures.size(); ++i) languages[i] = {signatures[i].language};
    auto find = [&](std::uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    for (const auto& p : pairs) {
        auto ra = find(p.a), rb = find(p.b);
        if (ra == rb) continue;
        bool clash = false;
        for (auto l : languages[rb])
            if (std::find(languages[ra].begin(), languages[ra].end(), l) != languages[ra].end()) clash = true;
        if (clash) continue;
        if (languages[ra].size() < languages[rb].size()) std::swap(ra, rb);
        parent[rb] = ra;
        languages[ra].insert(languages[ra].end(), languages[rb].begin(), languages[rb].end());
        languages[rb].clear();
    }
    std::unordered_map<std::uint32_t, std::string> label;  // root → smallest id
    std::unordered_map<std::uint32_t, std::size_t> size;
    for (std::uint32_t i = 0; i < signatures.size(); ++i) {
        const auto r = find(i);
        ++size[r];
        auto& l = label[r];
        if (l.empty() || signatures[i].id < l) l = signatures[i].id;
    }
    std::vector<std::string> out(signatures.size());
    for (std::uint32_t i = 0; i < signatures.size(); ++i) {
        const auto r = find(i);
        if (size[r] > 1) out[i] = schema::detected_group(label[r]);
    }
    return out;
}

}  // namespace dragoman
