// Rendering of a transcript's history and of a diff: JSON and plain text, every string sanitized.
#include "render/history_json.hpp"

#include "render/escape.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(sanitize(s)); }

json version_json(const HistoryVersion& v) {
    return {{"version", v.version},
            {"hash", sanitize(v.hash)},
            {"first_seen", sanitize(v.first_seen)},
            {"last_seen", sanitize(v.last_seen)},
            {"withdrawn", nullable(v.withdrawn)},
            {"restored", v.restored},
            {"changed_alone", nullable(v.changed_alone)}};
}

json unit_json(const DiffUnit& u) {
    json j = {{"op", diff_op_name(u.op)}, {"paragraph", u.paragraph}, {"speaker", one_line(u.speaker)}, {"text", sanitize(u.text)}};
    if (u.op == DiffOp::Changed) {
        j["old_text"] = sanitize(u.old_text);
        json words = json::array();
        for (const auto& w : u.words) words.push_back({{"op", diff_op_name(w.op)}, {"text", sanitize(w.text)}});
        j["words"] = std::move(words);
    }
    return j;
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

json history_json(const TranscriptHistory& h) {
    json versions = json::array();
    for (const auto& v : h.versions) versions.push_back(version_json(v));
    const HistoryVersion& first = h.versions.front();
    const HistoryVersion& last = h.versions.back();
    return {{"id", sanitize(h.id)},
            {"changes", h.changes()},
            {"first_seen", sanitize(first.first_seen)},
            {"last_seen", sanitize(last.last_seen)},
            {"withdrawn", nullable(last.withdrawn)},
            {"versions", std::move(versions)}};
}

json diff_json(const VersionDiff& d) {
    json fields = json::array();
    for (const auto& f : d.diff.fields) fields.push_back({{"field", f.field}, {"from", sanitize(f.from)}, {"to", sanitize(f.to)}});
    json units = json::array();
    for (const auto& u : d.diff.units) units.push_back(unit_json(u));
    return {{"id", sanitize(d.id)},
            {"from", version_json(d.from)},
            {"to", version_json(d.to)},
            {"inserted", d.diff.inserted},
            {"deleted", d.diff.deleted},
            {"changed", d.diff.changed},
            {"fields", std::move(fields)},
            {"units", std::move(units)}};
}

std::string history_text(const json& h) {
    std::string out = one_line(str(h, "id")) + ": changed " + std::to_string(h.value("changes", 0)) +
                      " times since first seen " + one_line(str(h, "first_seen")) + "\n";
    for (const auto& v : h.value("versions", json::array())) {
        out += "  version " + std::to_string(v.value("version", 0)) + "  seen " + one_line(str(v, "first_seen")) + " .. " +
               one_line(str(v, "last_seen"));
        if (!str(v, "withdrawn").empty()) out += "  withdrawn " + one_line(str(v, "withdrawn"));
        if (v.value("restored", false)) out += "  restored";
        if (!str(v, "changed_alone").empty()) out += "  changed in " + one_line(str(v, "changed_alone")) + " only";
        out += "\n";
    }
    return out;
}

std::string diff_text(const json& d) {
    std::string out = one_line(str(d, "id")) + ": version " + std::to_string(d["from"].value("version", 0)) + " → " +
                      std::to_string(d["to"].value("version", 0)) + "\n";
    for (const auto& f : d.value("fields", json::array()))
        out += one_line(str(f, "field")) + ": " + one_line(str(f, "from")) + " → " + one_line(str(f, "to")) + "\n";
    for (const auto& u : d.value("units", json::array())) {
        const std::string op = str(u, "op");
        if (op == "changed") {
            out += "~ ";
            for (const auto& w : u.value("words", json::array())) {
                const std::string o = str(w, "op");
                const std::string t = one_line(str(w, "text"));
                out += o == "inserted" ? "{+" + t + "+}" : o == "deleted" ? "[-" + t + "-]" : t;
            }
        } else {
            out += (op == "inserted" ? "+ " : op == "deleted" ? "- " : "  ") + one_line(str(u, "text"));
        }
        out += "\n";
    }
    return out;
}

}  // namespace dragoman::render
