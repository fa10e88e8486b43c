// The document model: a transcript as read from any source, before analysis.
#pragma once

#include <string>
#include <vector>

namespace dragoman {

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
    std::string date;       ///< YYYY-MM-DD or empty (unknown)
    std::string title;
    std::vector<std::string> speakers;
    std::string country;    ///< ISO 3166-1 alpha-3 or empty
    std::string url;
    std::string text;
    std::vector<Turn> turns;
    std::string group;      ///< optional: ids of language versions of one event share it
};

}  // namespace dragoman
