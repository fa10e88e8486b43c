// The query that matches every passage, built afresh for each use.
#pragma once

#include <string>

#include <xapian.h>

namespace dragoman {

/// A query matching every document: what Xapian::Query::MatchAll is, but a new object each
/// call. Never copy Xapian::Query::MatchAll itself where threads run: it is one object of
/// the library, and Xapian 1.4 counts references to a query without atomics, so copies made
/// and dropped at once on several threads corrupt its count and free it (the daemon crashed
/// in Enquire::set_query under load while generations were published, found by
/// tests/integration/test_soak.py under AddressSanitizer).
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

}  // namespace dragoman
