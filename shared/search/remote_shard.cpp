// Remote shards: parsing `tcp://HOST:PORT` and opening it with bounded waits.
#include "search/remote_shard.hpp"

#include <charconv>

namespace dragoman {

namespace {
constexpr std::string_view remote_scheme = "tcp://";
}

bool is_remote_location(std::string_view location) { return location.substr(0, remote_scheme.size()) == remote_scheme; }

Result<RemoteAddress> parse_remote_location(std::string_view location) {
    const auto bad = [&](const std::string& why) {
        return fail(ErrorCode::BadParameter, "remote shard '" + std::string(location) + "': " + why + " (expected tcp://HOST:PORT)");
    };
    if (!is_remote_location(location)) return bad("not a tcp:// address");
    const std::string_view rest = location.substr(remote_scheme.size());
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) return bad("no port");
    std::string_view host = rest.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) return bad("no host");
    const std::string_view port_text = rest.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
        return bad("bad port '" + std::string(port_text) + "'");
    return RemoteAddress{std::string(host), port};
}

Xapian::Database open_remote_shard(const std::string& location) {
    const auto address = parse_remote_location(location);
    if (!address) throw Xapian::InvalidArgumentError(address.error().message);
    try {
        return Xapian::Remote::open(address->host, address->port, remote_timeout_ms, remote_connect_timeout_ms);
    } catch (const Xapian::NetworkTimeoutError& e) {
        throw Xapian::NetworkTimeoutError(location + ": " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        throw Xapian::NetworkError(location + ": " + e.get_msg());
    }
}

}  // namespace dragoman
