#include "render/alert_message.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <vector>

#include "render/escape.hpp"

namespace dragoman::render {

namespace {

std::string headline(const AlertBatch& b) {
    const std::size_t n = b.passages.size();
    std::string out = "Dragoman: " + std::to_string(n) + (n == 1 ? " new passage" : " new passages");
    if (!b.withdrawn.empty()) out += ", " + std::to_string(b.withdrawn.size()) + " withdrawn";
    return out + " for \"" + one_line(b.search.name) + "\"";
}

std::string snippet_text(const SnippetText& s) {
    std::string out = s.cut_before ? "…" : "";
    for (const auto& f : s.fragments) out += f.text;
    if (s.cut_after) out += "…";
    return one_line(out);
}

/// RFC 2047: `=?UTF-8?B?...?=` words of at most 45 bytes of text each (60 of base64), so
/// that no encoded word passes the 75 characters the RFC allows.
std::string encoded_header(const std::string& text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t n = std::min<std::size_t>(45, text.size() - at);
        while (n > 1 && at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) --n;  // whole characters
        std::vector<unsigned char> b64(4 * ((n + 2) / 3) + 1);
        const int len = EVP_EncodeBlock(b64.data(), reinterpret_cast<const unsigned char*>(text.data() + at), static_cast<int>(n));
        out += (out.empty() ? "" : "\n ") + std::string("=?UTF-8?B?") +
               std::string(reinterpret_cast<const char*>(b64.data()), static_cast<std::size_t>(len)) + "?=";
        at += n;
    }
    return out;
}

}  // namespace

std::string alert_text(const AlertBatch& b, const CiteContext& cite) {
    std::string out = headline(b) + "\n";
    out += "Search: " + one_line(b.search.query) + "\n";
    out += "Index runs " + std::to_string(b.from_run) + (b.to_run > b.from_run ? " to " + std::to_string(b.to_run) : "") + "\n";
    std::size_t i = 0;
    for (const auto& w : b.passages) {
        const auto& p = w.passage;
        out += "\n" + std::to_string(++i) + ". " + (p.speaker.empty() ? std::string("(no speaker)") : one_line(p.speaker)) +
               ", " + (p.date.empty() ? std::string("undated") : p.date) + ": " + one_line(p.title) + "\n";
        out += "   " + snippet_text(w.snippet) + "\n";
        const std::string url = permalink_url(p.passage_id, cite);
        out += "   " + (url.empty() ? "passage " + one_line(p.passage_id) : url) + "\n";
    }
    if (b.cut) out += "\nMore passages matched than an alert holds; the search itself lists them all.\n";
    if (!b.withdrawn.empty()) {
        out += "\nWithdrawn from their sources since they were sent:\n";
        for (const auto& id : b.withdrawn) out += "   " + one_line(id) + "\n";
    }
    return out;
}

std::string alert_mail(const AlertBatch& b, const CiteContext& cite, const std::string& mail_to) {
    std::string out;
    if (!mail_to.empty()) out += "To: " + one_line(mail_to) + "\n";
    out += "Subject: " + encoded_header(headline(b)) + "\n";
    out += "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n";
    return out + alert_text(b, cite);
}

}  // namespace dragoman::render
