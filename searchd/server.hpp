// The HTTP server: routes, limits, security headers, access log, graceful shutdown.
#pragma once

#include <string>

#include "search/searcher.hpp"

namespace dragoman {

struct ServerOptions {
    IndexLocation location;
    std::string host = "127.0.0.1";
    int port = 8080;          ///< 0 = any free port (printed on start)
    unsigned threads = 0;     ///< worker pool size, 0 = 4 per core (at least 8)
    bool access_log = true;
    /// Base URL of the permalinks in citations ("https://search.example.org"); "" = the
    /// address listened on (or the request's Host when listening on every interface).
    std::string public_url;
};

/// Serves until SIGTERM or SIGINT, then finishes requests in flight and returns 0;
/// returns 2 when the address cannot be bound. Prints the listening URL on stdout.
int serve(const ServerOptions& options);

}  // namespace dragoman
