// Facet counts by value streams: distinct results (a transcript with its language versions)
// per facet value over the visited passages.
#include "search/facet_spy.hpp"

#include <algorithm>
#include <iterator>

#include "schema/passage.hpp"
#include "schema/schema.hpp"
#include "util/assert.hpp"

namespace dragoman {

namespace {

struct FacetSlot {
    const char* name;
    Xapian::valueno slot;
    bool per_transcript;  // the same for every passage of a transcript
};
// In slot order, the order of schema::facet_values_key()'s values.
constexpr FacetSlot facet_slots[] = {
    {"year", schema::slot_year, true},       {"language", schema::slot_language, false},
    {"speaker", schema::slot_speaker, false}, {"country", schema::slot_country, true},
    {"source", schema::slot_source, true},
};
constexpr std::size_t facet_count = std::size(facet_slots);
static_assert(facet_count <= 8, "counted_key() holds the facet in 3 bits");

// The streams: [0] the transcript id, [1, facet_count] the facets, then the collapse key.
constexpr std::size_t transcript_stream = 0;
constexpr std::size_t collapse_stream = facet_count + 1;

std::uint64_t counted_key(std::uint32_t result, std::size_t facet, std::uint32_t value) {
    DRAGOMAN_ASSERT_REL(value, <, std::uint32_t{1} << 29);  // 29 bits between result and facet
    return (std::uint64_t{result} << 32) | (std::uint64_t{value} << 3) | facet;
}

}  // namespace

FacetSpy::FacetSpy(Xapian::Database db, std::size_t databases)
    : m_db(std::move(db)), m_streamed(databases == 1), m_values(facet_count) {
    m_streams.push_back({schema::slot_transcript, {}, {}});
    for (const auto& f : facet_slots) m_streams.push_back({f.slot, {}, {}});
    m_streams.push_back({schema::slot_collapse, {}, {}});
    DRAGOMAN_ASSERT_REL(m_streams.size(), ==, collapse_stream + 1);
}

void FacetSpy::rewind() {
    for (auto& s : m_streams) {
        s.it = m_db.valuestream_begin(s.slot);
        s.end = m_db.valuestream_end(s.slot);
    }
    m_open = true;
}

const std::string& FacetSpy::value(std::size_t stream, const Xapian::Document& doc, Xapian::docid did) {
    Stream& s = m_streams[stream];
    if (!m_streamed) {
        m_value = doc.get_value(s.slot);
    } else {
        if (s.it != s.end && s.it.get_docid() < did) s.it.skip_to(did);
        // Streams only move forward: operator() rewinds them before a docid not above the last.
        DRAGOMAN_ASSERT(s.it == s.end || s.it.get_docid() >= did);
        if (s.it != s.end && s.it.get_docid() == did) m_value = *s.it;
        else m_value.clear();
    }
    return m_value;
}

void FacetSpy::start_transcript(const Xapian::Document& doc, Xapian::docid did) {
    // Counted per result, as `total` counts: the language versions of one transcript share
    // its collapse key, so together they count once per value.
    std::string collapse_key = value(collapse_stream, doc, did);
    // "g:" + the group, "c:" + the text's hash, or "t:" + this very transcript's id
    // (schema::collapse_key).
    DRAGOMAN_ASSERT(collapse_key.empty() || collapse_key.rfind("g:", 0) == 0 || collapse_key.rfind("c:", 0) == 0 ||
                    collapse_key == schema::collapse_key("", m_current, ""));
    if (collapse_key.empty()) collapse_key = m_current;  // an index older than slot_collapse
    auto [it, added] = m_result_numbers.try_emplace(std::move(collapse_key), static_cast<std::uint32_t>(m_result_numbers.size()));
    m_result = it->second;
    // Passages of one result are usually visited one after the other; when they are not
    // (its versions, or passages an incremental run appended), what was counted for it
    // already is looked up.
    m_revisit = !added;
    m_revisited.clear();
    if (m_result >= m_last_counted.size()) m_last_counted.resize(m_result + 1, UINT32_MAX);
    if (m_revisit)
        for (auto i = m_last_counted[m_result]; i != UINT32_MAX; i = m_counted[i].previous) {
            DRAGOMAN_ASSERT_REL(m_counted[i].key >> 32, ==, m_result);
            m_revisited.insert(m_counted[i].key);
        }
    for (std::size_t f = 0; f < facet_count; ++f)
        if (facet_slots[f].per_transcript) count(f, value(f + 1, doc, did));
}

std::uint32_t FacetSpy::value_number(std::size_t facet, const std::string& value) {
    Values& v = m_values[facet];
    const auto [it, added] = v.index.try_emplace(value, static_cast<std::uint32_t>(v.names.size()));
    if (added) {
        v.names.push_back(value);
        v.counts.push_back(0);
        v.last_result.push_back(UINT32_MAX);
        v.skip.push_back(facet_slots[facet].slot == schema::slot_speaker && is_question_label(value));
    }
    return it->second;
}

const std::string& FacetSpy::counted_as(std::size_t facet, const std::string& value) const {
    return m_speakers && facet_slots[facet].slot == schema::slot_speaker ? m_speakers->name_of(value) : value;
}

void FacetSpy::count(std::size_t facet, const std::string& value) {
    if (value.empty()) return;
    Values& v = m_values[facet];
    const std::uint32_t i = value_number(facet, counted_as(facet, value));
    if (v.skip[i] || v.last_result[i] == m_result) return;
    v.last_result[i] = m_result;
    const std::uint64_t key = counted_key(m_result, facet, i);
    if (m_revisit && m_revisited.count(key)) return;
    DRAGOMAN_ASSERT_REL(m_result, <, m_last_counted.size());
    m_counted.push_back({key, m_last_counted[m_result]});
    m_last_counted[m_result] = static_cast<std::uint32_t>(m_counted.size() - 1);
    ++v.counts[i];
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++m_documents;
    const Xapian::docid did = doc.get_docid();
    if (m_streamed && (!m_open || did <= m_last_did)) rewind();  // first visit, or going back
    m_last_did = did;

    const std::string& transcript = value(transcript_stream, doc, did);
    if (m_result == UINT32_MAX || transcript != m_current) {
        m_current = transcript;
        start_transcript(doc, did);
    }
    DRAGOMAN_ASSERT_REL(m_result, <, m_result_numbers.size());
    for (std::size_t f = 0; f < facet_count; ++f)
        if (!facet_slots[f].per_transcript) count(f, value(f + 1, doc, did));
}

std::size_t FacetSpy::number_of_facets() { return facet_count; }

Xapian::valueno FacetSpy::facet_slot(std::size_t facet) { return facet_slots[facet].slot; }

void FacetSpy::add(std::size_t facet, const std::string& collapse_key, const std::string& value) {
    DRAGOMAN_ASSERT_REL(facet, <, facet_count);
    const auto number = m_result_numbers.try_emplace(collapse_key, static_cast<std::uint32_t>(m_result_numbers.size()));
    if (value.empty()) return;
    Values& v = m_values[facet];
    const std::uint32_t i = value_number(facet, counted_as(facet, value));
    if (!v.skip[i] && m_added.insert(counted_key(number.first->second, facet, i)).second) ++v.counts[i];
}

Facets FacetSpy::facets(std::size_t per_facet) const {
    Facets out;
    for (std::size_t f = 0; f < facet_count; ++f) {
        const Values& values = m_values[f];
        std::vector<std::pair<std::string, std::size_t>> v;
        for (std::size_t i = 0; i < values.names.size(); ++i)
            if (values.counts[i] > 0) v.emplace_back(values.names[i], values.counts[i]);
        const bool by_value = facet_slots[f].slot == schema::slot_year;
        std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
            if (by_value) return a.first < b.first;
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (!by_value && v.size() > per_facet) v.resize(per_facet);
        out[facet_slots[f].name] = std::move(v);
    }
    return out;
}

}  // namespace dragoman
