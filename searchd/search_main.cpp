// dragoman-search: query a local index (--db) or a running daemon (--server) from a shell.
#include <CLI/CLI.hpp>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>

#include "config_file.hpp"
#include "render/atom.hpp"
#include "render/citation.hpp"
#include "render/concordance_json.hpp"
#include "render/history_json.hpp"
#include "render/escape.hpp"
#include "render/export.hpp"
#include "render/keyness_json.hpp"
#include "render/provenance_json.hpp"
#include "render/result_json.hpp"
#include "render/terminal.hpp"
#include "request_params.hpp"
#include "trend_params.hpp"
#include "search/error.hpp"
#include "search/remote_shard.hpp"
#include "search/searcher.hpp"
#include "util/utc_time.hpp"

namespace {

constexpr int exit_found = 0;
constexpr int exit_nothing = 1;
constexpr int exit_error = 2;

int print_error(const std::string& message) {
    std::fprintf(stderr, "dragoman-search: %s\n", message.c_str());
    return exit_error;
}

/// What a step of the program gives: its JSON, or the message to exit 2 with.
using Outcome = tl::expected<nlohmann::json, std::string>;

/// A client of the daemon at `server`.
httplib::Client client_for(std::string server) {
    while (!server.empty() && server.back() == '/') server.pop_back();
    httplib::Client client(server);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(30, 0);
    return client;
}

/// What a daemon's answer of `status` other than 200 says: the message of its error JSON,
/// or that `server` is no Dragoman server.
std::string server_error(const std::string& server, int status, const std::string& body_text) {
    const auto body = nlohmann::json::parse(body_text, nullptr, /*allow_exceptions=*/false);
    const bool named = body.is_object() && body.contains("error") && body["error"].is_object() &&
                       body["error"].contains("message") && body["error"]["message"].is_string();
    return named ? body["error"]["message"].get<std::string>()
                 : server + ": not a Dragoman server (HTTP " + std::to_string(status) + ")";
}

/// The daemon's JSON answer to GET `path`, or why there is none (its own error message
/// when it answered with one).
Outcome fetch(httplib::Client& client, const std::string& server, const std::string& path) {
    auto res = client.Get(path.c_str());
    if (!res) return tl::unexpected(server + ": " + httplib::to_string(res.error()));
    if (res->status != 200) return tl::unexpected(server_error(server, res->status, res->body));
    const auto body = nlohmann::json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object())
        return tl::unexpected(server + ": not a Dragoman server (HTTP " + std::to_string(res->status) + ")");
    return body;
}

/// The citations (`text` and `csl`) of each result's best passage, from a daemon.
Outcome cite_from_server(httplib::Client& client, const std::string& server, const nlohmann::json& results) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : results) {
        const std::string id = r.value("best_passage", "");
        if (id.empty()) continue;
        auto body = fetch(client, server, "/api/passage/" + dragoman::render::percent_encode(id));
        if (!body) return body;
        if (!body->contains("cite")) return tl::unexpected(server + ": no citation for passage " + id);
        out.push_back((*body)["cite"]);
    }
    return out;
}

/// The citations of each result's best passage, from a local index.
Outcome cite_locally(dragoman::Searcher& searcher, const nlohmann::json& results, const std::string& base_url) {
    const dragoman::render::CiteContext context{base_url, dragoman::utc_today()};
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : results) {
        const std::string id = r.value("best_passage", "");
        if (id.empty()) continue;
        auto passage = searcher.passage(id);
        if (!passage) return tl::unexpected(passage.error().message);
        out.push_back({{"text", dragoman::render::citation_text(*passage, context)},
                       {"csl", dragoman::render::citation_csl(*passage, context)}});
    }
    return out;
}

/// --history ID or --diff ID (versions "N..M", "..M", "N.." or empty: the last change), from
/// a daemon or the history beside a local index, as JSON or text on stdout.
int print_history(const std::vector<std::string>& dbs, const std::string& server, const std::string& id, bool diff,
                  const std::string& versions, bool json) {
    const auto dots = versions.find("..");
    if (!versions.empty() && dots == std::string::npos) return print_error("--versions is N..M (e.g. 1..3)");
    const auto from = dragoman::version_param("from", versions.empty() ? "" : versions.substr(0, dots));
    const auto to = dragoman::version_param("to", versions.empty() ? "" : versions.substr(dots + 2));
    if (!from || !to) return print_error("--versions: " + (from ? to.error() : from.error()).message);
    Outcome out = nlohmann::json();
    if (!server.empty()) {
        auto client = client_for(server);
        std::string path = (diff ? "/api/diff/" : "/api/history/") + dragoman::render::percent_encode(id);
        if (diff) path += "?from=" + (*from ? std::to_string(*from) : "") + "&to=" + (*to ? std::to_string(*to) : "");
        out = fetch(client, server, path);
        if (!out) return print_error(out.error());
    } else {
        const auto root = dragoman::history_root(dbs);
        if (!root) return print_error(root.error().message);
        if (diff) {
            const auto d = dragoman::read_version_diff(*root, id, *from, *to);
            if (!d) {
                print_error(d.error().message);
                return dragoman::render::exit_code(d.error().code);
            }
            out = dragoman::render::diff_json(*d);
        } else {
            const auto h = dragoman::read_history(*root, id);
            if (!h) {
                print_error(h.error().message);
                return dragoman::render::exit_code(h.error().code);
            }
            out = dragoman::render::history_json(*h);
        }
    }
    if (json)
        std::cout << out->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    else
        std::cout << (diff ? dragoman::render::diff_text(*out) : dragoman::render::history_text(*out));
    return exit_found;
}

/// The keyness of `request`'s slice against `versus`, from a daemon or a local index.
Outcome keyness(const std::vector<std::string>& dbs, const std::string& server, dragoman::SearchRequest request,
                const std::string& versus, std::size_t words) {
    if (!server.empty()) {
        request.limit = words;  // words per side, as /api/keyness reads `limit`
        auto client = client_for(server);
        return fetch(client, server,
                     "/api/keyness?" + dragoman::to_query_string(request) + "&versus=" + dragoman::render::percent_encode(versus));
    }
    dragoman::Searcher searcher(dragoman::IndexLocation{dbs});
    dragoman::KeynessRequest r;
    r.slice = std::move(request);
    r.versus = versus;
    r.limit = words;
    auto response = searcher.keyness(r);
    if (!response) return tl::unexpected(response.error().message);
    return dragoman::render::keyness_json(*response);
}

/// A concordance's query string for /api/concordance: the search's query and filters,
/// and the concordance's own parameters.
std::string concordance_query_string(const dragoman::ConcordanceRequest& r, bool csv) {
    const auto sort = r.sort == dragoman::ConcordanceSort::Walk ? dragoman::sort_order_name(r.search.sort)
                                                                 : dragoman::concordance_sort_name(r.sort);
    return dragoman::search_query_string(r.search) + "&sort=" + std::string(sort) +
           "&group=" + std::string(dragoman::concordance_group_name(r.group)) + "&context=" + std::to_string(r.context) +
           "&limit=" + std::to_string(r.limit) + (csv ? "&format=csv" : "");
}

/// The concordance of `request` as JSON, from a daemon or a local index.
Outcome concordance(const std::vector<std::string>& dbs, const std::string& server,
                    const dragoman::ConcordanceRequest& request) {
    if (!server.empty()) {
        auto client = client_for(server);
        return fetch(client, server, "/api/concordance?" + concordance_query_string(request, false));
    }
    dragoman::Searcher searcher(dragoman::IndexLocation{dbs});
    auto response = searcher.concordance(request);
    if (!response) return tl::unexpected(response.error().message);
    return dragoman::render::concordance_json(*response);
}

/// The concordance of `request` as CSV on stdout, from a local index.
int concordance_csv_locally(const std::vector<std::string>& dbs, const dragoman::ConcordanceRequest& request) {
    dragoman::Searcher searcher(dragoman::IndexLocation{dbs});
    auto response = searcher.concordance(request);
    if (!response) return print_error(response.error().message);
    const std::string text = dragoman::render::concordance_csv(*response);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? exit_found : print_error("cannot write the concordance");
}

/// The time a local export may take: a terminal or a pipe may read slowly, and no other
/// request waits for this one (a daemon's exports have its 5 s).
constexpr std::chrono::seconds local_export_budget{60};

/// Writes the daemon's answer to GET `path` to stdout as it arrives (an export, a feed);
/// `what` names it in a message when it cannot be written.
int stream_from_server(const std::string& server, const std::string& path, const char* what) {
    auto client = client_for(server);
    std::string error_body;
    int status = 0;
    auto res = client.Get(
        path.c_str(), httplib::Headers{},
        [&](const httplib::Response& r) {
            status = r.status;
            return true;
        },
        [&](const char* data, std::size_t size) {
            if (status != 200) {
                error_body.append(data, std::min<std::size_t>(size, 64 * 1024 - error_body.size()));
                return error_body.size() < 64 * 1024;
            }
            return std::fwrite(data, 1, size, stdout) == size;
        });
    if (!res) return print_error(server + ": " + httplib::to_string(res.error()));
    if (status != 200) return print_error(server_error(server, status, error_body));
    return std::fflush(stdout) == 0 ? exit_found : print_error(std::string("cannot write the ") + what);
}

/// Writes every passage of `request` from the daemon at `server` as `format` to stdout, as
/// the daemon sends it.
int export_from_server(const std::string& server, const dragoman::SearchRequest& request,
                       dragoman::render::ExportFormat format) {
    return stream_from_server(server,
                              "/api/export?format=" + std::string(dragoman::render::export_format_name(format)) + "&" +
                                  dragoman::search_query_string(request) + "&sort=" +
                                  std::string(dragoman::sort_order_name(request.sort)),
                              "export");
}

/// Writes the Atom feed of `request`'s newest passages (as GET /feed answers it) to stdout.
int print_feed(const std::vector<std::string>& dbs, const std::string& server, const dragoman::SearchRequest& request,
               const std::string& base_url) {
    if (!server.empty()) return stream_from_server(server, "/feed?" + dragoman::search_query_string(request), "feed");
    dragoman::Searcher searcher(dragoman::IndexLocation{dbs});
    auto passages = searcher.newest_passages(request, dragoman::render::feed_entries);
    if (!passages) {
        print_error(passages.error().message);
        return dragoman::render::exit_code(passages.error().code);
    }
    const dragoman::render::FeedContext feed{base_url, dragoman::search_query_string(request), dragoman::utc_now()};
    std::cout << dragoman::render::atom_feed(request, *passages, feed) << std::flush;
    if (!std::cout) return print_error("cannot write the feed");
    return passages->empty() ? exit_nothing : exit_found;
}

/// Writes every passage of `request` in the index at `dbs` as `format` to stdout, passage
/// by passage; says on stderr when the export is not complete.
int export_locally(const std::vector<std::string>& dbs, dragoman::SearchRequest request,
                   dragoman::render::ExportFormat format, const std::string& base_url) {
    namespace render = dragoman::render;
    dragoman::Searcher searcher(dragoman::IndexLocation{dbs});
    request.time_budget = local_export_budget;
    const render::CiteContext cite{base_url, dragoman::utc_today()};
    dragoman::PassageWalkStart start;
    const render::ExportHead head{request, start, dragoman::max_walk_passages, cite};
    auto put = [](const std::string& s) { return std::fwrite(s.data(), 1, s.size(), stdout) == s.size(); };
    dragoman::PassageVisitor visitor{[&](const dragoman::PassageWalkStart& s) {
                                         start = s;
                                         return put(render::export_head(format, head));
                                     },
                                     [&](const dragoman::WalkedPassage& p) {
                                         return put(render::export_passage(format, p.passage, head));
                                     }};
    dragoman::PassageWalkRequest walk;
    walk.search = request;
    const auto end = searcher.walk_passages(walk, visitor);
    if (!end) {
        print_error(end.error().message);
        return dragoman::render::exit_code(end.error().code);
    }
    if (end->stopped || !put(render::export_tail(format, *end, "")) || std::fflush(stdout) != 0)
        return print_error("cannot write the export");
    if (end->cut || end->timed_out)
        std::fprintf(stderr, "dragoman-search: the export stops after %zu passages: %s\n", end->passages,
                     end->cut ? "more matched than an export holds" : "the time limit ran out");
    return exit_found;
}

/// Whether --colour `colour` colours the output when stdout is a terminal (`tty`) or not.
/// The daemon's answer to GET `path`, or `local` run on the local index and turned into JSON
/// by `render`; printed as JSON or as `table` lays it out. Exit 1 when its `list` is empty.
template <class Local, class Render>
int print_answer(const std::vector<std::string>& dbs, const std::string& server, const std::string& path, Local local,
                 Render render, std::string (*table)(const nlohmann::json&), const char* list, bool json) {
    Outcome got;
    if (!server.empty()) {
        auto client = client_for(server);
        got = fetch(client, server, path);
    } else {
        dragoman::Searcher searcher(dragoman::IndexLocation{dbs});
        auto response = local(searcher);
        if (!response) {
            print_error(response.error().message);
            return dragoman::render::exit_code(response.error().code);
        }
        got = render(*response);
    }
    if (!got) return print_error(got.error());
    if (json) std::cout << got->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    else std::cout << table(*got);
    return got->value(list, nlohmann::json::array()).empty() ? exit_nothing : exit_found;
}

/// --quote: every passage that says `quote` (`-`: standard input), oldest first, from a
/// daemon or a local index.
int print_quote(const std::vector<std::string>& dbs, const std::string& server, std::string quote, double similarity,
                bool json) {
    if (quote == "-") quote.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    const std::string path =
        "/api/quote?q=" + dragoman::render::percent_encode(quote) + "&similarity=" + std::to_string(similarity);
    return print_answer(
        dbs, server, path, [&](dragoman::Searcher& s) { return s.quote(dragoman::QuoteRequest{quote, similarity}); },
        [](const dragoman::QuoteResponse& r) { return dragoman::render::quote_json(r); }, dragoman::render::quote_table,
        "matches", json);
}

/// --talking-points: the sentences said by the most persons in `search`'s period, sources
/// and language, from a daemon or a local index.
int print_talking_points(const std::vector<std::string>& dbs, const std::string& server,
                         const dragoman::SearchRequest& search, std::size_t limit, std::size_t min_speakers, bool json) {
    using dragoman::render::percent_encode;
    const std::vector<std::pair<std::string, std::string>> given = {
        {"from", search.date_from}, {"to", search.date_to}, {"source", search.source}, {"lang", search.lang},
        {"limit", std::to_string(limit)}, {"min_speakers", std::to_string(min_speakers)}};
    std::string path = "/api/talking-points?";
    for (const auto& [name, value] : given) path += (path.back() == '?' ? "" : "&") + name + "=" + percent_encode(value);
    auto request = dragoman::talking_points_params_from([&](const std::string& name) -> std::optional<std::string> {
        for (const auto& [n, value] : given)
            if (n == name) return value;
        return std::nullopt;
    });
    if (!request) return print_error(request.error().message);
    return print_answer(
        dbs, server, path, [&](dragoman::Searcher& s) { return s.talking_points(*request); },
        [](const dragoman::TalkingPointsResponse& r) { return dragoman::render::talking_points_json(r); },
        dragoman::render::talking_points_table, "points", json);
}

bool colour_on(const std::string& colour, bool tty) {
    return colour == "always" || (colour == "auto" && tty && std::getenv("NO_COLOR") == nullptr);
}

/// --concordance: the lines of `search` as aligned columns, JSON or CSV on stdout.
int print_concordance(const CLI::App& app, const std::vector<std::string>& dbs, const std::string& server,
                      const dragoman::SearchRequest& search, const std::string& sort, const std::string& group,
                      std::size_t context, bool json, const std::string& format, const std::string& colour) {
    if (!format.empty() && format != "csv") return print_error("with --concordance, --format is csv");
    if (context > dragoman::max_concordance_context)
        return print_error("--context is at most " + std::to_string(dragoman::max_concordance_context));
    dragoman::ConcordanceRequest r;
    r.search = search;
    r.context = context;
    r.limit = app.count("--limit") > 0 ? search.limit : dragoman::max_concordance_lines;
    if (r.limit > dragoman::max_concordance_lines)
        return print_error("--limit is at most " + std::to_string(dragoman::max_concordance_lines) + " lines");
    r.sort = sort == "left" ? dragoman::ConcordanceSort::Left
             : sort == "right" ? dragoman::ConcordanceSort::Right
             : sort == "keyword" ? dragoman::ConcordanceSort::Keyword : dragoman::ConcordanceSort::Walk;
    r.group = group == "year" ? dragoman::ConcordanceGroup::Year
              : group == "speaker" ? dragoman::ConcordanceGroup::Speaker : dragoman::ConcordanceGroup::None;
    if (format == "csv")
        return server.empty() ? concordance_csv_locally(dbs, r)
                              : stream_from_server(server, "/api/concordance?" + concordance_query_string(r, true),
                                                   "concordance");
    auto got = concordance(dbs, server, r);
    if (!got) return print_error(got.error());
    if (json) {
        std::cout << got->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        const bool tty = isatty(STDOUT_FILENO) != 0;
        const bool use_colour = colour_on(colour, tty);
        std::cout << dragoman::render::terminal_concordance(*got, use_colour, tty);
    }
    return got->value("lines", nlohmann::json::array()).empty() ? exit_nothing : exit_found;
}

int run(int argc, char** argv) {
    std::vector<std::string> dbs;
    std::string server;
    std::vector<std::string> words;
    bool json = false;
    std::string sort = "relevance";
    std::string colour = "auto";
    bool cite = false;
    std::string base_url;
    dragoman::SearchRequest request;
    bool key_words = false;
    bool feed = false;
    std::string versus;
    std::size_t words_per_side = 30;
    bool concordance_lines = false;
    std::string group = "none";
    std::size_t context = dragoman::default_concordance_context;

    CLI::App app{"dragoman-search: search Dragoman transcripts from the command line"};
    auto* db_opt = app.add_option("--db", dbs, "index root (DBROOT) or remote shard tcp://HOST:PORT; repeatable")
                       ->allow_extra_args(false);
    app.add_option("--server", server, "URL of a running dragoman-searchd, e.g. http://127.0.0.1:8080")
        ->excludes(db_opt);
    app.add_flag("--json", json, "print the JSON result object (as GET /api/search)");
    app.add_flag("--cite", cite,
                 "print a citation of each result's best passage: plain text, or with --json a CSL-JSON array");
    std::string format;
    app.add_option("--format", format,
                   "write every matching passage (up to 10,000), not a page of results, as csv, jsonl, ris or bibtex; "
                   "with --concordance, csv: its lines")
        ->check(CLI::IsMember({"csv", "jsonl", "ris", "bibtex"}))
        ->excludes("--json")
        ->excludes("--cite");
    app.add_option("--base-url", base_url,
                   "with --db and --cite, --format or --feed: URL of the dragoman-searchd serving this index, for permalinks");
    app.add_option("--limit", request.limit, "results per page (default 10, at most 100)");
    app.add_option("--offset", request.offset, "results to skip");
    app.add_option("--sort", sort,
                   "relevance, date (newest first) or date-asc; with --concordance also left, right or keyword")
        ->check(CLI::IsMember({"relevance", "date", "date-asc", "left", "right", "keyword"}));
    app.add_option("--lang", request.lang, "only passages in this language (ISO 639-1)");
    app.add_option("--speaker", request.speaker, "only passages by this speaker (any script)");
    app.add_option("--country", request.country, "only transcripts of this country (ISO 3166-1 alpha-3)");
    app.add_option("--source", request.source, "only transcripts from this source");
    app.add_option("--from", request.date_from, "only transcripts dated on or after YYYY[-MM[-DD]]");
    app.add_option("--to", request.date_to, "only transcripts dated on or before YYYY[-MM[-DD]]");
    app.add_flag("--across-languages", request.across,
                 "also search each word as its best translations into the other indexed languages (as across:yes)");
    std::string drop;
    app.add_option("--drop", drop, "with --across-languages: translations not to add, LANG:WORD[,LANG:WORD...] as the JSON's "
                                   "'added' names them (language and form)");
    app.add_flag("--feed", feed,
                 "print the Atom feed of the query's 50 newest matching passages (as the daemon's GET /feed)")
        ->excludes("--format")
        ->excludes("--cite");
    app.add_flag("--keyness", key_words,
                 "list the words the query's passages (with the filters) say more than --versus's, or than the rest")
        ->excludes("--format")
        ->excludes("--cite");
    app.add_option("--versus", versus, "with --keyness: the other slice, as a query (e.g. 'speaker:Zakharova 2017..2017')");
    app.add_option("--words", words_per_side, "with --keyness: words listed per side (default 30, at most 100)");
    auto* concordance_opt =
        app.add_flag("--concordance", concordance_lines,
                     "list every occurrence of the query's words with the words around it (with --json its JSON, with "
                     "--format csv its CSV)")
            ->excludes("--keyness")
            ->excludes("--cite");
    app.add_option("--context", context, "with --concordance: words shown on each side (default 8, at most 30)")
        ->needs(concordance_opt);
    app.add_option("--group", group, "with --concordance: group the lines by year or speaker")
        ->check(CLI::IsMember({"none", "year", "speaker"}))
        ->needs(concordance_opt);
    std::string quote;
    double similarity = dragoman::default_quote_similarity;
    auto* quote_opt = app.add_option("--quote", quote,
                                     "list every passage that says TEXT, exactly or nearly, oldest first, the first use "
                                     "marked ('-': read it from standard input)")
                          ->type_name("TEXT")
                          ->excludes("--format")
                          ->excludes("--cite")
                          ->excludes("--keyness")
                          ->excludes(concordance_opt);
    app.add_option("--similarity", similarity,
                   "with --quote: the least share of the quote's word pairs a passage holds (default 0.5)")
        ->needs(quote_opt);
    bool talking_points = false;
    std::size_t min_speakers = 3;
    auto* points_opt = app.add_flag("--talking-points", talking_points,
                                    "list the sentences said by the most distinct speakers (with --from, --to, --source, "
                                    "--lang), each with its first use")
                           ->excludes("--format")
                           ->excludes("--cite")
                           ->excludes("--keyness")
                           ->excludes(concordance_opt)
                           ->excludes(quote_opt);
    app.add_option("--min-speakers", min_speakers, "with --talking-points: the fewest distinct speakers (default 3)")
        ->needs(points_opt);
    std::string history_id, diff_id, versions;
    app.add_option("--history", history_id,
                   "list the versions of transcript ID the indexer has seen, with when each was first and last seen")
        ->type_name("ID");
    auto* diff_opt = app.add_option("--diff", diff_id,
                                    "show what changed between two versions of transcript ID, by sentence and word")
                         ->type_name("ID")
                         ->excludes("--history");
    app.add_option("--versions", versions, "with --diff: the versions compared, N..M (default: the last change)")
        ->needs(diff_opt);
    app.add_option("--color,--colour", colour, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    std::string config;
    app.add_option("--config", config, "read options from FILE, one 'name = value' per line (e.g. db = tcp://HOST:PORT)")
        ->type_name("FILE");
    app.add_option("query", words, "the query (see dragoman-query(7))");
    app.footer("Exit status: 0 results found (with --format: the export written, even empty), 1 no results, "
               "2 usage, syntax or index error.");
    const auto args = dragoman::expand_config(app, argc, argv);
    if (!args) return print_error(args.error());
    try {
        dragoman::parse_expanded(app, *args);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : exit_error;
    }
    if (dbs.empty() && server.empty()) return print_error("give --db DBROOT or --server URL (see --help)");
    for (const auto& db : dbs) {
        if (!dragoman::is_remote_location(db)) continue;
        if (const auto address = dragoman::parse_remote_location(db); !address) return print_error("--db: " + address.error().message);
    }
    if (!history_id.empty() || !diff_id.empty())
        return print_history(dbs, server, diff_id.empty() ? history_id : diff_id, !diff_id.empty(), versions, json);
    for (std::size_t i = 0; i < words.size(); ++i) request.query += (i ? " " : "") + words[i];
    if (auto dropped = dragoman::parse_drop(drop)) {
        request.drop = std::move(*dropped);
    } else {
        return print_error("--drop: " + dropped.error().message);
    }
    request.sort = sort == "date" ? dragoman::SortOrder::Date
                   : sort == "date-asc" ? dragoman::SortOrder::DateAscending : dragoman::SortOrder::Relevance;
    if (!quote.empty()) return print_quote(dbs, server, quote, similarity, json);
    if (talking_points)
        return print_talking_points(dbs, server, request, app.count("--limit") > 0 ? request.limit : 20, min_speakers, json);
    if (concordance_lines) return print_concordance(app, dbs, server, request, sort, group, context, json, format, colour);
    if (sort == "left" || sort == "right" || sort == "keyword") return print_error("--sort " + sort + " needs --concordance");
    if (request.limit > dragoman::max_limit) return print_error("--limit is at most " + std::to_string(dragoman::max_limit));

    if (feed) return print_feed(dbs, server, request, base_url);
    if (key_words) {
        if (words_per_side > dragoman::max_keyness_words)
            return print_error("--words is at most " + std::to_string(dragoman::max_keyness_words));
        auto got = keyness(dbs, server, request, versus, words_per_side);
        if (!got) return print_error(got.error());
        if (json) std::cout << got->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        else std::cout << dragoman::render::keyness_table(*got);
        return got->value("slice_words", nlohmann::json::array()).empty() ? exit_nothing : exit_found;
    }

    if (!format.empty()) {
        const auto chosen = dragoman::export_format_from(format);
        if (!chosen) return print_error(chosen.error().message);
        return server.empty() ? export_locally(dbs, request, *chosen, base_url)
                              : export_from_server(server, request, *chosen);
    }

    nlohmann::json out;
    Outcome citations = nlohmann::json::array();
    if (!server.empty()) {
        auto client = client_for(server);
        auto answer = fetch(client, server, "/api/search?" + dragoman::to_query_string(request));
        if (!answer) return print_error(answer.error());
        out = std::move(*answer);
        if (cite) citations = cite_from_server(client, server, out.value("results", nlohmann::json::array()));
    } else {
        dragoman::Searcher searcher(dragoman::IndexLocation{dbs});
        auto response = searcher.search(request);
        if (!response) {
            print_error(response.error().message);
            return dragoman::render::exit_code(response.error().code);
        }
        out = dragoman::render::search_json(*response);
        if (cite) citations = cite_locally(searcher, out["results"], base_url);
    }
    if (!citations) return print_error(citations.error());
    if (cite) {
        if (json) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& c : *citations) items.push_back(c["csl"]);
            std::cout << items.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        } else {
            for (std::size_t i = 0; i < citations->size(); ++i)
                std::cout << (i ? "\n" : "") << (*citations)[i].value("text", "");
        }
    } else if (json) {
        std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        const bool tty = isatty(STDOUT_FILENO) != 0;
        const bool use_colour = colour_on(colour, tty);
        std::cout << dragoman::render::terminal_results(out, use_colour, tty);
    }
    return out.value("results", nlohmann::json::array()).empty() ? exit_nothing : exit_found;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (...) {  // nothing the library reports as a value: still exit 2 with a message
        return print_error(dragoman::unexpected_error(std::current_exception()).message);
    }
}
