// Plain-text articles with a ` date YYYY-MM-DD ` header: one record per file.
#include "ingest/dated_text_reader.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>

#include "ingest/line_source.hpp"
#include "ingest/paragraph_builder.hpp"
#include "ingest/path_parts.hpp"
#include "ingest/record_checks.hpp"
#include "ingest/text_position.hpp"

namespace dragoman {

namespace {

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool date_shaped(std::string_view s) {
    if (s.size() < 10) return false;
    for (std::size_t i = 0; i < 10; ++i) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return false;
        } else if (!is_digit(s[i])) {
            return false;
        }
    }
    return true;
}

bool blank_line(std::string_view line) {
    for (char c : line)
        if (!is_blank_char(c)) return false;
    return true;
}

/// Splits the body into paragraphs. With blank lines present they separate the
/// paragraphs and single line breaks are wrapping; without any, each line is a
/// paragraph (exports that write one paragraph per line).
std::string paragraphs_of(std::string_view body) {
    bool has_blank_line = false;
    bool seen_text = false;
    bool blank_after_text = false;
    for (std::size_t pos = 0; pos <= body.size() && !has_blank_line;) {
        auto nl = body.find('\n', pos);
        if (nl == std::string_view::npos) nl = body.size();
        if (blank_line(body.substr(pos, nl - pos))) {
            blank_after_text = seen_text;
        } else {
            has_blank_line = blank_after_text;
            seen_text = true;
        }
        pos = nl + 1;
    }
    ParagraphBuilder out;
    for (std::size_t pos = 0; pos <= body.size();) {
        auto nl = body.find('\n', pos);
        if (nl == std::string_view::npos) nl = body.size();
        const auto line = body.substr(pos, nl - pos);
        if (blank_line(line)) {
            out.end_paragraph();
        } else {
            out.append(line);
            out.append(" ");
            if (!has_blank_line) out.end_paragraph();
        }
        pos = nl + 1;
    }
    return out.take();
}

}  // namespace

std::optional<DatedTextReader::Header> DatedTextReader::parse_header(std::string_view content) {
    std::size_t i = 0;
    if (content.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < content.size() && is_blank_char(content[i])) ++i;
    const auto word = content.substr(i, 4);
    if (word != "date" && word != "Date" && word != "DATE") return std::nullopt;
    i += 4;
    if (i < content.size() && content[i] == ':') ++i;
    if (i >= content.size() || (content[i] != ' ' && content[i] != '\t')) return std::nullopt;
    while (i < content.size() && (content[i] == ' ' || content[i] == '\t')) ++i;
    if (!date_shaped(content.substr(i))) return std::nullopt;
    Header h;
    h.date = std::string(content.substr(i, 10));
    i += 10;
    if (i < content.size() && !is_blank_char(content[i])) return std::nullopt;  // "2020-05-301"
    if (i < content.size()) ++i;  // the one separator after the date
    h.body_offset = i;
    return h;
}

std::string DatedTextReader::title_of(std::string_view body, std::size_t max_chars) {
    std::size_t b = 0;
    while (b < body.size() && is_blank_char(body[b])) ++b;
    body.remove_prefix(b);
    // The first line; ICU then finds the end of its first sentence. Only a bounded
    // prefix is examined, so a huge single-line article costs nothing extra.
    auto line = body.substr(0, body.find('\n'));
    line = line.substr(0, std::min<std::size_t>(line.size(), 16 * max_chars + 64));
    std::string sentence(line);
    UErrorCode status = U_ZERO_ERROR;
    // `ss=standard` suppresses breaks after abbreviations such as "Mr." and "Dr.".
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_SUCCESS(status) && it) {
        const icu::UnicodeString u = icu::UnicodeString::fromUTF8(line);
        it->setText(u);
        it->first();
        const int32_t end = it->next();
        if (end != icu::BreakIterator::DONE && end < u.length()) {
            sentence.clear();
            u.tempSubString(0, end).toUTF8String(sentence);
        }
    }
    std::string title = collapse_whitespace(sentence);
    // A headline has no full stop; a first sentence used as one loses it.
    if (title.size() > 1 && title.back() == '.' && title[title.size() - 2] != '.') title.pop_back();
    return cut_at_word(title, max_chars);
}

void DatedTextReader::read(const std::string& path, const RecordSink& records,
                           const DiagnosticSink& diagnostics) const {
    const std::string content = read_file(path);
    if (content.size() > max_record_bytes) {
        diagnostics(Diagnostic{path, 1, 0, {},
                               "file of " + std::to_string(content.size()) + " bytes exceeds the record limit of " +
                                   std::to_string(max_record_bytes)});
        return;
    }
    Transcript t;
    t.id = "dated:" + file_stem(path);
    t.source = "dated_text";
    if (const auto bad = text_fault(content)) {
        const auto at = LineIndex(content).position(bad->offset);
        diagnostics(Diagnostic{path, at.line, at.column, t.id, bad->message});
        return;
    }
    std::string_view body = content;
    if (auto header = parse_header(content)) {
        t.date = header->date;
        body.remove_prefix(header->body_offset);
    } else {
        diagnostics(Diagnostic{path, 1, 1, t.id, "no ' date YYYY-MM-DD ' header; the article has no date",
                               Diagnostic::Severity::Warning});
        if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    }
    t.text = paragraphs_of(body);
    t.title = title_of(t.text);
    if (auto bad = check_record(t)) {
        diagnostics(Diagnostic{path, 1, 0, t.id, *bad});
        return;
    }
    records(std::move(t), RecordOrigin{path, 1});
}

}  // namespace dragoman
