// Remote shards: `tcp://HOST:PORT` locations served by xapian-tcpsrv, how they are opened
// and how long a search waits for them.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "search/error.hpp"

namespace dragoman {

/// The longest a search waits for one answer from a remote shard, in milliseconds. A
/// little above the matcher's own time limit (5 s), so that a shard that is merely slow
/// answers with what its time-limited match found, while a shard that is stopped or cut
/// off fails the search after this long instead of hanging it.
inline constexpr unsigned remote_timeout_ms = 6000;

/// The longest a search waits to connect to a remote shard, in milliseconds.
inline constexpr unsigned remote_connect_timeout_ms = 2000;

/// The host and port of a remote shard.
struct RemoteAddress {
    std::string host;  ///< a name or address; IPv6 without its brackets
    unsigned port = 0;
};

/// Whether `location` names a remote shard (begins with `tcp://`).
bool is_remote_location(std::string_view location);

/// Parses `tcp://HOST:PORT` (`tcp://[::1]:PORT` for IPv6). BadParameter, naming the
/// location, when the host is empty or the port is not a number in 1..65535.
Result<RemoteAddress> parse_remote_location(std::string_view location);

/// Connects to the remote shard at `location` with the timeouts above. Throws
/// Xapian::NetworkError whose message begins with the location, so an error names the
/// shard that failed; Xapian::InvalidArgumentError for a malformed location.
Xapian::Database open_remote_shard(const std::string& location);

}  // namespace dragoman
