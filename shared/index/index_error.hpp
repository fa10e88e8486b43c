// The one way the index layer fails: an exception that stops the run.
#pragma once

#include <stdexcept>

namespace dragoman {

/// A failure of the index itself (Xapian, the disk, a worker, the manifest, the lock or
/// rejects file): the run cannot go on. Bad input records are never reported this way;
/// they are diagnostics.
struct IndexError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace dragoman
