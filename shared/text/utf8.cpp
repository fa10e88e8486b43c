// UTF-8 well-formedness with size_t indices (Unicode's table 3-7 of well-formed sequences).
#include "text/utf8.hpp"

namespace dragoman::text {

std::size_t decode_utf8(std::string_view text, std::size_t at, char32_t& code_point) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    // The lead byte fixes the length and the range of the second byte; that range is what
    // excludes overlong forms (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points
    // past U+10FFFF (F4 90..BF, F5..FF).
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;  // a continuation byte, C0, C1 or F5..FF
    }
    if (length > text.size() - at) return 0;
    if (byte(1) < low || byte(1) > high) return 0;
    char32_t cp = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(k) & 0x3F);
    }
    code_point = cp;
    return length;
}

std::optional<std::size_t> invalid_utf8_offset(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII, most of most transcripts
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t length = decode_utf8(text, i, cp);
        if (length == 0) return i;
        i += length;
    }
    return std::nullopt;
}

bool is_valid_utf8(std::string_view text) { return !invalid_utf8_offset(text); }

}  // namespace dragoman::text
