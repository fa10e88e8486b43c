// A passage's document data: what display and citation need without another lookup. One
// struct, one encoder (the indexer's) and one decoder (every reader's); the keys are
// schema::data_keys().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace dragoman {

/// The document data of one passage (docs/schema.md, "Document data"). Strings are as the
/// record gave them; render/ sanitizes them for each medium.
struct PassageData {
    std::string transcript_id;          ///< key `id`: the transcript's id (not the passage's)
    std::size_t number = 0;             ///< `n`: passage number in the transcript
    std::string title, date, language;  ///< `language`: the record's
    std::vector<std::string> speakers;  ///< the transcript's speakers
    std::string country, source, url;
    std::string speaker;                ///< who said this passage ("" when unknown)
    std::string passage_language;       ///< the passage's own language, as identified
    std::string text;                   ///< the whole passage
    std::string origin;                 ///< the source file it was read from
    std::string passage_id;             ///< the stable id (the `Q` term's value)
    std::string question;               ///< for an answer: the question it replies to ("" = none)
    bool is_question = false;           ///< this passage is itself a question
    std::string group;                  ///< a group given in the input ("" = none; a detected one is not here)
    std::size_t changes = 0;            ///< times the record changed since the history first saw it
};

/// The data as stored: a JSON object, `question`, `is_question`, `group` and `changes` only when set;
/// invalid UTF-8 replaced by U+FFFD.
std::string encode_passage_data(const PassageData& data);

/// Reads stored document data. A missing key leaves its member empty (so data written
/// before a key existed still reads); data that is not a JSON object, or a key holding a
/// value of the wrong type, is an error saying which.
tl::expected<PassageData, std::string> decode_passage_data(std::string_view stored);

}  // namespace dragoman
