// Turn recognition and passage cutting for every turn-marking convention we read.
#include "schema/passage.hpp"

#include "schema/passage_id.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace dragoman {

namespace {

constexpr std::size_t max_label_bytes = 90;

/// Labels that mark a question or answer in the languages we index.
constexpr std::array<std::string_view, 24> question_labels = {
    "q", "question", "вопрос", "питання", "soru", "سؤال", "السؤال", "问", "記者", "记者",
    "pregunta", "question du journaliste", "frage", "domanda", "journalist", "журналист",
    "reporter", "sual", "pergunta", "ερώτηση", "participant", "audience question", "q.", "вопрос журналиста"};
constexpr std::array<std::string_view, 10> answer_labels = {
    "a", "answer", "ответ", "答", "cevap", "جواب", "الجواب", "respuesta", "réponse", "cavab"};

/// Lower-cases any script, enough to compare label words.
std::string lower_label(std::string_view s) {
    std::string out;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) continue;
        c = u_tolower(c);
        char buf[4];
        int32_t len = 0;
        UBool err = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, err);
        if (err) continue;
        out.append(buf, static_cast<std::size_t>(len));
    }
    return out;
}

/// A label is a short name: every word capitalised (short lowercase particles
/// allowed: "President of Russia"), or all capitals ("MS. PSAKI"), or in a script
/// without case (Arabic, Chinese), or a known question/answer word.
bool looks_like_label(std::string_view label) {
    if (label.empty() || label.size() > max_label_bytes) return false;
    const std::string lowered = lower_label(label);
    if (std::find(question_labels.begin(), question_labels.end(), lowered) != question_labels.end() ||
        std::find(answer_labels.begin(), answer_labels.end(), lowered) != answer_labels.end())
        return true;
    const auto* p = reinterpret_cast<const uint8_t*>(label.data());
    const auto n = static_cast<int32_t>(label.size());
    int words = 0;
    int lower_words = 0;
    bool word_start = true;
    bool any_letter = false;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
        if (c == ' ') { word_start = true; continue; }
        if (c == '?' || c == '!' || c == '"' || c == 0x201C || c == 0x00AB || c == ';') return false;
        if (u_isalpha(c)) any_letter = true;
        if (word_start) {
            ++words;
            word_start = false;
            if (u_islower(c)) {
                // a short particle (of, de, la, von, ibn) may stay lower-case
                int32_t j = i;
                int len = 1;
                while (j < n && label[static_cast<std::size_t>(j)] != ' ') { ++j; ++len; }
                if (len > 4) return false;
                ++lower_words;
            }
        }
    }
    if (!any_letter) return false;
    if (words > 8 || lower_words > 2) return false;
    // The first letter must not be lower case ("said the minister:").
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (u_isalpha(c)) return !u_islower(c);
    }
    return true;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// Bytes of the sentence-ending mark ending just before `end` (with closing quotes or
/// brackets after it), or 0. Latin marks need white space after them ("3.5", "U.S.A"
/// are no sentence ends); CJK and Arabic-script ones do not.
bool sentence_ends_before(std::string_view text, std::size_t end) {
    std::size_t i = end;
    // Closing quotes and brackets: " ' ) ] » ” ’ 」 』
    for (;;) {
        if (i > 0 && std::string_view("\"')]").find(text[i - 1]) != std::string_view::npos) {
            --i;
            continue;
        }
        bool closed = false;
        for (const std::string_view close : {"\u00BB", "\u201D", "\u2019", "\u300D", "\u300F"})
            if (i >= close.size() && text.substr(i - close.size(), close.size()) == close) {
                i -= close.size();
                closed = true;
                break;
            }
        if (!closed) break;
    }
    if (i == 0) return false;
    const char c = text[i - 1];
    const bool next_is_space = end < text.size() && (text[end] == ' ' || text[end] == '\n' || text[end] == '\t');
    if (c == '.' || c == '!' || c == '?') return next_is_space;
    // … and the full-width or other-script marks: 。！？ ؟ ۔ । ．
    for (const std::string_view mark : {"\u2026", "\u3002", "\uFF01", "\uFF1F", "\uFF0E", "\u061F", "\u06D4", "\u0964"})
        if (i >= mark.size() && text.substr(i - mark.size(), mark.size()) == mark)
            return mark == "\u2026" ? next_is_space : true;
    return false;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// `paragraph` in pieces of at most `max_bytes`, each trimmed: see split_passages.
std::vector<std::string_view> bounded_pieces(std::string_view paragraph, std::size_t max_bytes) {
    std::vector<std::string_view> out;
    while (paragraph.size() > max_bytes) {
        std::size_t cut = 0;
        // The window is scanned backwards once per piece: linear in the paragraph.
        for (std::size_t end = max_bytes; end > 0 && cut == 0; --end)
            if (!continuation_byte(paragraph[end]) && sentence_ends_before(paragraph, end)) cut = end;
        for (std::size_t end = max_bytes; end > 0 && cut == 0; --end)
            if (is_space(paragraph[end])) cut = end;
        if (cut == 0) {
            cut = max_bytes;
            while (cut > 0 && continuation_byte(paragraph[cut])) --cut;
            if (cut == 0) cut = max_bytes;  // not UTF-8 (records are checked): cut by bytes
        }
        if (const auto piece = trim(paragraph.substr(0, cut)); !piece.empty()) out.push_back(piece);
        paragraph = trim(paragraph.substr(cut));
    }
    if (!paragraph.empty()) out.push_back(paragraph);
    return out;
}

std::vector<std::string_view> paragraphs_of(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find("\n\n", start);
        if (end == std::string_view::npos) end = text.size();
        auto para = trim(text.substr(start, end - start));
        if (!para.empty()) out.push_back(para);
        start = end + 2;
    }
    return out;
}

std::size_t word_count(std::string_view s) {
    std::size_t words = 0;
    bool in_word = false;
    std::size_t wide = 0;  // CJK characters: count two per word
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xE3 && c <= 0xE9) ++wide;
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words + wide / 2;
}

struct RawTurn {
    std::string speaker;
    std::string language;
    std::vector<std::string_view> paragraphs;
    bool is_question = false;
};

}  // namespace

bool is_question_label(std::string_view label) {
    const std::string l = lower_label(trim(label));
    return std::find(question_labels.begin(), question_labels.end(), l) != question_labels.end();
}

namespace {

/// True for labels that mark an answer (A, Answer, Ответ, 答, ...).
bool is_answer_label(std::string_view label) {
    const std::string l = lower_label(trim(label));
    return std::find(answer_labels.begin(), answer_labels.end(), l) != answer_labels.end();
}

/// Who a turn is: in a transcript with one named speaker (a spokesperson's briefing), the
/// answers marked "答：" or "A:" are that speaker's, so `speaker:华春莹` finds them.
std::string turn_speaker(std::string label, const std::string& single_speaker) {
    if (!single_speaker.empty() && is_answer_label(label)) return single_speaker;
    return label;
}

}  // namespace

TurnLabel find_turn_label(std::string_view paragraph) {
    const auto limit = std::min(paragraph.size(), max_label_bytes + 3);
    const auto head = paragraph.substr(0, limit);
    auto ascii = head.find(':');
    auto wide = head.find("\xEF\xBC\x9A");  // U+FF1A FULLWIDTH COLON
    std::size_t colon = std::min(ascii, wide);
    if (colon == std::string_view::npos || colon == 0) return {};
    const std::size_t after = colon + (colon == wide ? 3 : 1);
    const auto label = trim(paragraph.substr(0, colon));
    if (!looks_like_label(label)) return {};
    // "Q." and "Q:" style; the text after the label must not be empty.
    const auto rest = paragraph.substr(after);
    if (blank(rest)) return {};
    // A time "10:30" or a ratio is not a label.
    if (colon + 1 < paragraph.size() && paragraph[colon] == ':' &&
        std::isdigit(static_cast<unsigned char>(paragraph[colon + 1])) && colon > 0 &&
        std::isdigit(static_cast<unsigned char>(paragraph[colon - 1])))
        return {};
    const auto offset = paragraph.size() - trim(rest).size();
    return TurnLabel{label.size(), offset};
}

std::vector<Passage> split_passages(const Transcript& t, std::size_t target_words) {
    std::vector<RawTurn> turns;
    const std::string single_speaker = t.speakers.size() == 1 ? t.speakers.front() : std::string();
    if (!t.turns.empty()) {
        for (const auto& turn : t.turns) {
            RawTurn raw{turn_speaker(turn.speaker, single_speaker), turn.language, paragraphs_of(turn.text),
                        is_question_label(turn.speaker)};
            if (!raw.paragraphs.empty()) turns.push_back(std::move(raw));
        }
    } else {
        for (auto para : paragraphs_of(t.text)) {
            const TurnLabel label = find_turn_label(para);
            if (label.label_length > 0) {
                RawTurn raw;
                raw.speaker = std::string(para.substr(0, label.label_length));
                raw.is_question = is_question_label(raw.speaker);
                raw.speaker = turn_speaker(std::move(raw.speaker), single_speaker);
                raw.paragraphs.push_back(para.substr(label.text_offset));
                turns.push_back(std::move(raw));
            } else if (!turns.empty()) {
                turns.back().paragraphs.push_back(para);
            } else {
                turns.push_back(RawTurn{single_speaker, {}, {para}, false});
            }
        }
    }

    std::vector<Passage> passages;
    std::string last_question;
    for (const auto& turn : turns) {
        Passage current;
        std::size_t words = 0;
        auto flush = [&] {
            if (current.text.empty()) return;
            current.number = passages.size();
            passages.push_back(std::move(current));
            current = Passage{};
            words = 0;
        };
        std::vector<std::string_view> pieces;
        for (const auto para : turn.paragraphs) {
            const auto cut = bounded_pieces(para, max_passage_bytes);
            pieces.insert(pieces.end(), cut.begin(), cut.end());
        }
        for (const auto para : pieces) {
            const auto w = word_count(para);
            if (words > 0 && (words + w > target_words || current.text.size() + 2 + para.size() > max_passage_bytes))
                flush();
            if (current.text.empty()) {
                current.speaker = turn.speaker;
                current.language = turn.language.empty() ? t.language : turn.language;
                current.is_question = turn.is_question;
                if (!turn.is_question) current.question = last_question;
            } else {
                current.text += "\n\n";
            }
            current.text.append(para);
            words += w;
        }
        flush();
        if (turn.is_question) {
            last_question.clear();
            for (std::size_t i = 0; i < turn.paragraphs.size(); ++i) {
                if (i) last_question += "\n\n";
                last_question.append(turn.paragraphs[i]);
            }
            // Each answer's data and terms repeat the question: at most one passage of it.
            if (last_question.size() > max_passage_bytes)
                last_question = std::string(bounded_pieces(last_question, max_passage_bytes).front());
        } else {
            last_question.clear();
        }
    }
    assign_passage_ids(t.id, passages);
    return passages;
}

}  // namespace dragoman
