// Reader for ParlaMint TEI session files: one transcript per utterance `<u>`.
#pragma once

#include <string>

#include "ingest/reader.hpp"

namespace dragoman {

/// Reads a ParlaMint TEI session file (`ParlaMint-XX_<session>.xml`, plain or
/// linguistically annotated `.ana.xml`). Every `<u>` becomes one record: id
/// `parlamint_tr:<u xml:id>` for the Turkish parliament, `parlamint:<u xml:id>` for
/// the others; text = its `<seg>` elements as paragraphs (transcriber notes, gaps
/// and vocal/kinesic descriptions left out); one explicit turn per run of segments
/// in one language, so a speaker's switch of language is kept.
///
/// Speakers (`who="#Durmuş.Yılmaz"`) are resolved through the corpus root, the
/// `ParlaMint-XX.xml` file without `_` beside the session file (or one directory up),
/// including a `-listPerson.xml` it references; the root is read once per process
/// and directory. Without it, names are derived from the ids (`Durmuş Yılmaz`) and a
/// warning says so. Date, language and country come from the TEI header; the title
/// reads `Türkiye Büyük Millet Meclisi, 2018-07-07 — Durmuş Yılmaz`.
///
/// The corpus root itself (`<teiCorpus>` with only includes) yields no records and
/// no diagnostics. An utterance without text is reported with its line.
class ParlamintReader final : public Reader {
public:
    [[nodiscard]] std::string name() const override { return "parlamint-tei"; }
    void read(const std::string& path, const RecordSink& records,
              const DiagnosticSink& diagnostics) const override;
};

}  // namespace dragoman
