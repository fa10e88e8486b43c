// Exports of a whole result set, passage by passage: CSV, JSON Lines, RIS and BibTeX. Each
// export is a head (what was searched, in which index generation), one piece per passage
// and a tail (how many passages, whether the export is complete), so that it can be
// written as the passages are read and a result set can be reproduced from it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "render/citation.hpp"
#include "search/passage_walk.hpp"
#include "search/search_types.hpp"

namespace dragoman::render {

enum class ExportFormat { Csv, Jsonl, Ris, Bibtex };

/// The format named `name` (csv, jsonl, ris, bibtex), or nullopt.
std::optional<ExportFormat> export_format(std::string_view name);

/// The format's name, as export_format() reads it.
std::string_view export_format_name(ExportFormat format);

/// The media type of an export (charset utf-8).
std::string_view export_content_type(ExportFormat format);

/// The file name extension of an export, without the dot (csv, jsonl, ris, bib).
std::string_view export_extension(ExportFormat format);

/// What an export says about itself: the search, the walk's start and the citing context
/// (the permalinks' base URL and the access date, which is the export's date).
struct ExportHead {
    const SearchRequest& search;
    const PassageWalkStart& start;
    std::size_t limit = max_walk_passages;
    const CiteContext& context;
};

/// The column names of a CSV export, in order.
const std::vector<std::string>& export_csv_columns();

/// The start of an export:
/// - CSV: a first record `dragoman-export` followed by name, value cells (query, each filter
///   given, sort, generation, matches — "more than LIMIT (about N)" past the limit —, limit,
///   exported), then the record of column names;
/// - JSON Lines: `{"export": {...}}` with the same facts (filters as an object);
/// - RIS: nothing (each record's N1 note carries them);
/// - BibTeX: an `@comment{...}` entry stating them.
std::string export_head(ExportFormat format, const ExportHead& head);

/// One passage: a CSV record; a JSON object of GET /api/passage's schema; a RIS record of
/// type GEN; a BibTeX @misc entry keyed by its passage id. Each carries the date, speaker,
/// country, source, language, title, the passage's text, its permalink and its plain-text
/// citation. Every string sanitized and escaped for the format.
std::string export_passage(ExportFormat format, const CitedPassage& passage, const ExportHead& head);

/// The end of an export: how many passages it holds and whether it is complete.
/// `error` is a failure that ended it early ("" when none).
/// - CSV: a last record `dragoman-export-end`, passages, N, complete, yes|no, cut, limit|time|error, message;
/// - JSON Lines: `{"end": {"passages": N, "complete": bool, "cut": "limit"|"time"|"error"|null, ...}}`;
/// - RIS: nothing when complete, else a last GEN record whose title says it was cut and why;
/// - BibTeX: an `@comment{...}` entry saying the same.
std::string export_tail(ExportFormat format, const PassageWalkEnd& end, std::string_view error);

}  // namespace dragoman::render
