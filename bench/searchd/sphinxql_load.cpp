// sphinxql_load: the wrk of bench/searchd/run.sh for Sphinx's searchd. N connections over
// SphinxQL (MySQL protocol, libmariadb) each run top-10-with-snippets queries from a list,
// rotating, for a fixed time; prints one RESULT line in the format of queries.lua.
//
//   sphinxql_load HOST:PORT:INDEX QUERIES CONNECTIONS SECONDS
//
// The SQL is the peers' benchmark's snippet query (shared/peers/qbench.cpp), so figures
// compare with its table: SELECT ... SNIPPET(content, q) ... WHERE MATCH(q) LIMIT 10.
#include <mysql.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

/// A query line (bare words and "phrases") as Sphinx extended syntax, SQL-quoted: the
/// same escaping as the peers' benchmark.
std::string sphinx_query(const std::string& line) {
    std::string q;
    bool in_phrase = false;
    for (char c : line) {
        if (c == '"') {
            in_phrase = !in_phrase;
            q += '"';
            continue;
        }
        if (std::strchr("()|-!@~&/^$=<>\\", c)) q += "\\\\";
        if (c == '\'') {
            q += "\\'";
            continue;
        }
        q += c;
    }
    if (in_phrase) q += '"';
    return q;
}

struct Totals {
    std::mutex mutex;
    std::vector<double> latencies_ms;
    long errors = 0;
};

void client(const std::string& host, unsigned port, const std::string& index, const std::vector<std::string>& queries,
            std::size_t start, Clock::time_point deadline, Totals& totals) {
    std::vector<double> mine;
    long errors = 0;
    MYSQL* c = mysql_init(nullptr);
    const unsigned timeout_s = 30;  // a stuck server shows as errors, not as a hang
    mysql_options(c, MYSQL_OPT_CONNECT_TIMEOUT, &timeout_s);
    mysql_options(c, MYSQL_OPT_READ_TIMEOUT, &timeout_s);
    mysql_options(c, MYSQL_OPT_WRITE_TIMEOUT, &timeout_s);
    if (!mysql_real_connect(c, host.c_str(), "", "", nullptr, port, nullptr, 0)) {
        std::fprintf(stderr, "sphinxql_load: connect: %s\n", mysql_error(c));
        std::lock_guard lock(totals.mutex);
        ++totals.errors;
        return;
    }
    for (std::size_t i = start; Clock::now() < deadline; ++i) {
        const std::string q = sphinx_query(queries[i % queries.size()]);
        const std::string sql = "SELECT id, WEIGHT(), docid, title, SNIPPET(content, '" + q +
                                "', 'limit=300', 'before_match=<b>', 'after_match=</b>', 'chunk_separator=...') FROM " +
                                index + " WHERE MATCH('" + q + "') LIMIT 10 OPTION field_weights=(title=2, content=1)";
        const auto t0 = Clock::now();
        bool ok = mysql_real_query(c, sql.data(), sql.size()) == 0;
        if (ok) {
            MYSQL_RES* res = mysql_store_result(c);
            if (res) {
                while (mysql_fetch_row(res)) {
                }
                mysql_free_result(res);
            } else {
                ok = mysql_field_count(c) == 0;
            }
        }
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!ok) {
            if (errors++ < 3) std::fprintf(stderr, "sphinxql_load: %s\n", mysql_error(c));
        }
    }
    mysql_close(c);
    std::lock_guard lock(totals.mutex);
    totals.latencies_ms.insert(totals.latencies_ms.end(), mine.begin(), mine.end());
    totals.errors += errors;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: sphinxql_load HOST:PORT:INDEX QUERIES CONNECTIONS SECONDS\n");
        return 2;
    }
    const std::string target = argv[1];
    const auto a = target.find(':');
    const auto b = target.rfind(':');
    if (a == std::string::npos || a == b) {
        std::fprintf(stderr, "sphinxql_load: target is HOST:PORT:INDEX\n");
        return 2;
    }
    const std::string host = target.substr(0, a);
    const auto port = static_cast<unsigned>(std::atoi(target.substr(a + 1, b - a - 1).c_str()));
    const std::string index = target.substr(b + 1);
    std::vector<std::string> queries;
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(" \t") != std::string::npos && line[line.find_first_not_of(" \t")] != '#')
            queries.push_back(line);
    if (queries.empty()) {
        std::fprintf(stderr, "sphinxql_load: no queries in %s\n", argv[2]);
        return 2;
    }
    const int connections = std::max(1, std::atoi(argv[3]));
    const double seconds = std::atof(argv[4]);
    mysql_library_init(0, nullptr, nullptr);
    Totals totals;
    const auto started = Clock::now();
    const auto deadline = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> threads;
    for (int i = 0; i < connections; ++i)
        threads.emplace_back(client, host, port, index, std::cref(queries), static_cast<std::size_t>(i) * 37, deadline,
                             std::ref(totals));
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    auto& l = totals.latencies_ms;
    std::sort(l.begin(), l.end());
    auto pct = [&](double p) { return l.empty() ? 0.0 : l[std::min(l.size() - 1, static_cast<std::size_t>(p * l.size()))]; };
    std::printf("RESULT requests=%zu seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%ld\n", l.size(),
                elapsed, l.size() / elapsed, pct(0.50), pct(0.99), l.empty() ? 0.0 : l.back(), totals.errors);
    mysql_library_end();
    return totals.errors ? 1 : 0;
}
