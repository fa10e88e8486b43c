// Reader for ParlaMint plain-text exports: `ParlaMint-XX_<session>.txt` plus `-meta.tsv`.
#pragma once

#include <string>

#include "ingest/reader.hpp"

namespace dragoman {

/// Reads a ParlaMint text export: one speech per line, `<speech ID><TAB><text>`,
/// with its metadata in the sibling `<same name>-meta.tsv` (one row per speech,
/// columns named by its header, which varies between parliaments). Each speech is
/// one record: id `parlamint:<speech ID>`, speaker from `Speaker_name` reordered to
/// "Forename Surname", language from `Lang` (a language name such as `Deutsch`),
/// country from the parliament code, title = the session title, speaker and party.
/// Transcriber notes in `[[...]]` are left out, as in the TEI reader. Speech ids that
/// differ only by `.ana` between the two files still match. A missing metadata file
/// or row is a warning: the speech is indexed with what the file name tells.
class ParlamintTxtReader final : public Reader {
public:
    [[nodiscard]] std::string name() const override { return "parlamint-txt"; }
    void read(const std::string& path, const RecordSink& records,
              const DiagnosticSink& diagnostics) const override;
};

}  // namespace dragoman
