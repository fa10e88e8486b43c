#include "search/stored_passage.hpp"

#include <string>
#include <utility>

namespace dragoman {

PassageData stored_data(const Xapian::Document& doc) {
    auto data = decode_passage_data(doc.get_data());
    if (!data) throw DamagedDocument("document " + std::to_string(doc.get_docid()) + ": " + data.error());
    return std::move(*data);
}

SearchHit hit_from_data(PassageData&& d) {
    SearchHit h;
    h.id = std::move(d.transcript_id);
    h.title = std::move(d.title);
    h.date = std::move(d.date);
    h.language = std::move(d.language);
    h.country = std::move(d.country);
    h.source = std::move(d.source);
    h.url = std::move(d.url);
    h.speakers = std::move(d.speakers);
    h.changes = d.changes;
    return h;
}

PassageSnippet passage_of(const PassageData& d) {
    PassageSnippet p;
    p.passage = d.number;
    p.passage_id = d.passage_id;
    p.speaker = d.speaker;
    p.language = d.passage_language;
    p.question = d.question;
    p.is_question = d.is_question;
    return p;
}

}  // namespace dragoman
