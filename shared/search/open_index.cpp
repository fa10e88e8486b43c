#include "search/open_index.hpp"

#include <filesystem>

#include "index/index_error.hpp"
#include "index/index_root.hpp"
#include "index/shard_layout.hpp"
#include "schema/schema.hpp"
#include "search/remote_shard.hpp"

namespace dragoman {

namespace fs = std::filesystem;

bool OpenIndex::refresh() {
    std::string sig;
    std::vector<std::string> paths;
    fs::path generation;  // the first local root's: where its lexicon is
    for (const auto& root : m_location.roots) {
        if (is_remote_location(root)) {
            paths.push_back(root);
        } else if (fs::exists(fs::path(root) / "iamglass")) {
            paths.push_back(root);  // a plain Xapian database
            if (generation.empty()) generation = root;
        } else {
            const auto current = IndexRoot(root).current();
            if (current.empty()) return false;
            if (generation.empty()) generation = current;
            for (auto& shard : generation_databases(current)) paths.push_back(shard.string());
        }
    }
    for (const auto& p : paths) sig += p + '\n';
    const auto now = std::chrono::steady_clock::now();
    if (m_open && sig == m_signature && !(m_has_remote && now - m_opened_at >= m_location.remote_reconnect)) {
        m_db.reopen();
        return true;
    }
    Xapian::Database fresh;
    bool remote = false;
    for (const auto& p : paths) {
        remote = remote || is_remote_location(p);
        fresh.add_database(is_remote_location(p) ? open_remote_shard(p) : Xapian::Database(p));
    }
    Result<std::shared_ptr<const Lexicon>> lexicon = std::make_shared<const Lexicon>();
    if (!generation.empty()) lexicon = Lexicon::of_generation(generation);
    if (!lexicon) throw IndexError(lexicon.error().message);
    m_db = fresh;
    m_lexicon = std::move(*lexicon);
    m_databases = paths.size();
    m_signature = sig;
    m_open = true;
    m_has_remote = remote;
    m_opened_at = now;
    m_languages.clear();
    const std::string prefix(schema::prefix_language);
    for (auto t = m_db.allterms_begin(prefix); t != m_db.allterms_end(prefix); ++t)
        m_languages.push_back((*t).substr(prefix.size()));
    return true;
}

}  // namespace dragoman
