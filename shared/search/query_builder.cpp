// Query analysis mirrors passage_document.cpp term by term, so what is indexed is what is found.
#include "search/query_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "schema/date.hpp"
#include "schema/lexicon_file.hpp"
#include "schema/schema.hpp"
#include "schema/word_terms.hpp"
#include "search/match_all.hpp"
#include "text/calendar.hpp"
#include "text/language_identifier.hpp"
#include "text/language_script.hpp"
#include "text/normalizer.hpp"
#include "text/stemmer.hpp"
#include "text/stopwords.hpp"
#include "text/transliterator.hpp"
#include "text/utf8.hpp"

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
// Passages that hold the words as typed, in order and adjacent, stopwords included, rank
// above those where they only stand close: `sanctions against Russia` finds first the answer
// that says "sanctions against Russia". The phrase's words' weights again, scaled. Measured
// (docs/evaluation.md): the judged set's P@5 0.682 → 0.691 (MRR@10 0.960 either way),
// known-item MRR@10 0.902 → 0.903 (rare words) and 0.784 → 0.781 (mid); 2.0 measured the
// same. It costs a phrase check per candidate: `developments develop` 694 → 787 M instructions.
constexpr double typed_order_weight = 1.0;
constexpr unsigned wildcard_limit = 200;
// A word's translations (across) count below the word itself, so that where the query's own
// language answers it ranks first (idf() caps them further). Measured with bench/crosslingual's
// known-item MRR@10 (the first 20 held-out documents a pair, docs/crosslingual.md): weight
// 0.5 / 0.8 / 1.0: 0.588 / 0.597 / 0.599; translations a language 1 / 2 / 3: 0.533 / 0.579 /
// 0.560; least Dice 0.1 / 0.2 / 0.3: 0.579 / 0.588 / 0.588. With the lexicon scored by the
// translation model (index/lexicon_miner), over the first 60 documents a pair (1,630 queries):
// translations a language 1 / 2 / 3 / 4: 0.547 / 0.589 / 0.597 / 0.597; weight 0.6 / 0.8 /
// 1.0: 0.586 / 0.589 / 0.592; least score 0.1 / 0.15 / 0.2 / 0.3 (first 20): 0.605 / 0.612 /
// 0.609 / 0.582. The model ranks a word's translations better than Dice did, so a third one
// now helps where it cost before. Scored by the languages' agreement (Lexicon::agreed: a mean
// over paths, so lower than the model's score), 1,630 queries: 0.636 with the model's scores
// and least 0.2; agreed scores with least 0.05 / 0.075 / 0.1 / 0.15: 0.653 / 0.652 / 0.651 /
// 0.624; 0.1 adds the fewest translations of the three alike.
constexpr double across_weight = 0.8;
// Translations added per word and language: 4 (of the lexicon's 5, index/lexicon_miner),
// known-item MRR@10 over 4,130 queries 0.660 → 0.663 against 3, and 5 no better (0.663).
constexpr std::size_t across_per_language = 4;
constexpr double across_min_score = 0.1;        // the agreed score below which none is added
// A word's translations into a language weigh as sure as the best of them is: in full from an
// agreed score of 0.3, below it in proportion (0.1, the least added, a third). A word the
// lexicon translates surely (`sanctions` → `санкц`, 0.6) then counts above one it barely
// knows (`offrir`, two paragraphs, → 从, 0.18; `quartier` → `al`, 0.15). Known-item MRR@10
// over 4,130 queries (docs/crosslingual.md): unweighted 0.682; in full from 0.2 / 0.3 / 0.5,
// 0.690 / 0.697 / 0.693; from 0.3 squared 0.692, its square root 0.694; by the sum of the
// scores instead of the best, in full from 0.4 / 0.6, 0.694 / 0.689. `--skip 20`: 0.678 → 0.694.
constexpr double across_sure_score = 0.3;

Xapian::Query weightless(const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

/// One reading of a typed word or phrase: its tokens as the languages of one analysis class
/// tokenise them (text::analysis_class), and which of the searched languages read it so.
struct Reading {
    std::vector<text::Token> tokens;
    std::vector<std::string> languages;
};

/// A query's typed texts as the languages it searches read them. Built once per query and
/// shared by every tier's builder, so that each typed text is tokenised once per analysis
/// class of the searched languages, not once per use.
class QueryAnalysis {
public:
    QueryAnalysis(text::Analyzer& analyzer, const QueryContext& context) : m_analyzer(analyzer) {
        // The languages searched: the `lang:` restriction, or every indexed language and
        // text of no identified language; grouped by how they analyse a word, the
        // restriction's (or unidentified text's) class first.
        std::vector<std::string> searched{context.language};
        if (context.language.empty()) searched.insert(searched.end(), context.languages.begin(), context.languages.end());
        for (const auto& l : searched) {
            const auto cls = text::analysis_class(l);
            auto it = std::find_if(m_classes.begin(), m_classes.end(), [&](const auto& c) { return c.first == cls; });
            if (it == m_classes.end()) it = m_classes.insert(m_classes.end(), {std::string(cls), {}});
            it->second.push_back(l);
        }
    }

    /// `text` as each searched language reads it (`l'Union` is `union` in French and
    /// `lunion` in English), each distinct reading once, the primary class's first.
    const std::vector<Reading>& readings(const std::string& text) {
        auto [it, fresh] = m_readings.try_emplace(text);
        auto& out = it->second;
        if (!fresh) return out;
        for (const auto& [cls, languages] : m_classes) {
            auto tokens = m_analyzer.tokenize(text, cls);
            auto same = std::find_if(out.begin(), out.end(), [&](const Reading& r) {
                return std::equal(r.tokens.begin(), r.tokens.end(), tokens.begin(), tokens.end(),
                                  [](const auto& a, const auto& b) { return a.exact == b.exact && a.folded == b.folded; });
            });
            if (same != out.end()) {
                same->languages.insert(same->languages.end(), languages.begin(), languages.end());
            } else {
                out.push_back(Reading{std::move(tokens), languages});
            }
        }
        return out;
    }

    /// `text` as `language` reads it (its analysis, whether or not it is searched), once per
    /// analysis class and text: the lexicon's 29 languages read a word in at most 3 ways.
    const std::vector<text::Token>& tokens_in(const std::string& text, const std::string& language) {
        const auto cls = text::analysis_class(language);
        auto [it, fresh] = m_read_as.try_emplace(std::string(cls) + '\0' + text);
        if (fresh) it->second = m_analyzer.tokenize(text, cls);
        return it->second;
    }

    /// `text` tokenised as text of no identified language, as speaker labels are indexed.
    std::vector<text::Token> tokens_as_unidentified(const std::string& text) { return m_analyzer.tokenize(text, {}); }

private:
    text::Analyzer& m_analyzer;
    /// Analysis class → the searched languages in it, the primary class first.
    std::vector<std::pair<std::string, std::vector<std::string>>> m_classes;
    std::map<std::string, std::vector<Reading>> m_readings;
    std::map<std::string, std::vector<text::Token>> m_read_as;  // analysis class + '\0' + text
};

/// The parts of a query's top level: what its implicit AND joins (words, phrases, fields,
/// bracketed groups, with the positive part of a `-word`/NOT flattened in) and what it
/// excludes. Nodes are the tree's own.
struct TopLevel {
    std::vector<const QueryNode*> parts;
    std::vector<const QueryNode*> excluded;
};

void add_top_parts(const QueryNode& n, TopLevel& top) {
    if (n.kind == K::And && !n.bracketed) {
        for (const auto& c : n.children) add_top_parts(*c, top);
    } else if (n.kind == K::Not) {
        if (n.children.front()) add_top_parts(*n.children.front(), top);
        for (std::size_t i = 1; i < n.children.size(); ++i) top.excluded.push_back(n.children[i].get());
    } else {
        top.parts.push_back(&n);
    }
}

TopLevel top_level(const QueryNode& tree) {
    TopLevel top;
    if (tree.kind == K::And) {
        for (const auto& c : tree.children) add_top_parts(*c, top);
    } else {
        add_top_parts(tree, top);
    }
    return top;
}

class Builder {
public:
    Builder(QueryAnalysis& analysis, const QueryContext& context, bool relaxed)
        : m_analysis(analysis), m_context(context), m_relaxed(relaxed),
          m_synonyms(context.synonyms ? *context.synonyms : Synonyms::shipped()) {}

    bool has_positive = false;
    /// The translations this builder's words added (across), each once.
    std::vector<AddedTranslation> added;

    /// The queries of an AND's `children` (stopwords left out; a run of words that a synonym
    /// group names as one part): the words' and the filters'.
    struct Conjunction {
        std::vector<Xapian::Query> words, filters;
    };
    Result<Conjunction> conjunction(const std::vector<const QueryNode*>& children) {
        Conjunction c;
        std::vector<Xapian::Query> parts;
        std::vector<bool> is_filter;
        if (auto error = children_parts(children, true, parts, is_filter)) return tl::unexpected(*error);
        for (std::size_t i = 0; i < parts.size(); ++i) (is_filter[i] ? c.filters : c.words).push_back(std::move(parts[i]));
        return c;
    }

    /// All of `children` (`any` false), or any of their words with every filter (`any`);
    /// ranked higher where their plain words stand close together.
    Result<Xapian::Query> all_or_any(const std::vector<const QueryNode*>& children, bool any) {
        auto c = conjunction(children);
        if (!c) return tl::unexpected(c.error());
        return combine(*c, children, any);
    }

    /// all_or_any() of a conjunction already built from `children`.
    Xapian::Query combine(const Conjunction& c, const std::vector<const QueryNode*>& children, bool any) {
        if (c.words.empty() && c.filters.empty()) return Xapian::Query();
        if (!any) {
            std::vector<Xapian::Query> all = c.words;
            all.insert(all.end(), c.filters.begin(), c.filters.end());
            return with_proximity(Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end()), children);
        }
        Xapian::Query words = with_proximity(Xapian::Query(Xapian::Query::OP_OR, c.words.begin(), c.words.end()), children);
        if (c.filters.empty()) return words;
        std::vector<Xapian::Query> all{words};
        all.insert(all.end(), c.filters.begin(), c.filters.end());
        return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
    }

    static std::vector<const QueryNode*> children_of(const QueryNode& n) {
        std::vector<const QueryNode*> out;
        for (const auto& c : n.children) out.push_back(c.get());
        return out;
    }

    Result<Xapian::Query> build(const QueryNode& n) {
        switch (n.kind) {
            case K::Word: return word(n.text);
            case K::Wildcard: return wildcard(n.text);
            case K::Phrase: return phrase(n.text, Xapian::Query::OP_PHRASE, 0);
            case K::DateRange: return date_range(n.from, n.to);
            case K::Field: return field(n);
            case K::Near: {
                std::vector<Xapian::Query> terms;
                for (const auto& c : n.children) {
                    const auto& rs = readings(c->text);
                    for (std::size_t i = 0; i < primary(rs).tokens.size(); ++i) terms.push_back(position_query(rs, i));
                }
                if (terms.size() < 2) return word(n.children.front()->text);
                has_positive = true;
                return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                                     static_cast<Xapian::termcount>(n.distance + terms.size() - 1));
            }
            case K::And: return all_or_any(children_of(n), false);
            case K::Or: {
                std::vector<Xapian::Query> parts;
                std::vector<bool> is_filter;
                if (auto error = children_parts(children_of(n), false, parts, is_filter)) return tl::unexpected(*error);
                if (parts.empty()) return Xapian::Query();
                return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
            }
            case K::Not: {
                Xapian::Query positive = match_all();
                if (n.children.front()) {
                    auto p = build(*n.children.front());
                    if (!p) return p;
                    if (!p->empty()) positive = std::move(*p);
                }
                if (positive.get_type() == Xapian::Query::LEAF_MATCH_ALL) positive = weightless(positive);
                std::vector<Xapian::Query> negatives;
                for (std::size_t i = 1; i < n.children.size(); ++i) {
                    auto q = build(*n.children[i]);
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
    const std::vector<Reading>& readings(const std::string& text) { return m_analysis.readings(text); }

    /// The reading where one sequence of tokens is needed (stopwords, synonyms, fields): the
    /// query language's, or, unrestricted, that of text of no identified language (the
    /// primary class is the first of m_classes, so its reading is the first).
    static const Reading& primary(const std::vector<Reading>& rs) { return rs.front(); }

    /// Whether every reading of `rs` has as many tokens as the primary one (elision and
    /// dotless i change a token, never the number of tokens; this guards the assumption).
    static bool aligned(const std::vector<Reading>& rs) {
        return std::all_of(rs.begin(), rs.end(), [&](const Reading& r) { return r.tokens.size() == rs.front().tokens.size(); });
    }

    /// The positional term(s) of token `i` in every reading: a term, or an OR of them.
    static Xapian::Query position_query(const std::vector<Reading>& rs, std::size_t i) {
        std::vector<std::string> forms;
        for (const auto& r : rs)
            if (i < r.tokens.size()) add_unique(forms, r.tokens[i].folded);
        if (forms.size() == 1) return Xapian::Query(forms.front());
        return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
    }

    static void add_unique(std::vector<std::string>& v, const std::string& t) {
        if (!t.empty() && std::find(v.begin(), v.end(), t) == v.end()) v.push_back(t);
    }

    /// The words that are their own stem, which a passage holds under their folded term only
    /// (schema::word_terms): each stem spelled as a word, in passages of the languages whose
    /// stemmer gave it, as the stem term said before it was left out for them.
    class OwnStems {
    public:
        void add(const std::string& plain, const std::string& language) {
            auto it = std::find_if(m_stems.begin(), m_stems.end(), [&](const auto& s) { return s.first == plain; });
            if (it == m_stems.end()) it = m_stems.insert(it, {plain, {}});
            add_unique(it->second, schema::term(schema::prefix_language, language));
        }
        void append_queries(std::vector<Xapian::Query>& out) const {
            for (const auto& [plain, languages] : m_stems)
                out.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(plain),
                                 Xapian::Query(Xapian::Query::OP_OR, languages.begin(), languages.end()));
        }

    private:
        std::vector<std::pair<std::string, std::vector<std::string>>> m_stems;
    };

    /// All the ways token `i` of a word can match, as a synonym group, plus boosts: the terms
    /// each searched language indexes it under (schema::word_terms, in that language's
    /// reading), its spellings in other scripts, its exact form, its title and speaker terms.
    Xapian::Query token_query(const std::vector<Reading>& rs, std::size_t i, bool with_title, bool translated = true) {
        std::vector<std::string> forms, crossed, exacts;
        OwnStems own_stems;
        for (const auto& r : rs) {
            const auto& tok = r.tokens[i];
            const auto wt = schema::word_terms(tok, {});
            add_unique(forms, wt.folded);
            add_unique(exacts, wt.exact.empty() ? wt.folded : wt.exact);
            for (const auto& lang : stem_languages_for(tok.exact, r.languages, {})) {
                const auto stem = schema::stem_terms(tok, lang);
                add_unique(forms, stem.term);
                if (!stem.plain.empty() && stem.plain != wt.folded) own_stems.add(stem.plain, lang);
                // `Путина` finds `Putin` in other scripts by its stem's key.
                for (const auto& t : schema::cross_script_stem_terms(tok, lang))
                    if (std::find(forms.begin(), forms.end(), t) == forms.end()) add_unique(crossed, t);
            }
            // Cross-script: weighted below the word's own script, so exact-script matches rank first.
            const auto cross = schema::cross_script_terms(tok);
            for (const auto& t : cross)
                if (std::find(forms.begin(), forms.end(), t) == forms.end()) add_unique(crossed, t);
            // A lowercase word of a script with case is indexed without its key (word_terms):
            // where the key differs from the folded form, the folded form stands for it, so
            // that such a word weighs what a name of the same spelling does.
            if (!cross.empty() && cross.front() != schema::term(schema::prefix_translit, tok.folded)) add_unique(crossed, wt.folded);
        }
        if (forms.empty()) return Xapian::Query();
        std::vector<Xapian::Query> alternatives(forms.begin(), forms.end());
        own_stems.append_queries(alternatives);
        // The word as itself in its own script: its forms, its exact form, its title term.
        std::vector<Xapian::Query> own{Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end()),
                                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                     Xapian::Query(Xapian::Query::OP_OR, exacts.begin(), exacts.end()), exact_weight)};
        const auto& tok = primary(rs).tokens[i];
        if (with_title && !m_context.text_only)
            own.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(schema::term(schema::prefix_title, tok.folded)),
                             title_weight);
        std::vector<Xapian::Query> parts{Xapian::Query(Xapian::Query::OP_OR, own.begin(), own.end())};
        if (translated) {
            std::vector<std::string> instead;
            if (auto t = translations({tok}, tok.exact, &instead); !t.empty()) {
                // Where its translations stand for it, not as itself: Spanish `celebrar` (held)
                // found English `celebrate`, `actual` (current) `actual`. Known-item MRR@10 over
                // the 4,130 queries 0.663 → 0.666, es→en 0.566 → 0.590, fr→en 0.577 → 0.605.
                if (!instead.empty())
                    parts.front() = Xapian::Query(Xapian::Query::OP_AND_NOT, parts.front(),
                                                  Xapian::Query(Xapian::Query::OP_OR, instead.begin(), instead.end()));
                parts.push_back(std::move(t));
            }
        }
        // Names: its spellings in other scripts and its speaker term, wherever it is translated.
        if (!crossed.empty())
            parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               Xapian::Query(Xapian::Query::OP_SYNONYM, crossed.begin(), crossed.end()), translit_weight);
        if (with_title && !m_context.text_only) parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, speaker_name_word(tok), speaker_weight);
        return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }

    /// The best translations of `tokens` (a word, or a term of several words) into each
    /// language of the lexicon other than its own (context.across), recorded in `added` as
    /// translations of `typed`: looked up under its lexicon form in the languages of its
    /// script (lexicon_readings), the best across_per_language per target language kept,
    /// each searched in passages of its language (add_translation_query), weighing at most
    /// across_weight and no more than the words would by rarity (idf). Empty without across,
    /// or when the lexicon has none. `instead`, if given, receives the language terms of the
    /// languages the translations stand in for the words: those with translations, none of
    /// them the words themselves (a language where they are, `sanction` in French for
    /// `sanctions`, searches them as themselves too).
    Xapian::Query translations(const std::vector<text::Token>& tokens, const std::string& typed,
                               std::vector<std::string>* instead = nullptr) {
        if (!m_context.across || m_context.lexicon == nullptr || tokens.empty()) return Xapian::Query();
        const std::string script = text::dominant_script(tokens.front().exact);
        if (script.empty() ||
            std::any_of(tokens.begin(), tokens.end(), [&](const text::Token& t) { return text::dominant_script(t.exact) != script; }))
            return Xapian::Query();
        const auto readings = lexicon_readings(tokens, script);
        const auto own = [&](const std::string& language) {
            return std::any_of(readings.begin(), readings.end(), [&](const auto& r) { return r.language == language; });
        };
        std::vector<AddedTranslation> found;
        std::vector<std::string> themselves;  // languages where a translation is the words themselves
        for (const auto& [from, form] : readings)
            for (const auto& t : m_context.lexicon->agreed(from, form)) {
                if (own(t.language) || !wanted_translation(t)) continue;
                if (same_words(tokens, script, t))
                    add_unique(themselves, t.language);
                else
                    keep_best_translation(found, {typed, t.language, t.form, t.shown, t.score});
            }
        month_translations(tokens, script, readings, typed, found);
        struct Translated {
            std::vector<Xapian::Query> alternatives;
            std::vector<std::string> terms;
            double best = 0;  // the best score of those searched
        };
        std::map<std::string, Translated> by_language;
        for (const auto& a : found) {
            auto& t = by_language[a.language];
            const std::size_t before = t.alternatives.size();
            add_translation_query(a, t.alternatives, t.terms);
            // Only what is searched counts and is listed (a form too long to be a term adds nothing).
            if (t.alternatives.size() == before) continue;
            t.best = std::max(t.best, a.score);
            if (!m_relaxed && std::none_of(added.begin(), added.end(), [&](const AddedTranslation& b) {
                    return b.word == a.word && b.language == a.language && b.form == a.form;
                }))
                added.push_back(a);
        }
        std::vector<std::string> own_terms;
        for (const auto& tok : tokens) own_terms.push_back(schema::word_terms(tok, {}).folded);
        for (const auto& r : readings) own_terms.push_back(schema::lexicon_terms(r.form, r.language).stem);
        const double own_idf = idf(own_terms);
        std::vector<Xapian::Query> languages;
        for (const auto& [language, t] : by_language) {
            if (t.alternatives.empty()) continue;
            if (instead != nullptr && std::find(themselves.begin(), themselves.end(), language) == themselves.end())
                instead->push_back(schema::term(schema::prefix_language, language));
            const double translated_idf = idf(t.terms);
            const double sure = std::min(1.0, t.best / across_sure_score);
            const double scale = across_weight * sure * (translated_idf > own_idf ? own_idf / translated_idf : 1.0);
            languages.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                   Xapian::Query(Xapian::Query::OP_SYNONYM, t.alternatives.begin(), t.alternatives.end()), scale);
        }
        if (languages.empty()) return Xapian::Query();
        return Xapian::Query(Xapian::Query::OP_OR, languages.begin(), languages.end());
    }

    /// A language whose word (or term) the lexicon holds typed tokens as, and its form there.
    struct LexiconReading {
        std::string language, form;
    };

    /// A month's name (Spanish `enero`, Russian `января`) translated by the calendar into the
    /// languages that write a month as its number (text::month_as_number: Chinese `1月`,
    /// searched as the phrase `1 月`), in place of what the lexicon pairs it with there: it
    /// cannot pair a number, so it pairs the words beside it (`enero` → 日 and 月, which
    /// every date holds). Each such translation scores 1 and can be dropped as any other (the
    /// lexicon's does not come back in its place).
    /// The word is read in the languages of its lexicon readings, or the query's language.
    void month_translations(const std::vector<text::Token>& tokens, const std::string& script,
                            const std::vector<LexiconReading>& readings, const std::string& typed,
                            std::vector<AddedTranslation>& found) {
        if (tokens.size() != 1) return;
        std::vector<std::string> from;
        for (const auto& r : readings) add_unique(from, r.language);
        if (from.empty() && !m_context.typed_language.empty() && text::script_of_language(m_context.typed_language) == script)
            from.push_back(m_context.typed_language);
        int month = 0;
        for (const auto& language : from) {
            const auto read = read_as(tokens, language);
            if ((month = text::month_named(read.front().folded, language, read.front().lowercase)) != 0) break;
        }
        if (month == 0) return;
        for (const auto& language : m_context.lexicon->languages()) {
            const auto written = text::month_as_number(month, language);
            if (written.empty() || std::find(from.begin(), from.end(), language) != from.end()) continue;
            std::string words;
            for (const auto& tok : m_analysis.tokens_in(written, language))
                words += (words.empty() ? "" : std::string(1, schema::lexicon_term_separator)) + tok.folded;
            std::erase_if(found, [&](const AddedTranslation& a) { return a.language == language; });
            if (wanted_translation({language, words, words, 1.0})) found.push_back({typed, language, words, words, 1.0});
        }
    }

    /// The languages of `tokens`' script whose words (or terms) the lexicon holds them as,
    /// each with the form the tokens have there as that language reads them (read_as): the
    /// query's language alone where it is sure (context.typed_language). They are searched
    /// in those languages as themselves, so translations() adds no other reading's
    /// translation into them (`sanctions`, also French and Spanish `sanction`, adds no
    /// French or Spanish word; a French reading's collocate would otherwise come into English).
    std::vector<LexiconReading> lexicon_readings(const std::vector<text::Token>& tokens, const std::string& script) {
        std::vector<LexiconReading> out;
        const std::string& typed = m_context.typed_language;
        const bool known = !typed.empty() && text::script_of_language(typed) == script;
        for (const auto& from : m_context.lexicon->languages())
            if (text::script_of_language(from) == script && (!known || from == typed))
                if (auto form = schema::lexicon_form(read_as(tokens, from), from);
                    !m_context.lexicon->translations(from, form).empty())
                    out.push_back({from, std::move(form)});
        return out;
    }

    /// `tokens` (read as the searched languages read them) as `language` reads each of them:
    /// under `lang:ru` a French `l'école` is one word, which French reads as `école`, the word
    /// its lexicon holds (known-item MRR@10 from French into the other five languages,
    /// 0.467–0.624 → 0.491–0.648 on docs/crosslingual.md's 1,630 queries, where the target's
    /// language is searched alone). A token that `language` reads as the same word, or as
    /// several, stays as it is.
    std::vector<text::Token> read_as(const std::vector<text::Token>& tokens, const std::string& language) {
        std::vector<text::Token> out;
        out.reserve(tokens.size());
        for (const auto& tok : tokens) {
            const auto& again = m_analysis.tokens_in(tok.exact, language);
            out.push_back(again.size() == 1 && again.front().exact != tok.exact ? again.front() : tok);
        }
        return out;
    }

    /// BM25's idf of the commonest of `terms` in the vocabulary's passages (0 without a
    /// vocabulary; a term no passage holds counts as held by one). A word's translations
    /// weigh no more than the word's own terms would by rarity alone: a translation rarer
    /// than the word (Russian `санкц` beside English `sanctions`, in a smaller collection)
    /// would otherwise rank the other language above the query's own: `sanctions` across
    /// listed two Russian results first, now ten English ones; known-item MRR@10 0.597 → 0.604.
    double idf(const std::vector<std::string>& terms) const {
        if (m_context.vocabulary == nullptr) return 0;
        Xapian::doccount most = 1;
        for (const auto& t : terms)
            if (!t.empty()) most = std::max(most, m_context.vocabulary->get_termfreq(t));
        return std::log(static_cast<double>(std::max(m_context.vocabulary->get_doccount(), most)) / most);
    }

    /// Appends how passages of `a`'s language hold translation `a`, and the terms it is
    /// searched under (for idf): a word under its stem's terms (the plain word in passages
    /// of that language); a term as the phrase of its shown words' folded terms, the only
    /// terms with positions, in passages of that language.
    static void add_translation_query(const AddedTranslation& a, std::vector<Xapian::Query>& alternatives,
                                      std::vector<std::string>& terms) {
        const Xapian::Query language(schema::term(schema::prefix_language, a.language));
        if (schema::is_term_form(a.form)) {
            const auto words = schema::lexicon_phrase_terms(a.shown);
            if (words.size() < 2) return;
            alternatives.emplace_back(Xapian::Query::OP_FILTER,
                                      Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                                    static_cast<Xapian::termcount>(words.size())),
                                      language);
            terms.insert(terms.end(), words.begin(), words.end());
            return;
        }
        const auto t = schema::lexicon_terms(a.form, a.language);
        if (!t.stem.empty()) alternatives.emplace_back(t.stem);
        if (!t.plain.empty()) alternatives.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(t.plain), language);
        terms.insert(terms.end(), {t.stem, t.plain});
    }

    /// Whether `t` is `tokens` themselves, which their own terms find (French `sanction` for
    /// English `sanctions`, where the query's language is known).
    bool same_words(const std::vector<text::Token>& tokens, const std::string& script, const Lexicon::Translation& t) {
        return text::script_of_language(t.language) == script &&
               schema::lexicon_form(read_as(tokens, t.language), t.language) == t.form;
    }

    /// Whether translation `t` is one to add: good enough, into the restricted language if
    /// any, and not dropped.
    bool wanted_translation(const Lexicon::Translation& t) const {
        if (t.score < across_min_score) return false;
        if (!m_context.language.empty() && t.language != m_context.language) return false;
        const auto& d = m_context.dropped;
        return std::find(d.begin(), d.end(), t.language + ":" + t.form) == d.end();
    }

    /// Adds `a` to `found`, each (language, form) once with its best score, at most
    /// across_per_language per language (the best).
    static void keep_best_translation(std::vector<AddedTranslation>& found, AddedTranslation a) {
        auto same = std::find_if(found.begin(), found.end(),
                                 [&](const AddedTranslation& b) { return b.language == a.language && b.form == a.form; });
        if (same != found.end()) {
            same->score = std::max(same->score, a.score);
        } else {
            found.push_back(std::move(a));
        }
        std::stable_sort(found.begin(), found.end(), [](const AddedTranslation& x, const AddedTranslation& y) {
            return x.language != y.language ? x.language < y.language : x.score > y.score;
        });
        std::size_t run = 0;
        for (std::size_t i = 0; i < found.size(); ++i) {
            run = (i > 0 && found[i].language == found[i - 1].language) ? run + 1 : 0;
            if (run >= across_per_language) found.erase(found.begin() + static_cast<std::ptrdiff_t>(i--));
        }
    }

    Result<Xapian::Query> word(const std::string& text) {
        auto q = word_without_synonyms(text);
        if (!q || q->empty()) return q;
        return with_synonyms(*q, text);
    }

    /// Which children of an AND are stopwords to drop: plain one-token words that are
    /// stopwords, as long as some other word remains (as Xapian's QueryParser does).
    /// Whose stopwords a typed word is checked against: the language the query is written in
    /// where a translated query's is sure (Spanish `las` searched among English passages is
    /// not a word to find there), else the `lang:` restriction's ("" = any language's).
    const std::string& stopword_language() const {
        return m_context.across && !m_context.typed_language.empty() ? m_context.typed_language : m_context.language;
    }

    std::vector<bool> stopword_children(const std::vector<const QueryNode*>& children) {
        std::vector<bool> stop(children.size());
        bool content = false;
        for (std::size_t i = 0; i < children.size(); ++i) {
            const auto& c = *children[i];
            if (c.kind != K::Word && c.kind != K::Phrase && c.kind != K::Wildcard && c.kind != K::Near) continue;
            if (c.kind == K::Word) {
                const auto& tokens = primary(readings(c.text)).tokens;
                if (tokens.size() == 1 && text::is_stopword(tokens.front().folded, stopword_language())) {
                    stop[i] = true;
                    continue;
                }
            }
            content = true;
        }
        if (!content) std::fill(stop.begin(), stop.end(), false);
        return stop;
    }

    /// The queries of `children` (of an AND, `conjoined`: stopwords left out, a run of words
    /// that a synonym group names as one part), and which of them are filters.
    std::optional<Error> children_parts(const std::vector<const QueryNode*>& children, bool conjoined,
                                        std::vector<Xapian::Query>& parts, std::vector<bool>& is_filter) {
        const auto stop = conjoined ? stopword_children(children) : std::vector<bool>(children.size());
        for (std::size_t i = 0; i < children.size(); ++i) {
            const auto* c = children[i];
            if (stop[i]) continue;
            if (conjoined) {
                // "United Nations" typed as words also finds "UN", "ООН", ...
                // "human rights" typed as words also finds "права человека" (a term's translations).
                std::size_t used = synonym_run(children, i, parts);
                if (used == 0) used = term_run(children, i, parts);
                if (used > 0) {
                    is_filter.push_back(false);
                    i += used - 1;
                    continue;
                }
            }
            auto q = build(*c);
            if (!q) return q.error();
            if (q->empty()) continue;
            parts.push_back(std::move(*q));
            const auto* field = c->kind == K::Field ? schema::find_query_field(c->text) : nullptr;
            is_filter.push_back(c->kind == K::DateRange || (field && field->filter));
        }
        return std::nullopt;
    }

    /// `q`, ranked higher where the AND's plain words occur as typed (typed_order) or, the
    /// stopwords left out, near each other in a passage.
    Xapian::Query with_proximity(const Xapian::Query& q, const std::vector<const QueryNode*>& children) {
        std::vector<Xapian::Query> boosts;
        if (auto near = words_near(children); !near.empty())
            boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, near, proximity_weight);
        if (auto typed = typed_order(children); !typed.empty())
            boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, typed, typed_order_weight);
        if (boosts.empty()) return q;
        boosts.insert(boosts.begin(), q);
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, boosts.begin(), boosts.end());
    }

    /// The AND's words as typed: a phrase of every token of its plain words, stopwords
    /// included, when there are two or more and nothing else but filters stands among them
    /// (a quoted phrase, a wildcard or an OR has its own reading of order). Empty otherwise.
    Xapian::Query typed_order(const std::vector<const QueryNode*>& children) {
        std::vector<Xapian::Query> terms;
        for (const auto* c : children) {
            if (c->kind == K::Field || c->kind == K::DateRange) continue;
            if (c->kind != K::Word) return Xapian::Query();
            const auto& rs = readings(c->text);
            if (!aligned(rs)) return Xapian::Query();
            for (std::size_t i = 0; i < primary(rs).tokens.size(); ++i) terms.push_back(position_query(rs, i));
        }
        if (terms.size() < 2) return Xapian::Query();
        return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                             static_cast<Xapian::termcount>(terms.size()));
    }

    /// The AND's plain words (not stopwords, one token each) within a window of their number
    /// plus proximity_slack. Empty for fewer than two such words.
    Xapian::Query words_near(const std::vector<const QueryNode*>& children) {
        const auto stop = stopword_children(children);
        std::vector<std::string> seen;
        std::vector<Xapian::Query> terms;
        for (std::size_t i = 0; i < children.size(); ++i) {
            if (stop[i] || children[i]->kind != K::Word) continue;
            const auto& rs = readings(children[i]->text);
            if (primary(rs).tokens.size() != 1 || !aligned(rs)) continue;
            if (std::find(seen.begin(), seen.end(), primary(rs).tokens.front().folded) != seen.end()) continue;
            seen.push_back(primary(rs).tokens.front().folded);
            terms.push_back(position_query(rs, 0));
        }
        if (terms.size() < 2) return Xapian::Query();
        const auto window = static_cast<Xapian::termcount>(terms.size()) + proximity_slack;
        return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), window);
    }

    /// `q` OR the synonyms of `text` (each a phrase of folded words).
    Xapian::Query with_synonyms(const Xapian::Query& q, const std::string& text) {
        if (m_synonyms.empty()) return q;
        std::vector<std::string> words;
        for (const auto& tok : primary(readings(text)).tokens) words.push_back(tok.folded);
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
    std::size_t synonym_run(const std::vector<const QueryNode*>& children, std::size_t i, std::vector<Xapian::Query>& parts) {
        if (m_synonyms.empty()) return 0;
        std::size_t run = 0;
        while (i + run < children.size() && children[i + run]->kind == K::Word && run < m_synonyms.longest()) ++run;
        for (std::size_t len = run; len >= 2; --len) {
            std::string text;
            for (std::size_t k = 0; k < len; ++k) text += (k ? " " : "") + children[i + k]->text;
            std::vector<std::string> words;
            for (const auto& tok : primary(readings(text)).tokens) words.push_back(tok.folded);
            if (m_synonyms.alternatives(words, false).empty()) continue;
            std::vector<Xapian::Query> each;
            for (std::size_t k = 0; k < len; ++k) {
                auto q = word_without_synonyms(children[i + k]->text);
                if (q && !q->empty()) each.push_back(*q);
            }
            parts.push_back(with_synonyms(Xapian::Query(Xapian::Query::OP_AND, each.begin(), each.end()), text));
            return len;
        }
        return 0;
    }

    /// Looks for a run of 2 to lexicon_term_max_words plain one-token words starting at
    /// children[i] that the lexicon holds as a term with translations (across, strict tier
    /// only: "any of the words" has no run); appends the words' queries, all of them, OR the
    /// term's translations to `parts` and returns the number of words used (0 if none).
    std::size_t term_run(const std::vector<const QueryNode*>& children, std::size_t i, std::vector<Xapian::Query>& parts) {
        if (!m_context.across || m_context.lexicon == nullptr || m_relaxed) return 0;
        std::vector<text::Token> tokens;
        std::string typed;
        for (std::size_t k = i; k < children.size() && children[k]->kind == K::Word && tokens.size() < schema::lexicon_term_max_words; ++k) {
            const auto& rs = readings(children[k]->text);
            if (primary(rs).tokens.size() != 1) break;
            tokens.push_back(primary(rs).tokens.front());
            typed += (typed.empty() ? "" : " ") + children[k]->text;
        }
        for (; tokens.size() >= 2; tokens.pop_back(), typed.erase(typed.rfind(' '))) {
            auto translated = translations(tokens, typed);
            if (translated.empty()) continue;
            std::vector<Xapian::Query> each;
            for (std::size_t k = i; k < i + tokens.size(); ++k) {
                auto q = word(children[k]->text);
                if (q && !q->empty()) each.push_back(*q);
            }
            parts.emplace_back(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_AND, each.begin(), each.end()), translated);
            return tokens.size();
        }
        return 0;
    }

    Result<Xapian::Query> word_without_synonyms(const std::string& text) {
        const auto& rs = readings(text);
        const auto& tokens = primary(rs).tokens;
        if (tokens.empty()) return Xapian::Query();
        has_positive = true;
        if (!aligned(rs)) return Xapian::Query(tokens.front().folded);  // not reached: see aligned()
        if (tokens.size() == 1) return token_query(rs, 0, true);
        const auto is_ideographic = [](const text::Token& t) { return t.ideographic; };
        const bool ideographic = std::all_of(tokens.begin(), tokens.end(), is_ideographic);
        // Translated (across), a run holding Chinese or Japanese words is words of their own in
        // the other languages: adjacency and order are the run's language's, not theirs. So is
        // a run that mixes them with numbers or Latin letters (`2014年11月`, `132和17`).
        const bool translated_apart =
            std::any_of(tokens.begin(), tokens.end(), is_ideographic) && m_context.across && m_context.lexicon != nullptr;
        std::vector<Xapian::Query> parts, terms;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            parts.push_back(token_query(rs, i, true, !translated_apart));
            terms.push_back(position_query(rs, i));
        }
        Xapian::Query all(Xapian::Query::OP_AND, parts.begin(), parts.end());
        Xapian::Query adjacent(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                               static_cast<Xapian::termcount>(terms.size()));
        // A run of Chinese or Japanese words is one word to whoever typed it: its words must
        // be adjacent (unless relaxed). "Russian-Azerbaijani": all parts, adjacency ranks higher.
        Xapian::Query own = ideographic && !m_relaxed ? Xapian::Query(Xapian::Query::OP_FILTER, all, adjacent)
                                                      : Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, adjacent);
        if (!translated_apart) return own;
        return Xapian::Query(Xapian::Query::OP_OR, own, run_translations(rs));
    }

    /// Whether `token` is a single character (a code point).
    static bool one_character(const text::Token& token) {
        char32_t c = 0;
        return !token.exact.empty() && text::decode_utf8(token.exact, 0, c) == token.exact.size();
    }

    /// The translations of a run's words (across), each word's as translations() gives them:
    /// all of them in one passage, or any of them when relaxed. Words without a translation
    /// (particles, names) are left to the run's own terms. Measured with bench/crosslingual:
    /// from Chinese into the other five languages, MRR@10 0.09–0.20 → 0.20–0.28, and with the
    /// relaxed tier a single word with filters now has, 0.45–0.52.
    /// So are the words of one character of a run of several, unless part of a term: the
    /// segmenter leaves a character alone where its dictionary has no word for it (加 尼 of
    /// 加尼, Ghani; 员 of 观察员) or where it is a particle (在, 了, 对), and the lexicon's
    /// translations of one character mix every word it stands in. Measured (the first 60
    /// documents a pair, 1,630 queries): from Chinese, MRR@10 0.497 → 0.531 over the five
    /// pairs, all pairs 0.597 → 0.603 (over all 147 documents, 0.417 → 0.424 and 0.561 →
    /// 0.562); leaving them only below a score of 0.4, 0.6 or 0.8: 0.525, 0.531, 0.531.
    /// Words the lexicon holds as a term (`联合 国`, the segmenter's cut of 联合国) are
    /// translated as the term, the longest first. The run's words of another script (numbers,
    /// Latin names: `2014` and `11` of `2014年11月`) are searched as themselves, with their
    /// translations if any, as typed apart: before, the run found no passage of another
    /// language, since its Chinese words were required there as themselves.
    Xapian::Query run_translations(const std::vector<Reading>& rs) {
        const auto& tokens = primary(rs).tokens;
        std::vector<Xapian::Query> each;
        for (std::size_t i = 0; i < tokens.size();) {
            if (!tokens[i].ideographic) {
                each.push_back(token_query(rs, i, false));
                ++i;
                continue;
            }
            std::size_t used = 1;
            Xapian::Query t;
            for (std::size_t len = std::min(schema::lexicon_term_max_words, tokens.size() - i); len >= 1 && t.empty(); --len) {
                if (len == 1 && tokens.size() > 1 && one_character(tokens[i])) break;
                const std::vector<text::Token> words(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                                                     tokens.begin() + static_cast<std::ptrdiff_t>(i + len));
                std::string typed;
                for (const auto& w : words) typed += w.exact;
                t = translations(words, typed);
                used = len;
            }
            if (!t.empty()) each.push_back(std::move(t));
            i += t.empty() ? 1 : used;
        }
        return Xapian::Query(m_relaxed ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, each.begin(), each.end());
    }

    Result<Xapian::Query> wildcard(const std::string& text) {
        const auto& tokens = primary(readings(text)).tokens;
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
        const auto& rs = readings(text);
        const auto& tokens = primary(rs).tokens;
        if (tokens.empty()) return Xapian::Query();
        has_positive = true;
        if (!aligned(rs)) return Xapian::Query(tokens.front().folded);  // not reached: see aligned()
        if (tokens.size() == 1) return token_query(rs, 0, true);
        std::vector<Xapian::Query> terms;
        for (std::size_t i = 0; i < tokens.size(); ++i) terms.push_back(position_query(rs, i));
        const Xapian::Query q(op, terms.begin(), terms.end(), window ? window : static_cast<Xapian::termcount>(terms.size()));
        if (op != Xapian::Query::OP_PHRASE) return q;
        return with_term_translations(with_synonyms(q, text), tokens, text);
    }

    /// `q` OR the translations of `tokens` as one term of the lexicon (across), when they are
    /// few enough to be one: a quoted `"human rights"` also finds `"права человека"`.
    Xapian::Query with_term_translations(const Xapian::Query& q, const std::vector<text::Token>& tokens, const std::string& typed) {
        if (tokens.size() < 2 || tokens.size() > schema::lexicon_term_max_words) return q;
        auto translated = translations(tokens, typed);
        return translated.empty() ? q : Xapian::Query(Xapian::Query::OP_OR, q, translated);
    }

    Result<Xapian::Query> date_range(const std::string& from, const std::string& to) {
        // A record is in the range when the first day of its period is (so a record dated
        // "2021" is in 2021..2021 and in ..2021-03, not in 2021-06..2021-12).
        const auto lo = date_range_low_key(from);
        const auto hi = date_range_high_key(to);
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

    /// `changed:yes`, `changed:no`, `changed:2024`, `changed:2024..2025` (either end open):
    /// transcripts the history saw change since it first saw them (in those UTC years), by
    /// the `XU` terms the indexer wrote from index/transcript_history.
    Result<Xapian::Query> changed(const QueryNode& value) {
        const auto bad = [&] {
            return fail(ErrorCode::BadQuery, "'changed:' takes yes, no, a year or a range of years such as 2024..2025");
        };
        const auto year = [](const std::string& s, int open) -> std::optional<int> {
            if (s.empty()) return open;
            if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return std::nullopt;
            return std::stoi(s);
        };
        const Xapian::Query any(schema::changed_any_term());
        if (value.kind == K::Word) {
            const std::string v = lower_ascii(value.text);
            if (v == "yes") return weightless(any);
            if (v == "no") return weightless(Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), any));
            if (v.empty() || !year(v, 0)) return bad();
            return weightless(Xapian::Query(schema::term(schema::prefix_changed, v)));
        }
        if (value.kind != K::DateRange) return bad();
        // An open end: every year a run could have seen a change in.
        const auto lo = year(value.from, 1970), hi = year(value.to, 2199);
        if (!lo || !hi) return bad();
        if (*lo > *hi) return fail(ErrorCode::BadQuery, "changed:" + value.from + ".." + value.to + " ends before it starts");
        std::vector<Xapian::Query> years;
        for (int y = *lo; y <= std::min(*hi, *lo + 300); ++y)
            years.emplace_back(schema::term(schema::prefix_changed, std::to_string(y)));
        return weightless(Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end()));
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
                if (!one.empty()) alts.emplace_back(schema::id_term(prefix, one));  // a group may be as long as an id
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

    /// A speaker label's word as `tok` or under one of its transliteration keys.
    static Xapian::Query speaker_name_word(const text::Token& tok) {
        auto names = schema::name_terms(tok, schema::prefix_speaker, schema::prefix_speaker_key);
        std::vector<std::string> terms = std::move(names.keys);
        terms.push_back(std::move(names.word));
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }

    /// Name words: each word must match a speaker name word, in any script.
    Result<Xapian::Query> speaker(const QueryNode& value) {
        std::string text;
        collect_text(value, text);
        const auto tokens = m_analysis.tokens_as_unidentified(text);
        if (tokens.empty()) return Xapian::Query();
        std::vector<Xapian::Query> words;
        for (const auto& tok : tokens) {
            // Speaker labels are indexed as text of no identified language (passage_document).
            words.push_back(speaker_name_word(tok));
        }
        Xapian::Query q(Xapian::Query::OP_AND, words.begin(), words.end());
        if (m_context.speakers) {
            // Each label of the persons meant: the passages holding its words (posting lists),
            // of those the ones labelled exactly so (the speaker slot, read for them only: a
            // value range alone would read it for every passage).
            std::vector<Xapian::Query> labels{q};
            for (const Person* p : m_context.speakers->persons_named(text))
                for (const auto& v : p->variants) {
                    std::vector<Xapian::Query> words_of_label;
                    for (const auto& tok : m_analysis.tokens_as_unidentified(v))
                        words_of_label.emplace_back(schema::name_terms(tok, schema::prefix_speaker, {}).word);
                    if (words_of_label.empty()) continue;
                    labels.emplace_back(Xapian::Query::OP_FILTER,
                                        Xapian::Query(Xapian::Query::OP_AND, words_of_label.begin(), words_of_label.end()),
                                        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_speaker, v, v));
                }
            q = Xapian::Query(Xapian::Query::OP_OR, labels.begin(), labels.end());
        }
        return weightless(q);
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
        const auto& rs = readings(value.text);
        const auto& tokens = primary(rs).tokens;
        if (tokens.empty()) return Xapian::Query();
        has_positive = true;
        std::vector<Xapian::Query> parts;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::vector<std::string> forms;
            for (const auto& r : rs)
                if (i < r.tokens.size()) add_unique(forms, schema::term(prefix, r.tokens[i].folded));
            parts.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
        }
        return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }

    Result<Xapian::Query> field(const QueryNode& n) {
        const auto& value = *n.children.front();
        const auto& f = n.text;
        namespace q = schema::query_field;
        if (f == q::lang || f == q::language) return keyword(value, schema::prefix_language);
        if (f == q::country) return keyword(value, schema::prefix_country);
        if (f == q::source) return keyword(value, schema::prefix_source);
        if (f == q::group) return keyword(value, schema::prefix_group);
        if (f == q::id) {  // the transcript's id: the query language has no passage ids
            std::string id;
            collect_text(value, id);
            return weightless(Xapian::Query(schema::transcript_term(id)));
        }
        if (f == q::speaker) return speaker(value);
        if (f == q::across) return Xapian::Query();  // read before building: across_asked()
        if (f == q::changed) return changed(value);
        if (f == q::title) return prefixed_words(value, schema::prefix_title);
        if (f == q::asked) return prefixed_words(value, schema::prefix_asked);
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

    QueryAnalysis& m_analysis;
    const QueryContext& m_context;
    bool m_relaxed;
    const Synonyms& m_synonyms;
};

/// Whether "any of the words" differs from "all of them": two or more words or phrases, or
/// one word that may be a run of CJK words (adjacent when strict, anywhere when relaxed).
bool relaxable(const TopLevel& top) {
    int words = 0, plain_words = 0, filters = 0;
    for (const auto* c : top.parts) {
        if (c->kind == K::Word || c->kind == K::Phrase) ++words;
        if (c->kind == K::Word) ++plain_words;
        if (c->kind == K::Field) ++filters;
    }
    // One word, with filters or without: a run typed as one word (Chinese, "Russian-Azerbaijani")
    // relaxes to its words apart.
    return words >= 2 || (plain_words == 1 && plain_words + filters == static_cast<int>(top.parts.size()));
}

}  // namespace

namespace {

/// The words and phrases a tree's user typed, fields and operators left out, space-separated.
void typed_text(const QueryNode& n, std::string& out) {
    if (n.kind == K::Word || n.kind == K::Phrase) {
        out += n.text;
        out += ' ';
    } else if (n.kind != K::Field) {
        for (const auto& c : n.children)
            if (c) typed_text(*c, out);
    }
}

/// typed_language() with `typed` read through `analysis` (once per analysis class).
std::string typed_language(const std::string& typed, QueryAnalysis& analysis, const Lexicon& lexicon) {
    const std::string guess = text::detect_language(typed);
    auto held = [&](const std::string& language) {
        const auto& tokens = analysis.tokens_in(typed, language);
        return static_cast<std::size_t>(std::count_if(tokens.begin(), tokens.end(), [&](const text::Token& t) {
            return text::is_stopword(t.folded, language) ||
                   !lexicon.translations(language, schema::lexicon_form(t, language)).empty();
        }));
    };
    std::vector<std::string> leaders;
    std::size_t most = 0;
    for (const auto& language : lexicon.languages()) {
        const std::size_t n = held(language);
        if (n > most) leaders.clear(), most = n;
        if (n == most) leaders.push_back(language);
    }
    const auto& known = lexicon.languages();
    const bool guess_leads = std::find(leaders.begin(), leaders.end(), guess) != leaders.end();
    const bool guess_unknown = !guess.empty() && std::find(known.begin(), known.end(), guess) == known.end();
    if (most == 0 || guess_leads || (guess_unknown && held(guess) >= most)) return guess;
    return leaders.size() == 1 ? leaders.front() : std::string();
}

}  // namespace

std::string typed_language(const std::string& typed, text::Analyzer& analyzer, const Lexicon& lexicon) {
    QueryAnalysis analysis(analyzer, QueryContext{});
    return typed_language(typed, analysis, lexicon);
}

std::optional<bool> across_asked(const QueryNode& tree) {
    if (tree.kind == K::Field && tree.text == schema::query_field::across && !tree.children.empty()) {
        const auto v = lower_ascii(tree.children.front()->text);
        return v == "yes" || v == "1" || v == "true" || v == "on";
    }
    if (tree.kind == K::And)
        for (const auto& c : tree.children)
            if (auto a = across_asked(*c)) return a;
    return std::nullopt;
}

std::vector<std::string> stem_languages_for(std::string_view word, const std::vector<std::string>& indexed,
                                            std::string_view only) {
    std::vector<std::string> out;
    const std::string script = text::dominant_script(word);
    if (script.empty()) return out;  // no letters
    for (const auto& lang : indexed) {
        if (!only.empty() && lang != only) continue;
        if (!text::has_stemmer(lang) || text::script_of_language(lang) != script) continue;
        out.push_back(lang);
    }
    return out;
}

std::string restricted_language(const QueryNode& tree) {
    if (tree.kind == K::Field && (tree.text == schema::query_field::lang || tree.text == schema::query_field::language) &&
        tree.children.front()->kind == K::Word && tree.children.front()->text.find(',') == std::string::npos)
        return lower_ascii(tree.children.front()->text);
    if (tree.kind == K::And)
        for (const auto& c : tree.children)
            if (auto l = restricted_language(*c); !l.empty()) return l;
    return {};
}

Result<BuiltQuery> build_query(const QueryNode& tree, text::Analyzer& analyzer, const QueryContext& context) {
    QueryContext ctx = context;
    if (ctx.language.empty()) ctx.language = restricted_language(tree);
    if (auto asked = across_asked(tree)) ctx.across = *asked;
    QueryAnalysis analysis(analyzer, ctx);
    if (ctx.across && ctx.lexicon != nullptr && ctx.typed_language.empty()) {
        std::string typed;
        typed_text(tree, typed);
        ctx.typed_language = typed_language(typed, analysis, *ctx.lexicon);
    }
    const TopLevel top = top_level(tree);
    Builder strict(analysis, ctx, false);

    BuiltQuery out;
    auto parts = strict.conjunction(top.parts);
    if (!parts) return tl::unexpected(parts.error());
    const Xapian::Query all = strict.combine(*parts, top.parts, false);
    out.has_positive = strict.has_positive;  // before the excluded words are built
    std::vector<Xapian::Query> negatives;
    for (const auto* n : top.excluded) {
        auto q = strict.build(*n);
        if (!q) return tl::unexpected(q.error());
        if (!q->empty()) negatives.push_back(std::move(*q));
    }
    if (!negatives.empty()) out.excluded = Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end());
    auto exclude = [&](Xapian::Query q) {
        if (q.empty() && !top.excluded.empty()) q = weightless(match_all());  // `-word` alone
        return out.excluded.empty() ? q : Xapian::Query(Xapian::Query::OP_AND_NOT, q, out.excluded);
    };
    out.marked = all;
    out.query = exclude(all);
    out.across = ctx.across && ctx.lexicon != nullptr;
    out.added = std::move(strict.added);
    if (parts->words.size() >= 2) {
        out.word_parts = std::move(parts->words);
        out.filter_parts = std::move(parts->filters);
    }
    if (relaxable(top)) {
        Builder loose(analysis, ctx, true);
        auto any = loose.all_or_any(top.parts, true);
        if (!any) return tl::unexpected(any.error());
        out.relaxed = exclude(*any);
    }
    return out;
}

}  // namespace dragoman
