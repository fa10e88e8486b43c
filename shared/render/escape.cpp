// Sanitising and HTML escaping of text from transcripts and queries.
#include "render/escape.hpp"

#include "text/utf8.hpp"

namespace dragoman::render {

namespace {

bool unsafe(char32_t cp) {
    if (cp == '\n' || cp == '\t') return false;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return true;     // C0, DEL, C1
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return true;  // bidi overrides
    if (cp == 0x200E || cp == 0x200F || cp == 0x061C) return true;               // directional marks
    if (cp == 0xFFFE || cp == 0xFFFF) return true;  // noncharacters, which XML 1.0 does not allow
    return false;
}

}  // namespace

std::string sanitize(std::string_view text) {
    // Safe text is copied in runs, not code point by code point: an export of 10,000
    // passages (60 MB) spent 30% of its 11.8 G instructions here when each code point was
    // appended on its own.
    std::string out;
    out.reserve(text.size());
    std::size_t run = 0;  // the start of the safe bytes not copied yet
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, the common case
            ++i;
            continue;
        }
        char32_t cp = byte;
        const std::size_t len = byte < 0x80 ? 1 : text::decode_utf8(text, i, cp);
        if (len != 0 && !unsafe(cp)) {
            i += len;
            continue;
        }
        out.append(text.substr(run, i - run));
        if (len == 0) out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        i += len == 0 ? 1 : len;
        run = i;
    }
    out.append(text.substr(run));
    return out;
}

std::string one_line(std::string_view text) {
    const std::string clean = sanitize(text);
    std::string out;
    bool space = false;
    for (char c : clean) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string html_escape(std::string_view text) {
    const std::string clean = sanitize(text);
    std::string out;
    out.reserve(clean.size() + clean.size() / 8);
    for (char c : clean) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~' || c == ':';
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace dragoman::render
