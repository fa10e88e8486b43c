#include "index/transcript_history.hpp"

#include <sqlite3.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <system_error>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "index/index_error.hpp"
#include "util/assert.hpp"
#include "util/utc_time.hpp"

namespace dragoman {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Versions are rows of their own; a record is zlib-compressed JSON (zlib is already a
// dependency: gzip sources). The first run over the whole corpus (14,032 transcripts, 88 MB
// of JSON) keeps them all: 12.3 s of a 112 s full build (2 cores under a load of 5; zlib
// itself is most of it: level 1 saved 1.5 s of CPU for 4 MB more) and a 41.8 MB store beside
// the 122 MB generation. A nightly run keeps only the changed records: 0.0 s when none.
constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  run INTEGER PRIMARY KEY,
  journal_run INTEGER NOT NULL,
  at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions(
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  first_run INTEGER NOT NULL,
  withdrawn_run INTEGER,
  language TEXT NOT NULL,
  grp TEXT NOT NULL,
  changed_alone TEXT NOT NULL,
  size INTEGER NOT NULL,
  record BLOB NOT NULL,
  UNIQUE(id, version));
CREATE INDEX IF NOT EXISTS versions_group ON versions(grp) WHERE grp <> '';
CREATE INDEX IF NOT EXISTS versions_first ON versions(first_run);
CREATE INDEX IF NOT EXISTS versions_withdrawn ON versions(withdrawn_run) WHERE withdrawn_run IS NOT NULL;
)sql";

/// SQLite's message, and the system's when a system call failed under it ("No space left
/// on device" where SQLite says only "database or disk is full").
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    std::string message = "history: " + what + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    const int e = !db ? 0 : sqlite3_errcode(db) == SQLITE_FULL ? ENOSPC : sqlite3_system_errno(db);
    if (e != 0) message += std::string(" (") + std::strerror(e) + ")";
    throw IndexError(message);
}

/// One prepared statement, finalized on every path out.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : m_db(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) fail(db, sql);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, std::int64_t v) {
        check(sqlite3_bind_int64(m_stmt, i, v));
        return *this;
    }
    Statement& bind(int i, const std::string& v) {
        check(sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind_blob(int i, const std::string& v) {
        check(sqlite3_bind_blob(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
        return *this;
    }
    /// True while a row is there to read.
    bool step() {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail(m_db, "step");
        return false;
    }
    /// Ready to run again, with no bindings.
    void reset() {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    /// Runs a statement that answers no rows, then resets it.
    void run() {
        step();
        reset();
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    bool null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::string text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(m_stmt, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) fail(m_db, "bind");
    }
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

void exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, sql);
}

std::string compress(const std::string& text) {
    uLongf size = compressBound(static_cast<uLong>(text.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(text.data()),
                  static_cast<uLong>(text.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        throw IndexError("history: cannot compress a record");
    out.resize(size);
    return out;
}

std::string uncompress_record(const std::string& data, std::size_t size) {
    std::string out(size, '\0');
    uLongf got = static_cast<uLongf>(size);
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &got, reinterpret_cast<const Bytef*>(data.data()),
                   static_cast<uLong>(data.size())) != Z_OK ||
        got != size)
        throw IndexError("history: a stored record does not decompress");
    return out;
}

int year_of(const std::string& utc) {
    int y = 0;
    std::from_chars(utc.data(), utc.data() + std::min<std::size_t>(4, utc.size()), y);
    return y;
}

}  // namespace

int TranscriptHistory::changes() const {
    int n = 0;
    for (std::size_t i = 1; i < versions.size(); ++i)
        if (!versions[i].restored) ++n;
    return n;
}

std::string transcript_record_json(const Transcript& t) {
    json turns = json::array();
    for (const auto& turn : t.turns) turns.push_back({{"speaker", turn.speaker}, {"text", turn.text}, {"language", turn.language}});
    const json j = {{"id", t.id},       {"source", t.source},   {"language", t.language}, {"date", t.date},
                    {"title", t.title}, {"speakers", t.speakers}, {"country", t.country}, {"url", t.url},
                    {"text", t.text},   {"turns", turns},         {"group", t.group}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Transcript> transcript_from_record_json(const std::string& text) {
    const auto j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    try {
        Transcript t;
        for (auto [field, key] : {std::pair{&t.id, "id"}, {&t.source, "source"}, {&t.language, "language"},
                                  {&t.date, "date"}, {&t.title, "title"}, {&t.country, "country"}, {&t.url, "url"},
                                  {&t.text, "text"}, {&t.group, "group"}})
            *field = j.at(key).get<std::string>();
        t.speakers = j.at("speakers").get<std::vector<std::string>>();
        for (const auto& turn : j.at("turns"))
            t.turns.push_back({turn.at("speaker").get<std::string>(), turn.at("text").get<std::string>(),
                               turn.at("language").get<std::string>()});
        return t;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

struct TranscriptHistoryStore::Impl {
    sqlite3* db = nullptr;
    bool writable = false;

    /// Writer state of a run: each transcript's current version, and the records kept.
    struct Current {
        int version = 0;
        std::string hash;
        bool withdrawn = false;
        ChangeMark mark;
    };
    struct Kept {
        std::string id;
        int version = 0;
        std::string hash;
        std::string language;
        std::string group;
        bool changed = false;  // another record than the version before (not a restoration)
        std::size_t size = 0;
        std::string record;
    };
    std::unordered_map<std::string, Current> current;
    std::vector<Kept> kept;
    int run_year = 0;

    ~Impl() {
        if (db) sqlite3_close(db);
    }

    void load_current();
    void write_versions(std::int64_t run);
    void write_withdrawals(std::int64_t run, const std::vector<std::string>& withdrawn);
};

void TranscriptHistoryStore::Impl::load_current() {
    current.clear();
    Statement s(db,
                "SELECT v.id, v.version, v.hash, v.withdrawn_run IS NOT NULL, r.at FROM versions v "
                "JOIN runs r ON r.run = v.first_run ORDER BY v.id, v.version");
    while (s.step()) {
        Current& c = current[s.text(0)];
        const std::string hash = s.text(2);
        if (c.version > 0 && hash != c.hash) {
            ++c.mark.changes;
            const int year = year_of(s.text(4));
            if (std::find(c.mark.years.begin(), c.mark.years.end(), year) == c.mark.years.end())
                c.mark.years.push_back(year);
        }
        c.version = static_cast<int>(s.integer(1));
        c.hash = hash;
        c.withdrawn = s.integer(3) != 0;
    }
}

void TranscriptHistoryStore::Impl::write_versions(std::int64_t run) {
    // A language version changed alone: its group has other members, and none of them got a
    // version of another record in this run.
    std::map<std::string, int> changed_in_group;
    for (const auto& k : kept)
        if (k.changed && !k.group.empty()) ++changed_in_group[k.group];
    Statement others(db, "SELECT 1 FROM versions WHERE grp = ?1 AND id <> ?2 LIMIT 1");
    Statement insert(db,
                     "INSERT INTO versions(id, version, hash, first_run, language, grp, changed_alone, size, record) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const auto& k : kept) {
        std::string alone;
        if (k.changed && !k.group.empty() && changed_in_group[k.group] == 1) {
            others.bind(1, k.group).bind(2, k.id);
            if (others.step()) alone = k.language.empty() ? "?" : k.language;
            others.reset();
        }
        insert.bind(1, k.id).bind(2, k.version).bind(3, k.hash).bind(4, run).bind(5, k.language).bind(6, k.group);
        insert.bind(7, alone).bind(8, static_cast<std::int64_t>(k.size)).bind_blob(9, k.record);
        insert.run();
    }
}

void TranscriptHistoryStore::Impl::write_withdrawals(std::int64_t run, const std::vector<std::string>& withdrawn) {
    Statement mark(db,
                   "UPDATE versions SET withdrawn_run = ?1 WHERE id = ?2 AND withdrawn_run IS NULL AND version = "
                   "(SELECT max(version) FROM versions WHERE id = ?2)");
    for (const auto& id : withdrawn) {
        mark.bind(1, run).bind(2, id);
        mark.run();
        if (auto it = current.find(id); it != current.end()) it->second.withdrawn = true;
    }
}

TranscriptHistoryStore::TranscriptHistoryStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TranscriptHistoryStore::~TranscriptHistoryStore() = default;
TranscriptHistoryStore::TranscriptHistoryStore(TranscriptHistoryStore&&) noexcept = default;
TranscriptHistoryStore& TranscriptHistoryStore::operator=(TranscriptHistoryStore&&) noexcept = default;

fs::path TranscriptHistoryStore::path(const fs::path& root) { return root / "history" / "history.sqlite"; }

TranscriptHistoryStore TranscriptHistoryStore::open_for_writing(const fs::path& root) {
    const fs::path file = path(root);
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) throw IndexError(file.parent_path().string() + ": cannot create: " + ec.message());
    if (!fs::exists(file, ec)) {
        // Created here, so that a disk without a free inode says so (SQLite would say only
        // "unable to open database file"); SQLite takes an empty file as a new database.
        std::FILE* created = std::fopen(file.c_str(), "ab");
        if (!created) throw IndexError(file.string() + ": cannot create: " + std::strerror(errno));
        std::fclose(created);
    }
    auto impl = std::make_unique<Impl>();
    impl->writable = true;
    if (sqlite3_open_v2(file.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        fail(impl->db, file.string());
    sqlite3_busy_timeout(impl->db, 10000);
    // A rollback journal, not WAL: readers need no write access to a -shm file beside the
    // store, and a run writes in one short transaction at its end, so they seldom wait.
    // synchronous=FULL syncs the journal and the store at each commit: a commit that
    // returned survives a power cut, one that did not is rolled back by the next opener.
    exec(impl->db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;");
    exec(impl->db, schema_sql);
    return TranscriptHistoryStore(std::move(impl));
}

TranscriptHistoryStore TranscriptHistoryStore::open_read_only(const fs::path& root) {
    auto impl = std::make_unique<Impl>();
    const fs::path file = path(root);
    std::error_code ec;
    if (!fs::exists(file, ec)) return TranscriptHistoryStore(std::move(impl));
    if (sqlite3_open_v2(file.c_str(), &impl->db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        fail(impl->db, file.string());
    sqlite3_busy_timeout(impl->db, 2000);
    return TranscriptHistoryStore(std::move(impl));
}

void TranscriptHistoryStore::begin_run() {
    auto& m = *m_impl;
    DRAGOMAN_ASSERT(m.writable);
    m.kept.clear();
    m.run_year = year_of(utc_now());
    m.load_current();
}

ChangeMark TranscriptHistoryStore::offer(const Transcript& t, const std::string& hash) {
    auto& m = *m_impl;
    DRAGOMAN_ASSERT(m.writable);
    Impl::Current& c = m.current[t.id];
    if (c.version > 0 && c.hash == hash && !c.withdrawn) return c.mark;
    const bool changed = c.version > 0 && c.hash != hash;
    if (changed) {
        ++c.mark.changes;
        if (std::find(c.mark.years.begin(), c.mark.years.end(), m.run_year) == c.mark.years.end())
            c.mark.years.push_back(m.run_year);
    }
    const std::string record = transcript_record_json(t);
    m.kept.push_back({t.id, c.version + 1, hash, t.language, t.group, changed, record.size(), compress(record)});
    c.version += 1;
    c.hash = hash;
    c.withdrawn = false;
    return c.mark;
}

std::uint64_t TranscriptHistoryStore::finish_run(const std::vector<std::string>& withdrawn, std::uint64_t journal_run,
                                                 const std::string& at) {
    auto& m = *m_impl;
    DRAGOMAN_ASSERT(m.writable);
    exec(m.db, "BEGIN IMMEDIATE");
    try {
        Statement run_row(m.db, "INSERT INTO runs(journal_run, at) VALUES(?1, ?2)");
        run_row.bind(1, static_cast<std::int64_t>(journal_run)).bind(2, at);
        run_row.run();
        const std::int64_t run = sqlite3_last_insert_rowid(m.db);
        m.write_versions(run);
        m.write_withdrawals(run, withdrawn);
        exec(m.db, "COMMIT");
        m.kept.clear();
        return static_cast<std::uint64_t>(run);
    } catch (...) {
        sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void TranscriptHistoryStore::discard_run(std::uint64_t journal_run) {
    auto& m = *m_impl;
    DRAGOMAN_ASSERT(m.writable);
    exec(m.db, "BEGIN IMMEDIATE");
    try {
        Statement runs(m.db, "SELECT run FROM runs WHERE journal_run = ?1");
        runs.bind(1, static_cast<std::int64_t>(journal_run));
        std::vector<std::int64_t> found;
        while (runs.step()) found.push_back(runs.integer(0));
        Statement drop(m.db, "DELETE FROM versions WHERE first_run = ?1");
        Statement unmark(m.db, "UPDATE versions SET withdrawn_run = NULL WHERE withdrawn_run = ?1");
        Statement forget(m.db, "DELETE FROM runs WHERE run = ?1");
        for (const auto run : found) {
            drop.bind(1, run).run();
            unmark.bind(1, run).run();
            forget.bind(1, run).run();
        }
        exec(m.db, "COMMIT");
    } catch (...) {
        sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::optional<TranscriptHistory> TranscriptHistoryStore::history(const std::string& id) const {
    auto& m = *m_impl;
    if (!m.db) return std::nullopt;
    Statement s(m.db,
                "SELECT v.version, v.hash, v.first_run, f.at, v.withdrawn_run, w.at, v.changed_alone "
                "FROM versions v JOIN runs f ON f.run = v.first_run LEFT JOIN runs w ON w.run = v.withdrawn_run "
                "WHERE v.id = ?1 ORDER BY v.version");
    s.bind(1, id);
    TranscriptHistory h{id, {}};
    std::vector<std::int64_t> ends;  // the run each version was last seen before (0: still seen)
    while (s.step()) {
        HistoryVersion v;
        v.version = static_cast<int>(s.integer(0));
        v.hash = s.text(1);
        v.first_run = static_cast<std::uint64_t>(s.integer(2));
        v.first_seen = s.text(3);
        v.withdrawn = s.null(4) ? std::string() : s.text(5);
        v.changed_alone = s.text(6);
        v.restored = !h.versions.empty() && h.versions.back().hash == v.hash;
        if (!ends.empty() && ends.back() == 0) ends.back() = static_cast<std::int64_t>(v.first_run);
        ends.push_back(s.null(4) ? 0 : s.integer(4));
        h.versions.push_back(std::move(v));
    }
    if (h.versions.empty()) return std::nullopt;
    // Last seen: the last run before the one that replaced or withdrew it, or the last run.
    Statement last(m.db, "SELECT at FROM runs WHERE run < ?1 ORDER BY run DESC LIMIT 1");
    Statement latest(m.db, "SELECT at FROM runs ORDER BY run DESC LIMIT 1");
    for (std::size_t i = 0; i < h.versions.size(); ++i) {
        Statement& q = ends[i] ? last.bind(1, ends[i]) : latest;
        if (q.step()) h.versions[i].last_seen = q.text(0);
        q.reset();
    }
    return h;
}

std::optional<Transcript> TranscriptHistoryStore::record(const std::string& id, int version) const {
    auto& m = *m_impl;
    if (!m.db) return std::nullopt;
    Statement s(m.db, "SELECT size, record FROM versions WHERE id = ?1 AND version = ?2");
    s.bind(1, id).bind(2, version);
    if (!s.step()) return std::nullopt;
    auto t = transcript_from_record_json(uncompress_record(s.text(1), static_cast<std::size_t>(s.integer(0))));
    if (!t) throw IndexError("history: a stored record of '" + id + "' does not decode");
    return t;
}

}  // namespace dragoman
