// The version pass over a generation: signatures from value slot 11, links, and the
// rewrite of slot 9, slot 10 and the XG term where a transcript's group changed.
#include "index/version_pass.hpp"

#include <chrono>
#include <string>

#include "schema/schema.hpp"

namespace dragoman {

void read_signatures(const Xapian::Database& db, std::size_t database, std::vector<HeldSignature>& out) {
    auto groups = db.valuestream_begin(schema::slot_group);
    const auto groups_end = db.valuestream_end(schema::slot_group);
    for (auto v = db.valuestream_begin(schema::slot_version_signature); v != db.valuestream_end(schema::slot_version_signature);
         ++v) {
        HeldSignature h;
        if (!decode_signature(*v, h.signature)) continue;  // unreadable: the transcript stays as it is
        h.database = database;
        if (groups != groups_end) {
            groups.skip_to(v.get_docid());
            if (groups != groups_end && groups.get_docid() == v.get_docid()) h.group = *groups;
        }
        out.push_back(std::move(h));
    }
}

std::vector<GroupChange> version_changes(std::vector<HeldSignature> held, const LinkOptions& options,
                                         VersionPassStats& stats) {
    std::vector<VersionSignature> signatures;
    signatures.reserve(held.size());
    for (auto& h : held) signatures.push_back(std::move(h.signature));
    stats.signatures = signatures.size();
    const auto groups = link_versions(signatures, options);
    std::vector<GroupChange> changes;
    for (std::size_t i = 0; i < signatures.size(); ++i) {
        if (!groups[i].empty()) ++stats.linked;
        if (groups[i] == held[i].group) continue;
        changes.push_back(GroupChange{held[i].database, std::move(signatures[i].id), std::move(held[i].group), groups[i]});
    }
    stats.rewritten = changes.size();
    return changes;
}

void apply_group_change(Xapian::WritableDatabase& db, const GroupChange& change) {
    const std::string id_term = schema::transcript_term(change.id);
    const std::vector<Xapian::docid> passages(db.postlist_begin(id_term), db.postlist_end(id_term));
    for (const auto did : passages) {
        Xapian::Document doc = db.get_document(did);
        if (!change.from.empty()) {
            try {
                doc.remove_term(schema::group_term(change.from));
            } catch (const Xapian::InvalidArgumentError&) {
                // not there: nothing to remove
            }
        }
        if (!change.to.empty()) doc.add_boolean_term(schema::group_term(change.to));
        doc.add_value(schema::slot_group, change.to);
        doc.add_value(schema::slot_collapse, schema::collapse_key(change.to, change.id, doc.get_value(schema::slot_copy)));
        db.replace_document(did, doc);
    }
}

VersionPassStats apply_version_links(std::vector<Xapian::WritableDatabase>& shards, const LinkOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    VersionPassStats stats;
    std::vector<HeldSignature> held;
    for (std::size_t s = 0; s < shards.size(); ++s) read_signatures(shards[s], s, held);
    for (const auto& change : version_changes(std::move(held), options, stats)) apply_group_change(shards[change.database], change);
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace dragoman
