// Invariants in code: DRAGOMAN_ASSERT and DRAGOMAN_ASSERT_REL, checked in the sanitizer,
// fuzz, ThreadSanitizer and Debug builds (DRAGOMAN_ASSERTIONS), compiled out elsewhere.
#pragma once

// On wherever a sanitizer is compiled in (DRAGOMAN_SANITIZE, DRAGOMAN_FUZZ, DRAGOMAN_TSAN:
// GCC says so by __SANITIZE_*__, clang by __has_feature) and wherever NDEBUG is not set
// (CMake's Debug); off in Release and RelWithDebInfo. Read from the compiler rather than
// set by a definition of our own, so no build can check in some files and not in others,
// and turning checks on recompiles only the files that assert. -DDRAGOMAN_ASSERTIONS=0 or
// =1 overrides.
#ifndef DRAGOMAN_ASSERTIONS
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DRAGOMAN_ASSERTIONS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define DRAGOMAN_ASSERTIONS 1
#endif
#endif
#if !defined(DRAGOMAN_ASSERTIONS) && !defined(NDEBUG)
#define DRAGOMAN_ASSERTIONS 1
#endif
#ifndef DRAGOMAN_ASSERTIONS
#define DRAGOMAN_ASSERTIONS 0
#endif
#endif

#include <sstream>
#include <string>
#include <type_traits>

namespace dragoman {

/// A broken invariant: the condition as written, where it stands, and for
/// DRAGOMAN_ASSERT_REL the values of both sides ("" for DRAGOMAN_ASSERT).
struct AssertionFailure {
    const char* condition;
    const char* file;
    int line;
    std::string values;
};

/// Called when an assertion fails. The default writes
/// `file:line: error: assertion failed: condition (values)` to stderr and aborts; a test may
/// install one that throws, to see an assertion fire. A handler that returns lets the
/// program go on past the broken invariant.
using AssertHandler = void (*)(const AssertionFailure&);

/// Installs `handler` (nullptr: the default) and returns the one it replaces.
AssertHandler set_assert_handler(AssertHandler handler);

/// What the macros call on failure: hands `failure` to the installed handler.
void assertion_failed(const AssertionFailure& failure);

namespace assert_detail {

/// "a vs b", each side streamed when it can be, else "?".
template <typename A, typename B>
std::string sides(const A& a, const B& b) {
    std::ostringstream out;
    auto put = [&out](const auto& v) {
        if constexpr (requires { out << v; }) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, unsigned char> ||
                          std::is_same_v<std::decay_t<decltype(v)>, signed char>)
                out << static_cast<int>(v);
            else
                out << v;
        } else {
            out << '?';
        }
    };
    put(a);
    out << " vs ";
    put(b);
    return out.str();
}

}  // namespace assert_detail

}  // namespace dragoman

#if DRAGOMAN_ASSERTIONS
/// Checks `condition` where it must hold (Xapian's Assert, SQLite's assert).
#define DRAGOMAN_ASSERT(condition)                                                           \
    ((condition) ? static_cast<void>(0)                                                      \
                 : ::dragoman::assertion_failed(::dragoman::AssertionFailure{#condition, __FILE__, __LINE__, {}}))
/// Checks `a op b` and, when it fails, reports both values (Xapian's AssertRel).
#define DRAGOMAN_ASSERT_REL(a, op, b)                                                                   \
    do {                                                                                                \
        const auto& dragoman_assert_a_ = (a);                                                           \
        const auto& dragoman_assert_b_ = (b);                                                           \
        if (!(dragoman_assert_a_ op dragoman_assert_b_))                                                \
            ::dragoman::assertion_failed(::dragoman::AssertionFailure{                                  \
                #a " " #op " " #b, __FILE__, __LINE__,                                                  \
                ::dragoman::assert_detail::sides(dragoman_assert_a_, dragoman_assert_b_)});             \
    } while (false)
#else
// Not evaluated, but the names in them still count as used (no unused-variable warnings).
#define DRAGOMAN_ASSERT(condition) static_cast<void>(sizeof(!(condition)))
#define DRAGOMAN_ASSERT_REL(a, op, b) static_cast<void>(sizeof(!((a)op(b))))
#endif
