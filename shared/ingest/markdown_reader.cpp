// Markdown with YAML front matter: one transcript per file, turns kept as labelled paragraphs.
#include "ingest/markdown_reader.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "ingest/line_source.hpp"
#include "ingest/paragraph_builder.hpp"
#include "ingest/path_parts.hpp"
#include "ingest/record_checks.hpp"
#include "ingest/text_position.hpp"
#include "text/utf8.hpp"
#include "schema/date.hpp"

namespace dragoman {

namespace {

// ---------------------------------------------------------------- inline syntax

bool is_ascii_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

bool is_space_char(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_alpha_ascii(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_alnum_ascii(char c) { return is_alpha_ascii(c) || (c >= '0' && c <= '9'); }

/// Appends code point `c` as UTF-8 (invalid code points become U+FFFD).
void append_utf8(std::string& out, UChar32 c) {
    if (c <= 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
    if (!error) out.append(buf, static_cast<std::size_t>(len));
}

/// Decodes an HTML entity at `s[i]` (which is '&') into `out`; returns the bytes
/// consumed, or 0 when it is not an entity we know (the '&' is then literal).
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out) {
    const auto semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 10) return 0;
    const auto name = s.substr(i + 1, semi - i - 1);
    if (name.size() > 1 && name[0] == '#') {
        UChar32 c = 0;
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const auto digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        for (char d : digits) {
            int v;
            if (d >= '0' && d <= '9') v = d - '0';
            else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
            else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
            else return 0;
            c = c * (hex ? 16 : 10) + v;
            if (c > 0x10FFFF) return 0;
        }
        append_utf8(out, c);
        return semi - i + 1;
    }
    struct Named {
        std::string_view name;
        std::string_view text;
    };
    static constexpr std::array<Named, 12> named = {{{"amp", "&"},
                                                      {"lt", "<"},
                                                      {"gt", ">"},
                                                      {"quot", "\""},
                                                      {"apos", "'"},
                                                      {"nbsp", "\xC2\xA0"},
                                                      {"mdash", "\xE2\x80\x94"},
                                                      {"ndash", "\xE2\x80\x93"},
                                                      {"rsquo", "\xE2\x80\x99"},
                                                      {"lsquo", "\xE2\x80\x98"},
                                                      {"rdquo", "\xE2\x80\x9D"},
                                                      {"ldquo", "\xE2\x80\x9C"}}};
    for (const auto& e : named)
        if (e.name == name) {
            out += e.text;
            return semi - i + 1;
        }
    return 0;
}

/// Length of an HTML tag at `s[i]` ('<'), or 0 when it is not one; sets the tag's
/// lower-cased name and whether it closes.
std::size_t html_tag_at(std::string_view s, std::size_t i, std::string& tag_name, bool& closing) {
    std::size_t j = i + 1;
    closing = j < s.size() && s[j] == '/';
    if (closing) ++j;
    if (j >= s.size() || !is_alpha_ascii(s[j])) return 0;
    tag_name.clear();
    while (j < s.size() && (is_alnum_ascii(s[j]) || s[j] == '-')) {
        tag_name += static_cast<char>(s[j] | 0x20);
        ++j;
    }
    if (j < s.size() && !is_space_char(s[j]) && s[j] != '>' && s[j] != '/') return 0;
    // Attributes up to '>', quoted values may hold '>'.
    char quote = 0;
    for (std::size_t k = j; k < s.size() && k - i < 2000; ++k) {
        const char c = s[k];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '<') {
            return 0;
        } else if (c == '>') {
            return k - i + 1;
        }
    }
    return 0;
}

/// Index of the ']' closing the '[' at `s[i]`, honouring nesting and escapes.
std::size_t matching_bracket(std::string_view s, std::size_t i) {
    int depth = 0;
    for (std::size_t k = i; k < s.size(); ++k) {
        if (s[k] == '\\') {
            ++k;
        } else if (s[k] == '[') {
            ++depth;
        } else if (s[k] == ']') {
            if (--depth == 0) return k;
        }
    }
    return std::string_view::npos;
}

/// Index of the ')' closing the '(' at `s[i]`, allowing balanced parentheses in URLs.
std::size_t matching_paren(std::string_view s, std::size_t i) {
    int depth = 0;
    for (std::size_t k = i; k < s.size(); ++k) {
        if (s[k] == '\\') {
            ++k;
        } else if (s[k] == '(') {
            ++depth;
        } else if (s[k] == ')') {
            if (--depth == 0) return k;
        } else if (s[k] == '\n' && k + 1 < s.size() && s[k + 1] == '\n') {
            return std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

/// Kind of the character next to a delimiter run, as CommonMark's flanking rules
/// need it. Bytes of multi-byte UTF-8 sequences count as letters.
enum class Side { Space, Punct, Other };

Side side_of(std::string_view s, std::size_t i, bool before) {
    if (before ? i == 0 : i >= s.size()) return Side::Space;
    const char c = s[before ? i - 1 : i];
    if (is_space_char(c)) return Side::Space;
    if (is_ascii_punct(c)) return Side::Punct;
    return Side::Other;
}

std::string strip_inline_impl(std::string_view s, int depth);

/// Handles `[text](url)`, `[text][ref]` and `![alt](src)` at `s[i]` ('[' or '!');
/// returns bytes consumed, 0 when the bracket is literal.
std::size_t link_at(std::string_view s, std::size_t i, std::string& out, int depth) {
    const std::size_t open = s[i] == '!' ? i + 1 : i;
    if (open >= s.size() || s[open] != '[') return 0;
    const auto close = matching_bracket(s, open);
    if (close == std::string_view::npos || close + 1 >= s.size()) return 0;
    std::size_t end;
    if (s[close + 1] == '(') {
        end = matching_paren(s, close + 1);
    } else if (s[close + 1] == '[') {
        end = s.find(']', close + 2);
        if (end != std::string_view::npos && s.substr(close + 2, end - close - 2).find('\n') != std::string_view::npos)
            end = std::string_view::npos;
    } else {
        return 0;
    }
    if (end == std::string_view::npos) return 0;
    out += strip_inline_impl(s.substr(open + 1, close - open - 1), depth + 1);
    return end - i + 1;
}

std::string strip_inline_impl(std::string_view s, int depth) {
    std::string out;
    out.reserve(s.size());
    std::string tag;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && (is_ascii_punct(s[i + 1]) || s[i + 1] == '\n')) {
            out += s[i + 1] == '\n' ? ' ' : s[i + 1];  // a backslash before a newline is a hard break
            i += 2;
        } else if (c == '`') {
            std::size_t n = 0;
            while (i + n < s.size() && s[i + n] == '`') ++n;
            const auto fence = s.substr(i, n);
            const auto end = s.find(fence, i + n);
            if (end == std::string_view::npos) {
                out += fence;
                i += n;
            } else {
                out += s.substr(i + n, end - i - n);
                i = end + n;
            }
        } else if ((c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) && depth < 8) {
            if (const auto used = link_at(s, i, out, depth)) {
                i += used;
            } else {
                out += c;
                ++i;
            }
        } else if (c == '<') {
            bool closing = false;
            if (s.substr(i, 4) == "<!--") {
                const auto end = s.find("-->", i + 4);
                i = end == std::string_view::npos ? s.size() : end + 3;
                continue;
            }
            // Autolinks keep their address.
            const auto gt = s.find('>', i);
            const auto inner = gt == std::string_view::npos ? std::string_view() : s.substr(i + 1, gt - i - 1);
            if ((inner.substr(0, 7) == "http://" || inner.substr(0, 8) == "https://" || inner.substr(0, 7) == "mailto:") &&
                inner.find_first_of(" \n<") == std::string_view::npos) {
                out += inner;
                i = gt + 1;
                continue;
            }
            const auto used = html_tag_at(s, i, tag, closing);
            if (used == 0) {
                out += c;
                ++i;
                continue;
            }
            i += used;
            if (tag == "br" || tag == "p" || tag == "div") out += ' ';
            if (!closing && (tag == "s" || tag == "del" || tag == "strike")) {
                // Struck-out words are what the transcript corrects: drop them.
                const std::string close = "</" + tag;
                std::size_t k = i;
                while (k < s.size()) {
                    k = s.find(close, k);
                    if (k == std::string_view::npos) break;
                    std::string t2;
                    bool cl = false;
                    if (const auto n = html_tag_at(s, k, t2, cl); n > 0 && t2 == tag) {
                        i = k + n;
                        break;
                    }
                    ++k;
                }
            }
        } else if (c == '&') {
            if (const auto used = decode_entity(s, i, out)) {
                i += used;
            } else {
                out += c;
                ++i;
            }
        } else if (c == '*' || c == '_' || c == '~') {
            std::size_t n = 0;
            while (i + n < s.size() && s[i + n] == c) ++n;
            if (c == '~' && n < 2) {
                out += c;
                ++i;
                continue;
            }
            const Side before = side_of(s, i, true);
            const Side after = side_of(s, i + n, false);
            const bool left = after != Side::Space && (after != Side::Punct || before != Side::Other);
            const bool right = before != Side::Space && (before != Side::Punct || after != Side::Other);
            bool marker = left || right;
            // `_` inside a word (snake_case, file_name) is a letter, not emphasis.
            if (c == '_' && before == Side::Other && after == Side::Other) marker = false;
            if (!marker) out.append(s.substr(i, n));
            i += n;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

// ---------------------------------------------------------------- labels

constexpr std::array<std::string_view, 6> audience_labels = {"Q", "STAFF", "AUDIENCE", "PARTICIPANT", "PARTICIPANTS",
                                                             "END"};

/// True for labels that name the questioner or the room rather than a speaker.
bool audience_label(std::string_view label) {
    const auto first_word = label.substr(0, label.find(' '));
    return std::find(audience_labels.begin(), audience_labels.end(), first_word) != audience_labels.end();
}

// ---------------------------------------------------------------- block structure

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// A line of nothing but white space (Unicode spaces included) ends a paragraph.
bool blank(std::string_view line) { return collapse_whitespace(line).empty(); }

/// `---`, `***`, `___`, `* * *`: three or more of one marker and nothing else.
bool thematic_break(std::string_view line) {
    line = trim(line);
    if (line.empty() || (line[0] != '-' && line[0] != '*' && line[0] != '_')) return false;
    std::size_t n = 0;
    for (char c : line) {
        if (c == line[0]) ++n;
        else if (c != ' ' && c != '\t') return false;
    }
    return n >= 3;
}

bool setext_underline(std::string_view line) {
    line = trim(line);
    if (line.empty() || (line[0] != '=' && line[0] != '-')) return false;
    return line.find_first_not_of(line[0]) == std::string_view::npos;
}

/// Width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) at the start of `line`
/// (after indentation), or 0. `interrupting` restricts ordered lists to those
/// starting at 1, as a list may only interrupt a paragraph that way.
std::size_t list_marker(std::string_view line, bool interrupting) {
    std::size_t i = 0;
    while (i < line.size() && i < 4 && line[i] == ' ') ++i;
    if (i >= line.size()) return 0;
    if ((line[i] == '-' || line[i] == '*' || line[i] == '+') && i + 1 < line.size() &&
        (line[i + 1] == ' ' || line[i + 1] == '\t'))
        return i + 2;
    std::size_t j = i;
    while (j < line.size() && j - i < 9 && line[j] >= '0' && line[j] <= '9') ++j;
    if (j == i || j + 1 >= line.size() || (line[j] != '.' && line[j] != ')') || (line[j + 1] != ' ' && line[j + 1] != '\t'))
        return 0;
    if (interrupting && line.substr(i, j - i) != "1") return 0;
    return j + 2;
}

/// Collects a paragraph's raw lines and turns each finished paragraph into text.
class BodyBuilder {
public:
    void line(std::string_view l) {
        if (!m_raw.empty()) m_raw += '\n';
        m_raw += l;
    }
    [[nodiscard]] bool open() const { return !m_raw.empty(); }
    void end() {
        if (m_raw.empty()) return;
        std::string para = collapse_whitespace(MarkdownReader::strip_inline(m_raw));
        m_raw.clear();
        if (para.empty()) return;
        const std::string label = MarkdownReader::turn_label(para);
        if (!label.empty()) {
            // "Q  text" and "Q. text" become "Q: text"; others already read "LABEL: text".
            if (label == "Q" && para.compare(0, 2, "Q:") != 0) {
                auto rest = trim(std::string_view(para).substr(1));
                if (!rest.empty() && rest[0] == '.') rest = trim(rest.substr(1));
                if (!rest.empty()) para = "Q: " + std::string(rest);
            }
            if (!audience_label(label) && std::find(m_speakers.begin(), m_speakers.end(), label) == m_speakers.end())
                m_speakers.push_back(label);
        }
        if (m_first_heading.empty() && m_heading) m_first_heading = para;
        m_heading = false;
        m_text.add(para);
    }
    void heading(std::string_view text) {
        end();
        m_heading = true;
        line(text);
        end();
    }
    std::string take_text() { return m_text.take(); }
    /// Distinct speaker labels, in order of first appearance.
    [[nodiscard]] const std::vector<std::string>& speakers() const { return m_speakers; }
    [[nodiscard]] const std::string& first_heading() const { return m_first_heading; }

private:
    std::vector<std::string> m_speakers;
    std::string m_first_heading;
    std::string m_raw;
    bool m_heading = false;
    ParagraphBuilder m_text;
};

/// Turns the Markdown body (lines `[begin, end)`) into paragraphs.
void build_body(const std::vector<std::string_view>& lines, std::size_t begin, BodyBuilder& body) {
    std::string_view fence;
    for (std::size_t n = begin; n < lines.size(); ++n) {
        std::string_view l = lines[n];
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        const auto t = trim(l);
        if (!fence.empty()) {  // inside fenced code: lines as they are
            if (t.substr(0, fence.size()) == fence) {
                fence = {};
                body.end();
            } else {
                body.line(l);
            }
            continue;
        }
        if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~") {
            body.end();
            fence = t.substr(0, 3);
            continue;
        }
        if (blank(l)) {
            body.end();
            continue;
        }
        // Block quotes: drop the markers, keep the text.
        while (!l.empty() && trim(l).substr(0, 1) == ">") {
            l = trim(l).substr(1);
            if (!l.empty() && l[0] == ' ') l.remove_prefix(1);
        }
        const auto tl = trim(l);
        if (tl.empty()) {
            body.end();
            continue;
        }
        if (tl[0] == '#') {
            std::size_t level = 0;
            while (level < tl.size() && tl[level] == '#') ++level;
            if (level <= 6 && (level == tl.size() || tl[level] == ' ' || tl[level] == '\t')) {
                auto text = trim(tl.substr(level));
                // Closing hashes: "## Title ##".
                const auto last = text.find_last_not_of('#');
                if (last != std::string_view::npos && last + 1 < text.size() && (text[last] == ' ' || text[last] == '\t'))
                    text = trim(text.substr(0, last));
                body.heading(text);
                continue;
            }
        }
        if (body.open() && setext_underline(l)) {  // the paragraph above was a heading
            body.end();
            continue;
        }
        if (thematic_break(l)) {
            body.end();
            continue;
        }
        if (const auto marker = list_marker(l, body.open())) {
            body.end();
            body.line(l.substr(marker));
            continue;
        }
        body.line(l);
    }
    body.end();
}

// ---------------------------------------------------------------- metadata

/// yaml-cpp 0.7 writes the escapes `\_` (U+00A0) and `\N` (U+0085) as single
/// Latin-1 bytes, which is not UTF-8; the input was valid UTF-8, so any stray byte
/// is one of those and becomes its code point.
std::string repair_yaml_escapes(const std::string& s) {
    if (!text::invalid_utf8_offset(s)) return s;
    std::string out;
    out.reserve(s.size() + 8);
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            i = start + 1;
            c = p[start];
        }
        append_utf8(out, c);
    }
    return out;
}

/// A scalar of the front matter as a string, or nullopt when absent or not a scalar.
std::optional<std::string> scalar(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n || !n.IsScalar()) return std::nullopt;
    return repair_yaml_escapes(n.Scalar());
}

bool shaped_like_month(std::string_view s) {
    return s.size() == 7 && s[4] == '-' && std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
           s[5] >= '0' && s[5] <= '9' && s[6] >= '0' && s[6] <= '9';
}

/// True for a path of the briefing archive: `<category>/<YYYY-MM>/<YYYY-MM-DD>-<slug>`
/// below a `wh_briefings` (or `wh-briefings`) directory, or with a whitehouse.gov URL.
bool briefing_archive_path(const std::vector<std::string>& parents, const std::string& stem, const std::string& url) {
    if (parents.size() < 2 || !shaped_like_month(parents[0]) || stem.size() < 12 ||
        stem.compare(0, 7, parents[0]) != 0 || stem[10] != '-')
        return false;
    if (url.find("whitehouse.gov/") != std::string::npos) return true;
    return std::any_of(parents.begin() + 2, parents.end(),
                       [](const std::string& p) { return p == "wh_briefings" || p == "wh-briefings"; });
}

}  // namespace

std::string MarkdownReader::strip_inline(std::string_view paragraph) { return strip_inline_impl(paragraph, 0); }

std::string MarkdownReader::turn_label(std::string_view p) {
    if (p.empty()) return {};
    // The questioner: "Q", "Q:", "Q.", followed by text.
    if (p[0] == 'Q' && (p.size() == 1 || p[1] == ' ' || p[1] == '\t' || p[1] == ':' || p[1] == '.')) {
        if (p.size() > 1 && p[1] == '.' && p.size() > 2 && p[2] != ' ') return {};
        return "Q";
    }
    // An upper-case label up to a colon: "MS. PSAKI:", "PRESIDENT ZELENSKYY:".
    const auto colon = p.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 80) return {};
    if (colon + 1 < p.size() && p[colon + 1] != ' ') return {};
    const auto label = trim(p.substr(0, colon));
    const auto* s = reinterpret_cast<const uint8_t*>(label.data());
    const auto n = static_cast<int32_t>(label.size());
    int letters = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) return {};
        if (u_isalpha(c)) {
            if (!u_isupper(c)) return {};
            ++letters;
        } else if (letters == 0) {
            return {};  // must start with a letter: "11:41 A.M." is a time
        } else if (!(c == ' ' || c == '.' || c == '-' || c == '\'' || c == 0x2019 || c == ',' || (c >= '0' && c <= '9'))) {
            return {};
        }
    }
    if (letters < 2) return {};
    return std::string(label);
}

void MarkdownReader::read(const std::string& path, const RecordSink& records,
                          const DiagnosticSink& diagnostics) const {
    const std::string content = read_file(path);
    const std::string stem = file_stem(path);
    const auto parents = parent_names(path);
    std::string id = "md:" + stem;
    auto reject = [&](std::size_t line, std::size_t column, const std::string& message) {
        diagnostics(Diagnostic{path, line, column, id, message});
    };
    if (content.size() > max_record_bytes) {
        reject(0, 0, "file of " + std::to_string(content.size()) + " bytes exceeds the record limit of " +
                         std::to_string(max_record_bytes));
        return;
    }
    if (const auto bad = text_fault(content)) {
        const auto at = LineIndex(content).position(bad->offset);
        reject(at.line, at.column, bad->message);
        return;
    }

    std::vector<std::string_view> lines;
    {
        std::string_view rest(content);
        if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
        for (std::size_t pos = 0; pos <= rest.size();) {
            auto nl = rest.find('\n', pos);
            if (nl == std::string_view::npos) nl = rest.size();
            lines.push_back(rest.substr(pos, nl - pos));
            pos = nl + 1;
        }
    }

    // Front matter: lines[1 .. close) between two "---" lines.
    YAML::Node meta;
    std::size_t body_begin = 0;
    if (!lines.empty() && trim(lines[0]) == "---") {
        std::size_t close = 1;
        while (close < lines.size() && trim(lines[close]) != "---" && trim(lines[close]) != "...") ++close;
        if (close == lines.size()) {
            reject(1, 1, "front matter opened by '---' is never closed");
            return;
        }
        std::string yaml;
        for (std::size_t i = 1; i < close; ++i) {
            yaml.append(lines[i]);
            yaml += '\n';
        }
        try {
            meta = YAML::Load(yaml);
        } catch (const YAML::Exception& e) {
            // Marks are 0-based and count from the line after the opening "---".
            const auto line = e.mark.is_null() ? std::size_t{1} : static_cast<std::size_t>(e.mark.line) + 2;
            const auto column = e.mark.is_null() ? std::size_t{0} : static_cast<std::size_t>(e.mark.column) + 1;
            reject(line, column, "front matter: broken YAML: " + e.msg);
            return;
        }
        if (!meta.IsNull() && !meta.IsMap()) {
            reject(2, 1, "front matter: expected 'key: value' lines, got a YAML " +
                             std::string(meta.IsSequence() ? "list" : "scalar"));
            return;
        }
        body_begin = close + 1;
    }
    auto meta_line = [&](const char* key) -> std::size_t {
        if (!meta.IsMap()) return 0;
        const YAML::Node n = meta[key];
        return n && !n.Mark().is_null() ? static_cast<std::size_t>(n.Mark().line) + 2 : 0;
    };

    Transcript t;
    t.language = "en";
    t.source = "markdown";
    try {
        if (meta.IsMap()) {
            if (auto v = scalar(meta, "date")) t.date = trim(*v);
            if (auto v = scalar(meta, "title")) t.title = collapse_whitespace(*v);
            if (auto v = scalar(meta, "source_url")) t.url = trim(*v);
            else if (auto u = scalar(meta, "url")) t.url = trim(*u);
            if (auto v = scalar(meta, "language")) t.language = trim(*v);
            else if (auto l = scalar(meta, "lang")) t.language = trim(*l);
            if (auto v = scalar(meta, "country")) t.country = trim(*v);
            const YAML::Node speakers = meta["speakers"];
            if (speakers && speakers.IsSequence()) {
                for (const auto& s : speakers)
                    if (s.IsScalar()) t.speakers.push_back(collapse_whitespace(repair_yaml_escapes(s.Scalar())));
            } else if (speakers && speakers.IsScalar()) {
                t.speakers.push_back(collapse_whitespace(repair_yaml_escapes(speakers.Scalar())));
            }
        }
    } catch (const YAML::Exception& e) {
        reject(e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 2, 0, "front matter: " + e.msg);
        return;
    }
    // Timestamps ("2021-02-04 17:48:35-05:00", "2021-02-04T10:00Z") keep their day.
    if (t.date.size() > 10 && (t.date[10] == ' ' || t.date[10] == 'T') && is_valid_date(t.date.substr(0, 10)))
        t.date.resize(10);
    if (t.date.empty() && stem.size() >= 10 && is_valid_date(stem.substr(0, 10))) t.date = stem.substr(0, 10);
    if (!t.date.empty()) {
        if (const auto problem = date_problem(t.date)) {
            reject(meta_line("date"), 0, "'date': " + *problem + ": '" + t.date + "'");
            return;
        }
    }

    if (briefing_archive_path(parents, stem, t.url)) {
        id = "wh:" + parents[1] + ":" + stem;
        t.source = "wh_briefings";
        if (t.country.empty()) t.country = "USA";
    }
    t.id = id;

    BodyBuilder body;
    build_body(lines, body_begin, body);
    t.text = body.take_text();
    for (const auto& s : body.speakers())
        if (std::find(t.speakers.begin(), t.speakers.end(), s) == t.speakers.end()) t.speakers.push_back(s);
    if (t.title.empty()) t.title = cut_at_word(body.first_heading(), 200);
    if (t.title.empty()) t.title = cut_at_word(std::string_view(t.text).substr(0, t.text.find('\n')), 120);

    if (auto bad = check_record(t)) {
        reject(body_begin + 1, 0, *bad);
        return;
    }
    records(std::move(t), RecordOrigin{path, 1});
}

}  // namespace dragoman
