// DRAGOMAN_ASSERT: checked in the sanitizer build, with a handler a test can swap in.
#include <doctest/doctest.h>

#include <string>

#include "util/assert.hpp"

#if defined(__SANITIZE_ADDRESS__) && !DRAGOMAN_ASSERTIONS
#error "the sanitizer build must check DRAGOMAN_ASSERT"
#endif

namespace {

struct Fired {
    std::string condition;
    std::string values;
};

void throw_fired(const dragoman::AssertionFailure& f) { throw Fired{f.condition, f.values}; }

/// Installs throw_fired for one test and puts the previous handler back.
struct ThrowingHandler {
    dragoman::AssertHandler previous = dragoman::set_assert_handler(&throw_fired);
    ~ThrowingHandler() { dragoman::set_assert_handler(previous); }
};

}  // namespace

#if DRAGOMAN_ASSERTIONS

TEST_CASE("a failing DRAGOMAN_ASSERT hands its condition to the handler") {
    ThrowingHandler handler;
    int evaluated = 0;
    auto holds = [&](bool v) {
        ++evaluated;
        return v;
    };
    CHECK_NOTHROW(DRAGOMAN_ASSERT(holds(true)));
    std::string condition;
    try {
        DRAGOMAN_ASSERT(holds(false));
    } catch (const Fired& f) {
        condition = f.condition;
    }
    CHECK(condition == "holds(false)");
    CHECK(evaluated == 2);
}

TEST_CASE("a failing DRAGOMAN_ASSERT_REL reports both sides, each evaluated once") {
    ThrowingHandler handler;
    int calls = 0;
    auto three = [&] {
        ++calls;
        return 3;
    };
    CHECK_NOTHROW(DRAGOMAN_ASSERT_REL(three(), >, 2));
    Fired fired;
    try {
        DRAGOMAN_ASSERT_REL(three(), <, 2);
    } catch (const Fired& f) {
        fired = f;
    }
    CHECK(fired.condition == "three() < 2");
    CHECK(fired.values == "3 vs 2");
    CHECK(calls == 2);
    const std::string name = "t:a";
    try {
        DRAGOMAN_ASSERT_REL(name, ==, std::string("t:b"));
    } catch (const Fired& f) {
        fired = f;
    }
    CHECK(fired.values == "t:a vs t:b");
}

#else

TEST_CASE("without DRAGOMAN_ASSERTIONS an assertion's condition is not evaluated") {
    ThrowingHandler handler;
    int evaluated = 0;
    auto holds = [&](bool v) {
        ++evaluated;
        return v;
    };
    DRAGOMAN_ASSERT(holds(false));
    DRAGOMAN_ASSERT_REL(holds(false), ==, true);
    CHECK(evaluated == 0);
}

#endif
