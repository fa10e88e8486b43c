// WorkerPool: order, the bound on waiting tasks, the first failure, shutdown.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "util/worker_pool.hpp"

using namespace dragoman;
using namespace std::chrono_literals;

namespace {

/// A gate tasks wait at until the test opens it.
struct Gate {
    std::promise<void> promise;
    std::shared_future<void> opened = promise.get_future().share();
    void open() { promise.set_value(); }
    void wait() const { opened.wait(); }
};

}  // namespace

TEST_CASE("one worker runs tasks in the order they were submitted") {
    std::vector<int> order;
    WorkerPool pool(1, 4);
    for (int i = 0; i < 100; ++i) pool.submit([&order, i] { order.push_back(i); });
    pool.finish();
    REQUIRE(order.size() == 100);
    for (int i = 0; i < 100; ++i) CHECK(order[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("finish runs every queued task on several workers before it returns") {
    std::atomic<int> done{0};
    WorkerPool pool(4, 2);
    for (int i = 0; i < 1000; ++i) pool.submit([&done] { ++done; });
    pool.finish();
    CHECK(done == 1000);
}

TEST_CASE("submit waits while the queue holds its bound of tasks") {
    Gate gate;
    std::atomic<int> started{0};
    WorkerPool pool(1, 2);
    pool.submit([&] { ++started; gate.wait(); });  // holds the one worker
    while (started == 0) std::this_thread::sleep_for(1ms);
    pool.submit([] {});
    pool.submit([] {});
    CHECK(pool.waiting() == 2);
    auto third = std::async(std::launch::async, [&] { pool.submit([] {}); });
    CHECK(third.wait_for(200ms) == std::future_status::timeout);  // the queue is full
    gate.open();
    CHECK(third.wait_for(5s) == std::future_status::ready);
    third.get();
    pool.finish();
    CHECK(pool.waiting() == 0);
}

TEST_CASE("the first task to throw wins: finish rethrows it and later tasks do not run") {
    Gate gate;
    std::atomic<int> ran{0};
    WorkerPool pool(1, 8);
    pool.submit([&] { gate.wait(); throw std::runtime_error("first"); });
    for (int i = 0; i < 5; ++i) pool.submit([&] { ++ran; });
    gate.open();
    CHECK_THROWS_WITH_AS(pool.finish(), "first", std::runtime_error);
    CHECK(ran == 0);
    CHECK(pool.failed());
    CHECK_THROWS_WITH_AS(pool.finish(), "first", std::runtime_error);  // again, the same
}

TEST_CASE("after a failure submit rethrows it instead of queueing") {
    WorkerPool pool(2, 2);
    pool.submit([] { throw std::runtime_error("disk full"); });
    bool threw = false;
    for (int i = 0; i < 1000 && !threw; ++i) {
        try {
            pool.submit([] {});
            std::this_thread::sleep_for(1ms);
        } catch (const std::runtime_error& e) {
            threw = true;
            CHECK(std::string(e.what()) == "disk full");
        }
    }
    CHECK(threw);
    CHECK_THROWS_AS(pool.finish(), std::runtime_error);
}

TEST_CASE("of several failures only the first is kept") {
    FirstFailure failure;
    failure.record(std::make_exception_ptr(std::runtime_error("one")));
    failure.record(std::make_exception_ptr(std::runtime_error("two")));
    CHECK(failure.failed());
    CHECK_THROWS_WITH(failure.rethrow(), "one");
    FirstFailure none;
    CHECK_NOTHROW(none.rethrow());
    CHECK_FALSE(none.exception());
}

TEST_CASE("a failure recorded outside the pool stops its queued tasks and frees a waiting submitter") {
    FirstFailure shared;
    Gate gate;
    std::atomic<int> started{0}, ran{0};
    WorkerPool pool(1, 1, &shared);
    pool.submit([&] { ++started; gate.wait(); });
    while (started == 0) std::this_thread::sleep_for(1ms);
    pool.submit([&] { ++ran; });  // fills the queue
    auto blocked = std::async(std::launch::async, [&] { pool.submit([&] { ++ran; }); });
    CHECK(blocked.wait_for(100ms) == std::future_status::timeout);
    shared.record(std::make_exception_ptr(std::runtime_error("writer failed")));
    REQUIRE(blocked.wait_for(5s) == std::future_status::ready);
    CHECK_THROWS_WITH(blocked.get(), "writer failed");
    gate.open();
    CHECK_THROWS_WITH(pool.finish(), "writer failed");
    CHECK(ran == 0);
}

TEST_CASE("stop drops queued tasks, lets the running one end and joins") {
    Gate gate;
    std::atomic<int> started{0}, ran{0};
    WorkerPool pool(1, 8);
    pool.submit([&] { ++started; gate.wait(); ++ran; });
    while (started == 0) std::this_thread::sleep_for(1ms);
    for (int i = 0; i < 5; ++i) pool.submit([&] { ++ran; });
    auto stopping = std::async(std::launch::async, [&] { pool.stop(); });
    while (pool.waiting() > 0) std::this_thread::sleep_for(1ms);  // dropped by stop
    gate.open();
    stopping.get();
    CHECK(ran == 1);
    CHECK_THROWS_AS(pool.submit([] {}), std::logic_error);
}
