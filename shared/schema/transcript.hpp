// The document model: a transcript as read from any source, before analysis.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dragoman {

/// Longer ids are rejected. Ids are often URLs or slugs (White House briefings come
/// close to 300 bytes); any length fits the index (schema::id_term), the bound only keeps
/// a mistaken field (a whole text given as the id) out of every passage's data and links.
inline constexpr std::size_t max_id_bytes = 4096;

/// One speaker turn given explicitly by the input (JSON `turns`, TEI utterances,
/// HTML bold labels). `language` may be empty: it is then identified or inherited.
struct Turn {
    std::string speaker;
    std::string text;
    std::string language;
};

/// One input record. Fields follow corpus/FORMAT.md. `text` keeps paragraph
/// breaks ("\n\n") and `Speaker: ...` turn lines; when `turns` is non-empty it is
/// authoritative and `text` is only its concatenation.
struct Transcript {
    std::string id;
    std::string source;
    std::string language;   ///< ISO 639-1 or empty (unknown)
    std::string date;       ///< YYYY, YYYY-MM or YYYY-MM-DD, as precise as known; empty when unknown
    std::string title;
    std::vector<std::string> speakers;
    std::string country;    ///< ISO 3166-1 alpha-3 or empty
    std::string url;
    std::string text;
    std::vector<Turn> turns;
    std::string group;      ///< optional: ids of language versions of one event share it
};

}  // namespace dragoman
