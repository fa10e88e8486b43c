// A search request's plan, run: its tiers (search/query_builder), each a ranked match of
// passages collapsed per result (a transcript with its language versions), under the
// request's time budget; then each result's version and best passages, the suggestion and
// the facets. The parts live beside it: open_index (what is open), exclusion (-word),
// facet_pass, versions, best_passages, transcript_view, transcript_coverage (tier 2).
#include "search/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "index/index_error.hpp"
#include "schema/passage_id.hpp"
#include "schema/schema.hpp"
#include "search/best_passages.hpp"
#include "search/exclusion.hpp"
#include "search/facet_pass.hpp"
#include "search/match_all.hpp"
#include "search/open_index.hpp"
#include "search/passage_walk.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "search/ranking.hpp"
#include "search/stored_passage.hpp"
#include "search/time_budget.hpp"
#include "search/transcript_coverage.hpp"
#include "search/transcript_view.hpp"
#include "search/versions.hpp"
#include "text/analyzer.hpp"
#include "text/utf8.hpp"

namespace dragoman {

namespace {

/// The terms a plan's words match, for the highlighter.
TermSet marked_terms(const BuiltQuery& built) {
    TermSet terms;
    for (auto t = built.marked.get_unique_terms_begin(); t != built.marked.get_unique_terms_end(); ++t) terms.insert(*t);
    return terms;
}

void add_filter(QueryNode& root, std::string_view field, const std::string& value) {
    if (value.empty()) return;
    auto f = std::make_unique<QueryNode>();
    f->kind = QueryNode::Kind::Field;
    f->text = std::string(field);
    auto v = std::make_unique<QueryNode>();
    v->kind = QueryNode::Kind::Word;
    v->text = value;
    f->children.push_back(std::move(v));
    root.children.push_back(std::move(f));
}

/// A request's query and its filter parameters as one query tree.
Result<QueryTree> request_tree(const SearchRequest& r) {
    auto root = std::make_unique<QueryNode>();
    root->kind = QueryNode::Kind::And;
    if (r.query.find_first_not_of(" \t\r\n") != std::string::npos) {
        auto parsed = parse_query(r.query);
        if (!parsed) return tl::unexpected(parsed.error());
        if ((*parsed)->kind == QueryNode::Kind::And) {
            for (auto& c : (*parsed)->children) root->children.push_back(std::move(c));
        } else {
            root->children.push_back(std::move(*parsed));
        }
    }
    add_filter(*root, schema::query_field::lang, r.lang);
    add_filter(*root, schema::query_field::speaker, r.speaker);
    add_filter(*root, schema::query_field::country, r.country);
    add_filter(*root, schema::query_field::source, r.source);
    if (!r.date_from.empty() || !r.date_to.empty()) {
        auto d = std::make_unique<QueryNode>();
        d->kind = QueryNode::Kind::DateRange;
        d->from = r.date_from;
        d->to = r.date_to;
        root->children.push_back(std::move(d));
    }
    if (root->children.empty()) return fail(ErrorCode::BadQuery, "the query is empty");
    if (root->children.size() == 1) return std::move(root->children.front());
    return QueryTree(std::move(root));
}

}  // namespace

/// Identical copies listed under a result: the corpus' largest group of one text has 90
/// (ParlaMint-TR's one-line utterances), and a page lists each of them.
constexpr std::size_t max_copies_listed = 100;

struct Searcher::Impl {
    explicit Impl(IndexLocation location) : index(std::move(location)) {}

    OpenIndex index;
    text::Analyzer analyzer;
    PassagePopulation population;  // trend denominators, cached per index revision

    const Xapian::Database& db() const { return index.db(); }

    /// Runs `body` on the current databases, turning what Xapian and the index throw into
    /// errors (a database modified under the reader, or a connection closed by an idle
    /// timeout, is reopened and `body` run again); never lets an exception out.
    template <typename F>
    auto guarded(F&& body) -> decltype(body()) {
        for (int attempt = 0;; ++attempt) {
            try {
                if (!index.refresh()) return fail(ErrorCode::Unavailable, "no index is published yet");
                population.set_location(index.signature());
                return body();
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 3) return fail(ErrorCode::Unavailable, "the index keeps changing; try again");
                index.invalidate();  // reopen from scratch
            } catch (const Xapian::DatabaseOpeningError& e) {
                if (attempt >= 1) return fail(ErrorCode::Unavailable, "cannot open the index: " + e.get_msg());
                index.invalidate();
            } catch (const Xapian::NetworkTimeoutError& e) {
                // "REMOTE:" marks xapian-tcpsrv's own idle timeout on a connection it then
                // closed: reopen once. Otherwise this process waited for a stopped or cut-off
                // shard, and trying again would double the wait.
                index.invalidate();
                if (attempt >= 1 || e.get_msg().rfind("REMOTE:", 0) != 0)
                    return fail(ErrorCode::Unavailable, "a shard did not answer in time: " + e.get_msg());
            } catch (const Xapian::NetworkError& e) {
                // A closed connection (the shard restarted, or xapian-tcpsrv's idle timeout)
                // is reopened once; a shard that refuses the new connection is down.
                index.invalidate();
                if (attempt >= 1) return fail(ErrorCode::Unavailable, "a shard is unreachable: " + e.get_msg());
            } catch (const Xapian::Error& e) {
                return fail(ErrorCode::Internal, e.get_type() + std::string(": ") + e.get_msg());
            } catch (const IndexError& e) {  // an unreadable shard manifest
                index.invalidate();
                return fail(ErrorCode::Unavailable, e.what());
            } catch (...) {
                // A broken invariant, such as document data that does not decode (an index
                // damaged or written by another program): an Internal error, never an
                // exception out of the library.
                return tl::unexpected(unexpected_error(std::current_exception()));
            }
        }
    }

    /// The plan of `tree` over the open index's languages.
    /// `across` and `drop` as SearchRequest's (the query's `across:` wins).
    Result<BuiltQuery> plan(const QueryNode& tree, bool text_only, bool across = false,
                            const std::vector<std::string>& drop = {}) {
        QueryContext context{index.languages(), {}};
        context.vocabulary = &db();
        context.speakers = &population.speakers(db());
        context.text_only = text_only;
        context.lexicon = &index.lexicon();
        context.across = across;
        context.dropped = drop;
        return build_query(tree, analyzer, context);
    }

    /// The plan of a request's query and filters; `language`, when given, receives the one
    /// language the request restricts to ("" when none).
    Result<BuiltQuery> request_plan(const SearchRequest& r, bool text_only, std::string* language = nullptr) {
        if (r.query.size() > max_query_bytes)
            return fail(ErrorCode::BadParameter, "the query is longer than " + std::to_string(max_query_bytes) + " bytes");
        auto tree = request_tree(r);
        if (!tree) return tl::unexpected(tree.error());
        if (language) *language = restricted_language(**tree);
        return plan(**tree, text_only, r.across, r.drop);
    }

    /// The live generation's label.
    std::string generation() const {
        std::string g = index.signature();
        if (!g.empty() && g.back() == '\n') g.pop_back();
        return g;
    }

    Xapian::Enquire make_enquire(const Xapian::Query& q, SortOrder sort) {
        Xapian::Enquire enquire(db());
        enquire.set_query(q);
        enquire.set_weighting_scheme(passage_weight());
        switch (sort) {
            case SortOrder::Relevance: enquire.set_sort_by_relevance_then_value(schema::slot_date, true); break;
            case SortOrder::Date: enquire.set_sort_by_value_then_relevance(schema::slot_date, true); break;
            case SortOrder::DateAscending: enquire.set_sort_by_value_then_relevance(schema::slot_date, false); break;
        }
        enquire.set_time_limit(match_time_limit_seconds);
        return enquire;
    }

    /// One ranked, collapsed match of a tier's query. No spy and no check_at_least: facets
    /// have a pass of their own (search/facet_pass), so that this one can prune.
    Xapian::MSet ranked_match(const Xapian::Query& q, const SearchRequest& r, bool has_positive, const Exclusion& ex,
                              TimeBudget& budget) {
        const SortOrder sort = has_positive ? r.sort : (r.sort == SortOrder::Relevance ? SortOrder::Date : r.sort);
        Xapian::Enquire enquire = make_enquire(ex.applied_to(q), sort);
        enquire.set_time_limit(budget.seconds_left());
        enquire.set_collapse_key(schema::slot_collapse);
        return enquire.get_mset(static_cast<Xapian::doccount>(r.offset), static_cast<Xapian::doccount>(r.limit), 0,
                                nullptr, ex.local());
    }

    /// Tier 1's results up to the page's end: their collapse keys (a transcript and its
    /// versions, once) in `keys`, their transcripts in `ids`.
    void strict_results(const BuiltQuery& built, const SearchRequest& r, const Exclusion& ex,
                        std::unordered_set<std::string>& keys, std::unordered_set<std::string>& ids) {
        Xapian::Enquire e = make_enquire(ex.applied_to(built.query), r.sort);
        e.set_collapse_key(schema::slot_collapse);
        const Xapian::MSet all = e.get_mset(0, static_cast<Xapian::doccount>(r.offset + r.limit), 0, nullptr, ex.local());
        for (auto it = all.begin(); it != all.end(); ++it) {
            keys.insert(it.get_collapse_key());
            ids.insert(it.get_document().get_value(schema::slot_transcript));
        }
    }

    /// Tier 2 of a translated query (`across`) where tier 1 found some: after its results,
    /// the passages that hold any of the words or their translations, ranked as passages
    /// (BM25 of the any-word query), not transcripts by how many words their passages hold
    /// between them: a translation's evidence is its words standing together, and a long
    /// speech holds the commonest translations somewhere (known-item MRR@10 0.341 → 0.483
    /// with the cap on Latin readings, docs/crosslingual.md). Appends up to the page's end;
    /// sets total and relaxed.
    void any_word_passages(const BuiltQuery& built, const SearchRequest& r, const Exclusion& ex, const TermSet& terms,
                           SearchResponse& resp, TimeBudget& budget) {
        std::unordered_set<std::string> strict, strict_ids;
        strict_results(built, r, ex, strict, strict_ids);
        const Xapian::Query& any = built.relaxed.empty() ? built.query : built.relaxed;
        Xapian::Enquire e = make_enquire(ex.applied_to(any), r.sort);
        e.set_time_limit(budget.seconds_left());
        e.set_collapse_key(schema::slot_collapse);
        const Xapian::MSet m =
            e.get_mset(0, static_cast<Xapian::doccount>(r.offset + r.limit + strict.size()), 0, nullptr, ex.local());
        std::size_t skip = r.offset > strict.size() ? r.offset - strict.size() : 0;
        for (auto it = m.begin(); it != m.end() && resp.results.size() < r.limit; ++it) {
            if (strict.count(it.get_collapse_key())) continue;
            if (skip > 0) {
                --skip;
                continue;
            }
            add_hit(it.get_document(), it.get_weight(), r, any, terms, resp, budget);
        }
        resp.total = std::max<std::size_t>(m.get_matches_estimated(), strict.size());
        resp.total_exact = m.get_matches_lower_bound() == m.get_matches_upper_bound();
        resp.relaxed = strict.empty() && !resp.results.empty();
    }

    /// Tier 2: transcripts whose passages hold the words between them, after the `strict`
    /// results (collapse keys) of tier 1; then, when none has every word, fewer of them.
    /// Appends to `resp.results` up to the page's end; sets total and relaxed.
    void across_passages(const BuiltQuery& built, const SearchRequest& r, const Exclusion& ex, bool strict_ran,
                         const TermSet& terms, SearchResponse& resp, TimeBudget& budget) {
        // `strict`: the collapse keys of the results (a transcript and its versions, once)
        // already listed; `strict_ids`: their transcripts, which the coverage ranking
        // leaves out.
        std::unordered_set<std::string> strict, strict_ids;
        if (strict_ran) strict_results(built, r, ex, strict, strict_ids);
        auto filters = built.filter_parts;
        if (auto excluded = ex.as_filter(); !excluded.empty()) filters.push_back(std::move(excluded));
        auto covered = rank_by_coverage(db(), built.word_parts, filters, strict_ids, passage_weight());
        {
            // Versions of one transcript are one result here too: the best-covered one stays.
            std::unordered_set<std::string> keys = strict;
            covered.erase(std::remove_if(covered.begin(), covered.end(),
                                         [&](const auto& c) { return !keys.insert(c.result_key).second; }),
                          covered.end());
        }
        // Fewer than all the words only when no transcript has them all (the relaxed tier).
        const std::size_t all_words = built.word_parts.size();
        const bool complete = !strict.empty() || (!covered.empty() && covered.front().words == all_words);
        if (complete)
            covered.erase(std::find_if(covered.begin(), covered.end(), [&](const auto& c) { return c.words < all_words; }),
                          covered.end());
        // No passage of these transcripts holds every word: their snippets are the passages
        // with any of them (the any-word query), one word's passage beside another's.
        const Xapian::Query& shown = built.relaxed.empty() ? built.marked : built.relaxed;
        const std::size_t skip = r.offset > strict.size() ? r.offset - strict.size() : 0;
        for (std::size_t k = skip; k < covered.size() && resp.results.size() < r.limit; ++k)
            add_hit(db().get_document(covered[k].passage), covered[k].weight, r, shown, terms, resp, budget);
        resp.total = strict.size() + covered.size();
        resp.total_exact = true;
        resp.relaxed = !complete && !covered.empty();
    }

    /// Lists `hit`'s identical copies that match `q` and shows the one of the smallest id among
    /// them, so that which copy a result is does not depend on which passage the match met
    /// first (document numbers differ between a full build, an incremental run and shards).
    void show_first_copy(SearchHit& hit, const std::string& copy, const Xapian::Query& q) {
        hit.duplicates = identical_copies(db(), copy, hit.id, q, max_copies_listed);
        if (hit.duplicates.empty() || hit.duplicates.front().id > hit.id) return;
        const std::string first = hit.duplicates.front().id;
        const std::string term = schema::transcript_term(first);
        const auto p = db().postlist_begin(term);
        if (p == db().postlist_end(term)) return;
        SearchHit shown = hit_from_data(stored_data(db().get_document(*p)));
        shown.score = hit.score;
        shown.duplicates = std::move(hit.duplicates);
        shown.duplicates.front() = VersionRef{hit.id, hit.language, hit.title};
        std::sort(shown.duplicates.begin(), shown.duplicates.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        hit = std::move(shown);
    }

    /// A result from its passage document: its metadata, the version in the query's
    /// language, its best passages. Versions and snippets are left out once the budget is
    /// spent (the response then says timed_out).
    void add_hit(const Xapian::Document& doc, double score, const SearchRequest& r, const Xapian::Query& q,
                 const TermSet& terms, SearchResponse& resp, TimeBudget& budget) {
        SearchHit hit = hit_from_data(stored_data(doc));
        hit.score = score;
        hit.group = doc.get_value(schema::slot_group);
        if (!hit.group.empty() && !budget.expired()) show_preferred_version(db(), hit, r, q);
        // A collapse key of a text's hash stands for every transcript of that text.
        if (doc.get_value(schema::slot_collapse).starts_with("c:") && !budget.expired())
            show_first_copy(hit, doc.get_value(schema::slot_copy), q);
        if (r.snippets && !budget.expired()) {
            auto best = best_passages(db(), analyzer, hit.id, q, terms, r.snippets_per_result);
            hit.snippets = std::move(best.passages);
            hit.matching_passages = best.matching;
            hit.best_passage = std::move(best.best);
        }
        resp.results.push_back(std::move(hit));
    }

    /// Runs a request's plan: tier 1 (every word in one passage), tier 2 (across a
    /// transcript's passages) where tier 1 does not fill the page, tier 3 (any word) where
    /// neither finds anything; then the suggestion and the facets. Tier 1 always runs;
    /// every other pass first asks the request's budget, and a response missing one says
    /// timed_out.
    Result<SearchResponse> run(const SearchRequest& r) {
        TimeBudget budget(r.time_budget);
        if (r.limit > max_limit) return fail(ErrorCode::BadParameter, "limit is above " + std::to_string(max_limit));
        if (r.offset > max_offset) return fail(ErrorCode::BadParameter, "offset is above " + std::to_string(max_offset));
        auto built = request_plan(r, false);
        if (!built) return tl::unexpected(built.error());
        Exclusion ex;
        ex.list(db(), built->excluded, index.has_remote(), budget);

        SearchResponse resp;
        resp.query = r.query;
        resp.across = built->across;
        resp.added = built->added;
        Xapian::Query query = built->query;
        Xapian::MSet mset = ranked_match(query, r, built->has_positive, ex, budget);
        bool relaxed = false;
        if (mset.get_matches_upper_bound() == 0 && (r.offset == 0 || !built->word_parts.empty()) &&
            !built->relaxed.empty() && !budget.expired()) {
            query = built->relaxed;
            mset = ranked_match(query, r, built->has_positive, ex, budget);
            resp.relaxed = !mset.empty();
            relaxed = true;
        }
        // The relaxed tier's words are the strict one's: a result's words match `marked`.
        const TermSet terms = marked_terms(*built);
        resp.total = mset.get_matches_estimated();
        resp.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();

        if (!relaxed)
            for (auto it = mset.begin(); it != mset.end(); ++it)
                add_hit(it.get_document(), it.get_weight(), r, query, terms, resp, budget);
        // A page that the passages holding every word do not fill goes on with transcripts
        // whose passages hold the words between them (then with fewer of the words).
        // A translated query's page goes on with passages holding any of the words instead
        // (any_word_passages; the relaxed tier's match is that already).
        const bool by_coverage = r.sort == SortOrder::Relevance && built->word_parts.size() >= 2 &&
                                 resp.results.size() < r.limit && !budget.expired() && !(built->across && relaxed);
        if (by_coverage && built->across) {
            any_word_passages(*built, r, ex, terms, resp, budget);
        } else if (by_coverage) {
            across_passages(*built, r, ex, !relaxed, terms, resp, budget);
        } else if (relaxed) {
            for (auto it = mset.begin(); it != mset.end(); ++it)
                add_hit(it.get_document(), it.get_weight(), r, query, terms, resp, budget);
        }
        if ((resp.results.empty() || resp.relaxed) && !budget.expired()) resp.suggestion = suggest(r.query);
        if (r.facets) count_facets(index, query, ex, !by_coverage, population.speakers(db()), resp, budget);
        resp.timed_out = budget.spent();
        resp.took_ms = budget.elapsed_ms();
        return resp;
    }

    Result<TrendResponse> trend(const TrendRequest& r) {
        auto built = request_plan(r.search, true);  // a passage counts for what it says, not for its title
        if (!built) return tl::unexpected(built.error());
        return compute_trend(db(), built->query, r, population);
    }

    Result<KeynessResponse> keyness(const KeynessRequest& r) {
        TimeBudget budget(r.slice.time_budget);
        // Both slices count what passages say, not their titles.
        std::string language;
        auto slice = request_plan(r.slice, true, &language);
        if (!slice) return tl::unexpected(slice.error());
        const bool decider = !index.has_remote();
        const auto count = [&](const Xapian::Query& q) {
            return count_slice_words(db(), q, decider, keyness_sample_bound, budget);
        };
        const WordCounts a = count(slice->query);
        WordCounts b;
        if (r.versus.find_first_not_of(" \t\r\n") != std::string::npos) {
            SearchRequest other;
            other.query = r.versus;
            auto versus = request_plan(other, true);
            if (!versus) return tl::unexpected(versus.error());
            b = count(versus->query);
        } else {  // the rest: in the slice's language when it has one and that leaves any
            if (!language.empty()) {
                SearchRequest same_language;
                same_language.lang = language;
                auto same = request_plan(same_language, true);
                if (!same) return tl::unexpected(same.error());
                b = count(Xapian::Query(Xapian::Query::OP_AND_NOT, same->query, slice->query));
            }
            if (b.passages == 0) b = count(Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), slice->query));
        }
        KeynessResponse out;
        rank_key_words(a, b, r.limit, r.min_count, out);
        out.slice.query = r.slice.query;
        out.versus.query = r.versus;
        out.timed_out = budget.spent();
        out.took_ms = budget.elapsed_ms();
        return out;
    }

    /// The passages matching a request, one match of at most max_walk_passages (one more
    /// counted, to know whether it was cut), their data read in batches under the budget.
    /// `begun` is set once the visitor has been told the walk started.
    Result<PassageWalkEnd> walk(const PassageWalkRequest& w, PassageVisitor& visitor, bool& begun) {
        // A retry after the index changed would give the visitor its first passages again.
        if (begun) return fail(ErrorCode::Unavailable, "the index changed during the walk; try again");
        const SearchRequest& r = w.search;
        TimeBudget budget(r.time_budget);
        auto built = request_plan(r, true);  // a passage is listed for what it says, as a trend counts it
        if (!built) return tl::unexpected(built.error());
        if (w.marks && !built->has_positive)  // every passage would be read for no marked word
            return fail(ErrorCode::BadQuery, "the query has no words to mark: give the words to find, not only filters");
        Exclusion ex;
        ex.list(db(), built->excluded, index.has_remote(), budget);
        const SortOrder sort = built->has_positive ? r.sort : (r.sort == SortOrder::Relevance ? SortOrder::Date : r.sort);
        Xapian::Query query = ex.applied_to(built->query);
        if (!w.transcripts.empty()) {
            std::vector<std::string> ids;
            for (const auto& id : w.transcripts) ids.push_back(schema::transcript_term(id));
            query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
        }
        Xapian::Enquire enquire = make_enquire(query, sort);
        enquire.set_time_limit(budget.seconds_left());
        const auto most = static_cast<Xapian::doccount>(std::min(w.max_passages, max_walk_passages));
        const Xapian::MSet mset = enquire.get_mset(0, most, most + 1, nullptr, ex.local());
        PassageWalkStart start{generation(), mset.get_matches_estimated(), mset.get_matches_lower_bound() > mset.size()};
        begun = true;
        if (!visitor.start(start)) return PassageWalkEnd{0, false, false, true};
        PassageWalkEnd end = visit_passages(mset, analyzer, marked_terms(*built), w, visitor, budget);
        end.timed_out = end.timed_out || budget.spent();
        end.cut = start.cut && !end.stopped && !end.timed_out;
        return end;
    }

    /// The query with each unknown word replaced by the index's nearest known word, or
    /// nullopt when no word is unknown or nothing near is known. Remote shards have no
    /// spelling data, so they yield no suggestion.
    std::optional<std::string> suggest(const std::string& query) {
        std::string out;
        bool changed = false;
        std::size_t cursor = 0;
        for (const auto& tok : analyzer.tokenize(query, {})) {
            if (tok.ideographic || db().term_exists(tok.folded)) continue;
            // Field names and operators are not words to correct.
            const auto before = query.substr(0, tok.begin);
            if (!before.empty() && before.back() == ':') continue;
            std::string better;
            try {
                better = db().get_spelling_suggestion(tok.folded, 2);
            } catch (const Xapian::Error&) {
                return std::nullopt;
            }
            if (better.empty()) continue;
            out.append(query, cursor, tok.begin - cursor);
            out += better;
            cursor = tok.end;
            changed = true;
        }
        if (!changed) return std::nullopt;
        out.append(query, cursor, std::string::npos);
        return out;
    }

    Result<TranscriptView> view(const std::string& id, const std::string& query) {
        TermSet terms;
        if (!query.empty()) {
            auto tree = parse_query(query);
            if (!tree) return tl::unexpected(tree.error());
            auto built = plan(**tree, false);
            if (!built) return tl::unexpected(built.error());
            terms = marked_terms(*built);
        }
        return read_transcript(db(), analyzer, id, terms);
    }
};

Searcher::Searcher(IndexLocation location) : m_impl(std::make_unique<Impl>(std::move(location))) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Result<SearchResponse> Searcher::search(const SearchRequest& request) {
    return m_impl->guarded([&] { return m_impl->run(request); });
}

Result<KeynessResponse> Searcher::keyness(const KeynessRequest& request) {
    return m_impl->guarded([&] { return m_impl->keyness(request); });
}

Result<TrendResponse> Searcher::trend(const TrendRequest& request) {
    return m_impl->guarded([&] { return m_impl->trend(request); });
}

Result<void> Searcher::check(const SearchRequest& request) {
    return m_impl->guarded([&]() -> Result<void> {
        auto built = m_impl->request_plan(request, false);
        if (!built) return tl::unexpected(built.error());
        return {};
    });
}

Result<PassageWalkEnd> Searcher::walk_passages(const PassageWalkRequest& request, PassageVisitor& visitor) {
    bool begun = false;
    return m_impl->guarded([&] { return m_impl->walk(request, visitor, begun); });
}

Result<ConcordanceResponse> Searcher::concordance(const ConcordanceRequest& request) {
    ConcordanceBuilder builder(request);
    PassageVisitor visitor = builder.visitor();
    const auto end = walk_passages(builder.walk_request(), visitor);
    if (!end) return tl::unexpected(end.error());
    const SpeakerDirectory* persons = nullptr;
    if (request.group == ConcordanceGroup::Speaker) {
        auto directory = m_impl->guarded(
            [&]() -> Result<const SpeakerDirectory*> { return &m_impl->population.speakers(m_impl->db()); });
        if (!directory) return tl::unexpected(directory.error());
        persons = *directory;
    }
    return builder.finish(*end, persons);
}

Result<std::vector<WalkedPassage>> Searcher::newest_passages(const SearchRequest& request, std::size_t n) {
    PassageWalkRequest walk;
    walk.search = request;
    walk.search.sort = SortOrder::Date;
    walk.max_passages = n;
    walk.snippets = true;
    std::vector<WalkedPassage> passages;
    PassageVisitor visitor{[](const PassageWalkStart&) { return true; },
                           [&passages](const WalkedPassage& p) {
                               passages.push_back(p);
                               return true;
                           }};
    auto end = walk_passages(walk, visitor);
    if (!end) return tl::unexpected(end.error());
    return passages;
}

Result<QuoteResponse> Searcher::quote(const QuoteRequest& request) {
    return m_impl->guarded([&] { return find_quote(m_impl->db(), m_impl->analyzer, request); });
}

Result<TalkingPointsResponse> Searcher::talking_points(const TalkingPointsRequest& request) {
    return m_impl->guarded([&] {
        return find_talking_points(m_impl->db(), m_impl->analyzer, m_impl->population.speakers(m_impl->db()), request);
    });
}

Result<TranscriptView> Searcher::transcript(const std::string& id, const std::string& query) {
    return m_impl->guarded([&] { return m_impl->view(id, query); });
}

Result<CitedPassage> Searcher::passage(const std::string& passage_id) {
    if (passage_id.empty()) return fail(ErrorCode::BadParameter, "the passage id is empty");
    if (passage_id.size() > max_passage_id_bytes)
        return fail(ErrorCode::BadParameter, "the passage id is longer than " + std::to_string(max_passage_id_bytes) + " bytes");
    if (!text::is_valid_utf8(passage_id)) return fail(ErrorCode::BadParameter, "the passage id is not valid UTF-8");
    return m_impl->guarded([&] { return read_passage(m_impl->db(), passage_id); });
}

Result<Searcher::Stats> Searcher::stats() {
    return m_impl->guarded([&]() -> Result<Stats> {
        Stats s;
        s.passages = m_impl->db().get_doccount();
        const std::string prefix(schema::prefix_transcript);
        // Counting transcripts walks the id terms: fine for /metrics, not for every query.
        for (auto t = m_impl->db().allterms_begin(prefix); t != m_impl->db().allterms_end(prefix); ++t) ++s.transcripts;
        s.generation = m_impl->generation();
        return s;
    });
}

}  // namespace dragoman
