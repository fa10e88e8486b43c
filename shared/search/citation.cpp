// Document data → CitedPassage.
#include "search/citation.hpp"

namespace dragoman {

CitedPassage cited_passage_from_data(const nlohmann::json& d) {
    CitedPassage c;
    auto str = [&](const char* key) {
        const auto it = d.find(key);
        return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    c.passage_id = str("passage_id");
    c.transcript_id = str("id");
    if (const auto n = d.find("n"); n != d.end() && n->is_number_unsigned()) c.number = n->get<std::size_t>();
    c.title = str("title");
    c.date = str("date");
    c.language = str("language");
    c.country = str("country");
    c.source = str("source");
    c.url = str("url");
    if (const auto s = d.find("speakers"); s != d.end() && s->is_array())
        for (const auto& v : *s)
            if (v.is_string()) c.speakers.push_back(v.get<std::string>());
    c.speaker = str("speaker");
    c.passage_language = str("passage_language");
    c.text = str("text");
    c.question = str("question");
    if (const auto q = d.find("is_question"); q != d.end() && q->is_boolean()) c.is_question = q->get<bool>();
    return c;
}

}  // namespace dragoman
