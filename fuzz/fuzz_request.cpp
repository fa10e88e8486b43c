// Fuzz target: the daemon's request handling short of the socket. The input is a URL query
// string, parsed by httplib as the server parses it; the parameters become a SearchRequest
// (which must survive the CLI's to_query_string round trip), the search runs against a small
// index built at start-up from the bundled sample corpus, and the response is rendered as
// the server sends it. `doc=<id>` runs the transcript view of /api/doc/<id> instead.
// Routing and httplib's own parsing of the request line stay inside searchd/server.cpp,
// which needs a socket; they are covered by the daemon's integration tests.
#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "index/index_builder.hpp"
#include "index/index_root.hpp"
#include "ingest/jsonl_reader.hpp"
#include "render/result_json.hpp"
#include "request_params.hpp"
#include "search/searcher.hpp"

namespace {

using namespace dragoman;

/// Indexes corpus/sample/statements.jsonl into a fresh DBROOT under the scratch directory.
std::string build_index() {
    const std::string root = fuzz::scratch_dir() + "/dbroot";
    IndexRoot index_root(root);
    const auto generation = index_root.create_generation();
    {
        IndexOptions options;
        options.threads = 1;
        IndexBuilder builder(generation, options, [](const Diagnostic&) {});
        JsonlReader{}.read(std::string(DRAGOMAN_SOURCE_DIR) + "/corpus/sample/statements.jsonl",
                           [&](Transcript&& t, const RecordOrigin& o) { builder.add(std::move(t), o); },
                           [](const Diagnostic&) {});
        const auto stats = builder.finish();
        fuzz::require(stats.indexed > 0, "the sample corpus indexed nothing");
    }
    index_root.publish(generation);
    return root;
}

Searcher& searcher() {
    static Searcher s(IndexLocation{{build_index()}});
    return s;
}

ParamLookup lookup_in(const httplib::Params& params) {
    // As httplib's Request::get_param_value: the first value of a repeated name.
    return [&params](const std::string& name) -> std::optional<std::string> {
        const auto it = params.find(name);
        if (it == params.end()) return std::nullopt;
        return it->second;
    };
}

void check_json(const nlohmann::json& body) {
    const std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    fuzz::require(nlohmann::json::accept(text), "the server would send JSON that does not parse");
}

bool same(const SearchRequest& a, const SearchRequest& b) {
    return a.query == b.query && a.limit == b.limit && a.offset == b.offset && a.sort == b.sort &&
           a.lang == b.lang && a.speaker == b.speaker && a.country == b.country && a.source == b.source &&
           a.date_from == b.date_from && a.date_to == b.date_to && a.facets == b.facets && a.snippets == b.snippets;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)searcher();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    if (size > 8192) return 0;  // httplib refuses longer request lines (414)
    httplib::Params params;
    httplib::detail::parse_query_text(std::string(fuzz::as_text(data, size)), params);

    if (const auto doc = params.find("doc"); doc != params.end()) {
        // The /api/doc route's own limits, then the searcher.
        const auto q = params.find("q");
        const std::string query = q == params.end() ? "" : q->second;
        if (doc->second.empty() || doc->second.size() > 240 || query.size() > max_query_bytes) return 0;
        auto view = searcher().transcript(doc->second, query);
        check_json(view ? render::transcript_json(*view) : render::error_json(view.error()));
        return 0;
    }

    auto request = search_request_from(lookup_in(params));
    if (!request) {
        fuzz::require(request.error().code == ErrorCode::BadParameter, "a parameter error with another code");
        check_json(render::error_json(request.error()));
        return 0;
    }
    // dragoman-search --server sends to_query_string(request): it must mean the same request.
    httplib::Params again;
    httplib::detail::parse_query_text(to_query_string(*request), again);
    const auto round_trip = search_request_from(lookup_in(again));
    fuzz::require(round_trip.has_value() && same(*request, *round_trip), "to_query_string does not round-trip");

    auto response = searcher().search(*request);
    if (!response) {
        fuzz::require(response.error().code != ErrorCode::Internal, "a search failed with an internal error");
        check_json(render::error_json(response.error()));
        return 0;
    }
    check_json(render::search_json(*response));
    return 0;
}
