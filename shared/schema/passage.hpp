// Passages, the unit of retrieval: a transcript cut into speaker turns and, for long
// monologues, runs of paragraphs of a few hundred words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "schema/transcript.hpp"

namespace dragoman {

/// One passage of a transcript. `language` is the record's (or turn's) language;
/// the analyzer may refine it per passage.
struct Passage {
    std::size_t number = 0;  ///< 0-based, in transcript order
    std::string id;          ///< stable passage id (permalink), see schema/passage_id.hpp
    std::string speaker;     ///< as written in the source ("" when unknown)
    std::string text;        ///< paragraphs joined by "\n\n", turn label removed
    std::string language;
    std::string question;    ///< for an answer: the text of the question it answers
    bool is_question = false;
};

/// Passages of `t`, in order. Explicit `turns` win; otherwise turns are recognised
/// in the text (`Name: ...`, `Q:`, `Вопрос:`, `耿爽：...`). Paragraphs of one turn are
/// grouped up to about `target_words` words per passage; a paragraph is never cut.
/// Every passage gets its stable id (assign_passage_ids).
std::vector<Passage> split_passages(const Transcript& t, std::size_t target_words = 300);

/// If `paragraph` starts with a speaker label, the label's length in bytes and the
/// byte offset where the turn's text starts; {0, 0} otherwise.
struct TurnLabel {
    std::size_t label_length = 0;
    std::size_t text_offset = 0;
};
TurnLabel find_turn_label(std::string_view paragraph);

/// True for labels that mark a question (Q, Question, Вопрос, 问, Soru, سؤال, ...);
/// answer labels (A, 答, Ответ) are turn labels but not questions.
bool is_question_label(std::string_view label);

}  // namespace dragoman
