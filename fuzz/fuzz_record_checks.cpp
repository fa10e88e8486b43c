// Fuzz target: the record checks every reader applies (check_record, text::is_valid_utf8),
// against a reference UTF-8 decoder and for idempotence.
#include <array>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "ingest/record_checks.hpp"
#include "text/utf8.hpp"

namespace {

/// Strict UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), written
/// independently of text::decode_utf8 so that the two can be compared.
bool reference_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        char32_t c = 0;
        if (b < 0x80) { ++i; continue; }
        if (b >= 0xC2 && b <= 0xDF) { n = 1; c = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) { n = 2; c = b & 0x0F; }
        else if (b >= 0xF0 && b <= 0xF4) { n = 3; c = b & 0x07; }
        else return false;
        if (i + n >= s.size()) return false;  // truncated sequence
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cb = static_cast<unsigned char>(s[i + k]);
            if ((cb & 0xC0) != 0x80) return false;
            c = (c << 6) | (cb & 0x3F);
        }
        if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 || c > 0x10FFFF))) return false;
        if (c >= 0xD800 && c <= 0xDFFF) return false;
        i += n + 1;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    const auto text = fuzz::as_text(data, size);
    fuzz::require(text::is_valid_utf8(text) == reference_utf8(text), "is_valid_utf8 disagrees with the reference decoder");

    // Fields separated by 0x1F (unit separator): id, source, language, date, title, country,
    // url, text, group, then speakers; a 0x1E (record separator) part after them gives turns.
    const auto parts = fuzz::split_once(text, "\x1e");
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const auto end = parts.before.find('\x1f', start);
        fields.emplace_back(parts.before.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    fields.resize(std::max<std::size_t>(fields.size(), 9));
    Transcript t;
    std::array<std::string*, 9> slots{&t.id, &t.source, &t.language, &t.date, &t.title, &t.country, &t.url, &t.text, &t.group};
    for (std::size_t i = 0; i < slots.size(); ++i) *slots[i] = fields[i];
    t.speakers.assign(fields.begin() + 9, fields.end());
    if (parts.found) t.turns.push_back(Turn{"Speaker", std::string(parts.after), ""});

    const auto first = check_record(t);
    if (!first) {
        fuzz::require(!t.id.empty() && t.id.size() <= max_id_bytes, "an accepted id is empty or too long");
        fuzz::require(reference_utf8(t.id) && reference_utf8(t.text), "accepted invalid UTF-8");
        fuzz::require(t.id.front() != ' ' && t.id.back() != ' ', "an accepted id keeps surrounding spaces");
        const Transcript before = t;
        fuzz::require(!check_record(t), "an accepted record is rejected the second time");
        fuzz::require(t.id == before.id && t.language == before.language, "check_record is not idempotent");
    } else {
        fuzz::require(!first->empty(), "a rejection without a reason");
    }
    return 0;
}
