// THE index schema: every term prefix, value slot, document-data key and query field name
// lives here and nowhere else. The writer and the searcher both include this file; docs/schema.md is
// checked against it by a test.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dragoman::schema {

/// How a field's text becomes terms.
enum class FieldKind {
    Text,     ///< analysed free text (positions, folded, stems, transliteration keys)
    Words,    ///< analysed words, no positions (titles, speaker names)
    Keyword,  ///< one lower-cased boolean term per value (language, country, source)
    Date,     ///< year and month boolean terms plus a sortable value
    Id,       ///< unique identifier term
};

/// One row of the field table: what the index holds under one term prefix.
struct Field {
    std::string_view name;     ///< the index field's name (query_fields() says which query field searches it)
    std::string_view prefix;   ///< Xapian term prefix ("" = unprefixed free text)
    FieldKind kind;
    std::string_view help;     ///< one line for docs/schema.md
};

// Term prefixes (Xapian Omega's conventions where one exists).
inline constexpr std::string_view prefix_passage_id = "Q";      ///< unique passage id (permalink), see passage_id.hpp
inline constexpr std::string_view prefix_transcript = "XID";    ///< transcript id (all its passages)
inline constexpr std::string_view prefix_language = "L";        ///< passage language
inline constexpr std::string_view prefix_speaker = "A";         ///< speaker name words, folded
inline constexpr std::string_view prefix_speaker_key = "XA";    ///< speaker name transliteration keys
inline constexpr std::string_view prefix_country = "XC";        ///< country code, lower case
inline constexpr std::string_view prefix_source = "XS";         ///< source key, lower case
inline constexpr std::string_view prefix_title = "S";           ///< title words, folded
inline constexpr std::string_view prefix_year = "Y";            ///< YYYY
inline constexpr std::string_view prefix_month = "M";           ///< YYYYMM (none on a date known only to the year)
inline constexpr std::string_view prefix_stem = "Z";            ///< Z + LANG + stem, e.g. "ZENcooper"
inline constexpr std::string_view prefix_exact = "XE";          ///< exact (unfolded) form when it differs
inline constexpr std::string_view prefix_translit = "XT";       ///< cross-script transliteration key
inline constexpr std::string_view prefix_asked = "XQ";          ///< words of the question an answer replies to
inline constexpr std::string_view prefix_group = "XG";          ///< language-version group
inline constexpr std::string_view prefix_copy = "XK";           ///< the hash of the transcript's text (slot_copy)
inline constexpr std::string_view prefix_fingerprint = "XH";    ///< a winnowed shingle hash (schema/quote_fingerprint)
inline constexpr std::string_view prefix_sentence = "XR";       ///< the hash of a sentence's folded words (schema/quote_fingerprint)
inline constexpr std::string_view prefix_changed = "XU";        ///< "XUyes" on a changed transcript, "XU" + YYYY per year it changed in

/// The `changed:` terms of a transcript that changed `changes` times, in the UTC `years` of
/// the runs that saw the changes (index/transcript_history): none when it never changed.
std::vector<std::string> changed_terms(int changes, const std::vector<int>& years);
/// The term every changed transcript's passages hold.
std::string changed_any_term();

/// The table of fields, in documentation order.
const std::vector<Field>& fields();

/// Field names of the query language (`speaker:zakharova`). The filters among them are also
/// the filter parameters of /api/search and dragoman-search (`lang=`, `--lang`).
namespace query_field {
inline constexpr std::string_view speaker = "speaker";
inline constexpr std::string_view lang = "lang";
inline constexpr std::string_view language = "language";  ///< another name of `lang`
inline constexpr std::string_view country = "country";
inline constexpr std::string_view source = "source";
inline constexpr std::string_view title = "title";
inline constexpr std::string_view asked = "asked";
inline constexpr std::string_view date = "date";
inline constexpr std::string_view year = "year";  ///< another name of `date`
inline constexpr std::string_view id = "id";      ///< the TRANSCRIPT id (`XID`), not the passage id (`Q`)
inline constexpr std::string_view group = "group";
inline constexpr std::string_view across = "across";  ///< `across:yes`: words also searched as their translations
inline constexpr std::string_view changed = "changed";  ///< `changed:yes`, `changed:no`, `changed:2024..2025` (prefix_changed)
}  // namespace query_field

/// One field of the query language.
struct QueryField {
    std::string_view name;      ///< as typed before the colon
    std::string_view searches;  ///< the fields() rows or value slot it matches (for docs/schema.md)
    bool filter;                ///< matches without weight, and ANDs with the whole query even inside an OR chain
    bool parameter;             ///< also a filter parameter of /api/search and an option of dragoman-search
    std::string_view help;      ///< one line for docs/schema.md
};

/// The fields of the query language, in documentation order.
const std::vector<QueryField>& query_fields();

/// The query field called `name`, or nullptr when there is none.
const QueryField* find_query_field(std::string_view name);

/// Keys of the document data, the JSON object stored with each passage
/// (schema/passage_data.hpp writes and reads it).
namespace data_key {
inline constexpr std::string_view transcript_id = "id";  ///< the transcript's id; the passage's is passage_id
inline constexpr std::string_view number = "n";
inline constexpr std::string_view title = "title";
inline constexpr std::string_view date = "date";
inline constexpr std::string_view language = "language";
inline constexpr std::string_view speakers = "speakers";
inline constexpr std::string_view country = "country";
inline constexpr std::string_view source = "source";
inline constexpr std::string_view url = "url";
inline constexpr std::string_view speaker = "speaker";
inline constexpr std::string_view passage_language = "passage_language";
inline constexpr std::string_view text = "text";
inline constexpr std::string_view origin = "origin";
inline constexpr std::string_view passage_id = "passage_id";
inline constexpr std::string_view question = "question";
inline constexpr std::string_view is_question = "is_question";
inline constexpr std::string_view group = "group";
inline constexpr std::string_view changes = "changes";
}  // namespace data_key

/// One key of the document data.
struct DataKey {
    std::string_view key;
    std::string_view type;   ///< JSON type: "string", "number", "boolean", "array of strings"
    bool optional;           ///< stored only when set (non-empty, true)
    std::string_view help;   ///< one line for docs/schema.md
};

/// The keys of the document data, in documentation order.
const std::vector<DataKey>& data_keys();

/// Value slots.
enum Slot : Xapian::valueno {
    slot_date = 0,        ///< YYYY, YYYYMM or YYYYMMDD as precise as the record (empty when unknown): sort, date ranges, trends
    slot_transcript = 1,  ///< transcript id (the collapse key is slot_collapse)
    slot_year = 2,        ///< YYYY: year facet
    slot_language = 3,    ///< passage language: language facet
    slot_speaker = 4,     ///< passage speaker: speaker facet
    slot_country = 5,     ///< country: country facet
    slot_source = 6,      ///< source: source facet
    // 7: not written since schema 8 (a passage's number is in its document data; nothing read the slot)
    slot_content_hash = 8,///< hash of the transcript's record (incremental runs)
    slot_group = 9,       ///< language-version group, given or detected ("" = none)
    slot_collapse = 10,   ///< the collapse key: collapse_key(group, id, copy)
    slot_version_signature = 11, ///< version-detection signature, on passage 0 of transcripts without a given group
    slot_facets = 12,     ///< slots 2-6 in one: facet_values_key() (facets over remote shards in one pass)
    slot_token_layout = 13, ///< the passage's words and their terms (token_layout.hpp): highlighting without analysis
    slot_copy = 14,       ///< the hash of the transcript's text (index/passage_document copy_key): identical copies are one result
};

/// Slots 2-6 (year, language, speaker, country, source) in one value, each followed by a
/// NUL byte (a record's fields hold none), so that one match sorted by it carries every
/// facet value of each passage as its sort key.
std::string facet_values_key(std::string_view year, std::string_view language, std::string_view speaker,
                             std::string_view country, std::string_view source);

/// The values of a facet_values_key(), in slot order; fewer than 5 when the key is malformed.
std::vector<std::string_view> split_facet_values_key(std::string_view key);

/// The collapse key of a passage: its group when it has one (versions of one transcript
/// appear as one result), else the hash of its transcript's text `copy` (identical copies of
/// one text appear as one result), else its transcript id; the kinds cannot collide.
std::string collapse_key(std::string_view group, std::string_view transcript_id, std::string_view copy);

/// The label of a detected group: the smallest id among its versions, marked so it
/// cannot be mistaken for a group given in the input.
std::string detected_group(std::string_view smallest_id);

/// Prefix + term, with Omega's ':' separator when the term starts with a capital
/// letter (so it cannot be read as part of the prefix).
std::string term(std::string_view prefix, std::string_view value);

/// Longest term Xapian's glass backend stores; it refuses longer ones.
inline constexpr std::size_t max_term_bytes = 245;

/// The boolean term of an identifier (transcript id, passage id, group) of any length:
/// term(prefix, value) when that fits in max_term_bytes, so every id the index could hold
/// before (at most 230 bytes) keeps its term; else the prefix, the value's first bytes
/// (whole UTF-8 characters, for a reader of the term list), a NUL byte and the SHA-256
/// of the whole value in hex, 240 bytes in all. Records hold no NUL byte (check_record),
/// so a long value's term is never a short value's; the value itself stays in the
/// document data and the value slots.
std::string id_term(std::string_view prefix, std::string_view value);

/// id_term() of a transcript id: the term on every passage of the transcript.
std::string transcript_term(std::string_view id);

/// id_term() of a passage id: the passage's permalink term.
std::string passage_term(std::string_view passage_id);

/// id_term() of a language-version group.
std::string group_term(std::string_view group);

/// The stem prefix for `language` ("ZEN" for "en").
std::string stem_prefix(std::string_view language);

/// Metadata key under which the index stores its schema version.
inline constexpr std::string_view metadata_schema_version = "dragoman.schema";
inline constexpr std::string_view schema_version = "12";  ///< 2: passage ids from content, not numbers; 3: language-version slots 9-11; 4: slot 12; 5: dates as precise as the record; 6: slot 13; 7: no stem term for a word that is its own stem, no transliteration key for a lowercase word of a cased script; 8: no slot 7, slot 14 and identical copies collapsed, glued initials cut from surnames, BGN keys for Cyrillic, Arabic prefixes off before stemming; 9: the key of a non-Latin name's stem; 10: a speaker word's key of a Latin j read as zh; 11: `XH` shingle fingerprints and `XR` sentence hashes (quote provenance, talking points), `XU` changed terms and the data's `changes`; 12: a number with an ordinal's ending (`7368th`, `7368e`) indexed under the number

}  // namespace dragoman::schema
