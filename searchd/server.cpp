// The only file that speaks HTTP: cpp-httplib routes onto libdragoman's Searcher.
#include "server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "metrics.hpp"
#include "render/atom.hpp"
#include "render/citation.hpp"
#include "render/concordance_json.hpp"
#include "render/history_json.hpp"
#include "render/escape.hpp"
#include "render/export.hpp"
#include "render/keyness_json.hpp"
#include "render/provenance_json.hpp"
#include "render/result_json.hpp"
#include "render/trend_json.hpp"
#include "request_deadline.hpp"
#include "request_params.hpp"
#include "schema/transcript.hpp"
#include "trend_params.hpp"
#include "util/utc_time.hpp"
#include "util/worker_pool.hpp"
#include "web_assets.hpp"

namespace dragoman {

namespace {

constexpr std::size_t max_request_body = 64 * 1024;
constexpr std::size_t queued_connections_per_worker = 64;
/// A client has this long to send a request's head; a worker reading one gets at least
/// the grace period (see RequestDeadlines).
constexpr auto request_head_limit = std::chrono::seconds(5);
constexpr auto request_head_grace = std::chrono::seconds(1);
/// A request's head may hold this many header fields and bytes (request line included),
/// as Apache's LimitRequestFields and nginx's 4 x 8 KB header buffers allow; a larger one
/// is answered 431. httplib bounds only each line (8 KB), so without these a head of
/// 200,000 small headers (2.6 MB) was read whole and answered 200.
constexpr std::size_t max_head_fields = 100;
constexpr std::size_t max_head_bytes = 32 * 1024;
/// A head still growing past twice the bound is cut off on the socket (RequestDeadlines)
/// rather than read into memory until the time limit; below it, the client gets the 431.
constexpr std::uint64_t max_head_bytes_on_socket = 2 * max_head_bytes;
constexpr const char* json_type = "application/json; charset=utf-8";

/// httplib's task queue on the worker pool: a fixed set of workers and a bounded queue of
/// accepted connections. httplib's own pool queues without limit; here, when the queue is
/// full, the accepting thread waits for room, so a flood backs up into the kernel's listen
/// queue instead of into memory. shutdown() lets the workers finish every queued
/// connection before joining them.
class ConnectionQueue final : public httplib::TaskQueue {
public:
    ConnectionQueue(std::size_t workers, std::size_t max_queued, RequestDeadlines& deadlines)
        : m_pool(static_cast<unsigned>(workers), max_queued), m_deadlines(deadlines) {}

    void enqueue(std::function<void()> fn) override {
        // Called right after accept(), so the connection's clock starts before it queues.
        RequestDeadlines::Entry* entry = m_deadlines.accepted();
        m_pool.submit([this, entry, job = std::move(fn)] {
            m_deadlines.picked(entry);
            try {
                job();  // httplib answers a handler's exception itself; this is for the rest
            } catch (const std::exception& e) {
                std::fprintf(stderr, "dragoman-searchd: connection failed: %s\n", e.what());
            } catch (...) {
                std::fprintf(stderr, "dragoman-searchd: connection failed\n");
            }
            m_deadlines.finished(entry);  // a connection never stops the pool
        });
    }

    /// Accepted connections waiting for a worker.
    std::size_t waiting() const { return m_pool.waiting(); }

    void shutdown() override { m_pool.finish(); }

private:
    WorkerPool m_pool;
    RequestDeadlines& m_deadlines;
};

/// Errors that httplib decides before a route runs (malformed request, size limits,
/// unknown method) keep the JSON error shape, with codes named after the HTTP status.
std::pair<const char*, const char*> protocol_error(int status) {
    switch (status) {
        case 400: return {"bad_request", "the request is malformed or its headers are too large"};
        case 404: return {"not_found", "no such page"};
        case 405: return {"method_not_allowed", "only GET and HEAD are served"};
        case 408: return {"timeout", "the request was not sent in time"};
        case 411: return {"length_required", "a request body needs a Content-Length"};
        case 413: return {"payload_too_large", "the request body is too large"};
        case 414: return {"uri_too_long", "the request URI is too long"};
        case 416: return {"range_not_satisfiable", "the requested range is not available"};
        case 431: return {"header_fields_too_large", "the request has too many or too large header fields"};
        default: return {"bad_request", "the request was rejected"};
    }
}

/// Each worker thread owns its Searcher (Xapian handles are per thread).
Searcher& thread_searcher(const IndexLocation& location) {
    thread_local std::unique_ptr<Searcher> searcher;
    if (!searcher) searcher = std::make_unique<Searcher>(location);
    return *searcher;
}

thread_local std::chrono::steady_clock::time_point request_started;
thread_local std::string request_route;
thread_local std::size_t request_hits = 0;

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), json_type);
}

void send_error(httplib::Response& res, const Error& e) { send_json(res, render::http_status(e.code), render::error_json(e)); }

std::string route_of(const std::string& path) {
    if (path == "/") return "/";
    if (path.rfind("/api/doc/", 0) == 0) return "/api/doc";
    if (path.rfind("/api/history/", 0) == 0) return "/api/history";
    if (path.rfind("/api/diff/", 0) == 0) return "/api/diff";
    if (path.rfind("/p/", 0) == 0) return "/p";
    if (path.rfind("/api/passage/", 0) == 0) return "/api/passage";
    if (path.rfind("/api/cite/", 0) == 0) return "/api/cite";
    if (path == "/api/search" || path == "/api/trend" || path == "/api/keyness" || path == "/api/concordance" ||
        path == "/api/quote" || path == "/api/talking-points" ||
        path == "/api/export" || path == "/feed" || path == "/healthz" || path == "/metrics" || path == "/api/openapi.json")
        return path;
    if (path.rfind("/static/", 0) == 0) return "/static";
    return "other";
}

/// Whether the head of `req` (request line and header fields) is within the bounds above.
bool head_within_limits(const httplib::Request& req) {
    if (req.headers.size() > max_head_fields) return false;
    std::size_t bytes = req.method.size() + req.target.size() + req.version.size() + 4;
    for (const auto& [name, value] : req.headers) bytes += name.size() + value.size() + 4;  // ": " and CRLF
    return bytes <= max_head_bytes;
}

std::string cut(const std::string& s, std::size_t n) { return s.size() > n ? s.substr(0, n) : s; }

/// Searches are CPU-bound, but a worker also waits on slow clients and idle keep-alive
/// connections: four per core, at least eight.
unsigned default_threads() { return std::max(8U, 4 * std::thread::hardware_concurrency()); }

/// What the routes share: the options, the metrics, the address listened on and the
/// connections' deadlines (whose count of connections cut off /metrics reports).
struct Context {
    const ServerOptions& options;
    Metrics& metrics;
    std::string listen_url;  ///< set once the port is bound, before any request
    const RequestDeadlines& deadlines;
};

/// Limits, timeouts and the headers of every answer.
void set_limits(httplib::Server& svr) {
    // httplib's default also sets SO_REUSEPORT, which lets a second daemon bind the same
    // port and silently take half the connections; only SO_REUSEADDR is wanted. httplib
    // writes a response's headers and body separately: without TCP_NODELAY (inherited by
    // accepted sockets) the body waits for the client's delayed ACK, 40 ms on Linux.
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    });
    svr.set_payload_max_length(max_request_body);
    svr.set_read_timeout(5, 0);
    svr.set_write_timeout(5, 0);
    // An idle keep-alive connection holds a worker: let it go soon, but serve many
    // requests on a busy one (no reconnect per five requests, httplib's default).
    svr.set_keep_alive_timeout(2);
    svr.set_keep_alive_max_count(1000);
    svr.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
    });
}

/// What runs around every route: the head's limits, fair turns on keep-alive
/// connections, metrics and the access log, and errors in the JSON shape.
void set_hooks(httplib::Server& svr, RequestDeadlines& deadlines, const std::atomic<ConnectionQueue*>& pool,
               Context& ctx) {
    svr.set_pre_routing_handler([&deadlines](const httplib::Request& req, httplib::Response& res) {
        deadlines.head_received(req.method != "GET" && req.method != "HEAD");
        request_started = std::chrono::steady_clock::now();
        request_route = route_of(req.path);
        request_hits = 0;
        if (!head_within_limits(req)) {
            res.status = 431;  // the error handler writes the JSON
            res.set_header("Connection", "close");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // A keep-alive connection holds its worker between requests. While other connections
    // wait for a worker, each answer closes its connection, so that the workers take turns
    // instead of the first connections keeping them.
    svr.set_post_routing_handler([&pool](const httplib::Request&, httplib::Response& res) {
        const ConnectionQueue* p = pool.load();
        if (p && p->waiting() > 0) res.set_header("Connection", "close");
    });
    svr.set_logger([&deadlines, &ctx](const httplib::Request& req, const httplib::Response& res) {
        deadlines.answered();  // the answer is written: the next head on this connection is due
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - request_started).count();
        ctx.metrics.observe(request_route, res.status, secs);
        if (ctx.options.access_log) {
            const std::string q = render::sanitize(cut(req.get_param_value("q"), 200));
            std::fprintf(stderr, "%s %s %d %.1fms hits=%zu q=\"%s\"\n", req.method.c_str(),
                         render::sanitize(cut(req.path, 200)).c_str(), res.status, secs * 1000, request_hits, q.c_str());
        }
    });
    svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        const auto [code, message] = protocol_error(res.status);
        const int status = res.status;
        send_json(res, status, {{"error", {{"code", code}, {"message", message}}}});
    });
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unexpected error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        send_error(res, Error{ErrorCode::Internal, what});
    });
}

// ---------------------------------------------------------------- routes, one idea each

/// A request parameter, absent or given.
ParamLookup params_of(const httplib::Request& req) {
    return [&req](const std::string& name) -> std::optional<std::string> {
        if (!req.has_param(name.c_str())) return std::nullopt;
        return req.get_param_value(name.c_str());
    };
}

void serve_asset(const std::string& name, httplib::Response& res) {
    const auto data = web::asset(name);
    if (!data) return send_error(res, Error{ErrorCode::NotFound, "no such file"});
    res.set_content(std::string(*data), std::string(web::content_type(name)).c_str());
    res.set_header("Cache-Control", "no-cache");
}

void get_health(const Context& ctx, httplib::Response& res) {
    auto stats = thread_searcher(ctx.options.location).stats();
    if (!stats) return send_error(res, stats.error());
    send_json(res, 200, {{"status", "ok"}, {"passages", stats->passages}, {"generation", stats->generation}});
}

void get_metrics(const Context& ctx, httplib::Response& res) {
    std::string extra;
    if (auto stats = thread_searcher(ctx.options.location).stats()) {
        extra += "# HELP dragoman_index_passages Passages (documents) in the live index.\n# TYPE dragoman_index_passages gauge\n";
        extra += "dragoman_index_passages " + std::to_string(stats->passages) + "\n";
        extra += "# HELP dragoman_index_transcripts Transcripts in the live index.\n# TYPE dragoman_index_transcripts gauge\n";
        extra += "dragoman_index_transcripts " + std::to_string(stats->transcripts) + "\n";
        extra += "# HELP dragoman_index_generation_info The live index generation.\n# TYPE dragoman_index_generation_info gauge\n";
        std::string gen = render::sanitize(stats->generation);
        for (char& c : gen)
            if (c == '"' || c == '\\' || c == '\n') c = '_';
        extra += "dragoman_index_generation_info{generation=\"" + gen + "\"} 1\n";
    }
    extra += "# HELP dragoman_connections_cut_off_total Connections closed for sending a request head too slowly or too "
             "large.\n# TYPE dragoman_connections_cut_off_total counter\n";
    extra += "dragoman_connections_cut_off_total " + std::to_string(ctx.deadlines.closed()) + "\n";
    res.set_content(ctx.metrics.render(extra), "text/plain; version=0.0.4; charset=utf-8");
}

void get_search(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto request = search_request_from(params_of(req));
    if (!request) return send_error(res, request.error());
    auto response = thread_searcher(ctx.options.location).search(*request);
    if (!response) return send_error(res, response.error());
    request_hits = response->total;
    send_json(res, 200, render::search_json(*response));
}

void get_trend(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto params = trend_params_from(params_of(req));
    if (!params) return send_error(res, params.error());
    auto trend = thread_searcher(ctx.options.location).trend(params->request);
    if (!trend) return send_error(res, trend.error());
    request_hits = trend->matches;
    if (!params->csv) return send_json(res, 200, render::trend_json(*trend));
    res.set_header("Content-Disposition", "attachment; filename=\"dragoman-trend.csv\"");
    res.set_content(render::trend_csv(*trend), "text/csv; charset=utf-8; header=present");
}

void get_keyness(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto params = keyness_params_from(params_of(req));
    if (!params) return send_error(res, params.error());
    auto keyness = thread_searcher(ctx.options.location).keyness(params->request);
    if (!keyness) return send_error(res, keyness.error());
    request_hits = keyness->slice.passages;
    if (!params->csv) return send_json(res, 200, render::keyness_json(*keyness));
    res.set_header("Content-Disposition", "attachment; filename=\"dragoman-keyness.csv\"");
    res.set_content(render::keyness_csv(*keyness), "text/csv; charset=utf-8; header=present");
}

void get_concordance(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto params = concordance_params_from(params_of(req));
    if (!params) return send_error(res, params.error());
    auto concordance = thread_searcher(ctx.options.location).concordance(params->request);
    if (!concordance) return send_error(res, concordance.error());
    request_hits = concordance->lines.size();
    if (!params->csv) return send_json(res, 200, render::concordance_json(*concordance));
    res.set_header("Content-Disposition", "attachment; filename=\"dragoman-concordance.csv\"");
    res.set_content(render::concordance_csv(*concordance), "text/csv; charset=utf-8; header=present");
}

/// A quote's provenance. The quote travels in the request line, which httplib bounds to 8 KB
/// (CPPHTTPLIB_REQUEST_URI_MAX_LENGTH, answered 414 beyond): about 7,900 bytes of Latin text
/// once percent-encoded, 2,600 of Cyrillic or Chinese; a passage holds at most 8 KB.
void get_quote(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto params = quote_params_from(params_of(req));
    if (!params) return send_error(res, params.error());
    auto quote = thread_searcher(ctx.options.location).quote(*params);
    if (!quote) return send_error(res, quote.error());
    request_hits = quote->matches.size();
    send_json(res, 200, render::quote_json(*quote));
}

void get_talking_points(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto params = talking_points_params_from(params_of(req));
    if (!params) return send_error(res, params.error());
    auto points = thread_searcher(ctx.options.location).talking_points(*params);
    if (!points) return send_error(res, points.error());
    request_hits = points->points.size();
    send_json(res, 200, render::talking_points_json(*points));
}

void get_doc(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (id.size() > max_id_bytes)
        return send_error(res, Error{ErrorCode::BadParameter, "id longer than " + std::to_string(max_id_bytes) + " bytes"});
    const std::string q = req.get_param_value("q");
    if (q.size() > max_query_bytes) return send_error(res, Error{ErrorCode::BadParameter, "'q' is too long"});
    auto view = thread_searcher(ctx.options.location).transcript(id, q);
    if (!view) return send_error(res, view.error());
    request_hits = view->hits;
    send_json(res, 200, render::transcript_json(*view));
}

// A transcript's history, read from the DBROOT's store (read-only: the indexer writes it).

void get_history(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (id.size() > max_id_bytes)
        return send_error(res, Error{ErrorCode::BadParameter, "id longer than " + std::to_string(max_id_bytes) + " bytes"});
    const auto root = history_root(ctx.options.location.roots);
    if (!root) return send_error(res, root.error());
    const auto history = read_history(*root, id);
    if (!history) return send_error(res, history.error());
    request_hits = history->versions.size();
    send_json(res, 200, render::history_json(*history));
}

void get_diff(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (id.size() > max_id_bytes)
        return send_error(res, Error{ErrorCode::BadParameter, "id longer than " + std::to_string(max_id_bytes) + " bytes"});
    const auto from = version_param("from", req.get_param_value("from"));
    if (!from) return send_error(res, from.error());
    const auto to = version_param("to", req.get_param_value("to"));
    if (!to) return send_error(res, to.error());
    const auto root = history_root(ctx.options.location.roots);
    if (!root) return send_error(res, root.error());
    const auto diff = read_version_diff(*root, id, *from, *to);
    if (!diff) return send_error(res, diff.error());
    request_hits = diff->diff.units.size();
    send_json(res, 200, render::diff_json(*diff));
}

// Permalinks and citations. Passage ids are user input: bounded and checked by
// Searcher::passage, echoed only sanitized (JSON) or percent-encoded (Location).

/// The base of permalinks: --public-url, else the address listened on, else (listening
/// on every interface) the Host asked for, if it is one.
render::CiteContext cite_context(const Context& ctx, const httplib::Request& req) {
    render::CiteContext c{ctx.options.public_url, utc_today()};
    if (c.base_url.empty()) c.base_url = ctx.listen_url;
    if (c.base_url.empty()) {
        const std::string host = req.get_header_value("Host");
        const bool plain = !host.empty() && host.size() <= 255 &&
                           host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                               std::string::npos;
        if (plain) c.base_url = "http://" + host;
    }
    return c;
}

void get_permalink(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto passage = thread_searcher(ctx.options.location).passage(req.matches[1]);
    if (!passage) return send_error(res, passage.error());
    request_hits = 1;
    res.status = 302;
    res.set_header("Location", "/?doc=" + render::percent_encode(passage->transcript_id) + "#passage-" +
                                   std::to_string(passage->number));
}

void get_passage(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto passage = thread_searcher(ctx.options.location).passage(req.matches[1]);
    if (!passage) return send_error(res, passage.error());
    request_hits = 1;
    send_json(res, 200, render::cited_passage_json(*passage, cite_context(ctx, req)));
}

void get_citation(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "text";
    if (format != "text" && format != "csl")
        return send_error(res, Error{ErrorCode::BadParameter, "'format' must be text or csl"});
    auto passage = thread_searcher(ctx.options.location).passage(req.matches[1]);
    if (!passage) return send_error(res, passage.error());
    request_hits = 1;
    const auto context = cite_context(ctx, req);
    if (format == "text") return res.set_content(render::citation_text(*passage, context), "text/plain; charset=utf-8");
    const auto items = nlohmann::json::array({render::citation_csl(*passage, context)});
    res.set_content(items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/vnd.citationstyles.csl+json; charset=utf-8");
}

/// The newest passages of a search (at most render::feed_entries) as an Atom feed.
void get_feed(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    auto request = search_request_from(params_of(req));
    if (!request) return send_error(res, request.error());
    auto passages = thread_searcher(ctx.options.location).newest_passages(*request, render::feed_entries);
    if (!passages) return send_error(res, passages.error());
    request_hits = passages->size();
    const render::FeedContext feed{cite_context(ctx, req).base_url, search_query_string(*request), utc_now()};
    res.set_content(render::atom_feed(*request, *passages, feed), "application/atom+xml; charset=utf-8");
}

/// Bytes of an export gathered before they are written as one chunk.
constexpr std::size_t export_chunk_bytes = 64 * 1024;

/// Every passage of a search (up to max_walk_passages) in an export format, written as it
/// is read. An error found before the first byte is the JSON error; one after it (the
/// index gone mid-walk) is stated in the export's tail.
void get_export(const Context& ctx, const httplib::Request& req, httplib::Response& res) {
    const auto format = export_format_from(req.has_param("format") ? req.get_param_value("format") : "csv");
    if (!format) return send_error(res, format.error());
    auto request = search_request_from(params_of(req));
    if (!request) return send_error(res, request.error());
    if (auto ok = thread_searcher(ctx.options.location).check(*request); !ok) return send_error(res, ok.error());
    const std::string name = "dragoman-export." + std::string(render::export_extension(*format));
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_chunked_content_provider(
        std::string(render::export_content_type(*format)),
        [&ctx, format = *format, search = *request, cite = cite_context(ctx, req)](std::size_t, httplib::DataSink& sink) {
            std::string buffer;
            bool open = true;
            auto flush = [&] {
                open = open && (buffer.empty() || sink.write(buffer.data(), buffer.size()));
                buffer.clear();
                return open;
            };
            PassageWalkStart start;
            bool started = false;
            const render::ExportHead head{search, start, max_walk_passages, cite};
            PassageVisitor visitor{[&](const PassageWalkStart& s) {
                                       start = s;
                                       started = true;
                                       buffer += render::export_head(format, head);
                                       return flush();
                                   },
                                   [&](const WalkedPassage& p) {
                                       buffer += render::export_passage(format, p.passage, head);
                                       return buffer.size() < export_chunk_bytes || flush();
                                   }};
            PassageWalkRequest walk;
            walk.search = search;
            const auto end = thread_searcher(ctx.options.location).walk_passages(walk, visitor);
            if (end) {
                request_hits = end->passages;
                buffer += render::export_tail(format, *end, "");
            } else {
                if (!started) buffer += render::export_head(format, head);
                buffer += render::export_tail(format, PassageWalkEnd{}, end.error().message);
            }
            if (flush()) sink.done();
            return open;
        });
}

/// Only GET (and HEAD, which httplib answers from the GET routes) is served.
void not_allowed(const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD");
    const auto [code, message] = protocol_error(405);
    send_json(res, 405, {{"error", {{"code", code}, {"message", message}}}});
}

void set_routes(httplib::Server& svr, const Context& ctx) {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    svr.Get("/", [](Req, Res res) { serve_asset("index.html", res); });
    svr.Get(R"(/static/([A-Za-z0-9_-]+\.(js|css|svg)))", [](Req req, Res res) { serve_asset(req.matches[1], res); });
    svr.Get("/healthz", [&ctx](Req, Res res) { get_health(ctx, res); });
    svr.Get("/metrics", [&ctx](Req, Res res) { get_metrics(ctx, res); });
    svr.Get("/api/search", [&ctx](Req req, Res res) { get_search(ctx, req, res); });
    svr.Get("/api/trend", [&ctx](Req req, Res res) { get_trend(ctx, req, res); });
    svr.Get("/api/keyness", [&ctx](Req req, Res res) { get_keyness(ctx, req, res); });
    svr.Get("/api/concordance", [&ctx](Req req, Res res) { get_concordance(ctx, req, res); });
    svr.Get("/api/quote", [&ctx](Req req, Res res) { get_quote(ctx, req, res); });
    svr.Get("/api/talking-points", [&ctx](Req req, Res res) { get_talking_points(ctx, req, res); });
    svr.Get("/api/export", [&ctx](Req req, Res res) { get_export(ctx, req, res); });
    svr.Get("/feed", [&ctx](Req req, Res res) { get_feed(ctx, req, res); });
    svr.Get(R"(/api/doc/(.+))", [&ctx](Req req, Res res) { get_doc(ctx, req, res); });
    svr.Get(R"(/api/history/(.+))", [&ctx](Req req, Res res) { get_history(ctx, req, res); });
    svr.Get(R"(/api/diff/(.+))", [&ctx](Req req, Res res) { get_diff(ctx, req, res); });
    svr.Get(R"(/p/(.+))", [&ctx](Req req, Res res) { get_permalink(ctx, req, res); });
    svr.Get(R"(/api/passage/(.+))", [&ctx](Req req, Res res) { get_passage(ctx, req, res); });
    svr.Get(R"(/api/cite/(.+))", [&ctx](Req req, Res res) { get_citation(ctx, req, res); });
    svr.Get("/api/openapi.json", [](Req, Res res) { serve_asset("openapi.json", res); });
    svr.Post(".*", not_allowed);
    svr.Put(".*", not_allowed);
    svr.Patch(".*", not_allowed);
    svr.Delete(".*", not_allowed);
    svr.Options(".*", not_allowed);
}

/// Binds the listening socket: the port bound, or -1.
int bind_port(httplib::Server& svr, const ServerOptions& options) {
    if (options.port != 0) return svr.bind_to_port(options.host, options.port) ? options.port : -1;
    const int port = svr.bind_to_any_port(options.host);
    return port < 0 ? -1 : port;
}

/// The URL of the address listened on; "" for every interface (no one address to give).
std::string listen_url_of(const ServerOptions& options, int port) {
    if (options.host == "0.0.0.0" || options.host == "::") return {};
    const bool v6 = options.host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + options.host + "]" : options.host) + ":" + std::to_string(port);
}

/// Runs the accept loop until `signals` (blocked in every thread) arrive, then stops it.
void listen_until_signal(httplib::Server& svr, sigset_t signals) {
    std::atomic<bool> listen_returned{false};
    std::thread stopper([&svr, &listen_returned, signals]() mutable {
        int sig = 0;
        sigwait(&signals, &sig);
        // A signal that comes before the accept loop runs would find nothing to stop (httplib's
        // stop() acts only on a running server): wait for it to run, or to have returned.
        while (!svr.is_running() && !listen_returned) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        svr.stop();
    });
    svr.listen_after_bind();
    listen_returned = true;
    // If the server stopped for another reason, wake the stopper so it can be joined.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
}

}  // namespace

int serve(const ServerOptions& options) {
    // Block SIGTERM/SIGINT in every thread; one thread waits for them and stops the server.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    RequestDeadlines deadlines(request_head_limit, request_head_grace, max_head_bytes_on_socket);  // outlives the pool
    httplib::Server svr;
    Metrics metrics;
    Context ctx{options, metrics, {}, deadlines};
    const unsigned threads = options.threads ? options.threads : default_threads();
    // httplib owns the pool (it deletes it when listening ends, after the last request).
    std::atomic<ConnectionQueue*> pool{nullptr};
    svr.new_task_queue = [threads, &pool, &deadlines] {
        auto* p = new ConnectionQueue(threads, threads * queued_connections_per_worker, deadlines);
        pool = p;
        return p;
    };
    set_limits(svr);
    set_hooks(svr, deadlines, pool, ctx);
    set_routes(svr, ctx);

    const int port = bind_port(svr, options);
    if (port < 0) {
        std::fprintf(stderr, "dragoman-searchd: cannot listen on %s:%d\n", options.host.c_str(), options.port);
        return 2;
    }
    ctx.listen_url = listen_url_of(options, port);
    deadlines.listening_on(port);
    std::printf("dragoman-searchd: serving http://%s:%d/\n", options.host.c_str(), port);
    std::fflush(stdout);
    listen_until_signal(svr, signals);
    std::fprintf(stderr, "dragoman-searchd: stopped\n");
    return 0;
}

}  // namespace dragoman
