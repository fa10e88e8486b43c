// Term generation per the schema: folded words with positions, exact forms, stems in the
// passage's own language, transliteration keys, and the boolean filter terms.
#include "index/passage_document.hpp"

#include "schema/date.hpp"
#include "schema/passage_data.hpp"
#include "schema/passage_id.hpp"
#include "schema/quote_fingerprint.hpp"
#include "schema/schema.hpp"
#include "schema/token_layout.hpp"
#include "schema/word_terms.hpp"
#include "index/version_linker.hpp"
#include "text/language_identifier.hpp"
#include "text/normalizer.hpp"
#include "util/fnv1a.hpp"

namespace dragoman {

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

/// Title words (`key_prefix` empty) or speaker name words with their transliteration keys.
void add_words(Xapian::Document& doc, text::Analyzer& analyzer, const std::string& text,
               std::string_view language, std::string_view prefix, std::string_view key_prefix) {
    for (const auto& tok : analyzer.tokenize(text, language)) {
        const auto names = schema::name_terms(tok, prefix, key_prefix);
        if (!names.word.empty()) doc.add_term(names.word);
        for (const auto& key : names.keys) doc.add_term(key);
    }
}

/// 16 hex digits.
std::string hex64(std::uint64_t h) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

std::string record_hash(const Transcript& t) {
    // FNV-1a 64 over every field, each followed by a 0xff byte (no field holds one: UTF-8):
    // stable across runs and platforms.
    std::uint64_t h = fnv1a64_offset_basis;
    auto mix = [&](std::string_view s) { h = fnv1a64("\xff", fnv1a64(s, h)); };
    for (const auto* f : {&t.id, &t.source, &t.language, &t.date, &t.title, &t.country, &t.url, &t.text, &t.group})
        mix(*f);
    for (const auto& s : t.speakers) mix(s);
    for (const auto& turn : t.turns) {
        mix(turn.speaker);
        mix(turn.text);
        mix(turn.language);
    }
    return hex64(h);
}

std::string copy_key(const Transcript& t) {
    std::uint64_t h = fnv1a64_offset_basis;
    auto mix = [&](std::string_view s) { h = fnv1a64("\xff", fnv1a64(s, h)); };
    mix(t.text);
    for (const auto& turn : t.turns) mix(turn.text);
    return hex64(h);
}

Xapian::Document build_passage_document(text::Analyzer& analyzer, const Transcript& t,
                                        const Passage& passage, const std::string& origin,
                                        const std::string& hash, const std::string& copy, const ChangeMark& mark) {
    using namespace schema;
    Xapian::Document doc;
    const std::string language = text::identify_language(passage.text, passage.language);

    // Free text: every term of each word (schema/word_terms), the folded form with positions.
    const auto tokens = analyzer.tokenize(passage.text, language);
    std::vector<WordTerms> terms;
    terms.reserve(tokens.size());
    for (const auto& tok : tokens) {
        const auto& w = terms.emplace_back(word_terms(tok, language));
        if (w.folded.empty()) continue;
        doc.add_posting(w.folded, tok.position);
        w.for_each([&](const std::string& term_of_word) {
            if (&term_of_word != &w.folded) doc.add_term(term_of_word);
        });
    }

    // Quote provenance and talking points: boolean terms, no positions (schema/quote_fingerprint).
    for (const auto& fingerprint : passage_fingerprint_terms(tokens)) doc.add_boolean_term(fingerprint);
    for (const auto& sentence : passage_sentences(passage.text, tokens, analyzer.sentence_ends(passage.text)))
        doc.add_boolean_term(sentence.term);

    add_words(doc, analyzer, t.title, t.language, prefix_title, {});
    add_words(doc, analyzer, passage.speaker, {}, prefix_speaker, prefix_speaker_key);
    if (!passage.question.empty()) add_words(doc, analyzer, passage.question, language, prefix_asked, {});

    // The permalink id: split_passages derives it from the transcript id and the text.
    const std::string pid = passage.id.empty() ? t.id + "~" + passage_content_key(passage.text) : passage.id;
    doc.add_boolean_term(passage_term(pid));
    doc.add_boolean_term(transcript_term(t.id));
    if (!language.empty()) doc.add_boolean_term(term(prefix_language, language));
    if (!t.country.empty()) doc.add_boolean_term(term(prefix_country, lower(t.country)));
    if (!t.source.empty()) doc.add_boolean_term(term(prefix_source, lower(t.source)));
    if (!t.group.empty()) doc.add_boolean_term(group_term(t.group));
    const std::string date_key = date_sort_key(t.date);
    if (!date_key.empty()) {
        doc.add_boolean_term(term(prefix_year, date_key.substr(0, 4)));
        // A date known only to the year has no month: it is in no month's term (nor in
        // any month of a per-month trend), where "YYYY-01-01" used to put it in January.
        if (date_key.size() >= 6) doc.add_boolean_term(term(prefix_month, date_key.substr(0, 6)));
        doc.add_value(slot_year, date_key.substr(0, 4));
    }

    doc.add_value(slot_date, date_key);
    doc.add_value(slot_transcript, t.id);
    doc.add_value(slot_language, language);
    doc.add_value(slot_speaker, passage.speaker);
    doc.add_value(slot_country, t.country);
    doc.add_value(slot_source, t.source);
    doc.add_value(slot_facets, facet_values_key(date_key.substr(0, 4), language, passage.speaker, t.country, t.source));
    doc.add_value(slot_content_hash, hash);
    // A given group is final; otherwise the version pass after the run may fill these in.
    doc.add_value(slot_group, t.group);
    doc.add_value(slot_copy, copy);
    if (!copy.empty()) doc.add_boolean_term(term(prefix_copy, copy));
    doc.add_value(slot_collapse, collapse_key(t.group, t.id, copy));
    for (const auto& changed : changed_terms(mark.changes, mark.years)) doc.add_boolean_term(changed);
    if (passage.number == 0 && t.group.empty()) doc.add_value(slot_version_signature, encode_signature(make_version_signature(t)));
    doc.add_value(slot_token_layout, encode_token_layout(make_token_layout(tokens, terms, sorted_word_terms(doc))));

    PassageData data;
    data.transcript_id = t.id;
    data.number = passage.number;
    data.title = t.title;
    data.date = t.date;
    data.language = t.language;
    data.speakers = t.speakers;
    data.country = t.country;
    data.source = t.source;
    data.url = t.url;
    data.speaker = passage.speaker;
    data.passage_language = language;
    data.text = passage.text;
    data.origin = origin;
    data.passage_id = pid;
    data.question = passage.question;
    data.is_question = passage.is_question;
    data.group = t.group;
    data.changes = static_cast<std::size_t>(std::max(0, mark.changes));
    doc.set_data(encode_passage_data(data));
    return doc;
}

}  // namespace dragoman
