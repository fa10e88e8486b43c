// bench/latency/latency_client.cpp: single-client latency of a results page per query (top 10
// with snippets + facet counts for year, language, speaker, country and source over the whole
// match set, as each engine serves it) for several engines taking turns over the query file.
//
//   latency_client QUERIES.tsv PASSES dragoman=http://127.0.0.1:PORT sphinx=127.0.0.1:PORT,SPEAKERS.tsv
//                  sqlite=FILE.sqlite "pg=host=127.0.0.1 port=N dbname=postgres user=postgres"
//
// One untimed pass over every query first (warm caches; it records each query's match count
// and rows), then PASSES timed passes in which the engines take turns on each query. Each query is timed by this client around the whole
// exchange: request, the engine's work, the transfer and reading of every row or byte.
// Output, one line per timed query: ENGINE<TAB>SHAPE<TAB>N<TAB>MS<TAB>MATCHES<TAB>HITS.
// Built by bench/latency/run.sh (it needs libmariadb, libpq and libsqlite3, which the
// library does not); not part of the CMake build.
#include <httplib.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

[[noreturn]] void die(const std::string& what) {
    std::cerr << "latency_client: " << what << "\n";
    std::exit(2);
}

/// A query of the file, split into what every engine needs: the free text (words, "phrases",
/// OR, -word), one optional field filter and an optional year range.
struct Query {
    std::string shape, text;
    std::vector<std::string> tokens;   // words, "phrases", OR, -word
    std::string field, value;          // lang/country/source filter
    std::string year_from, year_to;    // YYYY..YYYY
    std::string free() const {
        std::string s;
        for (const auto& t : tokens) s += (s.empty() ? "" : " ") + t;
        return s;
    }
    /// The words alone (no operators, no negated words): what a highlighter is given.
    std::string words() const {
        std::string s;
        for (const auto& t : tokens) {
            if (t == "OR" || t[0] == '-') continue;
            std::string w = t[0] == '"' ? t.substr(1, t.size() - 2) : t;
            s += (s.empty() ? "" : " ") + w;
        }
        return s;
    }
};

std::vector<Query> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) die("cannot read " + path);
    std::vector<Query> out;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) die(path + ":" + std::to_string(n) + ": no tab between shape and query");
        Query q;
        q.shape = line.substr(0, tab);
        q.text = line.substr(tab + 1);
        for (std::size_t i = 0; i < q.text.size();) {
            if (q.text[i] == ' ') { ++i; continue; }
            std::size_t end;
            if (q.text[i] == '"') {
                end = q.text.find('"', i + 1);
                if (end == std::string::npos) die(path + ":" + std::to_string(n) + ": unclosed quote");
                ++end;
            } else {
                end = q.text.find(' ', i);
                if (end == std::string::npos) end = q.text.size();
            }
            const std::string tok = q.text.substr(i, end - i);
            i = end;
            const auto colon = tok.find(':');
            const auto dots = tok.find("..");
            if (tok[0] != '"' && colon != std::string::npos) {
                q.field = tok.substr(0, colon);
                q.value = tok.substr(colon + 1);
            } else if (tok[0] != '"' && dots == 4 && tok.size() == 10) {
                q.year_from = tok.substr(0, 4);
                q.year_to = tok.substr(6);
            } else {
                q.tokens.push_back(tok);
            }
        }
        if (q.tokens.empty()) die(path + ":" + std::to_string(n) + ": no words");
        out.push_back(std::move(q));
    }
    return out;
}

/// What one page cost and returned.
struct Page {
    long matches = -1;  // matching documents (transcripts), as the engine reports them
    long hits = 0;      // rows of the top 10 that came back
};

using Runner = std::function<Page(const Query&)>;

std::string url_encode(const std::string& s) {
    std::string out;
    char buf[4];
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

// ------------------------------------------------------------------ Dragoman (HTTP)
Runner dragoman(const std::string& url) {
    auto cli = std::make_shared<httplib::Client>(url);
    cli->set_keep_alive(true);
    cli->set_read_timeout(60, 0);
    return [cli](const Query& q) {
        // The query as a user types it: the default page (top 10, snippets, facets).
        auto res = cli->Get("/api/search?q=" + url_encode(q.text));
        if (!res || res->status != 200) die("dragoman: " + (res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error())) + " for " + q.text);
        const auto j = nlohmann::json::parse(res->body);
        if (!j.contains("facets")) die("dragoman: no facets in the answer");
        Page p;
        p.matches = j.value("total", -1L);
        p.hits = static_cast<long>(j["results"].size());
        return p;
    };
}

// ------------------------------------------------------------------ Sphinx (SphinxQL)
/// Sphinx's extended query syntax: OR is `|`, NOT is `-`; words keep letters and digits only
/// (so no word is read as an operator).
std::string sphinx_match(const Query& q) {
    std::string out;
    for (const auto& t : q.tokens) {
        std::string w;
        if (t == "OR") w = "|";
        else if (t[0] == '"') w = t;
        else {
            w = t[0] == '-' ? "-" : "";
            for (std::size_t i = t[0] == '-' ? 1 : 0; i < t.size(); ++i) w += (t[i] == '\'' || t[i] == '\\' || t[i] == '(' || t[i] == ')' || t[i] == '|' || t[i] == '!' || t[i] == '@' || t[i] == '~' || t[i] == '^' || t[i] == '$' || t[i] == '/' || t[i] == '<' || t[i] == '=') ? ' ' : t[i];
        }
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

Runner sphinx(const std::string& target, const std::string& speakers_file) {
    const auto colon = target.rfind(':');
    MYSQL* my = mysql_init(nullptr);
    if (!mysql_real_connect(my, target.substr(0, colon).c_str(), "", "", nullptr,
                            static_cast<unsigned>(std::stoul(target.substr(colon + 1))), nullptr, 0))
        die(std::string("sphinx: ") + mysql_error(my));
    // Speakers are a multi-valued attribute of ids: the names come from the id list.
    auto names = std::make_shared<std::map<std::string, std::string>>();
    std::ifstream in(speakers_file);
    for (std::string line; std::getline(in, line);) {
        const auto tab = line.find('\t');
        (*names)[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return [my, names](const Query& q) {
        auto esc = [&](const std::string& s) {
            std::string out(s.size() * 2 + 1, '\0');
            out.resize(mysql_real_escape_string(my, out.data(), s.data(), static_cast<unsigned long>(s.size())));
            return out;
        };
        const std::string match = esc(sphinx_match(q));
        std::string where = "MATCH('" + match + "')";
        if (!q.field.empty()) where += " AND " + std::string(q.field == "lang" ? "language" : q.field) + "='" + esc(q.value) + "'";
        if (!q.year_from.empty()) where += " AND year BETWEEN " + q.year_from + " AND " + q.year_to;
        // Top 10 with SNIPPET() (BuildExcerpts, evaluated for the returned rows only, as
        // CALL SNIPPETS would be, without sending the texts back and forth), then one FACET
        // per field: each is a GROUP BY over the whole match set, in the same round trip.
        const std::string sql =
            "SELECT id, docid, title, date, language, country, source, WEIGHT() AS w, "
            "SNIPPET(content, '" + esc(q.words()) + "', 'limit=300') AS snippet FROM corpus WHERE " + where +
            " LIMIT 10 OPTION field_weights=(title=2, content=1)"
            " FACET year ORDER BY year ASC LIMIT 200"
            " FACET language ORDER BY COUNT(*) DESC LIMIT 20"
            " FACET speaker_ids ORDER BY COUNT(*) DESC LIMIT 20"
            " FACET country ORDER BY COUNT(*) DESC LIMIT 20"
            " FACET source ORDER BY COUNT(*) DESC LIMIT 20";
        if (mysql_real_query(my, sql.data(), static_cast<unsigned long>(sql.size())) != 0)
            die(std::string("sphinx: ") + mysql_error(my) + " for " + sql);
        Page p;
        int set = 0;
        do {
            MYSQL_RES* res = mysql_store_result(my);
            if (!res) {
                if (mysql_field_count(my) != 0) die(std::string("sphinx: ") + mysql_error(my));
                continue;
            }
            if (set == 0) p.hits = static_cast<long>(mysql_num_rows(res));
            if (set == 3) {  // speakers: ids to names, as a page would show them
                while (MYSQL_ROW row = mysql_fetch_row(res)) (void)names->count(row[0] ? row[0] : "");
            }
            mysql_free_result(res);
            ++set;
        } while (mysql_next_result(my) == 0);
        if (set != 6) die("sphinx: expected 6 result sets, got " + std::to_string(set));
        // The match count: SHOW META of the last query.
        if (mysql_query(my, "SHOW META LIKE 'total_found'") == 0) {
            if (MYSQL_RES* res = mysql_store_result(my)) {
                if (MYSQL_ROW row = mysql_fetch_row(res)) p.matches = std::atol(row[1]);
                mysql_free_result(res);
            }
        }
        return p;
    };
}

// ------------------------------------------------------------------ SQLite FTS5 (in-process)
/// FTS5's syntax: each word quoted (so none is read as an operator or column), phrases
/// as they are, OR as OR, `a -b` as `a NOT b`.
std::string fts5_match(const Query& q) {
    std::string out;
    for (const auto& t : q.tokens) {
        std::string w;
        if (t == "OR") w = "OR";
        else if (t[0] == '"') w = t;
        else if (t[0] == '-') w = "NOT \"" + t.substr(1) + "\"";
        else w = "\"" + t + "\"";
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

Runner sqlite(const std::string& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) die("sqlite: cannot open " + file);
    // The peers' query settings: the index mapped, a 512 MiB page cache.
    sqlite3_exec(db, "PRAGMA mmap_size=17179869184; PRAGMA cache_size=-524288;", nullptr, nullptr, nullptr);
    return [db](const Query& q) {
        std::string filter;
        if (!q.field.empty()) filter += " AND " + std::string(q.field == "lang" ? "language" : q.field) + " = ?2";
        if (!q.year_from.empty()) filter += " AND substr(date, 1, 4) BETWEEN '" + q.year_from + "' AND '" + q.year_to + "'";
        // The top 10 ranked by the table's bm25(2, 1, 1) with snippet(), then the facets over
        // every match (one MATCH, materialised once, grouped five ways).
        const std::string top =
            "SELECT id, title, date, language, country, source, snippet(fts, 1, '<mark>', '</mark>', '…', 48) "
            "FROM fts WHERE fts MATCH ?1" + filter + " ORDER BY rank LIMIT 10";
        const std::string facets =
            "WITH m AS MATERIALIZED (SELECT date, language, country, source, speakers FROM fts WHERE fts MATCH ?1" + filter + ") "
            "SELECT 'total', NULL, count(*) FROM m "
            "UNION ALL SELECT 'year', substr(date, 1, 4), count(*) FROM m GROUP BY 2 "
            "UNION ALL SELECT * FROM (SELECT 'language', language, count(*) c FROM m GROUP BY 2 ORDER BY c DESC LIMIT 20) "
            "UNION ALL SELECT * FROM (SELECT 'speaker', j.value, count(*) c FROM m, json_each(m.speakers) j GROUP BY 2 ORDER BY c DESC LIMIT 20) "
            "UNION ALL SELECT * FROM (SELECT 'country', country, count(*) c FROM m GROUP BY 2 ORDER BY c DESC LIMIT 20) "
            "UNION ALL SELECT * FROM (SELECT 'source', source, count(*) c FROM m GROUP BY 2 ORDER BY c DESC LIMIT 20)";
        const std::string match = fts5_match(q);
        Page p;
        for (int part = 0; part < 2; ++part) {
            const std::string& sql = part == 0 ? top : facets;
            sqlite3_stmt* st = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) die(std::string("sqlite: ") + sqlite3_errmsg(db));
            sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
            if (!q.field.empty()) sqlite3_bind_text(st, 2, q.value.c_str(), -1, SQLITE_TRANSIENT);
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                for (int c = 0; c < sqlite3_column_count(st); ++c) (void)sqlite3_column_text(st, c);
                if (part == 0) ++p.hits;
                else if (std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "total") p.matches = sqlite3_column_int64(st, 2);
            }
            if (rc != SQLITE_DONE) die(std::string("sqlite: ") + sqlite3_errmsg(db) + " for " + match);
            sqlite3_finalize(st);
        }
        return p;
    };
}

// ------------------------------------------------------------------ PostgreSQL (libpq, TCP)
/// The text search configurations a query is analysed with, by its script: a document is
/// indexed with its own language's configuration, so a query must try each one its words
/// could be in (as Dragoman expands a word into the stems of every language of its script).
std::vector<std::string> pg_configs(const std::string& text) {
    bool cyrillic = false, arabic = false, latin = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) { if (std::isalpha(c)) latin = true; continue; }
        if (c == 0xD0 || c == 0xD1 || c == 0xD2 || c == 0xD3) cyrillic = true;
        else if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) arabic = true;
        else if (c == 0xC3 || c == 0xC4 || c == 0xC5) latin = true;
    }
    std::vector<std::string> out{"simple"};
    if (latin) out.insert(out.end(), {"english", "french", "spanish", "turkish", "german"});
    if (cyrillic) out.push_back("russian");
    if (arabic) out.push_back("arabic");
    return out;
}

Runner pg(const std::string& conninfo) {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn) != CONNECTION_OK) die(std::string("pg: ") + PQerrorMessage(conn));
    return [conn](const Query& q) {
        std::string tsq;
        for (const auto& cfg : pg_configs(q.free()))
            tsq += (tsq.empty() ? "" : " || ") + std::string("websearch_to_tsquery('") + cfg + "', $1)";
        std::string filter;
        if (!q.field.empty()) {
            char* lit = PQescapeLiteral(conn, q.value.c_str(), q.value.size());
            filter += " AND d." + std::string(q.field == "lang" ? "language" : q.field) + " = " + lit;
            PQfreemem(lit);
        }
        if (!q.year_from.empty()) filter += " AND left(d.date, 4) BETWEEN '" + q.year_from + "' AND '" + q.year_to + "'";
        // One statement: the matches ranked by ts_rank_cd (title A, text B), ts_headline on
        // the 10 winners only, and the facets grouped over the whole match set.
        const std::string sql =
            "WITH q AS (SELECT " + tsq + " AS q), "
            "m AS MATERIALIZED (SELECT d.rid, ts_rank_cd(d.tsv, q.q) AS r, d.date, d.language, d.country, d.source, d.speakers "
            "  FROM docs d, q WHERE d.tsv @@ q.q" + filter + "), "
            "top AS (SELECT rid, r FROM m ORDER BY r DESC LIMIT 10) "
            "SELECT 'hit', d.id || ' ' || d.title, ts_headline(d.cfg, d.text, q.q, 'MaxWords=45, MinWords=20'), top.r::float8 "
            "  FROM top JOIN docs d USING (rid), q "
            "UNION ALL SELECT 'total', NULL, NULL, count(*) FROM m "
            "UNION ALL (SELECT 'year', left(date, 4), NULL, count(*) FROM m GROUP BY 2) "
            "UNION ALL (SELECT 'language', language, NULL, count(*) FROM m GROUP BY 2 ORDER BY 4 DESC LIMIT 20) "
            "UNION ALL (SELECT 'speaker', s, NULL, count(*) FROM m, unnest(m.speakers) s GROUP BY 2 ORDER BY 4 DESC LIMIT 20) "
            "UNION ALL (SELECT 'country', country, NULL, count(*) FROM m GROUP BY 2 ORDER BY 4 DESC LIMIT 20) "
            "UNION ALL (SELECT 'source', source, NULL, count(*) FROM m GROUP BY 2 ORDER BY 4 DESC LIMIT 20)";
        const std::string free = q.free();
        const char* params[] = {free.c_str()};
        PGresult* res = PQexecParams(conn, sql.c_str(), 1, nullptr, params, nullptr, nullptr, 0);
        if (PQresultStatus(res) != PGRES_TUPLES_OK) die(std::string("pg: ") + PQerrorMessage(conn) + " for " + free);
        Page p;
        for (int r = 0; r < PQntuples(res); ++r) {
            const std::string kind = PQgetvalue(res, r, 0);
            if (kind == "hit") ++p.hits;
            else if (kind == "total") p.matches = std::atol(PQgetvalue(res, r, 3));
        }
        PQclear(res);
        return p;
    };
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) die("usage: latency_client QUERIES.tsv PASSES ENGINE=TARGET...");
    const auto queries = read_queries(argv[1]);
    const int passes = std::stoi(argv[2]);
    std::vector<std::pair<std::string, Runner>> engines;
    for (int a = 3; a < argc; ++a) {
        const std::string arg = argv[a];
        const auto eq = arg.find('=');
        if (eq == std::string::npos) die("expected ENGINE=TARGET, got " + arg);
        const std::string engine = arg.substr(0, eq), target = arg.substr(eq + 1);
        if (engine == "dragoman") engines.emplace_back(engine, dragoman(target));
        else if (engine == "sphinx") {
            const auto comma = target.find(',');
            engines.emplace_back(engine, sphinx(target.substr(0, comma), comma == std::string::npos ? "" : target.substr(comma + 1)));
        } else if (engine == "sqlite") engines.emplace_back(engine, sqlite(target));
        else if (engine == "pg") engines.emplace_back(engine, pg(target));
        else die("unknown engine " + engine);
    }

    // The engines take turns on each query, in an order rotated per query, so that whatever
    // else the machine is doing falls on all of them alike.
    std::vector<std::vector<Page>> pages(engines.size());
    for (std::size_t e = 0; e < engines.size(); ++e)
        for (const auto& q : queries) pages[e].push_back(engines[e].second(q));  // warm, untimed
    std::size_t turn = 0;
    for (int pass = 0; pass < passes; ++pass) {
        for (std::size_t i = 0; i < queries.size(); ++i, ++turn) {
            for (std::size_t k = 0; k < engines.size(); ++k) {
                const std::size_t e = (turn + k) % engines.size();
                const auto t0 = std::chrono::steady_clock::now();
                engines[e].second(queries[i]);
                const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                std::cout << engines[e].first << '\t' << queries[i].shape << '\t' << i << '\t' << ms << '\t'
                          << pages[e][i].matches << '\t' << pages[e][i].hits << '\n';
            }
        }
    }
    return 0;
}
