// Enquire over passages, collapsed per result (a transcript with its language versions);
// facets by a match spy; snippets per hit.
#include "search/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <unordered_set>
#include <unordered_map>

#include "index/index_error.hpp"
#include "index/index_root.hpp"
#include "index/shard_layout.hpp"
#include "schema/passage.hpp"
#include "schema/passage_data.hpp"
#include "schema/passage_id.hpp"
#include "schema/schema.hpp"
#include "search/facet_spy.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"
#include "search/remote_shard.hpp"
#include "search/time_budget.hpp"
#include "search/transcript_coverage.hpp"
#include "search/version_choice.hpp"
#include "text/analyzer.hpp"
#include "text/utf8.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

/// Passages examined at least, so facet counts are exact for all but huge match sets.
constexpr Xapian::doccount facet_check_bound = 20000;
/// Passages of one transcript examined at least, so a result's matching_passages is exact.
constexpr Xapian::doccount passage_check_bound = 10000;
constexpr double query_time_limit_seconds = 5.0;

/// Document data that does not decode: a broken invariant of the index (damaged, or written
/// by another program). Thrown where the data is read; guarded() returns it as Internal.
struct DamagedDocument : std::logic_error {
    using std::logic_error::logic_error;
};

/// The decoded data of `doc` (one decoder for every reader: schema/passage_data).
PassageData stored_data(const Xapian::Document& doc) {
    auto data = decode_passage_data(doc.get_data());
    if (!data) throw DamagedDocument("document " + std::to_string(doc.get_docid()) + ": " + data.error());
    return std::move(*data);
}

SearchHit hit_from_data(PassageData&& d) {
    SearchHit h;
    h.id = std::move(d.transcript_id);
    h.title = std::move(d.title);
    h.date = std::move(d.date);
    h.language = std::move(d.language);
    h.country = std::move(d.country);
    h.source = std::move(d.source);
    h.url = std::move(d.url);
    h.speakers = std::move(d.speakers);
    return h;
}

/// A passage under a result or in a transcript, all but its text (a snippet or the whole).
PassageSnippet passage_of(const PassageData& d) {
    PassageSnippet p;
    p.passage = d.number;
    p.passage_id = d.passage_id;
    p.speaker = d.speaker;
    p.language = d.passage_language;
    p.question = d.question;
    p.is_question = d.is_question;
    return p;
}

/// BM25 over passages. k1 and b barely matter on the known-item evaluation (±0.005 MRR
/// for k1 0.8..1.6, b 0.5..0.9); b = 0.75 slightly favours the short answer passages of
/// press conferences over long monologue passages.
Xapian::BM25Weight bm25() { return Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5); }

}  // namespace

struct Searcher::Impl {
    IndexLocation location;
    Xapian::Database db;
    std::string signature;  // resolved paths of what is open
    bool open = false;
    std::size_t databases = 0;  // how many `db` combines (shards)
    bool has_remote = false;  // a remote shard is open: facets are counted by facet passes
    std::chrono::steady_clock::time_point opened_at;  // when the open databases were opened
    std::vector<std::string> languages;
    text::Analyzer analyzer;
    PassagePopulation population;  // trend denominators, cached per index revision

    /// Opens or refreshes the databases; false when nothing is published.
    bool refresh() {
        std::string sig;
        std::vector<std::string> paths;
        for (const auto& root : location.roots) {
            if (is_remote_location(root)) {
                paths.push_back(root);
            } else if (fs::exists(fs::path(root) / "iamglass")) {
                paths.push_back(root);  // a plain Xapian database
            } else {
                const auto current = IndexRoot(root).current();
                if (current.empty()) return false;
                for (auto& shard : generation_databases(current)) paths.push_back(shard.string());
            }
        }
        for (const auto& p : paths) sig += p + '\n';
        const auto now = std::chrono::steady_clock::now();
        if (open && sig == signature && !(has_remote && now - opened_at >= location.remote_reconnect)) {
            db.reopen();
            return true;
        }
        Xapian::Database fresh;
        bool remote = false;
        for (const auto& p : paths) {
            remote = remote || is_remote_location(p);
            fresh.add_database(is_remote_location(p) ? open_remote_shard(p) : Xapian::Database(p));
        }
        db = fresh;
        databases = paths.size();
        signature = sig;
        open = true;
        has_remote = remote;
        opened_at = now;
        languages.clear();
        const std::string prefix(schema::prefix_language);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
            languages.push_back((*t).substr(prefix.size()));
        return true;
    }

    template <typename F>
    auto guarded(F&& body) -> decltype(body()) {
        for (int attempt = 0;; ++attempt) {
            try {
                if (!refresh()) return fail(ErrorCode::Unavailable, "no index is published yet");
                return body();
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 3) return fail(ErrorCode::Unavailable, "the index keeps changing; try again");
                open = false;  // reopen from scratch
            } catch (const Xapian::DatabaseOpeningError& e) {
                if (attempt >= 1) return fail(ErrorCode::Unavailable, "cannot open the index: " + e.get_msg());
                open = false;
            } catch (const Xapian::NetworkTimeoutError& e) {
                // "REMOTE:" marks xapian-tcpsrv's own idle timeout on a connection it then
                // closed: reopen once. Otherwise this process waited for a stopped or cut-off
                // shard, and trying again would double the wait.
                open = false;
                if (attempt >= 1 || e.get_msg().rfind("REMOTE:", 0) != 0)
                    return fail(ErrorCode::Unavailable, "a shard did not answer in time: " + e.get_msg());
            } catch (const Xapian::NetworkError& e) {
                // A closed connection (the shard restarted, or xapian-tcpsrv's idle timeout)
                // is reopened once; a shard that refuses the new connection is down.
                open = false;
                if (attempt >= 1) return fail(ErrorCode::Unavailable, "a shard is unreachable: " + e.get_msg());
            } catch (const Xapian::Error& e) {
                return fail(ErrorCode::Internal, e.get_type() + std::string(": ") + e.get_msg());
            } catch (const IndexError& e) {  // an unreadable shard manifest
                open = false;
                return fail(ErrorCode::Unavailable, e.what());
            } catch (...) {
                // A broken invariant, such as document data that does not decode (an index
                // damaged or written by another program): an Internal error, never an
                // exception out of the library.
                return tl::unexpected(unexpected_error(std::current_exception()));
            }
        }
    }

    static void add_filter(QueryNode& root, std::string_view field, const std::string& value) {
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

    Xapian::Enquire make_enquire(const Xapian::Query& q, SortOrder sort) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        enquire.set_weighting_scheme(bm25());
        switch (sort) {
            case SortOrder::Relevance: enquire.set_sort_by_relevance_then_value(schema::slot_date, true); break;
            case SortOrder::Date: enquire.set_sort_by_value_then_relevance(schema::slot_date, true); break;
            case SortOrder::DateAscending: enquire.set_sort_by_value_then_relevance(schema::slot_date, false); break;
        }
        enquire.set_time_limit(query_time_limit_seconds);
        return enquire;
    }

    /// The transcripts with a passage matching `excluded`: NOT and -word leave out whole
    /// transcripts, not single passages. A value-count spy over every match lists
    /// them without ranking anything.
    std::unordered_set<std::string> excluded_transcripts(const Xapian::Query& excluded) {
        std::unordered_set<std::string> ids;
        if (excluded.empty()) return ids;
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, excluded, 0));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy spy(schema::slot_transcript);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, db.get_doccount());
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) ids.insert(*it);
        return ids;
    }

    /// Rejects the passages of excluded transcripts: one hash lookup per candidate, where
    /// an AND_NOT with an OR of thousands of id terms cost far more (`world -peace` on the
    /// real corpus: 316 ms → 83 ms). Remote shards cannot run a decider; they get the OR.
    struct TranscriptExcluder final : Xapian::MatchDecider {
        std::unordered_set<std::string> ids;
        bool operator()(const Xapian::Document& doc) const override {
            return ids.count(doc.get_value(schema::slot_transcript)) == 0;
        }
    };

    std::vector<PassageSnippet> best_passages(const std::string& id, const Xapian::Query& q, const TermSet& terms,
                                              std::size_t count, std::size_t& matching, std::string& best) {
        Xapian::Query restricted(Xapian::Query::OP_FILTER, q, Xapian::Query(schema::transcript_term(id)));
        Xapian::Enquire enquire(db);
        enquire.set_query(restricted);
        enquire.set_weighting_scheme(bm25());
        const Xapian::MSet m = enquire.get_mset(0, static_cast<Xapian::doccount>(count), passage_check_bound);
        matching = m.get_matches_estimated();
        std::vector<PassageSnippet> out;
        for (auto it = m.begin(); it != m.end(); ++it) {
            const PassageData data = stored_data(it.get_document());
            PassageSnippet p = passage_of(data);
            p.text = make_snippet(analyzer, data.text, p.language, terms);
            out.push_back(std::move(p));
        }
        if (!out.empty()) best = out.front().passage_id;  // the MSet's order: best first
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.passage < b.passage; });
        return out;
    }

    /// The transcript-level exclusion of a plan: `-word` and NOT leave out whole transcripts,
    /// since a result is a transcript. On local databases a match decider rejects their
    /// passages; remote shards cannot run one and get an AND_NOT of their id terms.
    struct Exclusion {
        TranscriptExcluder decider;
        Xapian::Query ids;  ///< OR of the excluded transcripts' id terms (empty: none)
        const Xapian::MatchDecider* local() const { return ids.empty() ? nullptr : &decider; }
    };

    /// Lists the transcripts `built.excluded` matches, unless the budget is spent: then the
    /// passage-level exclusion that every tier's query carries is what applies.
    void exclude_transcripts(const BuiltQuery& built, Exclusion& ex, TimeBudget& budget) {
        if (built.excluded.empty() || budget.expired()) return;
        ex.decider.ids = excluded_transcripts(built.excluded);
        if (ex.decider.ids.empty()) return;
        std::vector<Xapian::Query> id_terms;
        id_terms.reserve(ex.decider.ids.size());
        for (const auto& id : ex.decider.ids) id_terms.emplace_back(schema::transcript_term(id));
        ex.ids = Xapian::Query(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
    }

    /// `q` without the excluded transcripts, as this layout applies them.
    Xapian::Query without(const Xapian::Query& q, const Exclusion& ex) const {
        return ex.ids.empty() || !has_remote ? q : Xapian::Query(Xapian::Query::OP_AND_NOT, q, ex.ids);
    }

    /// One ranked, collapsed match of a tier's query. No spy and no check_at_least: facets
    /// have a pass of their own (count_facets), so that this one can prune.
    Xapian::MSet ranked_match(const Xapian::Query& q, const SearchRequest& r, bool has_positive, const Exclusion& ex,
                              TimeBudget& budget) {
        const SortOrder sort = has_positive ? r.sort : (r.sort == SortOrder::Relevance ? SortOrder::Date : r.sort);
        Xapian::Enquire enquire = make_enquire(without(q, ex), sort);
        enquire.set_time_limit(budget.seconds_left());
        enquire.set_collapse_key(schema::slot_collapse);
        return enquire.get_mset(static_cast<Xapian::doccount>(r.offset), static_cast<Xapian::doccount>(r.limit), 0,
                                nullptr, has_remote ? nullptr : ex.local());
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
        if (strict_ran) {
            Xapian::Enquire e = make_enquire(without(built.query, ex), r.sort);
            e.set_collapse_key(schema::slot_collapse);
            const Xapian::MSet all = e.get_mset(0, static_cast<Xapian::doccount>(r.offset + r.limit), 0, nullptr,
                                                has_remote ? nullptr : ex.local());
            for (auto it = all.begin(); it != all.end(); ++it) {
                strict.insert(it.get_collapse_key());
                strict_ids.insert(it.get_document().get_value(schema::slot_transcript));
            }
        }
        auto filters = built.filter_parts;
        if (!ex.ids.empty())
            filters.push_back(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::MatchAll), ex.ids));
        auto covered = rank_by_coverage(db, built.word_parts, filters, strict_ids, bm25());
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
            add_hit(db.get_document(covered[k].passage), covered[k].weight, r, shown, terms, resp, budget);
        resp.total = strict.size() + covered.size();
        resp.total_exact = true;
        resp.relaxed = !complete && !covered.empty();
    }

    /// A result from its passage document: its metadata, the version in the query's
    /// language, its best passages. Versions and snippets are left out once the budget is
    /// spent (the response then says timed_out).
    void add_hit(const Xapian::Document& doc, double score, const SearchRequest& r, const Xapian::Query& q,
                 const TermSet& terms, SearchResponse& resp, TimeBudget& budget) {
        SearchHit hit = hit_from_data(stored_data(doc));
        hit.score = score;
        hit.group = doc.get_value(schema::slot_group);
        if (!hit.group.empty() && !budget.expired()) show_preferred_version(hit, r, q);
        if (r.snippets && !budget.expired())
            hit.snippets = best_passages(hit.id, q, terms, r.snippets_per_result, hit.matching_passages, hit.best_passage);
        resp.results.push_back(std::move(hit));
    }

    /// Facets of the tier whose results are listed (`q`, `ex`): a pass of their own, under
    /// the request's budget; exact totals from it when every matching passage was seen.
    void count_facets(const Xapian::Query& q, const Exclusion& ex, bool by_coverage, SearchResponse& resp,
                      TimeBudget& budget) {
        if (budget.expired()) {
            resp.facets_exact = false;
            return;
        }
        FacetSpy spy(db, databases);
        Xapian::doccount upper_bound = 0;
        if (has_remote)
            count_facets_by_passes(without(q, ex), spy, upper_bound);
        else
            count_facets_locally(q, ex, spy, upper_bound);
        resp.facets = spy.facets(20);
        resp.facet_documents = spy.documents();
        // Fewer passages than the bound means the pass saw every matching passage, unless
        // Xapian's time limit stopped it (which it does without saying so: a pass that ended
        // past the deadline may not have). Then the distinct results among them are the
        // exact total; Xapian's collapsed estimate is not, and differs between one database
        // and remote shards.
        const bool saw_all =
            !budget.expired() && (spy.documents() < facet_check_bound || spy.documents() >= upper_bound);
        resp.facets_exact = saw_all;
        if (saw_all && !by_coverage) {
            resp.total = spy.results();
            resp.total_exact = true;
        }
    }

    /// Runs a request's plan: tier 1 (every word in one passage), tier 2 (across a
    /// transcript's passages) where tier 1 does not fill the page, tier 3 (any word) where
    /// neither finds anything; then facets and the suggestion. Tier 1 always runs; every
    /// other pass first asks the request's budget, and a response missing one says
    /// timed_out.
    Result<SearchResponse> run(const SearchRequest& r) {
        TimeBudget budget(r.time_budget);
        if (r.query.size() > max_query_bytes)
            return fail(ErrorCode::BadParameter, "the query is longer than " + std::to_string(max_query_bytes) + " bytes");
        if (r.limit > max_limit) return fail(ErrorCode::BadParameter, "limit is above " + std::to_string(max_limit));
        if (r.offset > max_offset) return fail(ErrorCode::BadParameter, "offset is above " + std::to_string(max_offset));
        auto tree = request_tree(r);
        if (!tree) return tl::unexpected(tree.error());
        QueryContext context{languages, {}};
        context.vocabulary = &db;
        auto built = build_query(**tree, analyzer, context);
        if (!built) return tl::unexpected(built.error());
        Exclusion ex;
        exclude_transcripts(*built, ex, budget);

        SearchResponse resp;
        resp.query = r.query;
        Xapian::Query query = built->query;
        Xapian::MSet mset = ranked_match(query, r, built->has_positive, ex, budget);
        bool relaxed = false;
        if (mset.get_matches_upper_bound() == 0 && (r.offset == 0 || !built->word_parts.empty()) && !built->relaxed.empty() &&
            !budget.expired()) {
            query = built->relaxed;
            mset = ranked_match(query, r, built->has_positive, ex, budget);
            resp.relaxed = !mset.empty();
            relaxed = true;
        }
        // The relaxed tier's words are the strict one's: a result's words match `marked`.
        TermSet terms;
        for (auto t = built->marked.get_unique_terms_begin(); t != built->marked.get_unique_terms_end(); ++t) terms.insert(*t);
        resp.total = mset.get_matches_estimated();
        resp.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();

        if (!relaxed)
            for (auto it = mset.begin(); it != mset.end(); ++it) add_hit(it.get_document(), it.get_weight(), r, query, terms, resp, budget);
        // A page that the passages holding every word do not fill goes on with transcripts
        // whose passages hold the words between them (then with fewer of the words).
        const bool by_coverage = r.sort == SortOrder::Relevance && built->word_parts.size() >= 2 &&
                                 resp.results.size() < r.limit && !budget.expired();
        if (by_coverage) {
            across_passages(*built, r, ex, !relaxed, terms, resp, budget);
        } else if (relaxed) {
            for (auto it = mset.begin(); it != mset.end(); ++it) add_hit(it.get_document(), it.get_weight(), r, query, terms, resp, budget);
        }
        if ((resp.results.empty() || resp.relaxed) && !budget.expired()) resp.suggestion = suggest(r.query);
        if (r.facets) count_facets(query, ex, by_coverage, resp, budget);
        resp.timed_out = budget.spent();
        resp.took_ms = budget.elapsed_ms();
        return resp;
    }

    Result<TrendResponse> trend(const TrendRequest& r) {
        if (r.search.query.size() > max_query_bytes)
            return fail(ErrorCode::BadParameter, "the query is longer than " + std::to_string(max_query_bytes) + " bytes");
        auto tree = request_tree(r.search);
        if (!tree) return tl::unexpected(tree.error());
        QueryContext context{languages, {}};
        context.text_only = true;  // a passage counts for what it says, not for its title
        auto built = build_query(**tree, analyzer, context);
        if (!built) return tl::unexpected(built.error());
        return compute_trend(db, built->query, r, population);
    }

    /// Facets over local databases: FacetSpy on a match of its own that weighs nothing
    /// (BoolWeight) and visits the first facet_check_bound matching passages in docid order.
    /// A spy on the ranked match forces a weight on every candidate, and with a collapse key
    /// the minimum weight rises only once check_at_least results are seen, so the ranked
    /// match could prune nothing (measured: docs/latency.md).
    void count_facets_locally(const Xapian::Query& q, const Exclusion& ex, FacetSpy& spy,
                              Xapian::doccount& upper_bound) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_time_limit(query_time_limit_seconds);
        enquire.add_matchspy(&spy);
        const Xapian::MSet m = enquire.get_mset(0, 0, facet_check_bound, nullptr, ex.local());
        upper_bound = m.get_matches_upper_bound();
    }

    /// Facets across remote shards. xapian-tcpsrv runs only Xapian's own match spies, so
    /// FacetSpy cannot run there; instead a match lists every matching passage (up to
    /// facet_check_bound) with its facet values as the sort key (slot_facets: all five at
    /// once) and the collapse key of its result (collapsing nothing), and FacetSpy counts
    /// them here. All passages of a transcript are in one shard, so the counts equal those
    /// over one database. Without slot_facets (schema 3) it takes one match per facet.
    void count_facets_by_passes(const Xapian::Query& q, FacetSpy& spy, Xapian::doccount& upper_bound) {
        auto pass = [&](Xapian::valueno slot) {
            Xapian::Enquire enquire(db);
            enquire.set_query(q);
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            enquire.set_sort_by_value(slot, false);
            enquire.set_collapse_key(schema::slot_collapse, std::numeric_limits<Xapian::doccount>::max());
            enquire.set_time_limit(query_time_limit_seconds);
            const Xapian::MSet m = enquire.get_mset(0, facet_check_bound);
            spy.set_documents(m.size());
            upper_bound = m.get_matches_upper_bound();
            return m;
        };
        // Every passage of a schema-4 index has the slot (the key is never empty); a shard
        // of an older generation served beside newer ones takes the five passes.
        if (db.get_value_freq(schema::slot_facets) == db.get_doccount()) {
            const Xapian::MSet m = pass(schema::slot_facets);
            for (auto it = m.begin(); it != m.end(); ++it) {
                const std::string key = it.get_sort_key();
                const auto values = schema::split_facet_values_key(key);
                if (values.size() != FacetSpy::number_of_facets()) continue;
                const std::string result_key = it.get_collapse_key();
                for (std::size_t f = 0; f < values.size(); ++f) spy.add(f, result_key, std::string(values[f]));
            }
            return;
        }
        for (std::size_t f = 0; f < FacetSpy::number_of_facets(); ++f) {
            const Xapian::MSet m = pass(FacetSpy::facet_slot(f));
            for (auto it = m.begin(); it != m.end(); ++it) spy.add(f, it.get_collapse_key(), it.get_sort_key());
        }
    }

    /// Every version of `group`, by language then id (one lookup per passage of the group).
    std::vector<VersionRef> group_versions(const std::string& group) {
        std::vector<VersionRef> out;
        std::unordered_set<std::string> seen;
        const std::string term = schema::group_term(group);
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            const Xapian::Document doc = db.get_document(*p);
            if (!seen.insert(doc.get_value(schema::slot_transcript)).second) continue;
            PassageData data = stored_data(doc);
            if (data.language.empty()) data.language = std::move(data.passage_language);
            out.push_back(VersionRef{std::move(data.transcript_id), std::move(data.language), std::move(data.title)});
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return std::tie(a.language, a.id) < std::tie(b.language, b.id);
        });
        return out;
    }

    /// Shows `hit` (the best-scoring version of its group) as the version in the query's
    /// language when that version matches the query too, and lists the other versions.
    void show_preferred_version(SearchHit& hit, const SearchRequest& r, const Xapian::Query& q) {
        auto versions = group_versions(hit.group);
        std::vector<std::string> available;
        for (const auto& v : versions) available.push_back(v.language);
        std::string wanted = preferred_version_language(r.query, r.lang, available);
        // A filter-only query weighs every version alike: which one Xapian returned depends
        // on document numbers, which differ between one database and shards; show the
        // version of the first language instead, the same in every layout.
        if (wanted.empty() && hit.score <= 0 && !available.empty())
            wanted = *std::min_element(available.begin(), available.end());
        if (!wanted.empty() && wanted != hit.language) {
            for (const auto& v : versions) {
                if (v.language != wanted) continue;
                const std::string id_term = schema::transcript_term(v.id);
                Xapian::Enquire e(db);
                e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(id_term)));
                const Xapian::MSet m = e.get_mset(0, 1);
                if (m.empty()) break;  // that version does not match: keep the best one
                const double score = hit.score;
                const std::string group = hit.group;
                hit = hit_from_data(stored_data(m.begin().get_document()));
                hit.score = score;
                hit.group = group;
                break;
            }
        }
        for (auto& v : versions)
            if (v.id != hit.id) hit.versions.push_back(std::move(v));
    }

    /// The query with each unknown word replaced by the index's nearest known word, or
    /// nullopt when no word is unknown or nothing near is known. Remote shards have no
    /// spelling data, so they yield no suggestion.
    std::optional<std::string> suggest(const std::string& query) {
        std::string out;
        bool changed = false;
        std::size_t cursor = 0;
        for (const auto& tok : analyzer.tokenize(query, {})) {
            if (tok.ideographic || db.term_exists(tok.folded)) continue;
            // Field names and operators are not words to correct.
            const auto before = query.substr(0, tok.begin);
            if (!before.empty() && before.back() == ':') continue;
            std::string better;
            try {
                better = db.get_spelling_suggestion(tok.folded, 2);
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
            QueryContext context{languages, {}};
            context.vocabulary = &db;
            auto built = build_query(**tree, analyzer, context);
            if (!built) return tl::unexpected(built.error());
            for (auto t = built->marked.get_unique_terms_begin(); t != built->marked.get_unique_terms_end(); ++t) terms.insert(*t);
        }
        const std::string term = schema::transcript_term(id);
        std::vector<PassageData> passages;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            PassageData data = stored_data(db.get_document(*p));
            // A long id's term is a hash: the data holds the id itself.
            if (data.transcript_id != id) continue;
            passages.push_back(std::move(data));
        }
        if (passages.empty()) return fail(ErrorCode::NotFound, "no transcript with id '" + id + "'");
        std::sort(passages.begin(), passages.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
        TranscriptView v;
        v.meta = hit_from_data(PassageData(passages.front()));
        {
            auto first = db.postlist_begin(term);
            v.meta.group = db.get_document(*first).get_value(schema::slot_group);
            if (!v.meta.group.empty())
                for (auto& version : group_versions(v.meta.group))
                    if (version.id != id) v.meta.versions.push_back(std::move(version));
        }
        for (const auto& data : passages) {
            PassageSnippet p = passage_of(data);
            p.text = highlight(analyzer, data.text, p.language, terms);
            v.hits += p.text.hits;
            v.passages.push_back(std::move(p));
        }
        return v;
    }
};

Result<CitedPassage> Searcher::passage(const std::string& passage_id) {
    if (passage_id.empty()) return fail(ErrorCode::BadParameter, "the passage id is empty");
    if (passage_id.size() > max_passage_id_bytes)
        return fail(ErrorCode::BadParameter, "the passage id is longer than " + std::to_string(max_passage_id_bytes) + " bytes");
    if (!text::is_valid_utf8(passage_id)) return fail(ErrorCode::BadParameter, "the passage id is not valid UTF-8");
    return m_impl->guarded([&]() -> Result<CitedPassage> {
        const std::string term = schema::passage_term(passage_id);
        for (auto p = m_impl->db.postlist_begin(term); p != m_impl->db.postlist_end(term); ++p) {
            CitedPassage cited = stored_data(m_impl->db.get_document(*p));
            // A long id's term is a hash: the data holds the id itself.
            if (cited.passage_id == passage_id) return cited;
        }
        return fail(ErrorCode::NotFound, "no passage with id '" + passage_id + "'");
    });
}

Searcher::Searcher(IndexLocation location) : m_impl(std::make_unique<Impl>()) { m_impl->location = std::move(location); }
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Result<SearchResponse> Searcher::search(const SearchRequest& request) {
    return m_impl->guarded([&] { return m_impl->run(request); });
}

Result<TrendResponse> Searcher::trend(const TrendRequest& request) {
    return m_impl->guarded([&] { return m_impl->trend(request); });
}

Result<TranscriptView> Searcher::transcript(const std::string& id, const std::string& query) {
    return m_impl->guarded([&] { return m_impl->view(id, query); });
}

Result<Searcher::Stats> Searcher::stats() {
    return m_impl->guarded([&]() -> Result<Stats> {
        Stats s;
        s.passages = m_impl->db.get_doccount();
        const std::string prefix(schema::prefix_transcript);
        // Counting transcripts walks the id terms: fine for /metrics, not for every query.
        for (auto t = m_impl->db.allterms_begin(prefix); t != m_impl->db.allterms_end(prefix); ++t) ++s.transcripts;
        s.generation = m_impl->signature;
        if (!s.generation.empty() && s.generation.back() == '\n') s.generation.pop_back();
        return s;
    });
}

}  // namespace dragoman
