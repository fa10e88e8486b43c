#include "index/change_journal.hpp"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "index/atomic_file.hpp"
#include "index/index_error.hpp"
#include "index/shard_layout.hpp"
#include "schema/schema.hpp"
#include "util/utc_time.hpp"

namespace dragoman {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view published_suffix = ".json";
constexpr std::string_view pending_suffix = ".pending";

/// The run number a journal file is named by, if it is one of ours (`<digits><suffix>`).
std::optional<std::uint64_t> run_of(const fs::path& file, std::string_view suffix) {
    const std::string name = file.filename().string();
    if (name.size() <= suffix.size() || !name.ends_with(suffix)) return std::nullopt;
    std::uint64_t run = 0;
    const char* end = name.data() + name.size() - suffix.size();
    const auto [ptr, ec] = std::from_chars(name.data(), end, run);
    if (ec != std::errc() || ptr != end || run == 0) return std::nullopt;
    return run;
}

/// Run numbers are written zero-padded so that a directory listing sorts them.
fs::path file_of(const fs::path& dir, std::uint64_t run, std::string_view suffix) {
    char name[32];
    std::snprintf(name, sizeof name, "%08llu", static_cast<unsigned long long>(run));
    return dir / (std::string(name) + std::string(suffix));
}

json changes_json(const RunChanges& c) {
    return {{"added", c.added}, {"changed", c.changed}, {"withdrawn", c.withdrawn}};
}

json read_json(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw IndexError(file.string() + ": cannot read");
    auto parsed = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) throw IndexError(file.string() + ": not a journal entry");
    return parsed;
}

JournalEntry entry_of(const json& j, const fs::path& file) {
    try {
        JournalEntry e;
        e.run = j.at("run").get<std::uint64_t>();
        e.kind = j.at("kind").get<std::string>();
        e.generation = j.at("generation").get<std::string>();
        e.published = j.at("published").get<std::string>();
        const json& c = j.at("changes");
        e.changes.added = c.at("added").get<std::vector<std::string>>();
        e.changes.changed = c.at("changed").get<std::vector<std::string>>();
        e.changes.withdrawn = c.at("withdrawn").get<std::vector<std::string>>();
        return e;
    } catch (const json::exception& ex) {
        throw IndexError(file.string() + ": not a journal entry: " + ex.what());
    }
}

void write_file(const fs::path& file, const json& j) {
    AtomicFile out(file);
    out.write(j.dump(1, '\t', false, json::error_handler_t::replace));
    out.write("\n");
    out.commit();
}

/// Files of the journal named as runs with `suffix`, by run number.
std::vector<std::pair<std::uint64_t, fs::path>> files(const fs::path& dir, std::string_view suffix) {
    std::vector<std::pair<std::uint64_t, fs::path>> out;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return out;
    for (const auto& f : fs::directory_iterator(dir, ec))
        if (const auto run = run_of(f.path(), suffix)) out.emplace_back(*run, f.path());
    if (ec) throw IndexError(dir.string() + ": cannot list: " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

/// Whether a pending entry's changes are visible in the live generation `live`.
bool visible(const json& pending, const fs::path& live) {
    if (live.empty() || live.filename().string() != pending.value("generation", "")) return false;
    const auto revisions = pending.value("revisions", std::vector<std::uint64_t>{});
    if (revisions.empty()) return true;  // a full build: published when its generation is live
    const auto dbs = generation_databases(live);
    for (std::size_t i = 0; i < dbs.size() && i < revisions.size(); ++i)
        if (Xapian::Database(dbs[i].string()).get_revision() >= revisions[i]) return true;  // a partial commit is visible too
    return false;
}

}  // namespace

void visit_transcript_hashes(const Xapian::Database& db,
                             const std::function<void(const std::string&, const std::string&, Xapian::docid)>& visit) {
    auto ids = db.valuestream_begin(schema::slot_transcript);
    auto hashes = db.valuestream_begin(schema::slot_content_hash);
    const auto ids_end = db.valuestream_end(schema::slot_transcript);
    const auto hashes_end = db.valuestream_end(schema::slot_content_hash);
    while (ids != ids_end && hashes != hashes_end) {
        if (ids.get_docid() < hashes.get_docid()) {
            ids.skip_to(hashes.get_docid());
        } else if (hashes.get_docid() < ids.get_docid()) {
            hashes.skip_to(ids.get_docid());
        } else {
            visit(*ids, *hashes, ids.get_docid());
            ++ids;
            ++hashes;
        }
    }
}

TranscriptHashes transcript_hashes(const fs::path& generation) {
    TranscriptHashes out;
    if (generation.empty()) return out;
    try {
        for (const auto& path : generation_databases(generation))
            visit_transcript_hashes(Xapian::Database(path.string()),
                                    [&out](const std::string& id, const std::string& hash, Xapian::docid) {
                                        out.try_emplace(id, hash);
                                    });
    } catch (const Xapian::Error& e) {
        throw IndexError(generation.string() + ": " + e.get_description());
    }
    return out;
}

ChangeJournal::ChangeJournal(const fs::path& root) : m_dir(root / "changes") {}

JournalEntry ChangeJournal::prepare(const RunChanges& changes, const std::string& kind, const fs::path& generation,
                                    const std::vector<std::uint64_t>& revisions) {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    if (ec) throw IndexError(m_dir.string() + ": cannot create: " + ec.message());
    std::uint64_t last = 0;
    for (const auto suffix : {published_suffix, pending_suffix})
        for (const auto& [run, path] : files(m_dir, suffix)) last = std::max(last, run);
    JournalEntry e{last + 1, kind, generation.filename().string(), utc_now(), changes};
    json j = {{"run", e.run},
              {"kind", e.kind},
              {"generation", e.generation},
              {"published", e.published},
              {"revisions", revisions},
              {"changes", changes_json(changes)}};
    write_file(file_of(m_dir, e.run, pending_suffix), j);
    return e;
}

void ChangeJournal::publish(const JournalEntry& entry) {
    const fs::path pending = file_of(m_dir, entry.run, pending_suffix);
    const fs::path done = file_of(m_dir, entry.run, published_suffix);
    std::error_code ec;
    fs::rename(pending, done, ec);
    if (ec) throw IndexError(pending.string() + ": cannot rename to " + done.string() + ": " + ec.message());
    sync_directory(m_dir);
}

void ChangeJournal::recover(const fs::path& live, const std::function<void(std::uint64_t)>& before_discard) {
    for (const auto& [run, path] : files(m_dir, pending_suffix)) {
        const json pending = read_json(path);
        if (visible(pending, live)) {
            publish(JournalEntry{run, "", "", "", {}});
        } else {
            if (before_discard) before_discard(run);
            std::error_code ec;
            fs::remove(path, ec);
            if (ec) throw IndexError(path.string() + ": cannot remove: " + ec.message());
        }
    }
}

std::vector<JournalEntry> ChangeJournal::since(std::uint64_t after) const {
    std::vector<JournalEntry> out;
    for (const auto& [run, path] : files(m_dir, published_suffix))
        if (run > after) out.push_back(entry_of(read_json(path), path));
    return out;
}

std::uint64_t ChangeJournal::last() const {
    const auto all = files(m_dir, published_suffix);
    return all.empty() ? 0 : all.back().first;
}

}  // namespace dragoman
