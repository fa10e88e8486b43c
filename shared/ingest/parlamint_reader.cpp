// ParlaMint TEI: one transcript per utterance, speakers resolved through the corpus root.
#include "ingest/parlamint_reader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <unordered_map>
#include <vector>

#include "ingest/country_code.hpp"
#include "ingest/line_source.hpp"
#include "ingest/paragraph_builder.hpp"
#include "ingest/path_parts.hpp"
#include "ingest/record_checks.hpp"
#include "ingest/text_position.hpp"
#include "schema/date.hpp"

namespace dragoman {

namespace {

namespace fs = std::filesystem;

/// What the corpus root tells about every session of a parliament.
struct CorpusRoot {
    std::string path;
    std::string parliament;                                ///< the parliament's name, in its language if given
    std::unordered_map<std::string, std::string> persons;  ///< person xml:id → "Forename Surname"
    fs::file_time_type modified;
    std::uintmax_t size = 0;
};

/// `<person>`'s display name: forenames then surnames, else the persName text.
std::string person_name(const pugi::xml_node& person) {
    const pugi::xml_node pers = person.child("persName");
    if (!pers) return {};
    std::string name;
    for (const char* part : {"forename", "surname"})
        for (const auto& n : pers.children(part)) {
            if (!name.empty()) name += ' ';
            append_collapsed(name, n.child_value());
            trim_trailing_space(name);
        }
    if (name.empty()) {
        for (const auto& n : pers.select_nodes(".//text()")) append_collapsed(name, n.node().value());
        trim_trailing_space(name);
    }
    return name;
}

/// The parliament's name: the `orgName` in the corpus language, else the last full
/// one (ParlaMint lists the English name first or marks every name English).
std::string parliament_name(const pugi::xml_node& org, const std::string& language) {
    std::string last_full;
    std::string last;
    for (const auto& n : org.children("orgName")) {
        const std::string text = collapse_whitespace(n.child_value());
        if (text.empty()) continue;
        if (!language.empty() && language == n.attribute("xml:lang").value()) return text;
        last = text;
        if (std::string_view(n.attribute("full").value()) == "yes") last_full = text;
    }
    return last_full.empty() ? last : last_full;
}

bool load_xml(const std::string& path, std::string& buffer, pugi::xml_document& doc) {
    buffer = read_file(path);
    return static_cast<bool>(doc.load_buffer_inplace(buffer.data(), buffer.size(), pugi::parse_default,
                                                     pugi::encoding_utf8));
}

/// Reads a corpus root and the person and organisation lists it includes.
std::shared_ptr<CorpusRoot> load_root(const fs::path& path, std::string& problem) {
    auto root = std::make_shared<CorpusRoot>();
    root->path = path.string();
    std::string buffer;
    pugi::xml_document doc;
    try {
        if (!load_xml(root->path, buffer, doc)) {
            problem = "corpus root " + root->path + " is not well-formed XML";
            return nullptr;
        }
    } catch (const std::exception& e) {
        problem = e.what();
        return nullptr;
    }
    const std::string language = doc.document_element().attribute("xml:lang").value();
    auto scan = [&](const pugi::xml_document& d) {
        for (const auto& p : d.select_nodes("//person")) {
            const pugi::xml_node person = p.node();
            const std::string id = person.attribute("xml:id").value();
            if (id.empty()) continue;
            std::string name = person_name(person);
            if (!name.empty()) root->persons.emplace(id, std::move(name));
        }
        if (root->parliament.empty())
            if (const auto org = d.select_node("//org[@role='parliament']"))
                root->parliament = parliament_name(org.node(), language);
    };
    scan(doc);
    // ParlaMint 3+ keeps the lists in files of their own, included from the root.
    for (const auto& inc : doc.select_nodes("//*[local-name()='include']")) {
        const std::string href = inc.node().attribute("href").value();
        if (href.find("listPerson") == std::string::npos && href.find("listOrg") == std::string::npos) continue;
        pugi::xml_document sub;
        std::string sub_buffer;  // the document points into it: scan while it lives
        try {
            if (load_xml((path.parent_path() / href).string(), sub_buffer, sub)) scan(sub);
        } catch (const std::exception&) {
            // A missing list costs names only: unresolved speakers are reported one by one.
        }
    }
    std::error_code ec;
    root->modified = fs::last_write_time(path, ec);
    root->size = fs::file_size(path, ec);
    return root;
}

/// The parliament code of a ParlaMint file name: `ParlaMint-ES-CT_2022-...` → `ES-CT`.
std::string parliament_code(const std::string& file_name) {
    if (file_name.rfind("ParlaMint-", 0) != 0) return {};
    const auto end = file_name.find_first_of("_.", 10);
    return end == std::string::npos ? std::string() : file_name.substr(10, end - 10);
}

/// The corpus root for a session file, read once per process and directory (and
/// again only when the root file changes). Null, with `problem` set, when none.
std::shared_ptr<const CorpusRoot> corpus_root(const fs::path& session, const std::string& code, std::string& problem) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<CorpusRoot>> cache;  // by root path
    if (code.empty()) {
        problem = "file name does not start with 'ParlaMint-XX_'; cannot find the corpus root";
        return nullptr;
    }
    const fs::path dir = session.parent_path().empty() ? fs::path(".") : session.parent_path();
    fs::path found;
    for (const fs::path& d : {dir, dir.parent_path()}) {
        for (const char* suffix : {".xml", ".ana.xml"}) {
            const fs::path candidate = d / ("ParlaMint-" + code + suffix);
            std::error_code ec;
            if (fs::is_regular_file(candidate, ec)) {
                found = candidate;
                break;
            }
        }
        if (!found.empty()) break;
    }
    if (found.empty()) {
        problem = "corpus root ParlaMint-" + code + ".xml not found beside the session file";
        return nullptr;
    }
    const std::string key = found.lexically_normal().string();
    std::error_code ec;
    const auto modified = fs::last_write_time(found, ec);
    const auto size = fs::file_size(found, ec);
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end() && it->second->modified == modified && it->second->size == size)
        return it->second;
    auto root = load_root(found, problem);
    if (root) cache[key] = root;
    return root;
}

/// The day of a TEI `when` attribute ("2018-07-07", "2018-07-07T14:00:00").
std::string day_of(std::string_view when) {
    if (when.size() < 10) return {};
    if (when.size() > 10 && when[10] != 'T') return {};
    return std::string(when.substr(0, 10));
}

bool whitespace_only(const char* s) {
    for (; *s != '\0'; ++s)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

/// Elements inside a segment that are not what was said: transcriber notes, gaps,
/// descriptions of sounds, gestures and incidents, and linguistic links.
bool not_spoken(std::string_view name) {
    static const std::set<std::string_view> names = {"note", "gap", "vocal", "kinesic", "incident", "desc",
                                                     "linkGrp", "link", "media", "anchor", "pb", "lb", "milestone"};
    return names.count(name) > 0;
}

/// Appends the spoken text below `node`. In annotated files (`<w>`/`<pc>` tokens)
/// layout white space between elements is ignored and tokens are spaced unless
/// marked `join="right"`.
void spoken_text(const pugi::xml_node& node, bool annotated, std::string& out, int depth = 0) {
    if (depth > 64) return;
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            if (annotated && whitespace_only(child.value())) continue;
            append_collapsed(out, child.value());
            continue;
        }
        if (child.type() != pugi::node_element) continue;
        const std::string_view name = child.name();
        if (not_spoken(name)) {
            append_collapsed(out, " ");
            continue;
        }
        if (name == "w" || name == "pc") {
            std::string token;
            for (const auto& t : child.children())
                if (t.type() == pugi::node_pcdata) token += t.value();
            if (token.empty()) spoken_text(child, annotated, token, depth + 1);
            append_collapsed(out, token);
            if (std::string_view(child.attribute("join").value()) != "right") append_collapsed(out, " ");
            continue;
        }
        spoken_text(child, annotated, out, depth + 1);
    }
}

std::string segment_text(const pugi::xml_node& seg) {
    const bool annotated = static_cast<bool>(seg.find_node([](const pugi::xml_node& n) {
        return n.type() == pugi::node_element && (std::string_view(n.name()) == "w" || std::string_view(n.name()) == "pc");
    }));
    std::string out;
    spoken_text(seg, annotated, out);
    trim_trailing_space(out);
    return out;
}

/// What the header of one TEI session says.
struct Session {
    std::string language;
    std::string date;
    std::string country;
    std::string url;
    std::string title;
    std::string code;
};

Session read_header(const pugi::xml_node& tei, const std::string& file_code) {
    Session s;
    s.language = tei.attribute("xml:lang").value();
    const pugi::xml_node header = tei.child("teiHeader");
    const pugi::xml_node setting = header.child("profileDesc").child("settingDesc").child("setting");
    s.date = day_of(setting.child("date").attribute("when").value());
    const pugi::xml_node bibl = header.child("fileDesc").child("sourceDesc").child("bibl");
    if (s.date.empty()) s.date = day_of(bibl.child("date").attribute("when").value());
    for (const auto& idno : bibl.children("idno"))
        if (std::string_view(idno.attribute("type").value()) == "URI") {
            s.url = collapse_whitespace(idno.child_value());
            break;
        }
    for (const auto& t : header.child("fileDesc").child("titleStmt").children("title")) {
        s.title = collapse_whitespace(t.child_value());
        if (std::string_view(t.attribute("type").value()) == "main") break;
    }
    s.code = file_code;
    const pugi::xml_node country = setting.find_child_by_attribute("name", "type", "country");
    if (s.code.empty()) s.code = country.attribute("key").value();
    s.country = iso3_country(s.code.empty() ? std::string(country.attribute("key").value()) : s.code);
    return s;
}

/// An utterance left out because its XML is broken.
struct BrokenUtterance {
    std::size_t error_offset = 0;
    std::string description;
    std::string id;  ///< its xml:id, when its start tag holds one
};

/// Parse attempts per file: each blanks one broken utterance and parses the whole
/// session again, so a file broken everywhere is given up on instead of reparsed
/// once per utterance.
constexpr std::size_t max_broken_utterances = 100;

/// True when an utterance's start tag `<u` begins at `at` (not `<unclear>` and the like).
bool utterance_tag_at(std::string_view text, std::size_t at) {
    if (text.compare(at, 2, "<u") != 0 || at + 2 >= text.size()) return false;
    const char next = text[at + 2];
    return next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '>' || next == '/';
}

/// The byte range of the `<u>` element that holds `offset`, from its start tag to the
/// end of its `</u>` (or to the next utterance's start tag when it is never closed), or
/// nullopt when the offset is in no utterance (the header, the body's structure).
std::optional<std::pair<std::size_t, std::size_t>> utterance_around(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t start = text.rfind("<u", offset);
    while (start != std::string_view::npos && !utterance_tag_at(text, start))
        start = start == 0 ? std::string_view::npos : text.rfind("<u", start - 1);
    if (start == std::string_view::npos) return std::nullopt;
    std::size_t next = text.find("<u", start + 2);
    while (next != std::string_view::npos && !utterance_tag_at(text, next)) next = text.find("<u", next + 2);
    const auto close = text.find("</u>", start);
    std::size_t end = close == std::string_view::npos ? text.size() : close + 4;
    if (next != std::string_view::npos && next < end) end = next;
    // The error must lie inside: a `</u>` may be where a mismatch inside it is noticed.
    if (offset >= end) return std::nullopt;
    return std::make_pair(start, end);
}

/// The xml:id in the start tag of the utterance at `span`, or empty.
std::string utterance_id(std::string_view text, std::pair<std::size_t, std::size_t> span) {
    const auto tag = text.substr(span.first, span.second - span.first);
    const auto tag_end = tag.find('>');
    const auto attr = tag.substr(0, tag_end).find("xml:id=");
    if (attr == std::string_view::npos || attr + 8 > tag.size()) return {};
    const char quote = tag[attr + 7];
    if (quote != '"' && quote != '\'') return {};
    const auto close = tag.find(quote, attr + 8);
    if (close == std::string_view::npos || close > tag_end) return {};
    return std::string(tag.substr(attr + 8, close - attr - 8));
}

}  // namespace

void ParlamintReader::read(const std::string& path, const RecordSink& records,
                           const DiagnosticSink& diagnostics) const {
    std::string content = read_file(path);
    const LineIndex lines(content);
    auto position = [&](std::ptrdiff_t offset) {
        return lines.position(static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)));
    };
    pugi::xml_document doc;
    // Parsing writes into its buffer, so each attempt gets a copy of `content`.
    std::string buffer = content;
    pugi::xml_parse_result parsed = doc.load_buffer_inplace(
        buffer.data(), buffer.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    std::vector<BrokenUtterance> broken;
    while (!parsed) {
        // An error inside one utterance (a NUL or stray '<' in its text, a tag left
        // open) costs that utterance only: it is blanked out and the session parsed again.
        const auto span = utterance_around(content, static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)));
        if (!span || broken.size() >= max_broken_utterances) {
            const auto at = position(broken.empty() ? parsed.offset : broken.front().error_offset);
            diagnostics(Diagnostic{path, at.line, at.column, {},
                                   "broken XML: " + (broken.empty() ? std::string(parsed.description())
                                                                    : broken.front().description)});
            return;
        }
        broken.push_back({static_cast<std::size_t>(parsed.offset), parsed.description(), utterance_id(content, *span)});
        for (std::size_t i = span->first; i < span->second; ++i)
            if (content[i] != '\n') content[i] = ' ';  // lines and offsets stay where they were
        buffer = content;
        parsed = doc.load_buffer_inplace(buffer.data(), buffer.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                                         pugi::encoding_utf8);
    }
    const pugi::xml_node top = doc.document_element();
    std::vector<pugi::xml_node> sessions;
    if (std::string_view(top.name()) == "TEI") {
        sessions.push_back(top);
    } else if (std::string_view(top.name()) == "teiCorpus") {
        // The corpus root: only includes, nothing to index. A corpus that embeds its
        // sessions is read like separate files.
        for (const auto& t : top.children("TEI")) sessions.push_back(t);
    } else {
        diagnostics(Diagnostic{path, 1, 0, {}, std::string("not a TEI document: root element <") + top.name() + ">"});
        return;
    }
    if (sessions.empty()) return;

    const std::string file_name = fs::path(path).filename().string();
    std::string code = parliament_code(file_name);
    if (code.empty()) code = parliament_code(top.attribute("xml:id").value());
    std::string problem;
    const auto root = corpus_root(fs::path(path), code, problem);
    if (!root)
        diagnostics(Diagnostic{path, 0, 0, {}, problem + "; speaker names are taken from their ids",
                               Diagnostic::Severity::Warning});
    std::set<std::string> unknown_reported;
    for (const auto& b : broken) {
        const auto at = position(static_cast<std::ptrdiff_t>(b.error_offset));
        const bool turkish = read_header(sessions.front(), code).code == "TR";
        diagnostics(Diagnostic{path, at.line, at.column,
                               b.id.empty() ? std::string() : (turkish ? "parlamint_tr:" : "parlamint:") + b.id,
                               "broken XML: " + b.description + "; the utterance is skipped"});
    }

    for (const auto& tei : sessions) {
        const Session session = read_header(tei, code);
        const bool turkish = session.code == "TR";
        const std::string prefix = turkish ? "parlamint_tr:" : "parlamint:";
        const std::string parliament =
            root && !root->parliament.empty() ? root->parliament
                                              : (session.title.empty() ? "ParlaMint-" + session.code : session.title);
        const pugi::xml_node text = tei.child("text");
        std::string default_language = text.attribute("xml:lang").value();
        if (default_language.empty()) default_language = session.language;

        for (const auto& found : text.select_nodes(".//u")) {
            const pugi::xml_node u = found.node();
            const auto at = lines.position(static_cast<std::size_t>(std::max<std::ptrdiff_t>(u.offset_debug(), 0)));
            const std::string uid = u.attribute("xml:id").value();
            Transcript t;
            bool accepted = false;
            try {
                if (uid.empty()) {
                    diagnostics(Diagnostic{path, at.line, at.column, {}, "utterance <u> without xml:id; skipped"});
                    continue;
                }
                t.id = prefix + uid;
                t.source = turkish ? "parlamint_tr" : "parlamint";
                t.language = session.language;
                t.date = session.date;
                t.country = session.country;
                t.url = session.url;

                std::string who = u.attribute("who").value();
                who = who.substr(0, who.find(' '));
                if (!who.empty() && who[0] == '#') who.erase(0, 1);
                std::string speaker;
                if (!who.empty()) {
                    if (root) {
                        if (auto it = root->persons.find(who); it != root->persons.end()) speaker = it->second;
                    }
                    if (speaker.empty()) {
                        speaker = who;
                        std::replace(speaker.begin(), speaker.end(), '.', ' ');
                        if (root && unknown_reported.insert(who).second)
                            diagnostics(Diagnostic{path, at.line, at.column, t.id,
                                                   "speaker '#" + who + "' is not in the corpus root's person list",
                                                   Diagnostic::Severity::Warning});
                    }
                    t.speakers.push_back(speaker);
                }

                std::string u_language = u.attribute("xml:lang").value();
                if (u_language.empty()) u_language = default_language;
                ParagraphBuilder all;
                ParagraphBuilder turn_text;
                std::string turn_language;
                auto close_turn = [&] {
                    std::string s = turn_text.take();
                    if (!s.empty()) t.turns.push_back(Turn{speaker, std::move(s), turn_language});
                };
                bool any_seg = false;
                for (const auto& seg : u.children("seg")) {
                    any_seg = true;
                    std::string seg_language = seg.attribute("xml:lang").value();
                    if (seg_language.empty()) seg_language = u_language;
                    const std::string para = segment_text(seg);
                    if (para.empty()) continue;
                    if (seg_language != turn_language) {
                        close_turn();
                        turn_language = seg_language;
                    }
                    turn_text.add(para);
                    all.add(para);
                }
                if (!any_seg) {  // an utterance written without segments
                    const std::string para = segment_text(u);
                    turn_language = u_language;
                    turn_text.add(para);
                    all.add(para);
                }
                close_turn();
                t.text = all.take();
                if (t.text.empty()) {
                    diagnostics(Diagnostic{path, at.line, at.column, t.id, "utterance has no text"});
                    continue;
                }
                if (t.turns.size() == 1 && t.turns.front().language == t.language) t.turns.front().language.clear();
                t.title = parliament + (t.date.empty() ? std::string() : ", " + t.date) +
                          (speaker.empty() ? std::string() : " \xE2\x80\x94 " + speaker);
                if (auto bad = check_record(t)) {
                    diagnostics(Diagnostic{path, at.line, at.column, t.id, *bad});
                    continue;
                }
                accepted = true;
            } catch (const std::exception& e) {
                diagnostics(Diagnostic{path, at.line, at.column, prefix + uid, e.what()});
            }
            // Outside the try: a failure of the sink (the indexer's disk is full) is not this
            // utterance's fault and must stop the read, not reject every utterance after it.
            if (accepted) records(std::move(t), RecordOrigin{path, at.line});
        }
    }
}

}  // namespace dragoman
