// Content-derived passage ids: ICU NFKC, white space collapsed, FNV-1a 64.
#include "schema/passage_id.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/bytestream.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <unordered_map>

#include "util/fnv1a.hpp"

namespace dragoman {

std::string passage_id_text(std::string_view text) {
    // NFKC straight on UTF-8 (no UTF-16 round trip): most text is already normal.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    std::string normal;
    if (U_SUCCESS(status)) {
        icu::StringByteSink<std::string> sink(&normal, static_cast<int32_t>(text.size()));
        nfkc->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, nullptr, status);
    }
    if (U_FAILURE(status)) normal.assign(text);
    std::string out;
    out.reserve(normal.size());
    const auto* p = reinterpret_cast<const uint8_t*>(normal.data());
    const auto n = static_cast<int32_t>(normal.size());
    bool space = false;
    for (int32_t i = 0; i < n;) {
        const int32_t begin = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c >= 0 && u_isUWhiteSpace(c)) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out.append(normal, static_cast<std::size_t>(begin), static_cast<std::size_t>(i - begin));
    }
    return out;
}

std::string passage_content_key(std::string_view text) {
    // FNV-1a 64, as the record hash and the shard hash: fixed, so ids never move.
    const std::uint64_t h = fnv1a64(passage_id_text(text));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf, 10);
}

void assign_passage_ids(std::string_view transcript_id, std::vector<Passage>& passages) {
    std::unordered_map<std::string, std::size_t> seen;
    for (auto& p : passages) {
        const std::string key = passage_content_key(p.text);
        const std::size_t n = ++seen[key];
        p.id = std::string(transcript_id) + "~" + key;
        if (n > 1) p.id += "." + std::to_string(n);
    }
}

}  // namespace dragoman
