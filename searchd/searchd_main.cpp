// dragoman-searchd: option parsing and wiring of the HTTP server.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "config_file.hpp"
#include "search/error.hpp"
#include "search/remote_shard.hpp"
#include "server.hpp"

namespace {

int run(int argc, char** argv) {
    dragoman::ServerOptions o;
    std::string listen = "127.0.0.1:8080";
    bool quiet = false;
    CLI::App app{"dragoman-searchd: serve a Dragoman index over HTTP (JSON API and web page)"};
    app.add_option("--db", o.location.roots, "index root (DBROOT) or remote shard tcp://HOST:PORT; repeatable")
        ->required()
        ->allow_extra_args(false);
    app.add_option("--listen", listen, "address to listen on, HOST:PORT (port 0 = any free port)");
    app.add_option("--threads", o.threads, "worker threads (default: four per core, at least 8)")->check(CLI::Range(1U, 256U));
    app.add_flag("--no-access-log", quiet, "do not log each request to stderr");
    app.add_option("--public-url", o.public_url, "base URL of permalinks in citations (default: the --listen address)")
        ->check([](const std::string& url) -> std::string {
            if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return "must start with http:// or https://";
            for (unsigned char c : url)
                if (c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return "must not contain spaces, quotes or controls";
            return {};
        });
    unsigned reconnect = 30;
    app.add_option("--remote-reconnect", reconnect,
                   "reconnect to remote shards after SECONDS, to see generations published on them (default 30)")
        ->type_name("SECONDS")
        ->check(CLI::Range(1U, 86400U));
    std::string config;
    app.add_option("--config", config, "read options from FILE, one 'name = value' per line (e.g. db = tcp://HOST:PORT)")
        ->type_name("FILE");
    app.footer("Exit status: 0 after SIGTERM/SIGINT, 2 usage error or address in use.");
    const auto args = dragoman::expand_config(app, argc, argv);
    if (!args) {
        std::fprintf(stderr, "dragoman-searchd: %s\n", args.error().c_str());
        return 2;
    }
    try {
        dragoman::parse_expanded(app, *args);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    for (const auto& db : o.location.roots) {
        if (!dragoman::is_remote_location(db)) continue;
        if (const auto address = dragoman::parse_remote_location(db); !address) {
            std::fprintf(stderr, "dragoman-searchd: --db: %s\n", address.error().message.c_str());
            return 2;
        }
    }
    o.access_log = !quiet;
    o.location.remote_reconnect = std::chrono::seconds(reconnect);
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        std::fprintf(stderr, "dragoman-searchd: --listen needs HOST:PORT\n");
        return 2;
    }
    o.host = listen.substr(0, colon);
    if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']') o.host = o.host.substr(1, o.host.size() - 2);
    try {
        o.port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
        std::fprintf(stderr, "dragoman-searchd: --listen: bad port\n");
        return 2;
    }
    if (o.port < 0 || o.port > 65535) {
        std::fprintf(stderr, "dragoman-searchd: --listen: port out of range\n");
        return 2;
    }
    return dragoman::serve(o);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (...) {  // a start-up failure that threw: still exit 2 with a message
        std::fprintf(stderr, "dragoman-searchd: %s\n",
                     dragoman::unexpected_error(std::current_exception()).message.c_str());
        return 2;
    }
}
