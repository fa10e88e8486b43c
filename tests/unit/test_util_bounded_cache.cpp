// BoundedCache: values as computed, hits counted, never more entries than its capacity,
// and one cache used by several threads at once (the TSan build checks the locking).
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "schema/word_terms.hpp"
#include "text/analyzer.hpp"
#include "util/bounded_cache.hpp"

using namespace dragoman;

TEST_CASE("a bounded cache answers what the function computes, once per key while it holds it") {
    BoundedCache<std::string> cache(64);
    int calls = 0;
    auto upper = [&](const std::string& k) {
        return cache.get(k, [&] {
            ++calls;
            std::string u = k;
            for (auto& c : u) c = static_cast<char>(c - 'a' + 'A');
            return u;
        });
    };
    CHECK(upper("abc") == "ABC");
    CHECK(upper("abc") == "ABC");
    CHECK(upper("xyz") == "XYZ");
    CHECK(calls == 2);
    const auto s = cache.stats();
    CHECK(s.hits == 1);
    CHECK(s.misses == 2);
    CHECK(s.entries == 2);
    CHECK(s.hit_rate() == doctest::Approx(1.0 / 3));
}

TEST_CASE("a bounded cache never holds more than its capacity") {
    BoundedCache<int> cache(32);
    for (int i = 0; i < 10000; ++i) CHECK(cache.get(std::to_string(i), [&] { return i; }) == i);
    CHECK(cache.stats().entries <= cache.capacity());
    CHECK(cache.capacity() == 32);
    CHECK(cache.stats().misses == 10000);
}

TEST_CASE("threads share one cache and each gets the right value") {
    BoundedCache<std::string> cache(1000);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5000; ++i) {
                // 500 keys fit in the cache: repeats hit even when the threads run one after another.
                const std::string key = std::to_string((i * 7 + t) % 500);
                if (cache.get(key, [&] { return key + "!"; }) != key + "!") ++wrong;
            }
        });
    for (auto& th : threads) th.join();
    CHECK(wrong == 0);
    const auto s = cache.stats();
    CHECK(s.hits + s.misses == 20000);
    CHECK(s.hits > 0);
    CHECK(s.entries <= cache.capacity());
}

TEST_CASE("word_terms answers the same terms from its cache as it derived") {
    text::Analyzer analyzer;
    const auto before = schema::word_terms_cache_stats();
    const auto tokens = analyzer.tokenize("Sanctions sanctions Sanctions", "en");
    REQUIRE(tokens.size() == 3);
    const auto first = schema::word_terms(tokens[0], "en");
    const auto again = schema::word_terms(tokens[2], "en");
    CHECK(first.folded == again.folded);
    CHECK(first.stem == again.stem);
    CHECK(first.translit == again.translit);
    // The lowercase word is another key: it has no transliteration key where the capitalised one may.
    const auto lower = schema::word_terms(tokens[1], "en");
    CHECK(lower.stem == first.stem);
    CHECK(lower.translit.empty());
    const auto after = schema::word_terms_cache_stats();
    CHECK(after.hits + after.misses == before.hits + before.misses + 3);
    CHECK(after.hits >= before.hits + 1);
}
