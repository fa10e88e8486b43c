// ANSI rendering: our own escape codes around sanitized text, never the text's.
#include "render/terminal.hpp"

#include <cstdio>

#include <unicode/uchar.h>

#include "render/escape.hpp"
#include "text/utf8.hpp"

namespace dragoman::render {

namespace {

struct Style {
    bool on;
    std::string wrap(const char* code, const std::string& s) const {
        return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
    }
};

std::string str(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? sanitize(it->get<std::string>()) : std::string();
}

/// `s` (sanitized: no direction control of its own) as an isolate when `on`.
std::string isolated(const std::string& s, bool on) { return on ? "\u2068" + s + "\u2069" : s; }

constexpr const char* mark_open = "\xEE\x80\x80";   // U+E000
constexpr const char* mark_close = "\xEE\x80\x81";  // U+E001

std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\t') c = ' ';
    return s;
}

/// At most `max` bytes of `s`, cut at a character boundary, "…" when cut.
std::string cut_utf8(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end) + "\xE2\x80\xA6";
}

/// The terminal cells a code point takes: two for East Asian wide and full-width
/// characters, none for combining marks and format characters, one otherwise.
std::size_t cells(char32_t c) {
    const auto category = u_charType(static_cast<UChar32>(c));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
    const auto width = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

/// The code points of `s` with where each starts.
std::vector<std::pair<std::size_t, char32_t>> code_points(std::string_view s) {
    std::vector<std::pair<std::size_t, char32_t>> out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = 0;
        const std::size_t n = text::decode_utf8(s, i, c);
        out.emplace_back(i, c);
        i += n > 0 ? n : 1;
    }
    return out;
}

std::size_t width_of(std::string_view s) {
    std::size_t w = 0;
    for (const auto& [at, c] : code_points(s)) w += cells(c);
    return w;
}

/// The start of `s` that fits in `max` cells, "…" in the last when cut.
std::string head_within(const std::string& s, std::size_t max) {
    if (width_of(s) <= max) return s;
    std::size_t w = 0;
    for (const auto& [at, c] : code_points(s)) {
        if (w + cells(c) + 1 > max) return s.substr(0, at) + "\xE2\x80\xA6";
        w += cells(c);
    }
    return s;
}

/// The end of `s` that fits in `max` cells, "…" in the first when cut.
std::string tail_within(const std::string& s, std::size_t max) {
    if (width_of(s) <= max) return s;
    const auto points = code_points(s);
    std::size_t w = 0;
    for (std::size_t k = points.size(); k-- > 0;) {
        if (w + cells(points[k].second) + 1 > max) return "\xE2\x80\xA6" + s.substr(k + 1 < points.size() ? points[k + 1].first : s.size());
        w += cells(points[k].second);
    }
    return s;
}

/// Cells of context shown on each side, and of keyword at most.
constexpr std::size_t context_cells = 50;
constexpr std::size_t keyword_cells = 30;

}  // namespace

std::string terminal_concordance(const nlohmann::json& c, bool colour, bool isolate) {
    const Style st{colour};
    const auto lines = c.value("lines", nlohmann::json::array());
    struct Row {
        std::string group, left, keyword, right;
    };
    std::vector<Row> rows;
    std::size_t left_width = 0, keyword_width = 0;
    for (const auto& l : lines) {
        Row row{one_line(str(l, "group")), tail_within(one_line(str(l, "left")), context_cells),
                head_within(one_line(str(l, "keyword")), keyword_cells), head_within(one_line(str(l, "right")), context_cells)};
        left_width = std::max(left_width, width_of(row.left));
        keyword_width = std::max(keyword_width, width_of(row.keyword));
        rows.push_back(std::move(row));
    }
    const bool grouped = c.value("group", "none") != "none";
    std::string out;
    if (c.value("timed_out", false)) out += st.wrap("33", "The concordance ran out of time: later passages were not read.") + "\n\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        if (grouped && (i == 0 || rows[i - 1].group != r.group))
            out += (i ? "\n" : "") + st.wrap("1", r.group.empty() ? std::string("(none)") : isolated(r.group, isolate)) + "\n";
        out += std::string(left_width - width_of(r.left), ' ') + isolated(r.left, isolate) + "  ";
        out += st.wrap("1;31", isolated(r.keyword, isolate)) + std::string(keyword_width - width_of(r.keyword), ' ');
        out += "  " + isolated(r.right, isolate) + "\n";
    }
    char took[64];
    std::snprintf(took, sizeof took, "%.1f ms", c.value("took_ms", 0.0));
    std::string tail = std::to_string(rows.size()) + " lines from " + std::to_string(c.value("passages", std::size_t{0})) +
                       " passages" + (c.value("cut", false) ? " (cut: more occurrences than listed)" : "") + " · " + took;
    out += (rows.empty() ? "" : "\n") + st.wrap("2", tail) + "\n";
    return out;
}

std::string unmark(const std::string& html, const std::string& open, const std::string& close) {
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        if (html.compare(i, 6, "<mark>") == 0) { out += open; i += 6; continue; }
        if (html.compare(i, 7, "</mark>") == 0) { out += close; i += 7; continue; }
        if (html[i] == '&') {
            static const std::pair<const char*, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool done = false;
            for (const auto& [name, ch] : entities) {
                const std::size_t n = std::char_traits<char>::length(name);
                if (html.compare(i, n, name) == 0) { out += ch; i += n; done = true; break; }
            }
            if (done) continue;
        }
        out += html[i++];
    }
    return out;
}

std::string terminal_results(const nlohmann::json& r, bool colour, bool isolate) {
    const Style st{colour};
    const auto field = [isolate](const std::string& s) { return isolated(s, isolate); };
    std::string out;
    if (r.value("timed_out", false))
        out += st.wrap("33", "The search ran out of time: some results may lack passages, versions or facets.") + "\n\n";
    if (r.value("relaxed", false))
        out += st.wrap("33", "No transcript has every word; showing those with some of them.") + "\n\n";
    if (r.contains("suggestion") && r["suggestion"].is_string())
        out += st.wrap("33", "Did you mean: " + sanitize(r["suggestion"].get<std::string>()) + "?") + "\n\n";
    std::size_t n = 0;
    for (const auto& h : r.value("results", nlohmann::json::array())) {
        ++n;
        const std::string title = str(h, "title");
        out += st.wrap("1", field(one_line(title.empty() ? str(h, "id") : title))) + "\n";
        std::string meta = str(h, "date").empty() ? "undated" : str(h, "date");
        if (!str(h, "language").empty()) meta += " · " + str(h, "language");
        if (!str(h, "country").empty()) meta += " · " + field(str(h, "country"));
        const auto speakers = h.value("speakers", nlohmann::json::array());
        for (std::size_t i = 0; i < speakers.size() && i < 4; ++i)
            meta += (i ? ", " : " · ") + field(speakers[i].is_string() ? sanitize(speakers[i].get<std::string>()) : "");
        if (speakers.size() > 4) meta += ", …";
        if (const auto changes = h.value("changes", 0); changes > 0)  // --history ID lists the versions
            meta += " · changed " + std::to_string(changes) + (changes == 1 ? " time" : " times");
        out += st.wrap("2", one_line(meta)) + "\n";
        if (const auto versions = h.value("versions", nlohmann::json::array()); !versions.empty()) {
            std::string also = "  also in:";
            for (std::size_t i = 0; i < versions.size() && i < 12; ++i) also += (i ? ", " : " ") + str(versions[i], "language");
            if (versions.size() > 12) also += ", … (" + std::to_string(versions.size()) + ")";
            out += st.wrap("2", one_line(also)) + "\n";
        }
        for (const auto& p : h.value("snippets", nlohmann::json::array())) {
            // An answer shows the question it replies to above it, as the page does.
            if (const std::string question = str(p, "question"); !question.empty())
                out += "  " + st.wrap("2", "Question: " + field(one_line(cut_utf8(question, 300)))) + "\n";
            std::string line = "  ";
            const std::string speaker = str(p, "speaker");
            if (!speaker.empty()) line += st.wrap("36", field(one_line(speaker)) + ":") + " ";
            // Matches become private-use placeholders, which survive sanitize(); only
            // then are they replaced by our own colour codes.
            const std::string text = one_line(sanitize(unmark(p.value("html", ""), mark_open, mark_close)));
            if (isolate) line += "\u2068";
            for (std::size_t i = 0; i < text.size();) {
                if (text.compare(i, 3, mark_open) == 0) { line += colour ? "\x1b[1;31m" : ""; i += 3; }
                else if (text.compare(i, 3, mark_close) == 0) { line += colour ? "\x1b[0m" : ""; i += 3; }
                else line += text[i++];
            }
            if (isolate) line += "\u2069";
            out += line + "\n";
        }
        char score[32];
        std::snprintf(score, sizeof score, "%.2f", h.value("score", 0.0));
        out += st.wrap("2", "  id " + field(str(h, "id")) + " · score " + score) + "\n\n";
    }
    char took[64];
    std::snprintf(took, sizeof took, "%.1f ms", r.value("took_ms", 0.0));
    out += st.wrap("2", std::to_string(n) + " of " + (r.value("total_exact", false) ? "" : "about ") +
                            std::to_string(r.value("total", 0)) + " results · " + took) + "\n";
    return out;
}

}  // namespace dragoman::render
