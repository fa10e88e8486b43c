// Reader for HTML transcript pages (the en.kremlin.ru print pages, and article pages generally).
#pragma once

#include <string>

#include "ingest/reader.hpp"

namespace dragoman {

/// Reads one HTML page into one record, with an HTML5 parser (gumbo), so entities,
/// unclosed tags and comments are handled as browsers handle them.
///
/// The article body is the element marked `itemprop="articleBody"` (plus the lead
/// marked `itemprop="description"` before it), else `<article>`, else `<main>`, else
/// `<body>`; scripts, styles, navigation, media, forms and hidden elements (`hidden`,
/// `aria-hidden`, the Kremlin site's `masha-ignore` tooltips and galleries) are
/// skipped. Each block element is a paragraph; headings are kept as paragraphs.
/// A paragraph starting with a bold label followed by a colon
/// (`<b>President of Russia Vladimir Putin</b>: ...`) is a turn and reads
/// `President of Russia Vladimir Putin: ...`; `speakers` are the distinct labels.
///
/// Date: `<time datetime>` (the published one first) or the usual meta tags; a page
/// without one gets an empty date. Title: `<h1>`, else `og:title`, else `<title>`.
/// Language: `<html lang>`. Pages of the Kremlin archive
/// (`.../events/president/news/<id>/print.html`) get id `kremlin_en:<id>`, source
/// `kremlin_en`, country RUS and the page's canonical URL; other pages `html:<file stem>`.
/// A page declaring a legacy charset (windows-1251, koi8-r, ...) is converted to UTF-8.
class HtmlReader final : public Reader {
public:
    [[nodiscard]] std::string name() const override { return "html"; }
    void read(const std::string& path, const RecordSink& records,
              const DiagnosticSink& diagnostics) const override;
};

}  // namespace dragoman
