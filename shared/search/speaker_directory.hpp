// The persons behind an index's speaker labels: `М.В.Захарова`, `Мария Захарова`, `Maria
// Zakharova` and `Zakharova` are one speaker in facets, in `speaker:`, in "who says it most"
// and in trends; `Ilham Aliyev` and `Elmar Aliyev` stay two.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/error.hpp"

namespace dragoman {

/// A speaker label read as a person's name: the transliteration keys (text::translit_key)
/// of the surname and of the given names or initials before it, titles and roles left out
/// (`President of Russia Vladimir Putin` → vladimir putin; `MS. PSAKI` → psaki).
struct SpeakerName {
    struct Given {
        std::string key;
        bool initial = false;  ///< one letter (`М.`, `W.`)
    };
    std::string surname;       ///< the last word's key (a hyphenated surname as one word)
    std::vector<Given> given;  ///< in the order written
    std::string whole;         ///< the keys of every name word joined, in the order written
    bool titled = false;       ///< a title, role or honorific was left out
    bool shortened = false;    ///< given names before the one nearest the surname were left out with it
    bool all_capitals = false; ///< written in capitals (`MS. JEAN-PIERRE`)
};

/// The name in `label`; nullopt for a label that names nobody (`Q`, `THE PRESIDENT`, a label
/// without letters).
std::optional<SpeakerName> parse_speaker_name(std::string_view label);

/// Whether two names of one surname may be one person: the given names agree position by
/// position (an initial agrees with a name of its letter) as far as both go, counted from the
/// surname when either was shortened after a title; beyond that, only initials and patronymics
/// (John Adams is not John Quincy Adams; Joseph R. Biden is Joseph Biden). A name without
/// given names agrees with any.
bool compatible_names(const SpeakerName& a, const SpeakerName& b);

/// Decisions an operator writes down (data/speakers.txt): labels that are one person though
/// the rule keeps them apart, and labels the rule must never put together.
struct SpeakerMerges {
    std::vector<std::vector<std::string>> same;       ///< each: labels of one person
    std::vector<std::pair<std::string, std::string>> different;

    /// Parses `content`: `same: A | B | C` and `different: A | B` lines, `#` comments.
    /// BadParameter naming the line when one is neither.
    static Result<SpeakerMerges> parse(std::string_view content);
    /// Loads a file; BadParameter when it cannot be read or parsed.
    static Result<SpeakerMerges> load(const std::string& path);
    /// The file shipped with Dragoman; empty when it is not installed.
    static const SpeakerMerges& shipped();
};

/// One speaker label of an index with the passages it labels in one source and year.
struct SpeakerLabel {
    std::string label;
    std::string source;
    std::string year;  ///< YYYY, or empty when undated
    std::size_t passages = 0;
};

/// One person: the labels that name them.
struct Person {
    std::string name;                   ///< shown: the most frequent full name written without title or capitals
    std::vector<std::string> variants;  ///< every label, most passages first
    std::size_t passages = 0;
};

/// The persons of a set of speaker labels. Immutable once built; safe to read from
/// several threads.
///
/// The rule, decided from the corpus' labels (bench/speakers: precision and recall on
/// hand-checked pairs): labels of one surname key are one person when their given names
/// agree (compatible_names) with every label already in that person, the most specific
/// names placed first, and a name that agrees with two persons (`George Bush` beside
/// George H. W. and George W.) stays apart; a name written family name first (`Macron
/// Emmanuel`) agrees with its reverse. A label of a surname alone joins the one person of
/// that surname who speaks in the same source within five years, and otherwise stays apart:
/// a shared surname is no evidence, nor is a source of seventy years (`Mr. Abe` of 1985 in
/// the General Debate is not Shinzo Abe of 2015). A label with no space (a Chinese name) joins the person whose whole name
/// it spells (华春莹 = Hua Chunying). `merges` then joins and keeps apart as written.
class SpeakerDirectory {
public:
    SpeakerDirectory() = default;
    SpeakerDirectory(const std::vector<SpeakerLabel>& labels, const SpeakerMerges& merges);

    /// The person `label` belongs to; nullptr for a label the directory was not built with.
    const Person* person_of(std::string_view label) const;
    /// person_of(label)->name, or `label` itself.
    const std::string& name_of(const std::string& label) const;
    /// The persons a typed name may mean (`speaker:"Maria Zakharova"`, `speaker:Aliyev`):
    /// every person of the surname whose labels agree with the typed given names, and every
    /// person with a label that spells the typed name whole (`"Hua Chunying"`: 华春莹).
    std::vector<const Person*> persons_named(std::string_view typed) const;

    const std::vector<Person>& persons() const { return m_persons; }
    bool empty() const { return m_persons.empty(); }

private:
    std::vector<Person> m_persons;
    std::unordered_map<std::string, std::size_t> m_person_of;   // label → person
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_surname;  // surname key → persons
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_whole;    // whole-name key → persons
    std::unordered_map<std::string, SpeakerName> m_names;     // label → its name
};

}  // namespace dragoman
