// CSV, JSON Lines, RIS and BibTeX exports of the passages of a search.
#include "render/export.hpp"

#include <cstdio>

#include "render/csv.hpp"
#include "render/escape.hpp"
#include "util/fnv1a.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

/// The facts of an export as name, value pairs (values as given; each format escapes them).
std::vector<std::pair<std::string, std::string>> facts(const ExportHead& h) {
    std::vector<std::pair<std::string, std::string>> out{{"query", h.search.query}};
    for (auto& [name, value] : request_filters(h.search)) out.emplace_back(std::string(name), std::move(value));
    out.emplace_back("sort", std::string(sort_order_name(h.search.sort)));
    out.emplace_back("generation", h.start.generation);
    // Past the limit the count is Xapian's estimate.
    out.emplace_back("matches", h.start.cut ? "more than " + std::to_string(h.limit) + " (about " +
                                                  std::to_string(h.start.matches) + ")"
                                            : std::to_string(h.start.matches));
    out.emplace_back("limit", std::to_string(h.limit));
    out.emplace_back("exported", h.context.accessed);
    return out;
}

/// The facts as one sentence, for RIS notes and BibTeX comments.
std::string facts_line(const ExportHead& h) {
    std::string out = "Dragoman export:";
    for (const auto& [name, value] : facts(h)) out += " " + name + "=" + one_line(value) + ";";
    out.back() = '.';
    return out;
}

/// Why an export is not complete ("" when it is).
std::string cut_reason(const PassageWalkEnd& end, std::string_view error) {
    if (!error.empty()) return "error";
    if (end.timed_out) return "time";
    if (end.cut) return "limit";
    if (end.stopped) return "stopped";
    return {};
}

std::string cut_sentence(const PassageWalkEnd& end, std::string_view error) {
    const std::string reason = cut_reason(end, error);
    std::string out = "Dragoman export cut short after " + std::to_string(end.passages) + " passages: ";
    if (reason == "error") return out + "an error: " + one_line(error) + ".";
    if (reason == "time") return out + "the time limit ran out.";
    if (reason == "limit") return out + "more passages matched than an export holds.";
    return out + "it was stopped.";
}

/// The permalink of a passage: its URL when the base is known, else its path.
std::string permalink_of(const CitedPassage& p, const CiteContext& c) {
    const std::string url = permalink_url(p.passage_id, c);
    return url.empty() ? permalink_path(p.passage_id) : url;
}

std::string language_of(const CitedPassage& p) { return p.passage_language.empty() ? p.language : p.passage_language; }

// ---------------------------------------------------------------- RIS

/// One RIS line: tag, two spaces, hyphen, space, the value on one line.
std::string ris_line(std::string_view tag, std::string_view value) {
    return std::string(tag) + "  - " + one_line(value) + "\r\n";
}

std::string ris_record(const CitedPassage& p, const ExportHead& h) {
    const json csl = citation_csl(p, h.context);
    std::string out = ris_line("TY", "GEN");
    out += ris_line("ID", p.passage_id);
    out += ris_line("TI", csl.value("title", ""));
    if (csl.contains("author")) out += ris_line("AU", csl["author"][0].value("literal", ""));
    if (csl.contains("issued")) {
        const auto& parts = csl["issued"]["date-parts"][0];
        std::string da;
        char buf[8];
        for (std::size_t i = 0; i < 3; ++i) {
            if (i < parts.size()) {
                std::snprintf(buf, sizeof buf, i == 0 ? "%04d" : "%02d", parts[i].get<int>());
                da += buf;
            }
            da += "/";
        }
        out += ris_line("PY", std::to_string(parts[0].get<int>()));
        out += ris_line("DA", da);
    }
    if (!p.source.empty()) out += ris_line("PB", p.source);
    if (!p.country.empty()) out += ris_line("CY", p.country);
    if (const auto lang = language_of(p); !lang.empty()) out += ris_line("LA", lang);
    out += ris_line("UR", permalink_of(p, h.context));
    if (!p.url.empty()) out += ris_line("L2", p.url);
    out += ris_line("AB", p.text);
    out += ris_line("N1", citation_text(p, h.context));
    out += ris_line("N1", facts_line(h));
    out += "ER  - \r\n";
    return out;
}

// ---------------------------------------------------------------- BibTeX

/// A BibTeX field value, braced: sanitized, on one line, and every character that BibTeX
/// or LaTeX reads as markup written as a LaTeX command, so that no text becomes a command
/// and braces stay balanced: a brace of the text that pairs with another is escaped
/// (`\{`, `\}`, which BibTeX counts and pandoc reads as the brace), one that does not is
/// written \textbraceleft{} or \textbraceright{}.
std::string bib_value(std::string_view text) {
    const std::string clean = one_line(text);
    std::vector<bool> paired(clean.size(), false);
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < clean.size(); ++i) {
        if (clean[i] == '{') open.push_back(i);
        if (clean[i] == '}' && !open.empty()) {
            paired[i] = paired[open.back()] = true;
            open.pop_back();
        }
    }
    std::string out = "{";
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const char c = clean[i];
        switch (c) {
            case '{': out += paired[i] ? "\\{" : "\\textbraceleft{}"; break;
            case '}': out += paired[i] ? "\\}" : "\\textbraceright{}"; break;
            case '\\': out += "\\textbackslash{}"; break;
            case '%': out += "\\%"; break;
            case '#': out += "\\#"; break;
            case '&': out += "\\&"; break;
            case '$': out += "\\$"; break;
            case '_': out += "\\_"; break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            default: out += c;
        }
    }
    out += "}";
    return out;
}

/// A URL as a BibTeX `url` field, which readers take verbatim: braced, with the characters
/// that would end or break the field percent-encoded.
std::string bib_url(std::string_view url) {
    std::string out = "{";
    for (char c : one_line(url)) {
        if (c == '{' || c == '}' || c == '\\' || c == ' ' || c == '"') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "}";
}

/// A citation key from a passage id: its letters, digits and `:-_.` kept, anything else
/// made `_`, with the id's hash appended when a character was replaced, so that keys stay
/// one per passage.
std::string bib_key(std::string_view passage_id) {
    std::string key;
    bool replaced = false;
    for (unsigned char c : passage_id) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' ||
                          c == '-' || c == '_' || c == '.';
        key += keep ? static_cast<char>(c) : '_';
        replaced = replaced || !keep;
    }
    if (key.empty() || replaced) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "-%016llx", static_cast<unsigned long long>(fnv1a64(passage_id)));
        key += buf;
    }
    return key;
}

std::string bib_entry(const CitedPassage& p, const ExportHead& h) {
    static constexpr const char* months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                             "jul", "aug", "sep", "oct", "nov", "dec"};
    const json csl = citation_csl(p, h.context);
    std::string out = "@misc{" + bib_key(p.passage_id) + ",\n";
    auto field = [&](std::string_view name, const std::string& value) {
        if (!value.empty()) out += "  " + std::string(name) + " = " + value + ",\n";
    };
    // Braced twice: BibTeX styles and pandoc change the case of a title's words otherwise.
    field("title", "{" + bib_value(csl.value("title", "")) + "}");
    // A literal name: double braces keep BibTeX from splitting it into first and last names.
    if (csl.contains("author")) field("author", "{" + bib_value(csl["author"][0].value("literal", "")) + "}");
    if (csl.contains("issued")) {
        const auto& parts = csl["issued"]["date-parts"][0];
        field("year", std::to_string(parts[0].get<int>()));
        if (parts.size() > 1) field("month", months[parts[1].get<int>() - 1]);
        if (parts.size() > 2) field("day", std::to_string(parts[2].get<int>()));
    }
    if (!p.source.empty()) field("publisher", bib_value(p.source));
    if (!p.country.empty()) field("address", bib_value(p.country));
    if (const auto lang = language_of(p); !lang.empty()) field("language", bib_value(lang));
    field("url", bib_url(permalink_of(p, h.context)));
    field("abstract", bib_value(p.text));
    out += "  note = " + bib_value(citation_text(p, h.context)) + "\n}\n\n";
    return out;
}

// ---------------------------------------------------------------- CSV and JSON Lines

std::vector<std::string> csv_record(const CitedPassage& p, const CiteContext& c) {
    return {p.passage_id, p.transcript_id, p.date,  p.speaker,          p.country,           p.source,
            language_of(p), p.title,       p.text,  permalink_of(p, c), p.url, citation_text(p, c)};
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

}  // namespace

namespace {

/// Each format's name, media type and file name extension, in ExportFormat's order.
struct FormatInfo {
    ExportFormat format;
    std::string_view name, content_type, extension;
};
constexpr FormatInfo formats[] = {
    {ExportFormat::Csv, "csv", "text/csv; charset=utf-8", "csv"},
    {ExportFormat::Jsonl, "jsonl", "application/jsonl; charset=utf-8", "jsonl"},
    {ExportFormat::Ris, "ris", "application/x-research-info-systems; charset=utf-8", "ris"},
    {ExportFormat::Bibtex, "bibtex", "application/x-bibtex; charset=utf-8", "bib"},
};

static_assert(formats[0].format == ExportFormat::Csv && formats[1].format == ExportFormat::Jsonl &&
              formats[2].format == ExportFormat::Ris && formats[3].format == ExportFormat::Bibtex);

const FormatInfo& info(ExportFormat f) { return formats[static_cast<std::size_t>(f)]; }

}  // namespace

std::optional<ExportFormat> export_format(std::string_view name) {
    for (const auto& f : formats)
        if (f.name == name) return f.format;
    return std::nullopt;
}

std::string_view export_format_name(ExportFormat f) { return info(f).name; }

std::string_view export_content_type(ExportFormat f) { return info(f).content_type; }

std::string_view export_extension(ExportFormat f) { return info(f).extension; }

const std::vector<std::string>& export_csv_columns() {
    static const std::vector<std::string> columns{"passage_id", "transcript_id", "date",      "speaker",
                                                  "country",    "source",        "language",  "title",
                                                  "text",       "permalink",     "url",       "citation"};
    return columns;
}

std::string export_head(ExportFormat format, const ExportHead& h) {
    switch (format) {
        case ExportFormat::Csv: {
            std::vector<std::string> cells{"dragoman-export"};
            for (const auto& [name, value] : facts(h)) {
                cells.push_back(name);
                cells.push_back(value);
            }
            return csv_line(cells) + csv_line(export_csv_columns());
        }
        case ExportFormat::Jsonl: {
            json filters = json::object();
            for (const auto& [name, value] : request_filters(h.search)) filters[std::string(name)] = sanitize(value);
            return dump({{"export",
                          {{"format", "jsonl"},
                           {"query", sanitize(h.search.query)},
                           {"filters", std::move(filters)},
                           {"sort", sort_order_name(h.search.sort)},
                           {"generation", sanitize(h.start.generation)},
                           {"matches", h.start.matches},
                           {"more", h.start.cut},
                           {"limit", h.limit},
                           {"exported", sanitize(h.context.accessed)}}}});
        }
        case ExportFormat::Ris: return {};
        case ExportFormat::Bibtex: return "@comment{" + bib_value(facts_line(h)) + "}\n\n";
    }
    return {};
}

std::string export_passage(ExportFormat format, const CitedPassage& p, const ExportHead& h) {
    switch (format) {
        case ExportFormat::Csv: return csv_line(csv_record(p, h.context));
        case ExportFormat::Jsonl: return dump(cited_passage_json(p, h.context));
        case ExportFormat::Ris: return ris_record(p, h);
        case ExportFormat::Bibtex: return bib_entry(p, h);
    }
    return {};
}

std::string export_tail(ExportFormat format, const PassageWalkEnd& end, std::string_view error) {
    const std::string reason = cut_reason(end, error);
    switch (format) {
        case ExportFormat::Csv:
            return csv_line({"dragoman-export-end", "passages", std::to_string(end.passages), "complete",
                             reason.empty() ? "yes" : "no", "cut", reason, "message", one_line(error)});
        case ExportFormat::Jsonl: {
            json e = {{"passages", end.passages}, {"complete", reason.empty()},
                      {"cut", reason.empty() ? json(nullptr) : json(reason)}};
            if (!error.empty()) e["error"] = one_line(error);
            return dump({{"end", std::move(e)}});
        }
        case ExportFormat::Ris:
            if (reason.empty()) return {};
            return ris_line("TY", "GEN") + ris_line("TI", cut_sentence(end, error)) + "ER  - \r\n";
        case ExportFormat::Bibtex:
            return "@comment{" +
                   bib_value(reason.empty() ? "Dragoman export complete: " + std::to_string(end.passages) + " passages."
                                            : cut_sentence(end, error)) +
                   "}\n";
    }
    return {};
}

}  // namespace dragoman::render
