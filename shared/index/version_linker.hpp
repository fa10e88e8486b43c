// Detection of language versions: the same transcript published in several languages
// (the UN's six; a ministry's Russian and English pages) linked into one group by what
// translations keep: source, date, numbers and symbols, names, turn/paragraph structure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "schema/transcript.hpp"

namespace dragoman {

/// What the linker knows of one transcript: small (a few hundred bytes), so a whole
/// index's signatures fit in memory and are kept in the index beside the transcript.
/// Built from the record's source, date, language, title and text; never from its id
/// (ids of versions often share a stem: that is left as the ground truth to measure by).
struct VersionSignature {
    std::string id;        ///< the transcript this describes (a key, not a feature)
    std::string source;
    std::string date;
    std::string language;  ///< declared, else identified from the text; "" = cannot link
    std::vector<std::uint32_t> numbers;     ///< hashes of digit runs and symbols (A/69/767), sorted, unique
    std::vector<std::uint32_t> names;       ///< hashes of capitalised words' transliteration keys, sorted, unique
    std::vector<std::uint16_t> paragraphs;  ///< each paragraph's share of the text, per 10,000 (at most 400)
    std::uint32_t paragraph_count = 0;
    std::uint32_t turn_count = 0;           ///< paragraphs that open a speaker turn
};

/// The signature of `t`.
VersionSignature make_version_signature(const Transcript& t);

/// Compact bytes for a value slot, and back. `decode` returns false on bytes it cannot read.
std::string encode_signature(const VersionSignature& s);
bool decode_signature(const std::string& bytes, VersionSignature& out);

/// Tunables of the detector (the defaults are the measured ones, docs/versions.md).
struct LinkOptions {
    double threshold = 0.5;  ///< least pair score that links two transcripts
};

/// The score of a pair (0..1), its features weighed by how few of the two hold them (as
/// link_versions weighs them across a whole block of one source and date, where rare
/// shared numbers and names weigh most). 0 when the two cannot be versions (same language,
/// different source or date, unknown language).
double version_score(const VersionSignature& a, const VersionSignature& b);

/// Links `signatures` into groups: pairs of one source and date in different languages
/// scoring at least the threshold, strongest first, each group holding at most one
/// transcript per language. Returns, parallel to the input, each transcript's group
/// label ("~" + the smallest id in the group) or "" when it has no other version.
std::vector<std::string> link_versions(const std::vector<VersionSignature>& signatures,
                                       const LinkOptions& options = {});

}  // namespace dragoman
