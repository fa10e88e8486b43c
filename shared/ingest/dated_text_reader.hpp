// Reader for plain-text articles exported as ` date YYYY-MM-DD <article text>`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/reader.hpp"

namespace dragoman {

/// Reads one article per file: a header ` date YYYY-MM-DD ` (leading space optional)
/// and then the body, paragraphs separated by blank lines. The record's id is
/// `dated:<file stem>`, its date the header's, its title the body's first sentence
/// (at most 120 characters). Language is left empty for identification downstream.
/// A file without the header is still read (date empty, with a warning); a header
/// whose date is impossible rejects the record.
class DatedTextReader final : public Reader {
public:
    [[nodiscard]] std::string name() const override { return "dated-text"; }
    void read(const std::string& path, const RecordSink& records,
              const DiagnosticSink& diagnostics) const override;

    /// The header's date field (`YYYY-MM-DD`-shaped, not yet validated) and the byte
    /// offset where the body starts, or nullopt when `content` has no header.
    struct Header {
        std::string date;
        std::size_t body_offset = 0;
    };
    static std::optional<Header> parse_header(std::string_view content);

    /// The title for `body`: its first sentence or first line, cut at a word
    /// boundary to at most `max_chars` characters.
    static std::string title_of(std::string_view body, std::size_t max_chars = 120);
};

}  // namespace dragoman
