// Reader for Markdown transcripts with YAML front matter (the White House briefing archive).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.hpp"

namespace dragoman {

/// Reads one `.md` file into one record. The YAML front matter (between `---`
/// lines) gives `date`, `title`, `source_url` (or `url`), and optionally
/// `language`/`lang`, `country` and `speakers`. The body becomes plain paragraphs:
/// headings and list items are paragraphs of their own, Markdown escapes, emphasis
/// markers, inline HTML and link syntax are removed (`[text](url)` → `text`), and
/// struck-out words (`<s>`, `<del>`) are dropped, as the transcript corrects them.
/// Turn paragraphs keep their label (`MS. PSAKI: ...`; a bare `Q` becomes `Q: ...`);
/// `speakers` lists the distinct upper-case labels except audience-side ones
/// (Q, STAFF, AUDIENCE, PARTICIPANT, END).
///
/// Files of the briefing archive, `.../wh_briefings/<category>/<YYYY-MM>/<YYYY-MM-DD>-<slug>.md`,
/// get id `wh:<category>:<file stem>`, source `wh_briefings` and country USA;
/// other files `md:<file stem>` and source `markdown`. Broken YAML rejects the file
/// with the line of the problem.
class MarkdownReader final : public Reader {
public:
    [[nodiscard]] std::string name() const override { return "markdown"; }
    void read(const std::string& path, const RecordSink& records,
              const DiagnosticSink& diagnostics) const override;

    /// Markdown inline syntax of one paragraph removed: escapes resolved, emphasis
    /// markers, code ticks, HTML tags and link targets dropped, entities decoded.
    /// White space is not folded.
    static std::string strip_inline(std::string_view paragraph);

    /// The upper-case speaker label a paragraph starts with (`MS. PSAKI` for
    /// `MS. PSAKI: Hi`, `Q` for `Q  Thank you` or `Q: ...`), or empty.
    static std::string turn_label(std::string_view paragraph);
};

}  // namespace dragoman
