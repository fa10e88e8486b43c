// Content-derived passage ids: ICU NFKC, white space collapsed, FNV-1a 64.
#include "schema/passage_id.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <unordered_map>

namespace dragoman {

std::string passage_id_text(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString normal = U_SUCCESS(status) ? nfkc->normalize(u, status) : u;
    if (U_FAILURE(status)) normal = u;
    icu::UnicodeString collapsed;
    bool space = false;
    for (int32_t i = 0; i < normal.length();) {
        const UChar32 c = normal.char32At(i);
        i += U16_LENGTH(c);
        if (u_isUWhiteSpace(c)) {
            space = true;
            continue;
        }
        if (space && collapsed.length() > 0) collapsed.append(static_cast<UChar>(' '));
        space = false;
        collapsed.append(c);
    }
    std::string out;
    collapsed.toUTF8String(out);
    return out;
}

std::string passage_content_key(std::string_view text) {
    // FNV-1a 64, as the record hash and the shard hash: fixed, so ids never move.
    uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : passage_id_text(text)) {
        h ^= c;
        h *= 1099511628211ULL;
    }
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
