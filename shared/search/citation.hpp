// One passage with everything a citation of it needs, read from the passage's document
// data: the record behind GET /p/{id}, /api/passage/{id}, /api/cite/{id} and --cite.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dragoman {

/// A citable passage. Strings are as stored (render/ sanitizes them for each medium).
struct CitedPassage {
    std::string passage_id;     ///< the stable id (the `Q` term's value)
    std::string transcript_id;
    std::size_t number = 0;     ///< passage number in the transcript now (for anchors only)
    std::string title, date, language, country, source, url;
    std::vector<std::string> speakers;  ///< the transcript's speakers
    std::string speaker;        ///< who said this passage ("" when unknown)
    std::string passage_language;
    std::string text;           ///< the whole passage
    std::string question;       ///< for an answer: the question it replies to
    bool is_question = false;
};

/// Reads a passage's document data (see docs/schema.md). Missing keys stay empty.
CitedPassage cited_passage_from_data(const nlohmann::json& data);

}  // namespace dragoman
