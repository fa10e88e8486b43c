// Speaker labels read as names and grouped into persons: see speaker_directory.hpp.
#include "search/speaker_directory.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "schema/passage.hpp"
#include "search/shipped_data.hpp"
#include "text/normalizer.hpp"
#include "text/transliterator.hpp"
#include "text/utf8.hpp"
#include "util/assert.hpp"

namespace dragoman {

namespace {

/// Titles, roles and honorifics that stand before a name in the corpus' labels and in the
/// sources it stands for (folded: lower case, no diacritics).
const std::set<std::string, std::less<>>& title_words() {
    static const std::set<std::string, std::less<>> words = {
        // English
        "president", "vice", "prime", "minister", "foreign", "affairs", "secretary", "state", "general",
        "press", "spokesperson", "spokesman", "spokeswoman", "deputy", "chairman", "chairwoman", "chair",
        "ambassador", "mr", "mrs", "ms", "miss", "dr", "sir", "madam", "madame", "h.e", "his", "her",
        "excellency", "senator", "representative", "admiral", "governor", "king", "queen", "prince",
        "princess", "sheikh", "emir", "chancellor", "federal", "director", "adviser", "advisor", "assistant",
        "special", "envoy", "commissioner", "mayor", "the", "premier", "moderator", "colonel", "gen",
        "lt", "national", "security", "coordinator", "communications", "senior", "official", "administration",
        "leader", "speaker", "head", "chief", "council", "united", "nations", "high", "supreme",
        // French, Spanish, German
        "m", "mme", "mlle", "monsieur", "ministre", "senor", "senora", "sr", "sra", "presidente",
        "ministro", "herr", "frau", "bundeskanzler", "bundeskanzlerin",
        // Turkish and Azerbaijani
        "bay", "bayan", "sayin", "bakan", "bakani", "baskan", "baskani", "cumhurbaskani", "milletvekili",
        "prezident", "nazir", "nazirligi",
        // Russian and Ukrainian
        "президент", "премьер", "министр", "премьер-министр", "председатель", "посол", "заместитель",
        "официальныи", "представитель", "директор", "господин", "госпожа", "г-н", "г-жа", "спикер",
        "глава", "пресс-секретарь", "помощник", "советник", "мид", "руководитель", "міністр", "голова",
    };
    return words;
}

/// Words that join a title to what it is of (President *of* Russia): the name is after them.
bool joins_title(std::string_view folded) {
    static constexpr std::array<std::string_view, 8> words = {"of", "for", "and", "to", "on", "the", "и", "по"};
    return std::find(words.begin(), words.end(), folded) != words.end();
}

/// Words inside a name that say whose (bin, ibn, de, van, al): no part of its key.
bool name_particle(std::string_view folded) {
    static constexpr std::array<std::string_view, 22> words = {
        "al", "el", "ben", "abu", "bin", "ibn", "bint", "de", "da", "di", "du", "la", "le", "van", "von",
        "der", "den", "del", "dos", "das", "y", "in"};
    return std::find(words.begin(), words.end(), folded) != words.end();
}

/// Azerbaijani, Turkic and Central Asian patronymics: `Heydar oglu` (son of Heydar) is no
/// given name of the speaker's.
bool patronymic_marker(std::string_view folded) {
    static constexpr std::array<std::string_view, 7> words = {"oglu", "ogly", "uly", "qizi", "gizi", "kyzy", "kizi"};
    return std::find(words.begin(), words.end(), folded) != words.end();
}

/// After a name: a generation or a degree (`Jr`, `II`, `MBBS`).
bool name_suffix(std::string_view folded) {
    static constexpr std::array<std::string_view, 9> words = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mbbs", "esq"};
    return std::find(words.begin(), words.end(), folded) != words.end();
}

bool has_letter(std::string_view s) {
    for (std::size_t at = 0, n = 0; at < s.size(); at += n) {
        char32_t c = 0;
        if ((n = text::decode_utf8(s, at, c)) == 0) return false;
        if (u_isalpha(static_cast<UChar32>(c))) return true;
    }
    return false;
}

std::size_t letters(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t at = 0, n = 0; at < s.size(); at += n) {
        char32_t c = 0;
        if ((n = text::decode_utf8(s, at, c)) == 0) return count;
        count += u_isalpha(static_cast<UChar32>(c)) ? 1 : 0;
    }
    return count;
}

/// Letters of a cased script, none of them lower case.
bool all_capitals(std::string_view s) {
    bool upper = false;
    for (std::size_t at = 0, n = 0; at < s.size(); at += n) {
        char32_t c = 0;
        if ((n = text::decode_utf8(s, at, c)) == 0) return false;
        if (u_islower(static_cast<UChar32>(c))) return false;
        if (u_isupper(static_cast<UChar32>(c))) upper = true;
    }
    return upper;
}

/// `label` without what stands in brackets (`MUHARREM ERKEK (Çanakkale)`), in words; glued
/// initials are words of their own (`М.В.Захарова` → М, В, Захарова; `J.-Y.` → J, Y).
std::vector<std::string> label_words(std::string_view label) {
    std::string plain;
    int depth = 0;
    for (const char c : label) {
        if (c == '(' || c == '[') ++depth;
        else if ((c == ')' || c == ']') && depth > 0) --depth;
        else if (depth == 0) plain += c;
    }
    // What follows a comma is a suffix or a degree (`Joseph R. Biden, Jr`, `Lotay Tshering, MBBS`).
    if (const auto comma = plain.find(", "); comma != std::string::npos) plain.resize(comma);
    std::vector<std::string> out;
    std::istringstream in(plain);
    for (std::string word; in >> word;) {
        const std::string folded = text::folded_form(text::exact_form(word, {}));
        if (folded == "h.e." || folded == "h.e") {  // His Excellency, not two initials
            out.push_back("h.e");
            continue;
        }
        std::size_t start = 0;
        for (std::size_t i = 0; i <= word.size(); ++i) {
            if (i < word.size() && word[i] != '.' && word[i] != ',' && word[i] != ':' && word[i] != ';') continue;
            std::string part = word.substr(start, i - start);
            while (!part.empty() && (part.front() == '-' || part.front() == '\'')) part.erase(0, 1);
            while (!part.empty() && (part.back() == '-' || part.back() == '\'')) part.pop_back();
            if (has_letter(part)) out.push_back(std::move(part));
            start = i + 1;
        }
    }
    return out;
}

std::string key_of(std::string_view word) {
    // `Al-Khatib`, `EL-SISI`: the article is no part of the name (AL SISI = EL-SISI).
    const std::string folded = text::folded_form(text::exact_form(word, {}));
    if (folded.size() > 4 && (folded.starts_with("al-") || folded.starts_with("el-"))) word.remove_prefix(3);
    auto key = text::translit_key(text::exact_form(word, {}));
    return key.empty() ? text::folded_form(text::exact_form(word, {})) : key;
}

}  // namespace

std::optional<SpeakerName> parse_speaker_name(std::string_view label) {
    if (is_question_label(label)) return std::nullopt;
    const auto words = label_words(label);
    SpeakerName name;
    name.all_capitals = all_capitals(label);
    // The name: the words after the last title (and what it is of), without particles,
    // patronymics and suffixes.
    std::size_t first = 0;
    std::vector<bool> dropped(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string folded = text::folded_form(text::exact_form(words[i], {}));
        const bool title = title_words().count(folded) > 0;
        if (title) name.titled = true;
        if (title || joins_title(folded)) {
            first = i + 1;
        } else if (folded == "bin" || folded == "ibn" || folded == "bint") {
            // Son or daughter of the name after it (`Abdullah bin Zayed`): none of theirs.
            dropped[i] = true;
            while (i + 1 < words.size()) {
                dropped[++i] = true;
                const std::string next = text::folded_form(text::exact_form(words[i], {}));
                if (next != "al" && next != "el") break;
            }
        } else if (name_particle(folded) || name_suffix(folded)) {
            dropped[i] = true;
        } else if (patronymic_marker(folded)) {
            dropped[i] = true;
            if (i > 0) dropped[i - 1] = true;
        }
    }
    std::vector<std::string_view> name_words;
    for (std::size_t i = first; i < words.size(); ++i)
        if (!dropped[i]) name_words.emplace_back(words[i]);
    if (name_words.empty()) return std::nullopt;  // titles only: THE PRESIDENT
    std::vector<std::string_view> kept = std::move(name_words);
    if (letters(kept.back()) < 2) return std::nullopt;  // "A:", a lone initial
    if (name.titled) {
        // After a title, the name is the surname, its initials and one given name:
        // "President of Russia Vladimir Putin" → Vladimir Putin.
        std::size_t keep = kept.size() - 1;
        bool full_given = false;
        while (keep > 0) {
            const bool initial = letters(kept[keep - 1]) == 1;
            if (!initial && full_given) break;
            full_given = full_given || !initial;
            --keep;
        }
        name.shortened = keep > 0;
        kept.erase(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(keep));
    }
    for (std::size_t i = 0; i < kept.size(); ++i) {
        std::string key = key_of(kept[i]);
        name.whole += key;
        if (i + 1 == kept.size()) name.surname = std::move(key);
        else name.given.push_back({std::move(key), letters(kept[i]) == 1});
    }
    if (name.surname.empty()) return std::nullopt;
    return name;
}

namespace {

bool given_agree(const SpeakerName::Given& x, const SpeakerName::Given& y) {
    if (x.initial || y.initial) return !x.key.empty() && !y.key.empty() && x.key.front() == y.key.front();
    return x.key == y.key;
}

/// A Russian or Ukrainian patronymic (Vladimirovich, Vladimirovna, Ilyichna) by its key.
bool patronymic(const SpeakerName::Given& g) {
    return !g.initial && (g.key.ends_with("vic") || g.key.ends_with("vna") || g.key.ends_with("icna"));
}

}  // namespace

bool compatible_names(const SpeakerName& a, const SpeakerName& b) {
    if (a.surname != b.surname) return false;
    const auto& shorter = a.given.size() <= b.given.size() ? a : b;
    const auto& longer = a.given.size() <= b.given.size() ? b : a;
    const std::size_t n = shorter.given.size();
    if (n == 0) return true;
    // After a title only the given name nearest the surname is kept: compare from there.
    const bool from_end = a.shortened || b.shortened;
    const std::size_t offset = from_end ? longer.given.size() - n : 0;
    for (std::size_t i = 0; i < n; ++i)
        if (!given_agree(shorter.given[i], longer.given[offset + i])) return false;
    if (from_end) return true;
    // Written in full, a further given name says another person (John Adams, John Quincy
    // Adams); initials and patronymics do not (Joseph R. Biden, Vladimir Vladimirovich Putin).
    for (std::size_t i = n; i < longer.given.size(); ++i)
        if (!longer.given[i].initial && !patronymic(longer.given[i])) return false;
    return true;
}

Result<SpeakerMerges> SpeakerMerges::parse(std::string_view content) {
    SpeakerMerges merges;
    std::size_t line_no = 0;
    std::istringstream in{std::string(content)};
    auto trim = [](std::string s) {
        const auto b = s.find_first_not_of(" \t\r");
        if (b == std::string::npos) return std::string();
        return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
    };
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(':');
        const std::string kind = colon == std::string::npos ? std::string() : trim(line.substr(0, colon));
        std::vector<std::string> labels;
        if (colon != std::string::npos) {
            std::string rest = line.substr(colon + 1);
            for (std::size_t start = 0;;) {
                const auto bar = rest.find('|', start);
                if (auto l = trim(rest.substr(start, bar == std::string::npos ? std::string::npos : bar - start)); !l.empty())
                    labels.push_back(std::move(l));
                if (bar == std::string::npos) break;
                start = bar + 1;
            }
        }
        if (kind == "same" && labels.size() >= 2) {
            merges.same.push_back(std::move(labels));
        } else if (kind == "different" && labels.size() == 2) {
            merges.different.emplace_back(labels[0], labels[1]);
        } else {
            return fail(ErrorCode::BadParameter,
                        "line " + std::to_string(line_no) +
                            ": expected `same: LABEL | LABEL ...` or `different: LABEL | LABEL`");
        }
    }
    return merges;
}

Result<SpeakerMerges> SpeakerMerges::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::BadParameter, "cannot read the speaker merges file " + path);
    std::ostringstream content;
    content << in.rdbuf();
    auto parsed = parse(content.str());
    if (!parsed) return fail(ErrorCode::BadParameter, path + ":" + parsed.error().message.substr(5));
    return parsed;
}

const SpeakerMerges& SpeakerMerges::shipped() {
    static const SpeakerMerges merges = [] {
        auto loaded = load(shipped_data_file("speakers.txt", "DRAGOMAN_SPEAKERS"));
        return loaded ? std::move(*loaded) : SpeakerMerges{};
    }();
    return merges;
}

namespace {

/// A label with what the directory needs to place it.
struct Entry {
    std::string label;
    std::optional<SpeakerName> name;
    std::map<std::string, std::set<int>> sources;  // source → years it speaks in (0: undated)
    std::size_t passages = 0;
    std::size_t cluster = SIZE_MAX;
};

/// Two names may be one person's: compatible, or a name without given names that spells the
/// other's whole name (华春莹 and Hua Chunying).
bool agree(const SpeakerName& a, const SpeakerName& b) {
    if (compatible_names(a, b)) return true;
    if ((a.given.empty() && a.whole == b.whole) || (b.given.empty() && b.whole == a.whole)) return true;
    // The family name first (`Macron Emmanuel`, `Kim Song` beside `Song Kim`).
    return a.given.size() == 1 && b.given.size() == 1 && !a.given[0].initial && !b.given[0].initial &&
           a.surname == b.given[0].key && b.surname == a.given[0].key;
}

/// Clusters of entries, built in the order the rule places them.
class Clustering {
public:
    Clustering(std::vector<Entry>& entries, const SpeakerMerges& merges) : m_entries(entries) {
        for (const auto& [a, b] : merges.different) {
            m_apart.emplace(a, b);
            m_apart.emplace(b, a);
        }
    }

    /// Entry `e` in the one cluster of `candidates` it may join, else in a cluster of its own.
    void place(std::size_t e, const std::vector<std::size_t>& candidates) {
        std::vector<std::size_t> fit;
        for (const auto c : candidates)
            if (may_join(e, c) && std::find(fit.begin(), fit.end(), c) == fit.end()) fit.push_back(c);
        join(e, fit.size() == 1 ? fit.front() : new_cluster());
    }

    std::size_t new_cluster() {
        m_members.emplace_back();
        return m_members.size() - 1;
    }

    void join(std::size_t e, std::size_t c) {
        m_entries[e].cluster = c;
        m_members[c].push_back(e);
    }

    /// Every label of cluster `c` agrees with entry `e`'s name, and none is kept apart from it.
    bool may_join(std::size_t e, std::size_t c) const {
        const Entry& x = m_entries[e];
        for (const auto m : m_members[c]) {
            const Entry& y = m_entries[m];
            if (apart(x.label, y.label)) return false;
            if (x.name && y.name && !agree(*x.name, *y.name)) return false;
        }
        return true;
    }

    bool apart(const std::string& a, const std::string& b) const { return m_apart.count({a, b}) > 0; }

    /// Joins the clusters of `labels` (an operator's `same:` line).
    void merge(const std::vector<std::size_t>& entries) {
        if (entries.size() < 2) return;
        const std::size_t into = m_entries[entries.front()].cluster;
        for (const auto e : entries) {
            const std::size_t from = m_entries[e].cluster;
            if (from == into) continue;
            for (const auto m : m_members[from]) join(m, into);
            m_members[from].clear();
        }
    }

    const std::vector<std::vector<std::size_t>>& members() const { return m_members; }

private:
    std::vector<Entry>& m_entries;
    std::vector<std::vector<std::size_t>> m_members;
    std::set<std::pair<std::string, std::string>> m_apart;
};

/// Whether two labels speak in one source within five years of each other (either undated:
/// in one source).
bool speak_together(const Entry& a, const Entry& b) {
    for (const auto& [source, years] : a.sources) {
        const auto other = b.sources.find(source);
        if (other == b.sources.end()) continue;
        for (const int y : years)
            for (const int z : other->second)
                if (y == 0 || z == 0 || std::abs(y - z) <= 5) return true;
    }
    return false;
}

/// How well a label shows its person: a full given name, not in capitals, no title.
int display_rank(const Entry& e) {
    if (!e.name) return 0;
    int rank = 1;
    if (std::any_of(e.name->given.begin(), e.name->given.end(), [](const auto& g) { return !g.initial; })) rank += 4;
    if (!e.name->all_capitals) rank += 2;
    if (!e.name->titled) rank += 1;
    return rank;
}

}  // namespace

SpeakerDirectory::SpeakerDirectory(const std::vector<SpeakerLabel>& labels, const SpeakerMerges& merges) {
    std::vector<Entry> entries;
    std::unordered_map<std::string, std::size_t> entry_of;
    for (const auto& l : labels) {
        if (l.label.empty()) continue;
        auto [it, added] = entry_of.try_emplace(l.label, entries.size());
        if (added) entries.push_back(Entry{l.label, parse_speaker_name(l.label), {}, 0, SIZE_MAX});
        Entry& e = entries[it->second];
        e.passages += l.passages;
        const bool dated = l.year.size() == 4 && std::all_of(l.year.begin(), l.year.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!l.source.empty()) e.sources[l.source].insert(dated ? std::stoi(l.year) : 0);
    }

    // The most specific names first: more given names written out, then more passages.
    std::vector<std::size_t> order(entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto full_given = [&](std::size_t i) {
        const auto& n = entries[i].name;
        return n ? std::count_if(n->given.begin(), n->given.end(), [](const auto& g) { return !g.initial; }) : 0;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (full_given(a) != full_given(b)) return full_given(a) > full_given(b);
        const std::size_t ga = entries[a].name ? entries[a].name->given.size() : 0;
        const std::size_t gb = entries[b].name ? entries[b].name->given.size() : 0;
        if (ga != gb) return ga > gb;
        return entries[a].passages > entries[b].passages;
    });

    Clustering clusters(entries, merges);
    std::unordered_map<std::string, std::vector<std::size_t>> by_surname;  // surname key → clusters
    std::unordered_map<std::string, std::vector<std::size_t>> by_whole;    // whole-name key → clusters
    for (const auto e : order) {
        const auto& name = entries[e].name;
        if (!name) {
            clusters.join(e, clusters.new_cluster());
            continue;
        }
        std::vector<std::size_t> candidates = by_surname[name->surname];
        if (name->given.size() == 1) {  // the family name first: Macron Emmanuel
            const auto& reversed = by_surname[name->given[0].key];
            candidates.insert(candidates.end(), reversed.begin(), reversed.end());
        }
        if (name->given.empty()) {
            // A surname alone (`MS. PSAKI`, `Путин`) is one person's only with evidence: of the
            // persons of that surname, the one who speaks in the same source. Sharing a surname
            // is none: `VICE PRESIDENT HARRIS` beside the only other Harris of the corpus, a
            // prime minister of Saint Kitts and Nevis (bench/speakers). A name with no space
            // that spells a person's whole name (华春莹, Hua Chunying) is that person.
            std::vector<std::size_t> fit;
            auto add = [&](std::size_t c) {
                if (clusters.may_join(e, c) && std::find(fit.begin(), fit.end(), c) == fit.end()) fit.push_back(c);
            };
            for (const auto c : by_whole[name->whole]) add(c);
            if (fit.empty())
                for (const auto c : candidates)
                    if (std::any_of(clusters.members()[c].begin(), clusters.members()[c].end(),
                                    [&](std::size_t m) { return speak_together(entries[e], entries[m]); }))
                        add(c);
            candidates = std::move(fit);
        }
        clusters.place(e, candidates);
        const std::size_t c = entries[e].cluster;
        auto note = [&](std::vector<std::size_t>& list) {
            if (std::find(list.begin(), list.end(), c) == list.end()) list.push_back(c);
        };
        note(by_surname[name->surname]);
        if (!name->given.empty()) note(by_whole[name->whole]);
    }
    for (const auto& same : merges.same) {
        std::vector<std::size_t> present;
        for (const auto& l : same)
            if (const auto it = entry_of.find(l); it != entry_of.end()) present.push_back(it->second);
        clusters.merge(present);
    }

    for (const auto& members : clusters.members()) {
        if (members.empty()) continue;
        Person p;
        std::vector<std::size_t> sorted = members;
        std::sort(sorted.begin(), sorted.end(), [&](std::size_t a, std::size_t b) {
            return entries[a].passages != entries[b].passages ? entries[a].passages > entries[b].passages
                                                              : entries[a].label < entries[b].label;
        });
        std::size_t shown = sorted.front();
        for (const auto m : sorted) {
            p.variants.push_back(entries[m].label);
            p.passages += entries[m].passages;
            if (display_rank(entries[m]) > display_rank(entries[shown])) shown = m;
        }
        p.name = entries[shown].label;
        const std::size_t index = m_persons.size();
        for (const auto m : sorted) {
            m_person_of[entries[m].label] = index;
            if (entries[m].name) {
                for (auto* map : {&m_by_surname, &m_by_whole}) {
                    auto& list = (*map)[map == &m_by_surname ? entries[m].name->surname : entries[m].name->whole];
                    if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
                }
                m_names.emplace(entries[m].label, *entries[m].name);
            }
        }
        m_persons.push_back(std::move(p));
    }
    DRAGOMAN_ASSERT_REL(m_person_of.size(), ==, entries.size());
}

const Person* SpeakerDirectory::person_of(std::string_view label) const {
    const auto it = m_person_of.find(std::string(label));
    return it == m_person_of.end() ? nullptr : &m_persons[it->second];
}

const std::string& SpeakerDirectory::name_of(const std::string& label) const {
    const Person* p = person_of(label);
    return p ? p->name : label;
}

std::vector<const Person*> SpeakerDirectory::persons_named(std::string_view typed) const {
    std::vector<const Person*> out;
    if (const Person* p = person_of(typed)) out.push_back(p);  // a facet's value, as shown
    const auto name = parse_speaker_name(typed);
    if (!name) return out;
    if (const auto whole = m_by_whole.find(name->whole); whole != m_by_whole.end())
        for (const auto index : whole->second)
            if (std::find(out.begin(), out.end(), &m_persons[index]) == out.end()) out.push_back(&m_persons[index]);
    const auto it = m_by_surname.find(name->surname);
    if (it == m_by_surname.end()) return out;
    for (const auto index : it->second) {
        const Person& p = m_persons[index];
        const bool agrees = std::all_of(p.variants.begin(), p.variants.end(), [&](const std::string& v) {
            const auto n = m_names.find(v);
            return n == m_names.end() || n->second.surname != name->surname || compatible_names(*name, n->second);
        });
        if (agrees && std::find(out.begin(), out.end(), &p) == out.end()) out.push_back(&p);
    }
    return out;
}

}  // namespace dragoman
