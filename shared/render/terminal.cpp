// ANSI rendering: our own escape codes around sanitized text, never the text's.
#include "render/terminal.hpp"

#include <cstdio>

#include "render/escape.hpp"

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

}  // namespace

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
