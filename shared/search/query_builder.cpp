// Query analysis mirrors passage_document.cpp term by term, so what is indexed is what is found.
#include "search/query_builder.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

#include "schema/schema.hpp"
#include "text/normalizer.hpp"
#include "text/stemmer.hpp"
#include "text/stopwords.hpp"
#include "text/transliterator.hpp"

namespace dragoman {

namespace {

using K = QueryNode::Kind;

/// Weight factors (relative to a plain folded match).
// Measured with the known-item evaluation (docs/evaluation.md): these boosts move MRR by
// about ±0.01; the speaker boost serves "Zakharova sanctions" and costs 0.005 there.
constexpr double title_weight = 0.6;     // a title match adds to the word's weight
constexpr double exact_weight = 0.25;    // the exact surface form adds a little
constexpr double speaker_weight = 0.2;   // the passage's speaker is named: "Zakharova sanctions"
constexpr double translit_weight = 0.7;  // another script's spelling counts less than the word's own
constexpr double synonym_weight = 0.3;   // "ООН" finds "UN" and "联合国", below "ООН" itself
// Passages where the query's words stand close together rank higher ("access to clean water"
// for `clean water access`): the words' weights again, scaled, when they occur within a window
// of their number plus this slack.
constexpr double proximity_weight = 0.5;
constexpr Xapian::termcount proximity_slack = 6;
constexpr unsigned wildcard_limit = 200;

UScriptCode script_of(std::string_view word) {
    const auto* p = reinterpret_cast<const uint8_t*>(word.data());
    const auto n = static_cast<int32_t>(word.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0 || !u_isalpha(c)) continue;
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode s = uscript_getScript(c, &status);
        if (s != USCRIPT_COMMON && s != USCRIPT_INHERITED) return s;
    }
    return USCRIPT_COMMON;
}

UScriptCode script_of_language(std::string_view lang) {
    if (lang == "ru" || lang == "uk" || lang == "bg" || lang == "sr" || lang == "kk" || lang == "be") return USCRIPT_CYRILLIC;
    if (lang == "ar" || lang == "fa" || lang == "ur") return USCRIPT_ARABIC;
    if (lang == "el") return USCRIPT_GREEK;
    if (lang == "hy") return USCRIPT_ARMENIAN;
    if (lang == "hi" || lang == "ne" || lang == "mr") return USCRIPT_DEVANAGARI;
    if (lang == "ta") return USCRIPT_TAMIL;
    if (lang == "yi" || lang == "he") return USCRIPT_HEBREW;
    return USCRIPT_LATIN;
}

Xapian::Query weightless(const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

class Builder {
public:
    Builder(text::Analyzer& analyzer, const QueryContext& context, bool relaxed)
        : m_analyzer(analyzer), m_context(context), m_relaxed(relaxed),
          m_synonyms(context.synonyms ? *context.synonyms : Synonyms::shipped()) {}

    bool has_positive = false;

    /// Keeps the parts of `top` when build() makes them, for split_and().
    void keep_parts_of(const QueryNode* top) { m_kept_node = top; }

    /// The word and filter parts of the top-level AND that build() kept (see
    /// BuiltQuery::word_parts).
    void split_and(std::vector<Xapian::Query>& words, std::vector<Xapian::Query>& filters) const {
        for (std::size_t i = 0; i < m_kept_parts.size(); ++i)
            (m_kept_is_filter[i] ? filters : words).push_back(m_kept_parts[i]);
        if (words.size() < 2) words.clear(), filters.clear();
    }


    Result<Xapian::Query> build(const QueryNode& n, bool relaxed_top) {
        switch (n.kind) {
            case K::Word: return word(n.text);
            case K::Wildcard: return wildcard(n.text);
            case K::Phrase: return phrase(n.text, Xapian::Query::OP_PHRASE, 0);
            case K::DateRange: return date_range(n.from, n.to);
            case K::Field: return field(n);
            case K::Near: {
                std::vector<std::string> terms;
                for (const auto& c : n.children)
                    for (const auto& tok : m_analyzer.tokenize(c->text, m_context.language)) terms.push_back(tok.folded);
                if (terms.size() < 2) return word(n.children.front()->text);
                has_positive = true;
                return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                                     static_cast<Xapian::termcount>(n.distance + terms.size() - 1));
            }
            case K::And:
            case K::Or: {
                std::vector<Xapian::Query> parts;
                std::vector<bool> is_filter;
                const auto stop = n.kind == K::And ? stopword_children(n) : std::vector<bool>(n.children.size());
                if (auto error = children_parts(n, stop, parts, is_filter)) return tl::unexpected(*error);
                if (&n == m_kept_node && n.kind == K::And) m_kept_parts = parts, m_kept_is_filter = is_filter;
                if (parts.empty()) return Xapian::Query();
                if (n.kind == K::Or) return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
                if (!relaxed_top) return with_proximity(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()), n, stop);
                // Relaxed: any of the words, but every filter still applies.
                std::vector<Xapian::Query> words, filters;
                for (std::size_t i = 0; i < parts.size(); ++i) (is_filter[i] ? filters : words).push_back(parts[i]);
                Xapian::Query any = with_proximity(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()), n, stop);
                if (filters.empty()) return any;
                filters.insert(filters.begin(), any);
                return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
            }
            case K::Not: {
                Xapian::Query positive = Xapian::Query::MatchAll;
                if (n.children.front()) {
                    auto p = build(*n.children.front(), relaxed_top);
                    if (!p) return p;
                    if (!p->empty()) positive = std::move(*p);
                }
                if (positive.get_type() == Xapian::Query::LEAF_MATCH_ALL) positive = weightless(positive);
                std::vector<Xapian::Query> negatives;
                for (std::size_t i = 1; i < n.children.size(); ++i) {
                    auto q = build(*n.children[i], false);
                    if (!q) return q;
                    if (!q->empty()) negatives.push_back(std::move(*q));
                }
                if (negatives.empty()) return positive;
                return Xapian::Query(Xapian::Query::OP_AND_NOT, positive,
                                     Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end()));
            }
        }
        return Xapian::Query();
    }

private:
    /// All the ways one analysed token can match, as a synonym group, plus boosts.
    Xapian::Query token_query(const text::Token& tok, bool with_title) {
        std::vector<Xapian::Query> forms;
        forms.emplace_back(tok.folded);
        for (const auto& lang : stem_languages_for(tok.exact, m_context.languages, m_context.language)) {
            const auto stem = text::stem_term(tok, lang);
            if (!stem.empty()) forms.emplace_back(schema::stem_prefix(lang) + stem);
        }
        // Cross-script: the key matches other scripts' words (XT) and Latin words whose
        // folded form is the key itself (indexed without an XT term). Weighted below the
        // word's own script, so exact-script matches rank first.
        std::vector<Xapian::Query> crossed;
        const auto key = text::translit_key(tok.exact);
        if (!key.empty()) {
            crossed.emplace_back(schema::term(schema::prefix_translit, key));
            if (key != tok.folded) crossed.emplace_back(key);
        }
        Xapian::Query synonyms(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
        std::vector<Xapian::Query> parts{synonyms};
        if (!crossed.empty())
            parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               Xapian::Query(Xapian::Query::OP_SYNONYM, crossed.begin(), crossed.end()), translit_weight);
        const std::string exact_term = tok.exact == tok.folded ? tok.folded : schema::term(schema::prefix_exact, tok.exact);
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(exact_term), exact_weight);
        if (with_title && !m_context.text_only) {
            parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               Xapian::Query(schema::term(schema::prefix_title, tok.folded)), title_weight);
            const Xapian::Query speaker(Xapian::Query::OP_OR,
                                        Xapian::Query(schema::term(schema::prefix_speaker, tok.folded)),
                                        Xapian::Query(schema::term(schema::prefix_speaker_key, key.empty() ? tok.folded : key)));
            parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, speaker, speaker_weight);
        }
        return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }

    Result<Xapian::Query> word(const std::string& text) {
        auto q = word_without_synonyms(text);
        if (!q || q->empty()) return q;
        return with_synonyms(*q, text);
    }

    /// Which children of an AND are stopwords to drop: plain one-token words that are
    /// stopwords, as long as some other word remains (as Xapian's QueryParser does).
    std::vector<bool> stopword_children(const QueryNode& n) {
        std::vector<bool> stop(n.children.size());
        bool content = false;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            const auto& c = *n.children[i];
            if (c.kind != K::Word && c.kind != K::Phrase && c.kind != K::Wildcard && c.kind != K::Near) continue;
            if (c.kind == K::Word) {
                const auto tokens = m_analyzer.tokenize(c.text, m_context.language);
                if (tokens.size() == 1 && text::is_stopword(tokens.front().folded, m_context.language)) {
                    stop[i] = true;
                    continue;
                }
            }
            content = true;
        }
        if (!content) std::fill(stop.begin(), stop.end(), false);
        return stop;
    }

    /// The queries of `n`'s children (stopwords left out; a run of words that a synonym group
    /// names as one part), and which of them are filters.
    std::optional<Error> children_parts(const QueryNode& n, const std::vector<bool>& stop,
                                        std::vector<Xapian::Query>& parts, std::vector<bool>& is_filter) {
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            const auto& c = n.children[i];
            if (stop[i]) continue;
            if (n.kind == K::And) {
                // "United Nations" typed as words also finds "UN", "ООН", ...
                if (const std::size_t used = synonym_run(n, i, parts)) {
                    is_filter.push_back(false);
                    i += used - 1;
                    continue;
                }
            }
            auto q = build(*c, false);
            if (!q) return q.error();
            if (q->empty()) continue;
            parts.push_back(std::move(*q));
            is_filter.push_back(c->kind == K::DateRange ||
                                (c->kind == K::Field && c->text != "title" && c->text != "asked"));
        }
        return std::nullopt;
    }

    /// `q`, ranked higher where the AND's plain words (not stopwords, one token each) occur
    /// near each other in a passage.
    Xapian::Query with_proximity(const Xapian::Query& q, const QueryNode& n, const std::vector<bool>& stop) {
        std::vector<std::string> terms;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            if (stop[i] || n.children[i]->kind != K::Word) continue;
            const auto tokens = m_analyzer.tokenize(n.children[i]->text, m_context.language);
            if (tokens.size() == 1) terms.push_back(tokens.front().folded);
        }
        std::sort(terms.begin(), terms.end());
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        if (terms.size() < 2) return q;
        const auto window = static_cast<Xapian::termcount>(terms.size()) + proximity_slack;
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                           Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), window),
                                           proximity_weight));
    }

    /// `q` OR the synonyms of `text` (each a phrase of folded words).
    Xapian::Query with_synonyms(const Xapian::Query& q, const std::string& text) {
        if (m_synonyms.empty()) return q;
        std::vector<std::string> words;
        for (const auto& tok : m_analyzer.tokenize(text, m_context.language)) words.push_back(tok.folded);
        const bool capitals = Synonyms::typed_in_capitals(text);
        const auto alternatives = m_synonyms.alternatives(words, capitals);
        if (alternatives.empty()) return q;
        Xapian::Query typed = q;
        if (capitals && words.size() == 1) {
            // "UN" typed in capitals is the abbreviation, not French or Spanish "un": the word
            // itself is not looked for in passages of languages where it is a stopword.
            std::vector<Xapian::Query> article_languages;
            for (const auto& lang : m_context.languages)
                if (text::is_stopword(words.front(), lang))
                    article_languages.emplace_back(schema::term(schema::prefix_language, lang));
            if (!article_languages.empty())
                typed = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                                      Xapian::Query(Xapian::Query::OP_OR, article_languages.begin(), article_languages.end()));
        }
        std::vector<Xapian::Query> others;
        for (const auto& alt : alternatives) {
            if (alt.size() == 1) {
                others.emplace_back(alt.front());
            } else {
                others.emplace_back(Xapian::Query::OP_PHRASE, alt.begin(), alt.end(),
                                    static_cast<Xapian::termcount>(alt.size()));
            }
        }
        // The words as typed rank first; the synonyms find the rest.
        return Xapian::Query(Xapian::Query::OP_OR, typed,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                           Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()),
                                           synonym_weight));
    }

    /// Looks for a run of plain words starting at children[i] that a synonym group names;
    /// appends its query to `parts` and returns the number of words used (0 if none).
    std::size_t synonym_run(const QueryNode& n, std::size_t i, std::vector<Xapian::Query>& parts) {
        if (m_synonyms.empty()) return 0;
        std::size_t run = 0;
        while (i + run < n.children.size() && n.children[i + run]->kind == K::Word && run < m_synonyms.longest()) ++run;
        for (std::size_t len = run; len >= 2; --len) {
            std::string text;
            for (std::size_t k = 0; k < len; ++k) text += (k ? " " : "") + n.children[i + k]->text;
            std::vector<std::string> words;
            for (const auto& tok : m_analyzer.tokenize(text, m_context.language)) words.push_back(tok.folded);
            if (m_synonyms.alternatives(words, false).empty()) continue;
            std::vector<Xapian::Query> each;
            for (std::size_t k = 0; k < len; ++k) {
                auto q = word_without_synonyms(n.children[i + k]->text);
                if (q && !q->empty()) each.push_back(*q);
            }
            parts.push_back(with_synonyms(Xapian::Query(Xapian::Query::OP_AND, each.begin(), each.end()), text));
            return len;
        }
        return 0;
    }

    Result<Xapian::Query> word_without_synonyms(const std::string& text) {
        const auto tokens = m_analyzer.tokenize(text, m_context.language);
        if (tokens.empty()) return Xapian::Query();
        has_positive = true;
        if (tokens.size() == 1) return token_query(tokens.front(), true);
        std::vector<Xapian::Query> parts, terms;
        bool ideographic = true;
        for (const auto& tok : tokens) {
            parts.push_back(token_query(tok, true));
            terms.emplace_back(tok.folded);
            ideographic = ideographic && tok.ideographic;
        }
        Xapian::Query all(Xapian::Query::OP_AND, parts.begin(), parts.end());
        Xapian::Query adjacent(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                               static_cast<Xapian::termcount>(terms.size()));
        // A run of Chinese or Japanese words is one word to whoever typed it: its words must
        // be adjacent (unless relaxed). "Russian-Azerbaijani": all parts, adjacency ranks higher.
        if (ideographic && !m_relaxed) return Xapian::Query(Xapian::Query::OP_FILTER, all, adjacent);
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, adjacent);
    }

    Result<Xapian::Query> wildcard(const std::string& text) {
        const auto tokens = m_analyzer.tokenize(text, m_context.language);
        if (tokens.empty()) return Xapian::Query();
        has_positive = true;
        const std::string& prefix = tokens.back().folded;
        if (m_context.vocabulary == nullptr)
            return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, wildcard_limit,
                                 Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        std::vector<std::pair<Xapian::doccount, std::string>> found;
        const Xapian::Database& db = *m_context.vocabulary;
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) found.emplace_back(t.get_termfreq(), *t);
        if (found.size() > wildcard_limit) {  // the most frequent, ties by term as OP_WILDCARD does
            std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            found.resize(wildcard_limit);
            std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        }
        std::vector<Xapian::Query> terms;
        for (const auto& f : found) terms.emplace_back(f.second);
        return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }

    Result<Xapian::Query> phrase(const std::string& text, Xapian::Query::op op, unsigned window) {
        const auto tokens = m_analyzer.tokenize(text, m_context.language);
        if (tokens.empty()) return Xapian::Query();
        has_positive = true;
        if (tokens.size() == 1) return token_query(tokens.front(), true);
        std::vector<Xapian::Query> terms;
        for (const auto& tok : tokens) terms.emplace_back(tok.folded);
        const Xapian::Query q(op, terms.begin(), terms.end(), window ? window : static_cast<Xapian::termcount>(terms.size()));
        return op == Xapian::Query::OP_PHRASE ? with_synonyms(q, text) : q;
    }

    Result<Xapian::Query> date_range(const std::string& from, const std::string& to) {
        // YYYY, YYYY-MM or YYYY-MM-DD → the first or last YYYYMMDD it covers.
        auto key = [](const std::string& d, bool upper) {
            std::string k;
            for (char c : d)
                if (c != '-') k += c;
            if (k.empty()) return k;
            if (k.size() == 4) k += upper ? "1231" : "0101";
            else if (k.size() == 6) k += upper ? "31" : "01";
            return k;
        };
        const auto lo = key(from, false);
        const auto hi = key(to, true);
        Xapian::Query q;
        if (!lo.empty() && !hi.empty()) {
            if (lo > hi) return fail(ErrorCode::BadQuery, "date range " + from + ".." + to + " ends before it starts");
            q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_date, lo, hi);
        } else if (!lo.empty()) {
            q = Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot_date, lo);
        } else {
            // Undated passages have an empty value, which sorts before any date.
            q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_date, "0", hi);
        }
        return weightless(q);
    }

    /// Boolean terms for a keyword field: `lang:ru`, `country:RUS`, `lang:(ru OR uk)`.
    Result<Xapian::Query> keyword(const QueryNode& value, std::string_view prefix) {
        if (value.kind == K::Word || value.kind == K::Phrase) {
            std::vector<Xapian::Query> alts;
            std::string v = lower_ascii(value.text);
            std::size_t start = 0;
            while (start <= v.size()) {  // comma-separated alternatives
                auto comma = v.find(',', start);
                if (comma == std::string::npos) comma = v.size();
                const auto one = v.substr(start, comma - start);
                if (!one.empty()) alts.emplace_back(schema::term(prefix, one));
                start = comma + 1;
            }
            if (alts.empty()) return Xapian::Query();
            return weightless(Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()));
        }
        if (value.kind == K::Or || value.kind == K::And) {
            std::vector<Xapian::Query> parts;
            for (const auto& c : value.children) {
                auto q = keyword(*c, prefix);
                if (!q) return q;
                parts.push_back(*q);
            }
            return Xapian::Query(value.kind == K::Or ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, parts.begin(), parts.end());
        }
        return fail(ErrorCode::BadQuery, "this field takes a value or (a OR b)");
    }

    /// Name words: each word must match a speaker name word, in any script.
    Result<Xapian::Query> speaker(const QueryNode& value) {
        std::string text;
        collect_text(value, text);
        const auto tokens = m_analyzer.tokenize(text, {});
        if (tokens.empty()) return Xapian::Query();
        std::vector<Xapian::Query> words;
        for (const auto& tok : tokens) {
            const auto key = text::translit_term(tok);
            Xapian::Query alts(Xapian::Query::OP_OR, Xapian::Query(schema::term(schema::prefix_speaker, tok.folded)),
                               Xapian::Query(schema::term(schema::prefix_speaker_key, key.empty() ? tok.folded : key)));
            words.push_back(alts);
        }
        return weightless(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
    }

    /// Words that must occur in a prefixed field (title:, asked:), weighted.
    Result<Xapian::Query> prefixed_words(const QueryNode& value, std::string_view prefix) {
        if (value.kind == K::Or || value.kind == K::And || value.kind == K::Not) {
            std::vector<Xapian::Query> parts;
            for (const auto& c : value.children) {
                if (!c) continue;
                auto q = prefixed_words(*c, prefix);
                if (!q) return q;
                parts.push_back(*q);
            }
            const auto op = value.kind == K::Or ? Xapian::Query::OP_OR
                            : value.kind == K::And ? Xapian::Query::OP_AND : Xapian::Query::OP_AND_NOT;
            return Xapian::Query(op, parts.begin(), parts.end());
        }
        const auto tokens = m_analyzer.tokenize(value.text, m_context.language);
        if (tokens.empty()) return Xapian::Query();
        has_positive = true;
        std::vector<Xapian::Query> parts;
        for (const auto& tok : tokens) parts.emplace_back(schema::term(prefix, tok.folded));
        return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }

    Result<Xapian::Query> field(const QueryNode& n) {
        const auto& value = *n.children.front();
        const auto& f = n.text;
        if (f == "lang" || f == "language") return keyword(value, schema::prefix_language);
        if (f == "country") return keyword(value, schema::prefix_country);
        if (f == "source") return keyword(value, schema::prefix_source);
        if (f == "group") return keyword(value, schema::prefix_group);
        if (f == "id") {
            std::string id;
            collect_text(value, id);
            return weightless(Xapian::Query(schema::term(schema::prefix_transcript, id)));
        }
        if (f == "speaker") return speaker(value);
        if (f == "title") return prefixed_words(value, schema::prefix_title);
        if (f == "asked") return prefixed_words(value, schema::prefix_asked);
        return fail(ErrorCode::BadQuery, "unknown field '" + f + ":'");
    }

    static void collect_text(const QueryNode& n, std::string& out) {
        if (!n.text.empty() && n.kind != K::Field) {
            if (!out.empty()) out += ' ';
            out += n.text;
        }
        for (const auto& c : n.children)
            if (c) collect_text(*c, out);
    }

    text::Analyzer& m_analyzer;
    const QueryContext& m_context;
    bool m_relaxed;
    const QueryNode* m_kept_node = nullptr;
    std::vector<Xapian::Query> m_kept_parts;
    std::vector<bool> m_kept_is_filter;
    const Synonyms& m_synonyms;
};

bool is_relaxable(const QueryNode& tree) {
    if (tree.kind == K::Word) return true;  // a CJK run relaxes from adjacent to anywhere
    if (tree.kind != K::And) return false;
    int words = 0;
    for (const auto& c : tree.children)
        if (c->kind == K::Word || c->kind == K::Phrase) ++words;
    return words >= 2;
}

}  // namespace

std::vector<std::string> stem_languages_for(std::string_view word, const std::vector<std::string>& indexed,
                                            std::string_view only) {
    std::vector<std::string> out;
    const UScriptCode script = script_of(word);
    if (script == USCRIPT_COMMON) return out;
    for (const auto& lang : indexed) {
        if (!only.empty() && lang != only) continue;
        if (!text::has_stemmer(lang) || script_of_language(lang) != script) continue;
        out.push_back(lang);
    }
    return out;
}

std::string restricted_language(const QueryNode& tree) {
    if (tree.kind == K::Field && (tree.text == "lang" || tree.text == "language") &&
        tree.children.front()->kind == K::Word && tree.children.front()->text.find(',') == std::string::npos)
        return lower_ascii(tree.children.front()->text);
    if (tree.kind == K::And)
        for (const auto& c : tree.children)
            if (auto l = restricted_language(*c); !l.empty()) return l;
    return {};
}

Result<BuiltQuery> build_query(const QueryNode& tree, text::Analyzer& analyzer, const QueryContext& context,
                               bool relaxed) {
    QueryContext ctx = context;
    if (ctx.language.empty()) ctx.language = restricted_language(tree);
    Builder b(analyzer, ctx, relaxed);
    if (!relaxed) b.keep_parts_of(&tree);
    auto q = b.build(tree, relaxed && tree.kind == K::And);
    if (!q) return tl::unexpected(q.error());
    BuiltQuery out;
    out.query = std::move(*q);
    out.has_positive = b.has_positive;
    out.relaxable = is_relaxable(tree);
    b.split_and(out.word_parts, out.filter_parts);
    const QueryNode* top_not = tree.kind == K::Not ? &tree : nullptr;
    if (tree.kind == K::And)
        for (const auto& c : tree.children)
            if (c->kind == K::Not) top_not = c.get();
    if (top_not) {
        std::vector<Xapian::Query> negatives;
        for (std::size_t i = 1; i < top_not->children.size(); ++i) {
            auto negative = b.build(*top_not->children[i], false);
            if (negative && !negative->empty()) negatives.push_back(std::move(*negative));
        }
        if (!negatives.empty()) out.excluded = Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end());
    }
    return out;
}

}  // namespace dragoman
