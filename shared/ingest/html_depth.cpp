// A cheap bound on how deeply an HTML page nests its elements, checked before parsing.
#include "ingest/html_depth.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace dragoman {

namespace {

/// Elements that never nest: void elements and those whose end tag may be omitted
/// (the parser closes them implicitly), so that unclosed ones do not count.
constexpr std::array<std::string_view, 34> flat_elements = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
    "rb", "rt", "rtc", "rp", "html", "body"};

/// Elements whose content is text up to their own end tag.
constexpr std::array<std::string_view, 8> raw_text_elements = {"script", "style", "textarea", "title",
                                                                "xmp", "iframe", "noembed", "noframes"};

bool is_one_of(std::string_view name, const auto& list) { return std::find(list.begin(), list.end(), name) != list.end(); }

/// Offset just past the `>` closing the tag that starts at `from` (quoted values skipped).
std::size_t tag_end(std::string_view s, std::size_t from) {
    char quote = 0;
    for (std::size_t i = from; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return s.size();
}

/// Offset just past `</name` ... `>` (case-insensitive), or the end of the text.
std::size_t past_end_tag(std::string_view s, std::size_t from, std::string_view name) {
    for (std::size_t i = s.find("</", from); i != std::string_view::npos; i = s.find("</", i + 2)) {
        if (i + 2 + name.size() > s.size()) break;
        bool same = true;
        for (std::size_t k = 0; k < name.size() && same; ++k)
            same = std::tolower(static_cast<unsigned char>(s[i + 2 + k])) == name[k];
        if (same) return tag_end(s, i + 2 + name.size());
    }
    return s.size();
}

}  // namespace

std::optional<std::size_t> html_too_deep_at(std::string_view s, std::size_t limit) {
    std::size_t depth = 0;
    std::size_t i = 0;
    while ((i = s.find('<', i)) != std::string_view::npos) {
        const std::size_t start = i;
        if (s.compare(i, 4, "<!--") == 0) {
            const auto end = s.find("-->", i + 4);
            i = end == std::string_view::npos ? s.size() : end + 3;
            continue;
        }
        if (i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?')) {
            i = tag_end(s, i + 2);
            continue;
        }
        if (i + 1 < s.size() && s[i + 1] == '/') {
            if (depth > 0) --depth;
            i = tag_end(s, i + 2);
            continue;
        }
        std::size_t j = i + 1;
        std::string name;
        while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j])) && name.size() < 16)
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(s[j++])));
        if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) {
            i = start + 1;  // a bare '<' in text
            continue;
        }
        i = tag_end(s, j);
        if (is_one_of(name, raw_text_elements)) {
            i = past_end_tag(s, i, name);
            continue;
        }
        const bool self_closing = i >= 2 && s[i - 1] == '>' && s[i - 2] == '/';
        if (self_closing || is_one_of(name, flat_elements)) continue;
        if (++depth > limit) return start;
    }
    return std::nullopt;
}

}  // namespace dragoman
