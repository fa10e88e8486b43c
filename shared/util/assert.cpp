// The assertion handler: by default a compiler-style line on stderr, then abort.
#include "util/assert.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace dragoman {

namespace {

void report_and_abort(const AssertionFailure& f) {
    // A broken invariant ends the program (the one place shared/ writes to stderr): going
    // on would index or answer from a state the code was not written for.
    if (f.values.empty())
        std::fprintf(stderr, "%s:%d: error: assertion failed: %s\n", f.file, f.line, f.condition);
    else
        std::fprintf(stderr, "%s:%d: error: assertion failed: %s (%s)\n", f.file, f.line, f.condition, f.values.c_str());
    std::abort();
}

std::atomic<AssertHandler> installed{&report_and_abort};

}  // namespace

AssertHandler set_assert_handler(AssertHandler handler) {
    return installed.exchange(handler ? handler : &report_and_abort);
}

void assertion_failed(const AssertionFailure& failure) { installed.load()(failure); }

}  // namespace dragoman
