// ParlaMint plain-text exports: speeches from the .txt, metadata from the -meta.tsv beside it.
#include "ingest/parlamint_txt_reader.hpp"

#include <unicode/locid.h>

#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "ingest/country_code.hpp"
#include "ingest/language_name.hpp"
#include "ingest/line_source.hpp"
#include "ingest/paragraph_builder.hpp"
#include "ingest/record_checks.hpp"
#include "ingest/text_position.hpp"
#include "schema/date.hpp"
#include "util/split_tabs.hpp"

namespace dragoman {

namespace {

namespace fs = std::filesystem;

/// Speech ids without the `.ana` the annotated version inserts (IT, NO samples).
std::string plain_id(std::string_view id) {
    std::string s(id);
    if (const auto at = s.find(".ana."); at != std::string::npos) s.erase(at, 4);
    return s;
}

/// "Sobotka, Wolfgang" → "Wolfgang Sobotka"; names without a comma stay as they are.
std::string forename_first(std::string_view name) {
    const auto comma = name.find(',');
    if (comma == std::string_view::npos) return collapse_whitespace(name);
    return collapse_whitespace(std::string(name.substr(comma + 1)) + " " + std::string(name.substr(0, comma)));
}

/// The party abbreviation of `;;ÖVP`-style values: the last non-empty part.
std::string party_of(std::string_view value) {
    std::string party;
    std::size_t pos = 0;
    while (pos <= value.size()) {
        auto semi = value.find(';', pos);
        if (semi == std::string_view::npos) semi = value.size();
        const auto part = collapse_whitespace(value.substr(pos, semi - pos));
        if (!part.empty() && part != "-") party = part;
        pos = semi + 1;
    }
    return party;
}

/// `text` without transcriber notes `[[...]]`.
std::string without_notes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find("[[", pos);
        if (open == std::string_view::npos) break;
        const auto close = text.find("]]", open + 2);
        if (close == std::string_view::npos) break;
        out.append(text.substr(pos, open - pos));
        out += ' ';
        pos = close + 2;
    }
    out.append(text.substr(pos));
    return collapse_whitespace(out);
}

/// The metadata file: column index by name, row by plain speech id.
struct Meta {
    std::unordered_map<std::string, std::size_t> columns;
    std::unordered_map<std::string, std::vector<std::string>> rows;

    [[nodiscard]] std::string get(const std::vector<std::string>& row, const char* column) const {
        const auto it = columns.find(column);
        if (it == columns.end() || it->second >= row.size()) return {};
        const std::string& v = row[it->second];
        return v == "-" ? std::string() : v;
    }
};

bool load_meta(const std::string& path, Meta& meta) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return false;
    LineSource source(path);
    std::string line;
    bool header = true;
    while (source.next(line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto cells = split_tabs(line);
        if (header) {
            for (std::size_t i = 0; i < cells.size(); ++i) meta.columns.emplace(std::string(cells[i]), i);
            header = false;
            continue;
        }
        const auto id_column = meta.columns.find("ID");
        if (id_column == meta.columns.end() || id_column->second >= cells.size()) continue;
        std::vector<std::string> row(cells.begin(), cells.end());
        meta.rows.emplace(plain_id(cells[id_column->second]), std::move(row));
    }
    return true;
}

/// The language of a monolingual parliament, for files without a `Lang` column
/// (BG, GR, LV): ICU's likely language of the country. Empty for regional and
/// multilingual parliaments, whose speeches are identified downstream instead.
std::string default_language(const std::string& code) {
    static constexpr std::string_view multilingual[] = {"BE", "CH", "LU", "CA", "FI", "IL"};
    if (code.size() != 2 || std::find(std::begin(multilingual), std::end(multilingual), code) != std::end(multilingual))
        return {};
    icu::Locale locale(("und_" + code).c_str());
    UErrorCode status = U_ZERO_ERROR;
    locale.addLikelySubtags(status);
    return U_SUCCESS(status) ? std::string(locale.getLanguage()) : std::string();
}

/// `ParlaMint-ES-CT_2022-07-20-3601` → {"ES-CT", "2022-07-20"}.
void from_file_name(const std::string& stem, std::string& code, std::string& date) {
    if (stem.rfind("ParlaMint-", 0) != 0) return;
    const auto underscore = stem.find('_', 10);
    if (underscore == std::string::npos) return;
    code = stem.substr(10, underscore - 10);
    if (stem.size() >= underscore + 11 && is_valid_date(stem.substr(underscore + 1, 10)))
        date = stem.substr(underscore + 1, 10);
}

}  // namespace

void ParlamintTxtReader::read(const std::string& path, const RecordSink& records,
                              const DiagnosticSink& diagnostics) const {
    LineSource source(path);
    fs::path p(path);
    if (p.extension() == ".gz") p.replace_extension();
    const std::string stem = p.stem().string();
    const std::string meta_path = (p.parent_path() / (stem + "-meta.tsv")).string();
    Meta meta;
    if (!load_meta(meta_path, meta))
        diagnostics(Diagnostic{path, 0, 0, {}, "no metadata file " + meta_path + "; speeches have no speaker",
                               Diagnostic::Severity::Warning});
    std::string code;
    std::string file_date;
    from_file_name(stem, code, file_date);
    const std::string country = iso3_country(code);
    const std::string fallback_language = meta.columns.count("Lang") > 0 ? std::string() : default_language(code);

    std::string line;
    while (source.next(line)) {
        const std::size_t line_number = source.line_number();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) {
            diagnostics(Diagnostic{path, line_number, 1, {}, "expected '<speech ID><TAB><text>'"});
            continue;
        }
        const std::string speech_id = line.substr(0, tab);
        Transcript t;
        // Some parliaments number speeches within the session only ("u2020-04-07-0"):
        // the session name keeps their ids unique.
        t.id = speech_id.rfind("ParlaMint-", 0) == 0 ? "parlamint:" + speech_id
                                                     : "parlamint:" + stem + ":" + speech_id;
        t.source = "parlamint";
        t.country = country;
        t.date = file_date;
        t.language = fallback_language;
        if (const auto bad = text_fault(line)) {
            diagnostics(Diagnostic{path, line_number, bad->offset + 1, t.id, bad->message});
            continue;
        }
        t.text = without_notes(std::string_view(line).substr(tab + 1));
        std::string session_title;
        std::string party;
        if (const auto it = meta.rows.find(plain_id(speech_id)); it != meta.rows.end()) {
            const auto& row = it->second;
            session_title = collapse_whitespace(meta.get(row, "Title"));
            if (const auto d = meta.get(row, "Date"); !d.empty()) t.date = d;
            if (meta.columns.count("Lang") > 0) t.language = language_code_for_name(meta.get(row, "Lang"));
            if (const auto name = forename_first(meta.get(row, "Speaker_name")); !name.empty())
                t.speakers.push_back(name);
            party = party_of(meta.get(row, "Speaker_party"));
        } else if (!meta.columns.empty()) {
            diagnostics(Diagnostic{path, line_number, 1, t.id, "speech not found in " + meta_path,
                                   Diagnostic::Severity::Warning});
        }
        if (session_title.empty()) session_title = stem;
        t.title = session_title;
        if (!t.speakers.empty()) {
            t.title += " \xE2\x80\x94 " + t.speakers.front();
            if (!party.empty()) t.title += " (" + party + ")";
        }
        if (auto bad = check_record(t)) {
            diagnostics(Diagnostic{path, line_number, 0, t.id, *bad});
            continue;
        }
        records(std::move(t), RecordOrigin{path, line_number});
    }
}

}  // namespace dragoman
