// Citations of one passage: the plain-text quotation and CSL-JSON (citeproc's input
// format), and the passage's permalink path. Every string is sanitized here.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "search/citation.hpp"

namespace dragoman::render {

/// Where a citation is made from.
struct CiteContext {
    /// Base URL of the daemon that serves the permalinks ("http://host:8080"), or "" when
    /// there is none (a local index): the citation then names the passage id instead.
    std::string base_url;
    /// The access date, YYYY-MM-DD (dragoman::utc_today() for now).
    std::string accessed;
};

/// `/p/` + the passage id, percent_encode()d.
std::string permalink_path(std::string_view passage_id);

/// The full permalink (base URL + path), or "" without a base URL.
std::string permalink_url(std::string_view passage_id, const CiteContext& context);

/// The quotation as plain text, one item per line: the question it answers (if any), the
/// passage in quotation marks (white space collapsed to one line, inner double quotes
/// made single), then speaker, title, source and date (as precise as the record: `2021`,
/// `September 2021`, `2021-09-15`), the original URL, and the
/// permalink with the access date. No control characters, bidi overrides or invalid UTF-8.
std::string citation_text(const CitedPassage& passage, const CiteContext& context);

/// One CSL-JSON item (type "speech"), valid against CSL's csl-data.json item schema:
/// title, author (the speaker, as a literal name), issued (as many date-parts as the
/// record's date has: [[2021]], [[2021, 9]], [[2021, 9, 15]]) and accessed date-parts,
/// publisher and source, URL, archive and archive_location (the permalink), language,
/// and under `custom` the quoted text, the question, the passage id and the permalink.
nlohmann::json citation_csl(const CitedPassage& passage, const CiteContext& context);

/// GET /api/passage/{id}: the passage with its metadata, permalink and both citations.
nlohmann::json cited_passage_json(const CitedPassage& passage, const CiteContext& context);

}  // namespace dragoman::render
