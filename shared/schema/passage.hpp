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

/// The most bytes a passage holds. Real paragraphs are far shorter (transcripts.jsonl:
/// 450,556 paragraphs, median 57 bytes, 99.9% under 1.9 KB, 99.99% under 16 KB); the 65
/// over 8 KB are nearly all whole State of the Union addresses whose paragraph breaks were
/// lost, up to 52 KB, and a record of one 48 MB line became one passage that took 3.3 s to
/// highlight per query and 962 MB to index. 8 KB is four times the 300-word target in
/// English (about 2 KB), so a passage of real paragraphs is never cut by it.
inline constexpr std::size_t max_passage_bytes = 8192;

/// Passages of `t`, in order. Explicit `turns` win; otherwise turns are recognised
/// in the text (`Name: ...`, `Q:`, `Вопрос:`, `耿爽：...`). Paragraphs of one turn are
/// grouped up to about `target_words` words and max_passage_bytes per passage. A
/// paragraph is cut only when it alone exceeds max_passage_bytes: after the last sentence
/// end that fits (. ! ? … 。 ！ ？ ؟ ۔ ।), else at the last white space, else between two
/// UTF-8 characters; the white space at a cut is dropped, nothing else is. Every passage
/// gets its stable id (assign_passage_ids); passages that are not cut keep their ids.
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
