// What an exception says, whatever its type: the one place that knows Xapian's errors are no
// std::exception.
#pragma once

#include <exception>
#include <string>

namespace dragoman {

/// Xapian::Error's description, `what()` of a std::exception, "unknown exception" for
/// anything else (or a null pointer). Used by every last-resort handler: Searcher's public
/// calls (search/error's unexpected_error), the index builder's translation into IndexError,
/// the programs' `main` and dragoman-index's terminate handler, which Xapian 1.4 reaches when
/// a write in one of its destructors fails (a full disk during a commit).
std::string exception_text(std::exception_ptr e);

}  // namespace dragoman
