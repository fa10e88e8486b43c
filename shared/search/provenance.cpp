// Quote lookup (fingerprints → candidates → verified by word pairs → by date) and talking
// points (sentence terms said by several persons).
#include "search/provenance.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "schema/date.hpp"
#include "schema/quote_fingerprint.hpp"
#include "schema/schema.hpp"
#include "search/stored_passage.hpp"
#include "search/time_budget.hpp"
#include "text/utf8.hpp"
#include "util/assert.hpp"
#include "util/fnv1a.hpp"

namespace dragoman {

namespace {

/// The languages standing for each class of analysis (text::analysis_class): a quote is
/// fingerprinted in each, so that it finds a passage in any language whatever its own.
constexpr std::string_view analysis_classes[] = {"en", "fr", "tr"};

std::uint64_t pair_hash(std::string_view a, std::string_view b) {
    return fnv1a64(b, fnv1a64("\xff", fnv1a64(a)));
}

/// The hashes of each pair of consecutive folded words, in order (one per word but the last).
std::vector<std::uint64_t> pair_hashes(const std::vector<text::Token>& tokens) {
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) out.push_back(pair_hash(tokens[i].folded, tokens[i + 1].folded));
    return out;
}

/// A passage's match ordered for the answer: dated before undated, oldest first, then most
/// similar, then by passage id.
bool earlier(const QuoteMatch& a, const QuoteMatch& b) {
    if (a.date_key.empty() != b.date_key.empty()) return b.date_key.empty();
    if (a.date_key != b.date_key) return a.date_key < b.date_key;
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.passage.passage_id < b.passage.passage_id;
}

/// Sorts `matches` by date and marks the first dated one as the first use.
void order_by_date(std::vector<QuoteMatch>& matches) {
    std::sort(matches.begin(), matches.end(), earlier);
    if (!matches.empty() && !matches.front().date_key.empty()) matches.front().first_use = true;
}

/// The fingerprint terms of a quote in every class of analysis: all its shingles (the
/// passages keep only winnowed ones, any of which the quote's full set holds).
std::vector<std::string> quote_terms(const std::map<std::string_view, std::vector<text::Token>>& tokens) {
    std::set<std::string> terms;
    for (const auto& [cls, toks] : tokens)
        for (const std::uint64_t h : schema::shingle_hashes(schema::folded_words(toks))) terms.insert(schema::fingerprint_term(h));
    return {terms.begin(), terms.end()};
}

std::vector<text::Token> words_only(std::vector<text::Token> tokens) {
    std::erase_if(tokens, [](const text::Token& t) { return t.folded.empty(); });
    return tokens;
}

}  // namespace

QuoteSimilarity quote_similarity(const std::vector<text::Token>& quote, const std::vector<text::Token>& passage) {
    QuoteSimilarity out;
    const auto q = pair_hashes(quote);
    if (q.empty()) return out;
    const std::unordered_set<std::uint64_t> wanted(q.begin(), q.end());
    const auto p = pair_hashes(passage);
    std::unordered_set<std::uint64_t> found;
    std::vector<std::size_t> at;  // passage pairs that are the quote's
    for (std::size_t i = 0; i < p.size(); ++i)
        if (wanted.contains(p[i])) {
            found.insert(p[i]);
            at.push_back(i);
        }
    out.similarity = static_cast<double>(found.size()) / static_cast<double>(wanted.size());
    if (at.empty()) return out;
    // The densest run: the window of twice the quote's length holding the most of its pairs.
    const std::size_t window = 2 * quote.size();
    std::size_t best_from = 0, best_to = 0, from = 0;
    for (std::size_t to = 0; to < at.size(); ++to) {
        while (at[to] - at[from] > window) ++from;
        if (to - from > best_to - best_from) best_from = from, best_to = to;
    }
    DRAGOMAN_ASSERT(at[best_to] + 1 < passage.size());
    out.span_begin = passage[at[best_from]].begin;
    out.span_end = passage[at[best_to] + 1].end;
    return out;
}

Result<QuoteResponse> find_quote(const Xapian::Database& db, text::Analyzer& analyzer, const QuoteRequest& r) {
    if (r.quote.empty()) return fail(ErrorCode::BadParameter, "the quote is empty");
    if (r.quote.size() > max_quote_bytes)
        return fail(ErrorCode::BadParameter, "the quote is longer than " + std::to_string(max_quote_bytes) + " bytes");
    if (!text::is_valid_utf8(r.quote)) return fail(ErrorCode::BadParameter, "the quote is not valid UTF-8");
    if (!(r.min_similarity > 0 && r.min_similarity <= 1))
        return fail(ErrorCode::BadParameter, "the similarity must be above 0 and at most 1");
    TimeBudget budget(r.time_budget);
    QuoteResponse out;
    out.quote = r.quote;
    std::map<std::string_view, std::vector<text::Token>> tokens;
    for (const auto cls : analysis_classes) tokens[cls] = words_only(analyzer.tokenize(r.quote, cls));
    out.words = tokens["en"].size();
    if (out.words < schema::shingle_words)
        return fail(ErrorCode::BadQuery, "a quote needs at least " + std::to_string(schema::shingle_words) + " words");

    std::vector<std::string> terms;
    for (auto& t : quote_terms(tokens)) {
        const auto n = db.get_termfreq(t);
        if (n > 0 && n <= max_fingerprint_passages) terms.push_back(std::move(t));
    }
    if (terms.empty()) {
        out.took_ms = budget.elapsed_ms();
        return out;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    enquire.set_weighting_scheme(Xapian::CoordWeight());  // weight: fingerprints shared
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_time_limit(budget.seconds_left());
    const auto most = static_cast<Xapian::doccount>(max_quote_candidates);
    const Xapian::MSet mset = enquire.get_mset(0, most, most + 1);
    out.cut = mset.get_matches_lower_bound() > mset.size();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (budget.expired()) break;
        ++out.candidates;
        const Xapian::Document doc = it.get_document();
        QuoteMatch m;
        m.passage = stored_data(doc);
        const auto& lang = m.passage.passage_language;
        const auto passage_tokens = words_only(analyzer.tokenize(m.passage.text, lang));
        const auto sim = quote_similarity(tokens[text::analysis_class(lang)], passage_tokens);
        if (sim.similarity < r.min_similarity) continue;
        m.similarity = sim.similarity;
        m.span_begin = sim.span_begin;
        m.span_end = sim.span_end;
        m.date_key = date_sort_key(m.passage.date);
        out.matches.push_back(std::move(m));
    }
    out.timed_out = budget.spent();
    order_by_date(out.matches);
    out.took_ms = budget.elapsed_ms();
    return out;
}

namespace {

/// What the walk of sentence terms keeps of one passage.
struct SentencePassage {
    Xapian::docid did = 0;
    std::string date_key;
    std::string speaker;
    bool kept = false;  ///< in the request's period, sources and language
};

/// Whether a passage's values fall in the request's period, sources and language.
class PassageFilter {
public:
    explicit PassageFilter(const TalkingPointsRequest& r)
        : m_low(date_range_low_key(r.date_from)), m_high(date_range_high_key(r.date_to)), m_lang(r.lang) {
        for (const auto& s : r.sources) m_sources.insert(lowered(s));
    }

    bool dated() const { return !m_low.empty() || !m_high.empty(); }

    bool keeps(const Xapian::Document& doc, const std::string& date_key) const {
        if (dated() && date_key.empty()) return false;
        if (!m_low.empty() && date_key < m_low) return false;
        if (!m_high.empty() && date_key > m_high) return false;
        if (!m_sources.empty() && !m_sources.contains(lowered(doc.get_value(schema::slot_source)))) return false;
        if (!m_lang.empty() && doc.get_value(schema::slot_language) != m_lang) return false;
        return true;
    }

private:
    static std::string lowered(std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return s;
    }
    std::string m_low, m_high, m_lang;
    std::unordered_set<std::string> m_sources;
};

/// A sentence's passages (at most max_talking_point_passages), each marked whether it falls
/// in the request's period, sources and language.
std::vector<SentencePassage> sentence_passages(const Xapian::Database& db, const std::string& term, const PassageFilter& filter) {
    std::vector<SentencePassage> out;
    Xapian::doccount read = 0;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && read < max_talking_point_passages; ++p, ++read) {
        const Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
        std::string date_key = doc.get_value(schema::slot_date);
        const bool kept = filter.keeps(doc, date_key);
        out.push_back(SentencePassage{*p, std::move(date_key), doc.get_value(schema::slot_speaker), kept});
    }
    return out;
}

/// A candidate before its first use is read: the term and its passages' persons.
struct Candidate {
    std::string term;
    std::vector<SentencePassage> passages;
    std::vector<std::pair<std::string, std::size_t>> persons;  // name, passages; most first
};

/// The persons saying a sentence in the kept passages of `passages`, most passages first:
/// a label the directory knows counts as its person, another as itself, none not at all.
std::vector<std::pair<std::string, std::size_t>> persons_of(const std::vector<SentencePassage>& passages,
                                                             const SpeakerDirectory& persons) {
    std::map<std::pair<const Person*, std::string>, std::size_t> count;
    for (const auto& p : passages) {
        if (!p.kept || p.speaker.empty()) continue;
        const Person* person = persons.person_of(p.speaker);
        ++count[{person, person ? std::string() : p.speaker}];
    }
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const auto& [who, n] : count) out.emplace_back(who.first ? who.first->name : who.second, n);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    return out;
}

/// The talking point of a candidate: its first use (the earliest of all its passages, in the
/// period or before it) read, the sentence cut from it.
TalkingPoint talking_point(const Xapian::Database& db, text::Analyzer& analyzer, Candidate&& c) {
    TalkingPoint tp;
    tp.speakers = c.persons.size();
    tp.passages = static_cast<std::size_t>(std::count_if(c.passages.begin(), c.passages.end(), [](const auto& p) { return p.kept; }));
    for (std::size_t i = 0; i < c.persons.size() && i < 10; ++i) tp.names.push_back(c.persons[i].first);
    const auto first = std::min_element(c.passages.begin(), c.passages.end(), [](const auto& a, const auto& b) {
        if (a.date_key.empty() != b.date_key.empty()) return b.date_key.empty();
        return a.date_key != b.date_key ? a.date_key < b.date_key : a.did < b.did;
    });
    QuoteMatch& m = tp.first_use;
    m.passage = stored_data(db.get_document(first->did));
    m.date_key = first->date_key;
    m.first_use = !m.date_key.empty();
    m.similarity = 1;
    const auto& text = m.passage.text;
    const auto tokens = analyzer.tokenize(text, m.passage.passage_language);
    for (const auto& s : schema::passage_sentences(text, tokens, analyzer.sentence_ends(text)))
        if (s.term == c.term) {
            m.span_begin = s.begin;
            m.span_end = s.end;
            tp.sentence = text.substr(s.begin, s.end - s.begin);
            break;
        }
    return tp;
}

}  // namespace

Result<TalkingPointsResponse> find_talking_points(const Xapian::Database& db, text::Analyzer& analyzer,
                                                  const SpeakerDirectory& persons, const TalkingPointsRequest& r) {
    for (const auto* bound : {&r.date_from, &r.date_to})
        if (!bound->empty())
            if (auto problem = date_problem(*bound)) return fail(ErrorCode::BadParameter, "from/to: " + *problem);
    if (r.min_speakers < 2 || r.min_speakers > 1000) return fail(ErrorCode::BadParameter, "min_speakers must be 2 to 1000");
    if (r.limit < 1 || r.limit > 200) return fail(ErrorCode::BadParameter, "the limit must be 1 to 200");
    TimeBudget budget(r.time_budget);
    const PassageFilter filter(r);
    TalkingPointsResponse out;
    std::vector<Candidate> candidates;
    const std::string prefix(schema::prefix_sentence);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (out.sentences % 1024 == 0 && budget.expired()) break;
        if (out.sentences == max_talking_point_terms) {
            out.cut = true;
            break;
        }
        ++out.sentences;
        if (t.get_termfreq() < r.min_speakers) continue;
        Candidate c{*t, sentence_passages(db, *t, filter), {}};
        c.persons = persons_of(c.passages, persons);
        if (c.persons.size() >= r.min_speakers) candidates.push_back(std::move(c));
    }
    out.timed_out = budget.spent();
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.persons.size() != b.persons.size()) return a.persons.size() > b.persons.size();
        if (a.passages.size() != b.passages.size()) return a.passages.size() > b.passages.size();
        return a.term < b.term;
    });
    if (candidates.size() > r.limit) candidates.resize(r.limit);
    for (auto& c : candidates) out.points.push_back(talking_point(db, analyzer, std::move(c)));
    out.took_ms = budget.elapsed_ms();
    return out;
}

}  // namespace dragoman
