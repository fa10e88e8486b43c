// CLD2 wrapper: codes mapped to ISO 639-1 as the corpus uses them.
#include "text/language_identifier.hpp"

#include <public/compact_lang_det.h>
#include <public/encodings.h>

#include <cstring>

#include "text/utf8.hpp"

namespace dragoman::text {

namespace {

/// Passages shorter than this (bytes) are too short to overrule the record.
constexpr std::size_t min_override_bytes = 200;

std::string iso_code(CLD2::Language lang) {
    if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return {};
    std::string code = CLD2::LanguageCode(lang);
    if (code == "un" || code == "xxx") return {};
    if (code == "iw") return "he";
    if (code == "no") return "nb";
    if (code == "zh-Hant") return "zh";
    if (code == "jw") return "jv";
    const auto dash = code.find('-');
    if (dash != std::string::npos) code.resize(dash);
    return code;
}

struct Guess {
    std::string code;
    int percent = 0;
    bool reliable = false;
};

Guess guess(std::string_view text, std::string_view declared) {
    // CLD2 reads past the end of a truncated UTF-8 sequence: only valid text goes to it
    // (records are checked at indexing; a query typed into the page may be anything).
    if (!is_valid_utf8(text)) return Guess{};
    // Its script scanner also reads the byte after a character that ends the buffer, and
    // takes that byte for the next character's lead: a view whose next byte is a lead byte
    // or unreadable crashed it (the analyzer fuzzer). It gets its own NUL-terminated copy.
    const std::string terminated(text);
    CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    std::string hint(declared);
    if (!hint.empty()) hints.language_hint = CLD2::GetLanguageFromName(hint.c_str());
    CLD2::Language top3[3];
    int percent3[3];
    double scores3[3];
    int text_bytes = 0;
    bool reliable = false;
    const CLD2::Language best = CLD2::ExtDetectLanguageSummary(
        terminated.c_str(), static_cast<int>(terminated.size()), true, &hints, 0, top3, percent3, scores3,
        nullptr, &text_bytes, &reliable);
    return Guess{iso_code(best), percent3[0], reliable};
}

}  // namespace

std::string detect_language(std::string_view text) {
    const Guess g = guess(text, {});
    return g.reliable ? g.code : std::string();
}

std::string identify_language(std::string_view passage, std::string_view declared) {
    if (!declared.empty() && passage.size() < min_override_bytes) return std::string(declared);
    const Guess g = guess(passage, declared);
    if (declared.empty()) return g.reliable ? g.code : std::string();
    if (g.reliable && !g.code.empty() && g.code != declared && g.percent >= 80) return g.code;
    return std::string(declared);
}

}  // namespace dragoman::text
