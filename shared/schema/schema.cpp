// The field table and term construction helpers of the index schema.
#include "schema/schema.hpp"

#include "schema/sha256.hpp"
#include "util/assert.hpp"

namespace dragoman::schema {

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        {"passage-id", prefix_passage_id, FieldKind::Id, "unique passage id (permalink): transcript id, '~', hash of the passage text"},
        {"transcript", prefix_transcript, FieldKind::Id, "transcript id, on every passage of it (`id:` in the query language)"},
        {"text", "", FieldKind::Text, "passage text: folded words with positions"},
        {"exact", prefix_exact, FieldKind::Text, "exact case-folded form where it differs from the folded one"},
        {"stem", prefix_stem, FieldKind::Text, "stem in the passage's language: Z + LANG + stem"},
        {"translit", prefix_translit, FieldKind::Text, "Latin transliteration key for cross-script names"},
        {"title", prefix_title, FieldKind::Words, "title words, folded"},
        {"speaker", prefix_speaker, FieldKind::Words, "speaker name words, folded"},
        {"speaker-key", prefix_speaker_key, FieldKind::Words, "speaker name transliteration keys"},
        {"asked", prefix_asked, FieldKind::Words, "words of the question an answer replies to"},
        {"lang", prefix_language, FieldKind::Keyword, "passage language, ISO 639-1"},
        {"country", prefix_country, FieldKind::Keyword, "country, ISO 3166-1 alpha-3, lower case"},
        {"source", prefix_source, FieldKind::Keyword, "source key, lower case"},
        {"group", prefix_group, FieldKind::Keyword, "language-version group"},
        {"copy", prefix_copy, FieldKind::Keyword, "the hash of the transcript's text: its identical copies"},
        {"fingerprint", prefix_fingerprint, FieldKind::Keyword, "winnowed hash of 4 folded words in a row: a quote's near-duplicates"},
        {"sentence", prefix_sentence, FieldKind::Keyword, "hash of a sentence's folded words (8 words or more): talking points"},
        {"changed", prefix_changed, FieldKind::Keyword, "`XUyes` on a transcript changed since first seen, `XU` + YYYY per year of a change"},
        {"year", prefix_year, FieldKind::Date, "year YYYY"},
        {"month", prefix_month, FieldKind::Date, "month YYYYMM (not on a date known only to the year)"},
    };
    return table;
}

const std::vector<QueryField>& query_fields() {
    namespace q = query_field;
    static const std::vector<QueryField> table = {
        {q::speaker, "speaker, speaker-key", true, true, "speaker name in any script"},
        {q::lang, "lang", true, true, "passage language, ISO 639-1; several as en,fr"},
        {q::language, "lang", true, false, "the same as lang:"},
        {q::country, "country", true, true, "country, ISO 3166-1 alpha-3"},
        {q::source, "source", true, true, "source key"},
        {q::date, "slot 0", true, false, "date or range: YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO"},
        {q::year, "slot 0", true, false, "the same as date:"},
        {q::id, "transcript", true, false, "transcript id (a passage's own id is only for permalinks)"},
        {q::group, "group", true, false, "language-version group"},
        {q::title, "title", false, false, "words of the title (weighted)"},
        {q::asked, "asked", false, false, "words of the question an answer replies to (weighted)"},
        {q::across, "text, stem", false, false, "yes: each word also searched as its translations, from the generation's lexicon.tsv (docs/crosslingual.md)"},
        {q::changed, "changed", true, false, "yes, no, a year or FROM..TO: transcripts changed since first seen (in those years)"},
    };
    return table;
}

const QueryField* find_query_field(std::string_view name) {
    for (const auto& f : query_fields())
        if (f.name == name) return &f;
    return nullptr;
}

const std::vector<DataKey>& data_keys() {
    namespace k = data_key;
    static const std::vector<DataKey> table = {
        {k::transcript_id, "string", false, "transcript id (the passage's own id is passage_id)"},
        {k::number, "number", false, "passage number in the transcript, from 0"},
        {k::title, "string", false, "the transcript's title"},
        {k::date, "string", false, "the transcript's date, YYYY, YYYY-MM or YYYY-MM-DD, or empty"},
        {k::language, "string", false, "the record's language"},
        {k::speakers, "array of strings", false, "the transcript's speakers"},
        {k::country, "string", false, "country code"},
        {k::source, "string", false, "source key"},
        {k::url, "string", false, "the original's URL"},
        {k::speaker, "string", false, "who said this passage"},
        {k::passage_language, "string", false, "the passage's own language, as identified"},
        {k::text, "string", false, "the passage"},
        {k::origin, "string", false, "the source file, so an incremental run can tell which transcripts vanished with it"},
        {k::passage_id, "string", false, "the passage id (the Q term's value)"},
        {k::question, "string", true, "for an answer: the question it replies to"},
        {k::is_question, "boolean", true, "this passage is itself a question"},
        {k::group, "string", true, "a group given in the input (a detected one is only in slot 9 and the XG term)"},
        {k::changes, "number", true, "times the transcript changed since the history first saw it (index/transcript_history)"},
    };
    return table;
}

std::string changed_any_term() { return term(prefix_changed, "yes"); }

std::vector<std::string> changed_terms(int changes, const std::vector<int>& years) {
    DRAGOMAN_ASSERT(changes > 0 || years.empty());  // a year of a change is a change
    std::vector<std::string> out;
    if (changes <= 0) return out;
    out.push_back(changed_any_term());
    for (int year : years) out.push_back(term(prefix_changed, std::to_string(year)));
    return out;
}

std::string term(std::string_view prefix, std::string_view value) {
    std::string t(prefix);
    if (!prefix.empty() && !value.empty() && value.front() >= 'A' && value.front() <= 'Z') t += ':';
    t += value;
    return t;
}

std::string id_term(std::string_view prefix, std::string_view value) {
    std::string t = term(prefix, value);
    if (t.size() <= max_term_bytes) return t;
    // 240, not 245: glass stores a NUL byte in a key as two bytes.
    constexpr std::size_t hashed_bytes = 240;
    const std::string digest = sha256_hex(value);
    std::size_t head = hashed_bytes - digest.size() - 1;
    // term() added the prefix and perhaps a ':'; cut there, never inside a UTF-8 character.
    while (head > 0 && (static_cast<unsigned char>(t[head]) & 0xC0) == 0x80) --head;
    t.resize(head);
    t += '\0';
    t += digest;
    return t;
}

std::string transcript_term(std::string_view id) { return id_term(prefix_transcript, id); }

std::string passage_term(std::string_view passage_id) { return id_term(prefix_passage_id, passage_id); }

std::string group_term(std::string_view group) { return id_term(prefix_group, group); }

std::string collapse_key(std::string_view group, std::string_view transcript_id, std::string_view copy) {
    DRAGOMAN_ASSERT(!transcript_id.empty());  // check_record rejects a record without an id
    if (!group.empty()) return "g:" + std::string(group);
    if (!copy.empty()) return "c:" + std::string(copy);
    return "t:" + std::string(transcript_id);
}

std::string facet_values_key(std::string_view year, std::string_view language, std::string_view speaker,
                             std::string_view country, std::string_view source) {
    std::string k;
    k.reserve(year.size() + language.size() + speaker.size() + country.size() + source.size() + 5);
    for (const auto v : {year, language, speaker, country, source}) {
        // The NUL that ends each value is never part of one: check_record rejects it.
        DRAGOMAN_ASSERT(v.find('\0') == std::string_view::npos);
        k += v;
        k += '\0';
    }
    return k;
}

std::vector<std::string_view> split_facet_values_key(std::string_view key) {
    std::vector<std::string_view> values;
    std::size_t start = 0;
    for (std::size_t nul; (nul = key.find('\0', start)) != std::string_view::npos; start = nul + 1)
        values.push_back(key.substr(start, nul - start));
    return values;
}

std::string detected_group(std::string_view smallest_id) {
    std::string g("~");
    g += smallest_id;
    return g;
}

std::string stem_prefix(std::string_view language) {
    std::string p(prefix_stem);
    for (char c : language) p += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return p;
}

}  // namespace dragoman::schema
