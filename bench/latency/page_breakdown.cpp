// bench/latency/page_breakdown.cpp: where a results page's time goes inside the library. Runs
// every query of bench/latency/queries.tsv through Searcher in-process four ways (the whole
// page; without facets; without snippets; ranking alone) and prints p50/p95/p99/mean of each.
//
//   page_breakdown DBROOT QUERIES.tsv [PASSES=3 [VARIANT [SLOWEST]]]
// VARIANT 0..3 runs one variant only (-1: all); SLOWEST N also lists the N slowest queries
// (their worst pass) of each variant.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "search/searcher.hpp"

namespace {

double percentile(std::vector<double> xs, double p) {
    std::sort(xs.begin(), xs.end());
    const double k = (static_cast<double>(xs.size()) - 1) * p / 100;
    const auto lo = static_cast<std::size_t>(k);
    const auto hi = std::min(lo + 1, xs.size() - 1);
    return xs[lo] + (xs[hi] - xs[lo]) * (k - static_cast<double>(lo));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: page_breakdown DBROOT QUERIES.tsv [PASSES]\n");
        return 2;
    }
    const int passes = argc > 3 ? std::stoi(argv[3]) : 3;
    const int only = argc > 4 ? std::stoi(argv[4]) : -1;
    const std::size_t slowest = argc > 5 ? std::stoul(argv[5]) : 0;
    std::vector<std::string> queries;
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        queries.push_back(line.substr(line.find('\t') + 1));
    }
    if (queries.empty()) {
        std::fprintf(stderr, "page_breakdown: no queries in %s\n", argv[2]);
        return 2;
    }
    dragoman::Searcher searcher(dragoman::IndexLocation{{argv[1]}});
    struct Variant {
        const char* name;
        bool facets, snippets;
    };
    const Variant variants[] = {{"page (facets + snippets)", true, true},
                                {"no facets", false, true},
                                {"no snippets", true, false},
                                {"ranking only", false, false}};
    std::printf("| variant | p50 ms | p95 ms | p99 ms | mean ms |\n| --- | ---: | ---: | ---: | ---: |\n");
    for (const auto& v : variants) {
        if (only >= 0 && &v != &variants[only]) continue;
        std::vector<double> ms;
        std::vector<std::pair<double, std::string>> worst(queries.size());
        for (int pass = -1; pass < passes; ++pass) {  // pass -1: warm, untimed
            for (std::size_t i = 0; i < queries.size(); ++i) {
                const auto& q = queries[i];
                dragoman::SearchRequest r;
                r.query = q;
                r.facets = v.facets;
                r.snippets = v.snippets;
                const auto t0 = std::chrono::steady_clock::now();
                const auto res = searcher.search(r);
                const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                if (!res) {
                    std::fprintf(stderr, "page_breakdown: %s: %s\n", q.c_str(), res.error().message.c_str());
                    return 1;
                }
                if (pass >= 0) ms.push_back(t);
                if (pass >= 0 && t > worst[i].first) worst[i] = {t, q};
            }
        }
        const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
        std::printf("| %s | %.2f | %.2f | %.2f | %.2f |\n", v.name, percentile(ms, 50), percentile(ms, 95),
                    percentile(ms, 99), mean);
        std::sort(worst.begin(), worst.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t i = 0; i < slowest && i < worst.size(); ++i)
            std::printf("|   %s | %.2f | | | |\n", worst[i].second.c_str(), worst[i].first);
    }
    return 0;
}
