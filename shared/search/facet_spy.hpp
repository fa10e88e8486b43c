// Facet counts of a search: distinct matching results per year, language, speaker, country
// and source, gathered by a Xapian match spy over the passages the matcher visits.
//
// Words, as in the searcher: a *transcript* is one record (its passages share
// slot_transcript); a *result* is what a search lists once, a transcript with its language
// versions; its *collapse key* (slot_collapse, schema::collapse_key) names it.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "search/search_types.hpp"
#include "search/speaker_directory.hpp"

namespace dragoman {

/// Counts distinct results per facet value: all passages of one result (of its transcript
/// and of that transcript's language versions, which share its collapse key) count once.
///
/// Why not `doc.get_value()` per slot: over one database, values are read from its value
/// streams in the order the matcher visits documents (ascending docids), which is ~30%
/// cheaper. Over several (shards), the matcher hands the spy each shard's own docids, which
/// do not say the shard, so values are read from the document. Year, country and source
/// belong to the transcript, so they are read once per transcript; language and speaker once
/// per passage. A passage of a result already counted adds nothing, whatever the order of
/// visits, so the counts are exact for the passages visited (Searcher decides how many: see
/// facet_check_bound).
class FacetSpy final : public Xapian::MatchSpy {
public:
    /// `databases`: how many databases `db` combines (value streams are used only for one).
    FacetSpy(Xapian::Database db, std::size_t databases);
    void operator()(const Xapian::Document& doc, double weight) override;

    /// Counts, most frequent first (years in order, all of them), at most `per_facet` values.
    Facets facets(std::size_t per_facet) const;
    /// Passages counted.
    std::size_t documents() const { return m_documents; }
    /// Distinct results (collapse keys) among the passages counted: the search's total when
    /// every matching passage was counted.
    std::size_t results() const { return m_result_numbers.size(); }

    /// The facets, numbered 0..number_of_facets()-1, and the value slot of each.
    static std::size_t number_of_facets();
    static Xapian::valueno facet_slot(std::size_t facet);
    /// Counts a passage of the result named `collapse_key` whose value of `facet` is
    /// `value`, for passages listed elsewhere than in this process's matcher (remote shards,
    /// which cannot run this spy). Any order; a (result, facet, value) counts once.
    void add(std::size_t facet, const std::string& collapse_key, const std::string& value);
    /// Sets the number of passages counted by add().
    void set_documents(std::size_t passages) { m_documents = passages; }
    /// Counts speakers as persons: each label under its person's name (`directory` outlives
    /// the spy). Without it, every label counts as itself.
    void set_speakers(const SpeakerDirectory* directory) { m_speakers = directory; }

private:
    struct Stream {
        Xapian::valueno slot;
        Xapian::ValueIterator it, end;
    };
    /// The value of stream `s` for the visited document ("" when it has none).
    const std::string& value(std::size_t s, const Xapian::Document& doc, Xapian::docid did);
    void rewind();
    /// A run of passages of another transcript begins: looks up (or numbers) its result and
    /// counts the per-transcript facets.
    void start_transcript(const Xapian::Document& doc, Xapian::docid did);
    void count(std::size_t facet, const std::string& value);
    /// The value `value` of `facet` counts as: a speaker label as its person's name.
    const std::string& counted_as(std::size_t facet, const std::string& value) const;
    /// The number of `value` among facet `facet`'s values, added on first sight.
    std::uint32_t value_number(std::size_t facet, const std::string& value);

    struct Values {
        std::unordered_map<std::string, std::uint32_t> index;
        std::vector<std::string> names;
        std::vector<std::size_t> counts;
        std::vector<std::uint32_t> last_result;      // the result last counted per value
        std::vector<bool> skip;                      // labels that are not facet values
    };

    Xapian::Database m_db;
    bool m_streamed;      // values from value streams (one database)
    bool m_open = false;
    std::vector<Stream> m_streams;  // [0] the transcript id, then one per facet, then the collapse key
    std::vector<Values> m_values;   // per facet
    std::unordered_map<std::string, std::uint32_t> m_result_numbers;  // by collapse key
    std::string m_current;  // the current transcript's id
    std::uint32_t m_result = UINT32_MAX;           // the number of the current transcript's result
    bool m_revisit = false;                        // the current result was seen before
    /// (result, facet, value) counted so far, each with the index of the same result's
    /// previous entry (UINT32_MAX for its first): a chain per result, so that a revisit reads
    /// only its own result's entries. Scanning all of them on every revisit cost 60% of the
    /// spy's instructions on the real corpus (1.49 G of 5.16 G for 40 page requests; with the
    /// chain: 0.59 G).
    struct Counted {
        std::uint64_t key;
        std::uint32_t previous;
    };
    std::vector<Counted> m_counted;
    std::vector<std::uint32_t> m_last_counted;     // per result, its newest entry in m_counted
    std::unordered_set<std::uint64_t> m_revisited; // the current result's counted keys, on a revisit
    std::unordered_set<std::uint64_t> m_added;     // (result, facet, value) counted by add()
    Xapian::docid m_last_did = 0;
    std::size_t m_documents = 0;
    std::string m_value;  // the last value read
    const SpeakerDirectory* m_speakers = nullptr;
};

}  // namespace dragoman
