// The version pass over a generation: signatures from value slot 11, links, and the
// rewrite of slot 9, slot 10 and the XG term where a transcript's group changed.
#include "index/version_pass.hpp"

#include <chrono>
#include <string>

#include "schema/schema.hpp"

namespace dragoman {

namespace {

struct Held {
    std::size_t shard = 0;
    std::string group;  ///< what its passages hold now
};

}  // namespace

VersionPassStats apply_version_links(std::vector<Xapian::WritableDatabase>& shards, const LinkOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    VersionPassStats stats;
    std::vector<VersionSignature> signatures;
    std::vector<Held> held;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        auto& db = shards[s];
        auto groups = db.valuestream_begin(schema::slot_group);
        const auto groups_end = db.valuestream_end(schema::slot_group);
        for (auto v = db.valuestream_begin(schema::slot_version_signature);
             v != db.valuestream_end(schema::slot_version_signature); ++v) {
            VersionSignature sig;
            if (!decode_signature(*v, sig)) continue;  // unreadable: the transcript stays as it is
            Held h{s, {}};
            if (groups != groups_end) {
                groups.skip_to(v.get_docid());
                if (groups != groups_end && groups.get_docid() == v.get_docid()) h.group = *groups;
            }
            signatures.push_back(std::move(sig));
            held.push_back(std::move(h));
        }
    }
    stats.signatures = signatures.size();
    const auto groups = link_versions(signatures, options);
    for (std::size_t i = 0; i < signatures.size(); ++i) {
        if (!groups[i].empty()) ++stats.linked;
        if (groups[i] == held[i].group) continue;
        ++stats.rewritten;
        auto& db = shards[held[i].shard];
        const auto& id = signatures[i].id;
        const std::string id_term = schema::transcript_term(id);
        std::vector<Xapian::docid> passages(db.postlist_begin(id_term), db.postlist_end(id_term));
        for (const auto did : passages) {
            Xapian::Document doc = db.get_document(did);
            if (!held[i].group.empty()) {
                try {
                    doc.remove_term(schema::group_term(held[i].group));
                } catch (const Xapian::InvalidArgumentError&) {
                    // not there: nothing to remove
                }
            }
            if (!groups[i].empty()) doc.add_boolean_term(schema::group_term(groups[i]));
            doc.add_value(schema::slot_group, groups[i]);
            doc.add_value(schema::slot_collapse, schema::collapse_key(groups[i], id));
            db.replace_document(did, doc);
        }
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace dragoman
